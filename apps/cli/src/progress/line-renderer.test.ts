import { describe, expect, it } from 'vitest';
import { LineRenderer } from './line-renderer.js';
import type { SweepEvent } from './sweep-events.js';

const at = Date.UTC(2026, 10, 28, 12, 0, 0);
const events: SweepEvent[] = [
  { type: 'sweep-started', at, role: 'master', workerId: 'master', studyName: 's', sweepDir: '/x', nTrials: 5, finishedTrials: 1, items: 8 },
  { type: 'trial-started', at, trial: 1, params: { parsimony: 0.00123, ops: 'a\u001b[31mred\nnext' }, items: 8, retryOf: null },
  { type: 'trial-progress', at, trial: 1, completed: 3, total: 8, value: 0.912345, workersAlive: 2 },
  { type: 'trial-pruned', at, trial: 1, step: 3, value: 0.5 },
  { type: 'trial-finished', at, trial: 1, state: 'PRUNED', values: [0.5], bestValue: 0.9, bestTrial: 0, finishedTrials: 2, error: null },
  { type: 'warning', at, code: 'EXECUTOR_FILE_MALFORMED', message: 'bad\rfile' },
  { type: 'sweep-finished', at, finishedTrials: 5, bestValue: 0.95, bestTrial: 3, bestParams: { parsimony: 0.01 }, reportPath: '/x/report.html' },
];

describe('LineRenderer', () => {
  it('writes one plain line per event with no control characters', () => {
    const out: string[] = [];
    const renderer = new LineRenderer((line) => out.push(line));
    for (const event of events) renderer.handle(event);
    expect(out).toHaveLength(events.length);
    for (const line of out) {
      expect(line.endsWith('\n')).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(line.startsWith('2026-11-28T12:00:00Z ')).toBe(true);
    }
    expect(out[2]).toContain('trial 1: 3/8 fits, objective 0.91234, 2 worker(s)');
    expect(out[6]).toContain('report /x/report.html');
  });
});
