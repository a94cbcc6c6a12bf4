import { join } from 'node:path';
import { PySRBackend } from './pysr-backend.js';
import { testBackendContract } from '../../test-support/backend-contract.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { PYSR_STANDIN_PATH } from '../../test-support/pysr-standin.js';

testBackendContract(
  'pysr (stand-in module)',
  async ({ slow }) => {
    const dir = await tempDir();
    return PySRBackend.create(
      { niterations: 4 },
      {
        python: '/usr/bin/python3',
        pythonPath: [PYSR_STANDIN_PATH],
        env: slow ? { PYSR_STANDIN_SLEEP_S: '30' } : {},
        logFile: join(dir, 'driver.log'),
        timeoutGraceMs: 1_000,
      },
    );
  },
  { stopSlackMs: 3_000 },
);
