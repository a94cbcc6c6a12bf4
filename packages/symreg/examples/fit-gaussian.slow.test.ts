import { expect, it } from 'vitest';
import { fitGaussian } from './fit-gaussian.js';

it('the README example recovers the Gaussian exactly', async () => {
  const result = await fitGaussian(1);
  expect(result.stopReason).toBe('earlyStop');
  expect(result.exact).toBe(true);
});
