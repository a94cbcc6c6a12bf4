// The samplers of @hyperopt/objective (re-exported by the package index).
export { RandomSampler } from './random-sampler.js';
export type { RandomSamplerOptions } from './random-sampler.js';
export { TPESampler } from './tpe/tpe-sampler.js';
export type { TPESamplerOptions } from './tpe/tpe-sampler.js';
export { defaultGamma, hyperoptDefaultGamma, defaultWeights } from './tpe/split.js';
export { IntersectionSearchSpace } from './search-space/intersection-search-space.js';
export { GroupDecomposedSearchSpace } from './search-space/group-decomposed-search-space.js';
export type { ConstraintsFunc } from './constraints.js';
export type { SamplerEvent, SamplerEventListener } from './sampler-events.js';
export { CmaEsSampler } from './cmaes/cmaes-sampler.js';
export type { CmaEsSamplerOptions } from './cmaes/cmaes-sampler.js';
export { QMCSampler, QMC_SAMPLE_ID_ATTR } from './qmc/qmc-sampler.js';
export type { QMCSamplerOptions } from './qmc/qmc-sampler.js';
export { GridSampler, GRID_ID_ATTR, GRID_SEARCH_SPACE_ATTR } from './grid-sampler.js';
export type { GridSamplerOptions } from './grid-sampler.js';
export { BruteForceSampler } from './brute-force-sampler.js';
export type { BruteForceSamplerOptions } from './brute-force-sampler.js';
export { PartialFixedSampler } from './partial-fixed-sampler.js';
