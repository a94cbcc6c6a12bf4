/**
 * Where the Parzen estimators take their typed arrays from. A typed array longer than a
 * few elements gets its own off-heap buffer in V8, which costs ~1.5–3 µs to allocate
 * and later to collect — more than the arithmetic of a TPE sampling call that makes
 * fifty of them. TPE hands its estimators an {@link Arena} instead; everything else
 * uses {@link HEAP}.
 */
export interface Allocator {
  /** Zero-filled arrays of n elements. */
  f64(n: number): Float64Array;
  /** n elements whose values are unspecified until written (no zero-filling). */
  f64Dirty(n: number): Float64Array;
  i32(n: number): Int32Array;
  u32(n: number): Uint32Array;
  u8(n: number): Uint8Array;
}

/** Fresh arrays, each with its own buffer. */
export const HEAP: Allocator = {
  f64: (n) => new Float64Array(n),
  f64Dirty: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
  u32: (n) => new Uint32Array(n),
  u8: (n) => new Uint8Array(n),
};

/**
 * Views carved one after another from one growing buffer and all taken back at once by
 * {@link reset}: for arrays that live within one sampling call. An array obtained before
 * a reset must not be used after it (its memory is handed out again).
 */
export class Arena implements Allocator {
  private buffer: ArrayBuffer;
  private offset = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = new ArrayBuffer(initialBytes);
  }

  /** Takes back every array handed out so far. */
  reset(): void {
    this.offset = 0;
  }

  /** Bytes of the current buffer (it grows to the largest call's need). */
  get capacity(): number {
    return this.buffer.byteLength;
  }

  /** The byte offset of a new block of `bytes`, moving to a buffer twice as large when this one is full (views handed out keep the old one). */
  private take(bytes: number): number {
    // Every block starts 8-aligned, which suits all four element sizes.
    const size = (bytes + 7) & ~7;
    if (this.offset + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(2 * this.buffer.byteLength, size));
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += size;
    return at;
  }

  f64(n: number): Float64Array {
    const at = this.take(8 * n);
    return new Float64Array(this.buffer, at, n).fill(0);
  }

  f64Dirty(n: number): Float64Array {
    const at = this.take(8 * n);
    return new Float64Array(this.buffer, at, n);
  }

  i32(n: number): Int32Array {
    const at = this.take(4 * n);
    return new Int32Array(this.buffer, at, n).fill(0);
  }

  u32(n: number): Uint32Array {
    const at = this.take(4 * n);
    return new Uint32Array(this.buffer, at, n).fill(0);
  }

  u8(n: number): Uint8Array {
    const at = this.take(n);
    return new Uint8Array(this.buffer, at, n).fill(0);
  }
}
