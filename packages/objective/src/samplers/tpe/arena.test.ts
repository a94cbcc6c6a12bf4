import { describe, expect, it } from 'vitest';
import { Arena, HEAP } from './arena.js';

describe('Arena', () => {
  it('hands out zero-filled, non-overlapping arrays of every kind', () => {
    const arena = new Arena(256);
    const a = arena.f64(5).fill(1);
    const b = arena.u8(3).fill(255);
    const c = arena.i32(7).fill(-1);
    const d = arena.u32(2).fill(4);
    const e = arena.f64(4);
    expect([a.length, b.length, c.length, d.length, e.length]).toEqual([5, 3, 7, 2, 4]);
    expect(Array.from(e)).toEqual([0, 0, 0, 0]);
    // Writing every array left the others as they were.
    e.fill(9);
    expect(Array.from(a)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(b)).toEqual([255, 255, 255]);
    expect(Array.from(c)).toEqual(Array(7).fill(-1));
    expect(Array.from(d)).toEqual([4, 4]);
  });

  it('grows past its buffer without touching arrays handed out before', () => {
    const arena = new Arena(64);
    const small = arena.f64(4).fill(3);
    const big = arena.f64(1000).fill(5);
    expect(arena.capacity).toBeGreaterThanOrEqual(8000);
    expect(Array.from(small)).toEqual([3, 3, 3, 3]);
    expect(big.every((v) => v === 5)).toBe(true);
  });

  it('reuses its memory after a reset, zero-filled again (dirty arrays excepted)', () => {
    const arena = new Arena(1024);
    arena.f64(10).fill(7);
    arena.reset();
    const again = arena.f64(10);
    expect(Array.from(again)).toEqual(Array(10).fill(0));
    again.fill(8);
    arena.reset();
    // Same memory: a dirty array sees what the last user left.
    expect(arena.f64Dirty(10)[0]).toBe(8);
    expect(arena.capacity).toBe(1024);
  });

  it('the heap allocator gives fresh arrays', () => {
    const a = HEAP.f64(3);
    const b = HEAP.f64(3);
    a.fill(1);
    expect(Array.from(b)).toEqual([0, 0, 0]);
    expect(HEAP.u8(2)).toBeInstanceOf(Uint8Array);
  });
});
