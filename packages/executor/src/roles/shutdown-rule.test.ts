import { describe, expect, it } from 'vitest';
import type { ControlFile } from '../protocol/schemas.js';
import { ShutdownRule } from './shutdown-rule.js';

const control = (masterIncarnation: string, shutdownAt: number | null): ControlFile => ({
  masterIncarnation,
  seq: 1,
  at: 0,
  nextSlotHint: 0,
  trial: null,
  shutdown: shutdownAt === null ? null : { reason: 'interrupted', at: shutdownAt },
});

describe('ShutdownRule', () => {
  it('ignores the notice a previous job left behind, and waits for the new master', () => {
    const rule = new ShutdownRule(1_000);
    expect(rule.observe(control('old', 500))).toBe(false);
    expect(rule.observe(control('new', null))).toBe(false);
    expect(rule.observe(control('new', 2_000))).toBe(true);
  });

  it('obeys a master seen running, and a notice issued after the worker started', () => {
    const seen = new ShutdownRule(1_000);
    seen.observe(control('m', null));
    expect(seen.observe(control('m', 900))).toBe(true);
    expect(new ShutdownRule(1_000).observe(control('m', 1_500))).toBe(true);
  });
});
