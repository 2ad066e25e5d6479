import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/cluster/kubelet/Backoff.js';
import { seconds } from '../../../src/engine/time.js';

// client-go util/flowcontrol/backoff_test.go, without jitter.
describe('Backoff (flowcontrol.Backoff)', () => {
  it('TestSlowBackoff: doubles from the initial step up to the cap', () => {
    const step = seconds(1);
    const max = seconds(50);
    const b = new Backoff(step, max);
    let now = 0;
    const expected = [1, 2, 4, 8, 16, 32, 50, 50, 50].map(seconds);
    for (const want of expected) {
      b.next('test', now, now);
      expect(b.get('test')).toBe(want);
      now += step;
    }
  });

  it('TestBackoffReset: an item not bumped for 2×max starts over', () => {
    const b = new Backoff(seconds(1), seconds(5));
    let now = 0;
    for (let i = 0; i < 10; i++) {
      b.next('x', now, now);
      now += seconds(1);
    }
    expect(b.get('x')).toBe(seconds(5));
    now += seconds(11);
    b.next('x', now, now);
    expect(b.get('x')).toBe(seconds(1));
  });

  it('TestIsInBackOffSince: within the delay counted from the event', () => {
    const b = new Backoff(seconds(10), seconds(300));
    expect(b.isInBackOffSince('c', 0, 0)).toBe(false); // no entry
    b.next('c', 0, 0);
    expect(b.isInBackOffSince('c', 0, seconds(9))).toBe(true);
    expect(b.isInBackOffSince('c', 0, seconds(10))).toBe(false);
    // An event more than 2×max after the last bump: expired, never in back-off.
    expect(b.isInBackOffSince('c', seconds(601), seconds(601))).toBe(false);
    expect(b.isInBackOffSince('c', seconds(600), seconds(600))).toBe(true);
  });
});
