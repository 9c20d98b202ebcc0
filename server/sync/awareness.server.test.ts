import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MAX_IDS_PER_CONNECTION, presenceColour, sanitizeAwarenessUpdate } from './awareness.server';

const user = { name: 'Riet de Vries', role: 'Netwerklid', color: '#1f5f5b', participantId: 'p-1' };

function update(entries: [number, number, string][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return encoding.toUint8Array(e);
}

function decode(bytes: Uint8Array) {
  const d = decoding.createDecoder(bytes);
  const n = decoding.readVarUint(d);
  return Array.from({ length: n }, () => ({
    id: decoding.readVarUint(d),
    clock: decoding.readVarUint(d),
    state: JSON.parse(decoding.readVarString(d)),
  }));
}

describe('sanitizeAwarenessUpdate', () => {
  it('overwrites the user field with the server record and claims the id', () => {
    const own = new Set<number>();
    const out = sanitizeAwarenessUpdate(
      update([[7, 1, JSON.stringify({ user: { name: 'Iemand anders' }, cursor: 3 })]]),
      { own, ownedByOther: () => false },
      user,
    )!;
    expect(decode(out)).toEqual([{ id: 7, clock: 1, state: { cursor: 3, user } }]);
    expect([...own]).toEqual([7]);
  });

  it('skips ids owned by another connection and ids beyond the per-connection maximum', () => {
    const own = new Set<number>();
    const entries: [number, number, string][] = Array.from({ length: MAX_IDS_PER_CONNECTION + 2 }, (_, i) => [100 + i, 1, '{}']);
    entries.push([5, 1, '{}']);
    const out = sanitizeAwarenessUpdate(update(entries), { own, ownedByOther: (id) => id === 5 }, user)!;
    expect(decode(out).map((e) => e.id)).toEqual([100, 101, 102, 103]);
  });

  it('drops oversized states and non-object states, keeps removals (null)', () => {
    const own = new Set([1, 2, 3]);
    const out = sanitizeAwarenessUpdate(
      update([
        [1, 1, JSON.stringify({ big: 'x'.repeat(5000) })],
        [2, 1, '[1,2]'],
        [3, 2, 'null'],
      ]),
      { own, ownedByOther: () => false },
      user,
    )!;
    expect(decode(out)).toEqual([{ id: 3, clock: 2, state: null }]);
  });

  it('keeps the order of the kept entries when some in between are dropped', () => {
    const own = new Set([1, 2, 3]);
    const out = sanitizeAwarenessUpdate(
      update([
        [1, 4, '{"a":1}'],
        [9, 1, '{}'],
        [2, 5, '"tekst"'],
        [3, 6, '{"c":3}'],
      ]),
      { own, ownedByOther: (id) => id === 9 },
      user,
    )!;
    expect(decode(out)).toEqual([
      { id: 1, clock: 4, state: { a: 1, user } },
      { id: 3, clock: 6, state: { c: 3, user } },
    ]);
  });

  it('counts the state cap in UTF-8 bytes and accepts JSON with surrounding white space', () => {
    const own = new Set([1, 2, 3]);
    const out = sanitizeAwarenessUpdate(
      update([
        [1, 1, JSON.stringify({ t: 'ë'.repeat(1500) })], // 1,500 characters, 3,000+ bytes: fits in 4 KiB
        [2, 1, JSON.stringify({ t: '€'.repeat(1500) })], // 1,500 characters, 4,500+ bytes: too large
        [3, 1, ' \n{"c":3} '],
      ]),
      { own, ownedByOther: () => false },
      user,
    )!;
    expect(decode(out).map((e) => e.id)).toEqual([1, 3]);
    expect(sanitizeAwarenessUpdate(update([[3, 2, ' null ']]), { own, ownedByOther: () => false }, user)).not.toBeNull();
  });

  it('returns null when nothing is acceptable and throws on malformed input', () => {
    expect(sanitizeAwarenessUpdate(update([[9, 1, '{}']]), { own: new Set(), ownedByOther: () => true }, user)).toBeNull();
    expect(() => sanitizeAwarenessUpdate(new Uint8Array([1, 7]), { own: new Set(), ownedByOther: () => false }, user)).toThrow();
    expect(() => sanitizeAwarenessUpdate(update([[1, 1, '{niet json']]), { own: new Set([1]), ownedByOther: () => false }, user)).toThrow();
  });

  it('gives each participant a stable colour', () => {
    expect(presenceColour('abc')).toBe(presenceColour('abc'));
    expect(presenceColour('abc')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
