/**
 * The commented starter config that `hyperopt init` writes. Every field is shown with
 * its default or a sensible value; a test checks that it validates.
 */
export const starterConfig = `# yaml-language-server: $schema=./hyperopt.schema.json
# A hyperopt sweep: an Optuna study whose every trial is one setting of the SR engine's
# hyperparameters, scored on a benchmark of equations. Run it with
#   hyperopt run hyperopt.yaml --workers 1
# Write the JSON Schema next to it for editor completion: hyperopt schema > hyperopt.schema.json

study:
  name: my-sweep              # the study's name in the journal (sweep directory)
  # direction: maximize       # default: follows the metric (test_r2 → maximize)
  nTrials: 20                 # finished trials to reach, counted across restarts
  # timeoutSeconds: 3600      # stop starting new trials after this long
  sampler:
    type: tpe                 # tpe | random | cmaes | qmc | grid | nsga2 | bruteforce
    seed: 0                   # reproducible sampling
    # nStartupTrials: 10      # any option of the sampler, in camelCase
  pruner:
    type: median              # median | none | percentile | successive-halving | hyperband | threshold | patient | wilcoxon
    nStartupTrials: 3         # trials that are never pruned
    nWarmupSteps: 0           # steps (finished fits) before pruning starts in a trial

benchmark:
  suite: feynman              # the Feynman equations of AI Feynman / SRBench
  equations: quick            # a named subset (quick, all) or a list of ids, e.g. [I.6.2a, I.12.1]
  runs: 2                     # runs (seeds) per equation
  rows: 500                   # training rows per dataset
  noise: 0                    # Gaussian noise, fraction of the target's standard deviation
  seed: 0                     # base seed for data and fits

backend:
  name: native                # native (built in) | pysr (needs Python, PySR and Julia)
  options:                    # fixed hyperparameters of every fit
    niterations: 20
    timeoutInSeconds: 60

searchSpace:                  # PySR hyperparameter names in camelCase
  populations:
    type: int
    low: 4
    high: 20
  populationSize:
    type: int
    low: 20
    high: 60
  parsimony:
    type: float
    low: 0.00001
    high: 0.01
    log: true
  maxsize:
    type: int
    low: 15
    high: 35
    step: 5

baselines:                    # enqueued once per study, run first
  - { populations: 15, populationSize: 33, parsimony: 0.0032, maxsize: 20 }

objective:
  metric: test_r2             # test_r2 | train_r2 | solution_rate | test_loss | complexity | wall_s
  aggregation: median-then-mean   # per-equation median over runs, then mean over equations

execution:
  sweepDir: ./sweep           # shared by master and workers; relative to this file
  subBatchSize: 1             # (equation, run) items claimed at once
  heartbeatIntervalSeconds: 10
  heartbeatTimeoutSeconds: 60 # a silent process is dead after this; its items are redone
  maxRetries: 3               # re-runs of an interrupted or failed trial, same params
`;
