import { describe, expect, it } from 'vitest';
import { decodeFile, encodeFile } from './envelope.js';

describe('file envelope', () => {
  const text = encodeFile('results', { slot: 3, results: [{ id: 'é', result: { x: [1, 2, 3] }, ms: 4 }] });

  it('round-trips a body', () => {
    expect(decodeFile(text)).toEqual({ status: 'ok', kind: 'results', body: { slot: 3, results: [{ id: 'é', result: { x: [1, 2, 3] }, ms: 4 }] } });
  });

  it('never accepts a truncated copy, whatever the cut', () => {
    for (let cut = 0; cut < text.length; cut++) {
      const decoded = decodeFile(text.slice(0, cut));
      expect(decoded.status, `cut at ${cut}`).not.toBe('ok');
    }
  });

  it('reports a body whose checksum does not match as incomplete', () => {
    const corrupted = text.replace('"ms":4', '"ms":5');
    expect(decodeFile(corrupted)).toMatchObject({ status: 'incomplete', reason: expect.stringContaining('checksum') });
  });

  it('refuses another protocol version clearly', () => {
    const other = text.replace('"protocolVersion":1', '"protocolVersion":2');
    expect(decodeFile(other)).toMatchObject({ status: 'version', protocolVersion: 2, reason: 'expected protocolVersion 1, got 2' });
  });

  it('calls foreign content malformed', () => {
    expect(decodeFile('{"hello":1}\n{}\n')).toMatchObject({ status: 'malformed' });
    expect(decodeFile('garbage\nmore')).toMatchObject({ status: 'malformed' });
  });
});
