import { describe, expect, it } from 'vitest';
import { isExecutorError } from '../errors.js';
import { toSafeName } from './ids.js';

describe('toSafeName', () => {
  it('accepts integers and plain names', () => {
    expect(toSafeName('trialId', 12)).toBe('12');
    expect(toSafeName('trialId', 'trial-3.b_2')).toBe('trial-3.b_2');
  });

  it.each(['../escape', '..', '.hidden', '-flag', 'a/b', 'a\\b', '', 'x'.repeat(129), 'a..b', -1, 1.5, null, 'ünï'])('rejects %j', (value) => {
    let caught: unknown;
    try {
      toSafeName('trialId', value);
    } catch (error) {
      caught = error;
    }
    expect(isExecutorError(caught, 'EXECUTOR_INVALID_ID')).toBe(true);
    expect((caught as Error).message).toContain(JSON.stringify(value));
    expect((caught as Error).message).toContain('`trialId`');
  });
});
