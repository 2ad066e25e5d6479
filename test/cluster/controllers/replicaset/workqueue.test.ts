import { describe, expect, it } from 'vitest';
import { Callbacks } from '../../../../src/engine/Callbacks.js';
import { Simulation } from '../../../../src/engine/Simulation.js';
import { milliseconds, seconds } from '../../../../src/engine/time.js';
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
} from '../../../../src/cluster/controllers/workqueue/rateLimiters.js';
import { RequeueError, WorkQueue } from '../../../../src/cluster/controllers/workqueue/WorkQueue.js';

describe('client-go rate limiters (default_rate_limiters_test.go)', () => {
  it('ItemExponentialFailureRateLimiter: 1 ms, 2, 4, 8, 16, capped; per item; Forget resets', () => {
    const l = new ItemExponentialFailureRateLimiter<string>(milliseconds(1), seconds(1));
    expect([1, 2, 3, 4, 5].map(() => l.when('one'))).toEqual([1, 2, 4, 8, 16].map(milliseconds));
    expect(l.numRequeues('one')).toBe(5);
    expect(l.when('two')).toBe(milliseconds(1));
    l.forget('one');
    expect(l.numRequeues('one')).toBe(0);
    expect(l.when('one')).toBe(milliseconds(1));
    for (let i = 0; i < 20; i++) l.when('one');
    expect(l.when('one')).toBe(seconds(1));
  });

  it('BucketRateLimiter: burst free, then one token per 1/qps', () => {
    const l = new BucketRateLimiter<string>(10, 3);
    expect([0, 0, 0].map(() => l.when('x', 0))).toEqual([0, 0, 0]);
    expect(l.when('x', 0)).toBe(milliseconds(100));
    expect(l.when('x', 0)).toBe(milliseconds(200));
    expect(l.when('x', seconds(10))).toBe(0); // refilled
  });

  it('default controller rate limiter: 5 ms doubling to 1000 s, max\'d with 10 qps / burst 100', () => {
    const l = defaultControllerRateLimiter<string>();
    expect(l.when('a', 0)).toBe(milliseconds(5));
    expect(l.when('a', 0)).toBe(milliseconds(10));
    for (let i = 0; i < 30; i++) l.when('a', 0);
    expect(l.when('a', 0)).toBe(seconds(1000));
    // The bucket: 100 distinct items go by on their own backoff, the next ones wait for tokens.
    const b = defaultControllerRateLimiter<number>();
    for (let i = 0; i < 100; i++) expect(b.when(i, 0)).toBe(milliseconds(5));
    expect(b.when(100, 0)).toBe(milliseconds(100));
  });
});

describe('WorkQueue', () => {
  function make() {
    const sim = new Simulation({ seed: 1 });
    const callbacks = new Callbacks(sim);
    const seen: [string, number][] = [];
    let fail = 0;
    const q = new WorkQueue<string>(callbacks, (key) => {
      seen.push([key, sim.now]);
      if (key === 'bad' && fail-- > 0) throw new RequeueError('retry');
    });
    return { sim, q, seen, setFail: (n: number) => (fail = n) };
  }

  it('deduplicates a key queued twice before it is processed', () => {
    const { sim, q, seen } = make();
    q.add('a');
    q.add('b');
    q.add('a');
    sim.run();
    expect(seen.map(([k]) => k)).toEqual(['a', 'b']);
  });

  it('AddAfter keeps the earliest ready time', () => {
    const { sim, q, seen } = make();
    q.addAfter('a', seconds(10));
    q.addAfter('a', seconds(5));
    q.addAfter('a', seconds(20));
    sim.run();
    expect(seen).toEqual([['a', seconds(5)]]);
  });

  it('retries a failing key with exponential backoff, then forgets it', () => {
    const { sim, q, seen, setFail } = make();
    setFail(3);
    q.add('bad');
    sim.run();
    expect(seen.map(([, t]) => t)).toEqual([0, milliseconds(5), milliseconds(15), milliseconds(35)]);
    expect(q.numRequeues('bad')).toBe(0);
  });
});
