import { LeastSquaresBackend } from './least-squares-backend.js';
import { testBackendContract } from './backend-contract.js';

testBackendContract('least-squares test backend', async ({ slow }) => new LeastSquaresBackend({ delayMs: slow ? 30_000 : 0 }));
