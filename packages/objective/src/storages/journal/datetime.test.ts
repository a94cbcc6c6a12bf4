import { describe, expect, it } from 'vitest';
import { formatJournalDatetime, parseJournalDatetime } from './datetime.js';

describe('journal datetimes', () => {
  it('round-trips naive local times at millisecond precision', () => {
    for (const date of [new Date(2026, 10, 28, 21, 41, 16, 446), new Date(2026, 2, 29, 2, 30, 0, 5), new Date(1999, 11, 31, 23, 59, 59, 999)]) {
      const text = formatJournalDatetime(date);
      expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000$/);
      expect(parseJournalDatetime(text)?.getTime()).toBe(date.getTime());
    }
  });

  it('reads microseconds, other precisions and offsets the way Python does', () => {
    const local = new Date(2026, 10, 28, 21, 41, 16, 446);
    expect(parseJournalDatetime('2026-11-28T21:41:16.446584')?.getTime()).toBe(local.getTime());
    expect(parseJournalDatetime('2026-11-28T21:41:16.446999')?.getTime()).toBe(local.getTime());
    expect(parseJournalDatetime('2026-11-28T21:41:17.001000')?.getTime()).toBe(local.getTime() + 555);
    expect(parseJournalDatetime('2026-11-28T21:41:16')?.getTime()).toBe(local.getTime() - 446);
    expect(parseJournalDatetime('2026-11-28T21:41:16.446584+00:00')?.toISOString()).toBe('2026-11-28T21:41:16.446Z');
    expect(parseJournalDatetime('2026-11-28T21:41:16.4+02:00')?.toISOString()).toBe('2026-11-28T19:41:16.400Z');
    expect(parseJournalDatetime('2026-11-28 21:41')).toBeInstanceOf(Date);
    expect(parseJournalDatetime('yesterday')).toBeUndefined();
  });
});
