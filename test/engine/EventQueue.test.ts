import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, MAX_EVENT_ARG } from '../../src/engine/EventQueue.js';
import { INTERLEAVE_FROM } from '../../src/engine/heapLayout.js';

/** A pending event in the reference model. */
interface Ref {
  time: number;
  /** Push order. */
  order: number;
  kind: number;
  arg: number;
}

const byTimeThenOrder = (a: Ref, b: Ref): number => a.time - b.time || a.order - b.order;

type Op =
  | { op: 'push'; delay: number; kind: number; arg: number }
  | { op: 'pop' }
  | { op: 'pushDuringPop'; delays: number[] }
  | { op: 'cancelKind'; kind: number };

// Small delays and few kinds make ties and zero delays (the FIFO lane) common.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('push' as const),
      delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1_000_000 })),
      kind: fc.integer({ min: 0, max: 4 }),
      arg: fc.integer({ min: 0, max: 2 ** 24 - 1 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ op: fc.constant('pop' as const) }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('pushDuringPop' as const),
      delays: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('cancelKind' as const), kind: fc.integer({ min: 0, max: 4 }) }), weight: 1 },
);

describe('EventQueue', () => {
  // Small renumbering windows exercise the ticket renumbering many times per
  // run; a large initial capacity gives the interleaved heap layout.
  it.each([
    [2 ** 30, 4],
    [7, 4],
    [1, 4],
    [2 ** 30, INTERLEAVE_FROM],
    [7, INTERLEAVE_FROM],
  ])('pops in (time, push) order under random interleavings of push, pop and cancel (renumber after %i, capacity %i)', (renumberAfter, capacity) => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(capacity, renumberAfter);
        let pending: Ref[] = [];
        let order = 0;
        const popBoth = (): Ref | undefined => {
          pending.sort(byTimeThenOrder);
          const expected = pending.shift();
          const got = q.beginPop(Infinity);
          expect(got).toBe(expected !== undefined);
          if (expected === undefined) return undefined;
          expect({ time: q.now, kind: q.poppedKind, arg: q.poppedArg }).toEqual({ time: expected.time, kind: expected.kind, arg: expected.arg });
          return expected;
        };
        const push = (delay: number, kind: number, arg: number): void => {
          const time = q.now + delay;
          q.push(time, kind, arg);
          pending.push({ time, order: order++, kind, arg });
        };
        for (const o of ops) {
          if (o.op === 'push') {
            push(o.delay, o.kind, o.arg);
          } else if (o.op === 'pop') {
            popBoth();
            q.endPop();
          } else if (o.op === 'pushDuringPop') {
            // A handler's pushes between beginPop and endPop take the hold path.
            if (popBoth() !== undefined) for (const d of o.delays) push(d, 1, 7);
            q.endPop();
          } else {
            // Cancellation, as timers do it: remove every event of one kind.
            const removed = q.sweep((kind) => kind === o.kind);
            expect(removed).toBe(pending.filter((r) => r.kind === o.kind).length);
            pending = pending.filter((r) => r.kind !== o.kind);
          }
          expect(q.size).toBe(pending.length);
        }
        while (popBoth() !== undefined) q.endPop();
        expect(q.size).toBe(0);
        expect(q.pushed).toBe(order);
      }),
      { numRuns: 200 },
    );
  });

  it('renumbers pending tickets in (time, push) order and tells the hook how they map', () => {
    const q = new EventQueue(4, 4);
    let newTicketOf: ((old: number) => number) | null = null;
    q.onRenumber = (f) => (newTicketOf = f);
    const tickets = [q.push(5, 1, 10), q.push(5, 1, 11), q.push(3, 2, 12), q.push(9, 3, 13)];
    expect(tickets).toEqual([0, 1, 2, 3]);
    expect(q.push(5, 4, 14)).toBe(4); // the fifth push renumbers the four pending events first
    expect([0, 1, 2, 3, 7].map((t) => newTicketOf!(t))).toEqual([1, 2, 0, 3, -1]);
    const order: number[] = [];
    while (q.beginPop(Infinity)) {
      order.push(q.poppedArg);
      q.endPop();
    }
    expect(order).toEqual([12, 10, 11, 14, 13]);
  });

  it('runs events for the current instant after the ones already scheduled for it', () => {
    const q = new EventQueue();
    q.push(10, 1, 0); // heap, due at 10
    q.push(10, 1, 1); // heap, due at 10
    expect(q.beginPop(Infinity)).toBe(true);
    expect(q.poppedArg).toBe(0);
    q.push(10, 2, 2); // now === 10: the lane, after arg 1
    q.endPop();
    const order: number[] = [];
    while (q.beginPop(Infinity)) {
      order.push(q.poppedArg);
      q.endPop();
    }
    expect(order).toEqual([1, 2]);
  });

  it('leaves events after the limit in place', () => {
    const q = new EventQueue();
    q.push(5, 0, 1);
    q.push(20, 0, 2);
    expect(q.beginPop(10)).toBe(true);
    q.endPop();
    expect(q.beginPop(10)).toBe(false);
    expect(q.now).toBe(5);
    expect(q.peekTime()).toBe(20);
    q.advanceTo(10);
    expect(q.now).toBe(10);
    expect(() => q.advanceTo(30)).toThrow(RangeError);
  });

  it('rejects times in the past, fractional times and bad arguments', () => {
    const q = new EventQueue();
    q.push(100, 0, 0);
    q.beginPop(Infinity);
    q.endPop();
    expect(() => q.push(99, 0, 0)).toThrow(/not an integer at or after now/);
    expect(() => q.push(100.5, 0, 0)).toThrow(RangeError);
    expect(() => q.push(200, 0, -1)).toThrow(/argument/);
    expect(() => q.push(200, 0, 0.5)).toThrow(/argument/);
    expect(() => q.push(200, 0, 2 ** 24)).toThrow(/argument/);
  });

  it('drops events from the front while a predicate holds', () => {
    const q = new EventQueue();
    q.push(1, 3, 0);
    q.push(2, 3, 1);
    q.push(3, 0, 2);
    q.push(4, 3, 3);
    expect(q.dropFrontWhile((kind) => kind === 3)).toBe(2);
    expect(q.peekTime()).toBe(3);
    expect(q.size).toBe(2);
  });

  it('grows past its initial capacity and keeps the order', () => {
    const q = new EventQueue(16);
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1000);
    times.forEach((t, i) => q.push(t + 1, 0, i));
    const popped: [number, number][] = [];
    while (q.beginPop(Infinity)) {
      popped.push([q.now, q.poppedArg]);
      q.endPop();
    }
    const expected = times.map((t, i) => [t + 1, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(popped).toEqual(expected);
  });

  it('keeps the order, kinds and arguments while growing into the interleaved layout', () => {
    const q = new EventQueue(16);
    const count = INTERLEAVE_FROM + 5000;
    // Many ties (1000 distinct times), the largest kind and argument, and holds along the way.
    const expected: [number, number, number][] = [];
    for (let i = 0; i < count; i++) {
      const time = 1 + ((i * 7919) % 1000);
      const kind = i % 2 === 0 ? 255 : i % 256;
      const arg = i % 3 === 0 ? MAX_EVENT_ARG : i;
      q.push(time, kind, arg);
      expected.push([time, kind, arg]);
    }
    expected.sort((a, b) => a[0] - b[0]); // stable: push order among equal times
    const popped: [number, number, number][] = [];
    while (q.beginPop(Infinity)) {
      popped.push([q.now, q.poppedKind, q.poppedArg]);
      q.endPop();
    }
    expect(popped.length).toBe(count);
    expect(popped).toEqual(expected);
  });

  it('runs the hold operation (pop, push one later) in order in the interleaved layout', () => {
    // The hold model at the size where the queue interleaves: a replaced root
    // sifts through every level, with read-ahead below the cached top.
    const pending = INTERLEAVE_FROM;
    const q = new EventQueue(pending);
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 100_000;
    for (let i = 0; i < pending; i++) q.push(1 + next(), 1, i % (MAX_EVENT_ARG + 1));
    let last = 0;
    let lastTicket = -1;
    for (let k = 0; k < 200_000; k++) {
      if (!q.beginPop(Infinity)) throw new Error(`empty at event ${k}`);
      if (q.now < last || (q.now === last && q.poppedTicket < lastTicket)) throw new Error(`out of order at event ${k}`);
      last = q.now;
      lastTicket = q.poppedTicket;
      q.push(q.now + 1 + next(), 1, q.poppedArg);
      q.endPop();
    }
    expect(q.size).toBe(pending);
  });
});
