import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TtyRenderer } from './tty-renderer.js';

describe('TtyRenderer', () => {
  it('draws live bars for fits and trials on a terminal, and prints notable events above them', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true });
    let out = '';
    stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const renderer = new TtyRenderer(stream);
    const at = 0;
    renderer.handle({ type: 'sweep-started', at, role: 'master', workerId: 'master', studyName: 's', sweepDir: '/x', nTrials: 3, finishedTrials: 0, items: 4 });
    renderer.handle({ type: 'trial-started', at, trial: 0, params: { a: 1 }, items: 4, retryOf: null });
    renderer.handle({ type: 'worker-joined', at, workerId: 'w1', host: 'h' });
    renderer.handle({ type: 'trial-progress', at, trial: 0, completed: 2, total: 4, value: 0.5, workersAlive: 1 });
    renderer.handle({ type: 'trial-finished', at, trial: 0, state: 'COMPLETE', values: [0.75], bestValue: 0.75, bestTrial: 0, finishedTrials: 1, error: null });
    renderer.close();
    expect(out).toContain('trial 0');
    expect(out).toContain('2/4');
    expect(out).toContain('objective 0.5');
    expect(out).toContain('best 0.75 | workers 1');
    expect(out).toContain('worker w1 joined');
    expect(out).toContain('trial 0 complete: value 0.75');
    expect(out).toMatch(/\u001b\[/); // live redraws on a terminal
  });
});
