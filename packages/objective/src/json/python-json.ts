/**
 * JSON as Python's `json` module writes and reads it: bare `NaN`, `Infinity` and
 * `-Infinity` tokens, `repr`-style floats (`3.0`, `1e-05`), non-ASCII escaped as
 * `\uXXXX`, and either the default (`", "`, `": "`) or the compact separators.
 */

/** A number that must be written as a Python float (`3.0`, not `3`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Python's `repr(float)`: the shortest round-trip digits, fixed or exponent form as Python picks. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const decpt = exponent + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const abs = Math.abs(exponent);
  return `${sign}${head}e${exponent < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function writeNumber(x: number): string {
  if (Number.isSafeInteger(x) && !Object.is(x, -0)) return String(x);
  return pyFloatRepr(x);
}

const NON_ASCII = /[\u007f-\uffff]/g;

function writeString(s: string): string {
  return JSON.stringify(s).replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Options of {@link stringifyPython}. */
export interface PythonJsonStyle {
  /**
   * Compact separators (`,` and `:`) as Optuna ≥ 4.0 writes; otherwise Python's defaults.
   * @default false
   */
  compact?: boolean;
}

/** Serialises like Python's `json.dumps` (with `allow_nan=True`, `ensure_ascii=True`). */
export function stringifyPython(value: unknown, style: PythonJsonStyle = {}): string {
  const item = style.compact ? ',' : ', ';
  const key = style.compact ? ':' : ': ';
  const write = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (v instanceof PyFloat) return pyFloatRepr(v.value);
    switch (typeof v) {
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        return writeNumber(v);
      case 'string':
        return writeString(v);
      case 'object': {
        if (Array.isArray(v)) return `[${v.map(write).join(item)}]`;
        const parts: string[] = [];
        for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
          if (inner === undefined) continue;
          parts.push(`${writeString(k)}${key}${write(inner)}`);
        }
        return `{${parts.join(item)}}`;
      }
      default:
        return 'null';
    }
  };
  return write(value);
}

/** A syntax error in {@link parsePython} input, with the byte position. */
export class PythonJsonSyntaxError extends SyntaxError {}

/**
 * Parses JSON that may contain Python's bare non-finite tokens. Plain JSON takes the
 * native `JSON.parse` fast path; only text that fails it goes through the tolerant parser.
 */
export function parsePython(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (nativeError) {
    if (!/NaN|Infinity/.test(text)) throw new PythonJsonSyntaxError(String(nativeError), { cause: nativeError });
    return new TolerantParser(text).parseDocument();
  }
}

class TolerantParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos !== this.text.length) this.fail('unexpected trailing characters');
    return value;
  }

  private fail(why: string): never {
    throw new PythonJsonSyntaxError(`${why} at position ${this.pos}`);
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private consume(literal: string): boolean {
    if (this.text.startsWith(literal, this.pos)) {
      this.pos += literal.length;
      return true;
    }
    return false;
  }

  private parseValue(): unknown {
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') return this.parseObject();
    if (c === '[') return this.parseArray();
    if (c === '"') return this.parseString();
    if (this.consume('NaN')) return Number.NaN;
    if (this.consume('Infinity')) return Infinity;
    if (this.consume('-Infinity')) return -Infinity;
    if (this.consume('true')) return true;
    if (this.consume('false')) return false;
    if (this.consume('null')) return null;
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail('unexpected character');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      } else this.pos++;
    }
    return this.fail('unterminated string');
  }

  private parseArray(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipWhitespace();
    if (this.consume(']')) return out;
    for (;;) {
      out.push(this.parseValue());
      this.skipWhitespace();
      if (this.consume(']')) return out;
      if (!this.consume(',')) this.fail('expected , or ]');
    }
  }

  private parseObject(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.consume('}')) return out;
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key');
      const key = this.parseString();
      this.skipWhitespace();
      if (!this.consume(':')) this.fail('expected :');
      out[key] = this.parseValue();
      this.skipWhitespace();
      if (this.consume('}')) return out;
      if (!this.consume(',')) this.fail('expected , or }');
    }
  }
}
