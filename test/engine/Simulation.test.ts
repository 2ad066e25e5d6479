import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, seconds } from '../../src/engine/index.js';

describe('Simulation', () => {
  it('runs events in time order and, at equal times, in the order they were scheduled', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const log = sim.on('log', (arg) => seen.push(`${sim.now}:${arg}`));
    sim.schedule(30, log, 1);
    sim.schedule(10, log, 2);
    sim.schedule(30, log, 3);
    sim.schedule(0, log, 4);
    sim.scheduleAt(10, log, 5);
    sim.run();
    expect(seen).toEqual(['0:4', '10:2', '10:5', '30:1', '30:3']);
  });

  it('runs zero-delay events after everything already due at this instant', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    let log = -1;
    const first = sim.on('first', () => {
      seen.push(1);
      sim.schedule(0, log, 3);
    });
    log = sim.on('log', (arg) => seen.push(arg));
    sim.schedule(5, first);
    sim.schedule(5, log, 2);
    sim.run();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops at a time and moves the clock to it', () => {
    const sim = new Simulation();
    let ran = 0;
    const tick = sim.on('tick', () => {
      ran++;
      sim.schedule(seconds(1), tick);
    });
    sim.schedule(0, tick);
    const r = sim.run({ until: seconds(10) });
    expect(r).toEqual({ reason: 'until', events: 11, now: seconds(10) });
    expect(ran).toBe(11); // t = 0, 1, ..., 10 s
    expect(sim.pending).toBe(1);
    expect(sim.run({ until: seconds(10) }).events).toBe(0);
  });

  it('moves the clock to the limit even when the queue empties first', () => {
    const sim = new Simulation();
    sim.schedule(5, sim.on('once', () => {}));
    expect(sim.run({ until: 100 })).toEqual({ reason: 'empty', events: 1, now: 100 });
  });

  it('stops when a predicate holds or after a number of events', () => {
    const sim = new Simulation();
    let n = 0;
    const tick = sim.on('tick', () => {
      n++;
      sim.schedule(1, tick);
    });
    sim.schedule(0, tick);
    expect(sim.run({ stopWhen: () => n === 5 }).reason).toBe('predicate');
    expect(n).toBe(5);
    expect(sim.run({ maxEvents: 3 })).toEqual({ reason: 'maxEvents', events: 3, now: 7 });
    expect(sim.eventsProcessed).toBe(8);
  });

  it('rejects the past, unknown kinds and re-entrant runs', () => {
    const sim = new Simulation();
    const noop = sim.on('noop', () => {});
    sim.schedule(10, noop);
    sim.run();
    expect(() => sim.scheduleAt(5, noop)).toThrow(RangeError);
    expect(() => sim.schedule(-1, noop)).toThrow(RangeError);
    expect(() => sim.schedule(1, 99)).toThrow(/unknown event kind/);
    expect(() => sim.run({ until: 5 })).toThrow(/before now/);
    const reenter = sim.on('reenter', () => sim.run());
    sim.schedule(1, reenter);
    expect(() => sim.run()).toThrow(/inside an event handler/);
  });

  it('stays consistent after a handler throws', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const boom = sim.on('boom', () => {
      throw new Error('boom');
    });
    const log = sim.on('log', (arg) => seen.push(arg));
    sim.schedule(1, log, 1);
    sim.schedule(2, boom);
    sim.schedule(3, log, 3);
    expect(() => sim.run()).toThrow('boom');
    expect(sim.now).toBe(2);
    sim.run();
    expect(seen).toEqual([1, 3]);
  });

  it('counts events by handler name', () => {
    const sim = new Simulation();
    const a = sim.on('a', () => {});
    const b = sim.on('b', () => {});
    const t = sim.timer(b);
    sim.schedule(1, a);
    sim.schedule(2, a);
    t.arm(3);
    t.arm(4); // supersedes the firing at 3
    sim.run();
    expect(Object.fromEntries(sim.eventsByKind())).toEqual({ a: 2, b: 1 });
    expect(sim.eventsProcessed).toBe(3);
  });
});

describe('Simulation timers', () => {
  it('never runs a superseded or disarmed firing', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const heartbeat = sim.timer(sim.on('heartbeat', (arg) => fired.push(sim.now * 10 + arg)), 1);
    heartbeat.arm(100);
    heartbeat.arm(50); // earlier: the firing at 100 is superseded
    expect(heartbeat.due).toBe(50);
    sim.run({ until: 60 });
    expect(fired).toEqual([501]);
    expect(heartbeat.armed).toBe(false);
    heartbeat.arm(40); // due at 100
    heartbeat.disarm();
    expect(heartbeat.armed).toBe(false);
    expect(heartbeat.due).toBe(Infinity);
    sim.run();
    expect(fired).toEqual([501]);
    expect(sim.pending).toBe(0);
  });

  it('re-arms from its own handler, as a periodic resync does', () => {
    const sim = new Simulation();
    let fires = 0;
    const resync = sim.timer(
      sim.on('resync', () => {
        fires++;
        resync.arm(seconds(30));
      }),
    );
    resync.arm(seconds(30));
    sim.run({ until: seconds(300) });
    expect(fires).toBe(10);
    expect(resync.due).toBe(seconds(330));
  });

  it('keeps the queue small when a timer is re-armed many times', () => {
    const sim = new Simulation();
    const noop = sim.on('noop', () => {});
    const timers = Array.from({ length: 10 }, () => sim.timer(noop));
    for (let round = 0; round < 2000; round++) for (const t of timers) t.arm(1_000_000 + round);
    expect(sim.pending).toBe(10);
    expect(sim.nextEventTime()).toBe(1_000_000 + 1999);
    expect(sim.run().events).toBe(10);
  });

  it.each([undefined, 3])('matches a reference model under random arming, disarming and running (renumber after %s)', (renumberAfter) => {
    type Op = { op: 'arm'; timer: number; delay: number } | { op: 'disarm'; timer: number } | { op: 'step' } | { op: 'event'; delay: number };
    const ops = fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('arm' as const), timer: fc.integer({ min: 0, max: 3 }), delay: fc.integer({ min: 0, max: 4 }) }),
        fc.record({ op: fc.constant('disarm' as const), timer: fc.integer({ min: 0, max: 3 }) }),
        fc.record({ op: fc.constant('step' as const) }),
        fc.record({ op: fc.constant('event' as const), delay: fc.integer({ min: 0, max: 4 }) }),
      ) as fc.Arbitrary<Op>,
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(ops, (list) => {
        const sim = new Simulation(renumberAfter === undefined ? {} : { renumberAfter });
        const seen: string[] = [];
        const fire = sim.on('fire', (arg) => seen.push(`${sim.now}:timer${arg}`));
        const plain = sim.on('plain', (arg) => seen.push(`${sim.now}:event${arg}`));
        const timers = [0, 1, 2, 3].map((i) => sim.timer(fire, i));
        // Reference: live entries with the order they were scheduled in.
        let order = 0;
        const live: { time: number; order: number; label: string; timer?: number }[] = [];
        const expected: string[] = [];
        let plainCount = 0;
        for (const o of list) {
          if (o.op === 'arm') {
            const i = live.findIndex((e) => e.timer === o.timer);
            if (i >= 0) live.splice(i, 1);
            timers[o.timer]!.arm(o.delay);
            live.push({ time: sim.now + o.delay, order: order++, label: `timer${o.timer}`, timer: o.timer });
          } else if (o.op === 'disarm') {
            const i = live.findIndex((e) => e.timer === o.timer);
            if (i >= 0) live.splice(i, 1);
            timers[o.timer]!.disarm();
          } else if (o.op === 'event') {
            sim.schedule(o.delay, plain, plainCount);
            live.push({ time: sim.now + o.delay, order: order++, label: `event${plainCount++}` });
          } else {
            live.sort((a, b) => a.time - b.time || a.order - b.order);
            const next = live.shift();
            if (next !== undefined) expected.push(`${next.time}:${next.label}`);
            sim.run({ maxEvents: 1 });
          }
          expect(sim.pending).toBe(live.length);
          expect(seen).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
