// Expressions: parse, print, evaluate, measure, simplify, compare.
export { parseExpression } from './expression/parse.js';
export { formatExpression } from './expression/format.js';
export { evaluateExpression } from './evaluation/evaluate.js';
export { compileExpression, CompiledExpression } from './evaluation/compiled-expression.js';
export { complexityOf, variablesOf, sizeOf, depthOf } from './expression/expression.js';
export { simplifyExpression } from './expression/simplify.js';
export { isExactRecovery } from './expression/exact-recovery.js';
export { BINARY_OPERATORS, UNARY_OPERATORS } from './expression/operators.js';

// Search.
export { SymbolicRegressor } from './search/regressor.js';
export { symbolicRegressorOptionsSchema } from './search/options.js';

// Errors and version.
export { SymregError, SYMREG_ERROR_CODES } from './errors.js';
export { SYMREG_VERSION } from './version.js';

export type { Expression, ConstantNode, VariableNode, UnaryNode, BinaryNode } from './expression/expression.js';
export type { BinaryOperator, UnaryOperator } from './expression/operators.js';
export type { ParseOptions } from './expression/parse.js';
export type { FormatStyle } from './expression/format.js';
export type { ExactRecoveryOptions } from './expression/exact-recovery.js';
export type { FitOptions, FitResult } from './search/regressor.js';
export type { ParetoEntry } from './search/hall-of-fame.js';
export type { SearchProgress, StopReason } from './search/engine.js';
export type { SymbolicRegressorOptions, SymbolicRegressorOptionsInput } from './search/options.js';
export type { SymregErrorCode } from './errors.js';
