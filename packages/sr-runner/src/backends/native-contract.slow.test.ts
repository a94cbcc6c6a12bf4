import { NativeBackend } from './native-backend.js';
import { testBackendContract } from '../test-support/backend-contract.js';

// procs 0 searches in the calling thread; NATIVE_PROCS=n runs the same contract with n worker threads.
testBackendContract('native (@hyperopt/symreg)', async ({ slow }) =>
  new NativeBackend({
    niterations: slow ? 1_000_000 : 10,
    populations: 4,
    populationSize: 30,
    ncyclesPerIteration: 100,
    maxsize: 12,
    binaryOperators: ['+', '-', '*', '/'],
    unaryOperators: [],
    procs: Number(process.env["NATIVE_PROCS"] ?? 0),
  }),
);
