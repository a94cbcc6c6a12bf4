import { join } from 'node:path';
import { expect, it } from 'vitest';
import { JournalFileStorage, loadStudy } from '@hyperopt/objective';
import { tempDir } from '../test/support/temp-dir.js';
import { quickstart } from './quickstart.js';

it('runs the README example and leaves a journal that replays', async () => {
  const path = join(tempDir(), 'quickstart.journal');
  const study = await quickstart(path);
  expect(study.trials).toHaveLength(20);
  expect(study.trials[0]?.params).toEqual({ x: 2, lr: expect.any(Number), layers: 3, optimizer: 'adam' });
  const again = loadStudy({ studyName: 'quickstart', storage: new JournalFileStorage(path) });
  expect(again.bestValue).toBe(study.bestValue);
  // Running it again continues the same study and does not enqueue the baseline twice.
  await quickstart(path);
  expect(again.trials).toHaveLength(40);
});
