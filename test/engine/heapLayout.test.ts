import { describe, expect, it } from 'vitest';
import { copyEntries, heapLayout, INTERLEAVE_FROM, PAYLOAD_HALF, TICKET_HALF, type HeapLayout } from '../../src/engine/heapLayout.js';

const wordIndex = (l: HeapLayout, i: number): number => l.wordBase + l.wordStride * i;
const setEntry = (l: HeapLayout, i: number, time: number, ticket: number, payload: number): void => {
  l.heap[l.timeStride * i] = time;
  l.cells[2 * wordIndex(l, i) + TICKET_HALF] = ticket;
  l.cells[2 * wordIndex(l, i) + PAYLOAD_HALF] = payload;
};
const entry = (l: HeapLayout, i: number): [number, number, number] => [
  l.heap[l.timeStride * i]!,
  l.cells[2 * wordIndex(l, i) + TICKET_HALF]!,
  l.cells[2 * wordIndex(l, i) + PAYLOAD_HALF]!,
];

describe('heapLayout', () => {
  it('keeps times and words apart below INTERLEAVE_FROM and interleaves them from it', () => {
    const small = heapLayout(INTERLEAVE_FROM - 1);
    expect(small.interleaved).toBe(false);
    expect([small.timeStride, small.wordStride]).toEqual([1, 1]);
    expect(small.wordBase).toBeGreaterThanOrEqual(small.capacity);
    const large = heapLayout(INTERLEAVE_FROM);
    expect(large.interleaved).toBe(true);
    expect([large.timeStride, large.wordBase, large.wordStride]).toEqual([2, 1, 2]);
    // Entry i's time and word are 16 adjacent bytes; siblings 2i and 2i + 1 are 32.
    expect(large.heap.byteOffset % 16).toBe(0);
  });

  it('starts with every time Infinity (the sift sentinel)', () => {
    for (const l of [heapLayout(64), heapLayout(INTERLEAVE_FROM)]) {
      for (const i of [0, 1, 2, 63]) expect(l.heap[l.timeStride * i]).toBe(Infinity);
    }
  });

  it('moves words with extreme tickets and payloads bit for bit, as doubles', () => {
    // Tickets stay below 2^30, so a word read as a double is never a NaN:
    // copying it through a Float64Array keeps every bit.
    const from = heapLayout(64);
    const cases: [number, number, number][] = [
      [1, 0, 0],
      [2, 2 ** 30 - 1, -1], // payload 0xffffffff: kind 255, argument 2^24 - 1
      [3, 2 ** 30 - 1, 0x7fffffff],
      [4, 1, -2147483648],
      [Number.MAX_SAFE_INTEGER, 12345, (((2 ** 24 - 1) << 8) | 255) | 0],
    ];
    cases.forEach(([t, ticket, payload], k) => setEntry(from, k + 1, t, ticket, payload));
    const to = heapLayout(INTERLEAVE_FROM);
    copyEntries(from, to, cases.length);
    const back = heapLayout(64);
    copyEntries(to, back, cases.length);
    cases.forEach((c, k) => {
      expect(entry(to, k + 1)).toEqual(c);
      expect(entry(back, k + 1)).toEqual(c);
    });
  });
});
