/**
 * Datetimes as Optuna's journal writes them: `datetime.now().isoformat(timespec=
 * "microseconds")`, a naive local time (`2026-11-28T21:41:08.788561`). Optuna 5 writes
 * an offset (`+00:00`); both are read.
 */
function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats as naive local time with six fractional digits. */
export function formatJournalDatetime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}000`
  );
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Replay meets many datetimes within the same second: remember the last second's epoch. */
let lastSecond = '';
let lastSecondMs = 0;
const FAST = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;

/** Parses a journal datetime (naive = local time); `undefined` if it is not one. */
export function parseJournalDatetime(text: string): Date | undefined {
  if (text.length === 26 && FAST.test(text)) {
    const second = text.slice(0, 19);
    if (second !== lastSecond) {
      const parsed = parseSlow(`${second}.000000`);
      if (!parsed) return undefined;
      lastSecond = second;
      lastSecondMs = parsed.getTime();
    }
    return new Date(lastSecondMs + Math.floor(Number(text.slice(20)) / 1000));
  }
  return parseSlow(text);
}

function parseSlow(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const ms = Math.floor(Number(`0.${frac || '0'}`) * 1000 + 1e-6);
  if (zone === undefined) return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone === 'Z') return new Date(utc);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return new Date(utc - offsetMinutes * 60_000);
}
