import { describe, expect, it } from 'vitest';
import { installShutdownSignals } from './signals.js';

describe('installShutdownSignals', () => {
  it('aborts on SIGUSR2 (as on SIGINT, SIGTERM, SIGUSR1) and remembers which signal came', async () => {
    const handle = installShutdownSignals();
    try {
      const aborted = new Promise<void>((resolve) => handle.signal.addEventListener('abort', () => resolve()));
      process.kill(process.pid, 'SIGUSR2');
      await aborted;
      expect(handle.received()).toBe('SIGUSR2');
    } finally {
      handle.dispose();
    }
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
