import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/api/types.js';
import { getFinishedTime, getRemainingTime, newBackoffRecord, NO_BACKOFF, type BackoffRecord } from '../../../../src/cluster/controllers/job/backoff.js';
import { seconds } from '../../../../src/engine/time.js';

// Upstream's tables (backoff_utils_test.go) with instants in µs; T is their defaultTestTime.
const T = seconds(1_000_000);
const ms = 1000;
const instantOf = (t: string): number => Number(t);

function finished(phase: 'Succeeded' | 'Failed', at: number): Pod {
  return { metadata: {}, spec: { containers: [] }, status: { phase, containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: '', state: { terminated: { exitCode: 0, finishedAt: String(at) } } }] } };
}

describe('newBackoffRecord (TestNewBackoffRecord)', () => {
  const cases: { name: string; old?: BackoffRecord; succeeded: number[]; failed: number[]; want: BackoffRecord }[] = [
    { name: 'Empty backoff store and one new failure', succeeded: [], failed: [T], want: { failuresAfterLastSuccess: 1, lastFailureTime: T } },
    { name: 'Empty backoff store and two new failures', succeeded: [], failed: [T, T - ms], want: { failuresAfterLastSuccess: 2, lastFailureTime: T } },
    { name: 'Empty backoff store, two failures followed by success', succeeded: [T], failed: [T - 2 * ms, T - ms], want: { failuresAfterLastSuccess: 0, lastFailureTime: undefined } },
    { name: 'Empty backoff store, two failures, one success and two more failures', succeeded: [T - 2 * ms], failed: [T, T - 4 * ms, T - 3 * ms, T - ms], want: { failuresAfterLastSuccess: 2, lastFailureTime: T } },
    { name: 'Backoff store having failure count 2 and one new failure', old: { failuresAfterLastSuccess: 2, lastFailureTime: undefined }, succeeded: [], failed: [T], want: { failuresAfterLastSuccess: 3, lastFailureTime: T } },
    { name: 'Empty backoff store with success and failure at same timestamp', succeeded: [T], failed: [T], want: { failuresAfterLastSuccess: 0, lastFailureTime: undefined } },
    { name: 'Empty backoff store with no success/failure', succeeded: [], failed: [], want: { failuresAfterLastSuccess: 0, lastFailureTime: undefined } },
    { name: 'Empty backoff store with one success', succeeded: [T], failed: [], want: { failuresAfterLastSuccess: 0, lastFailureTime: undefined } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = newBackoffRecord(c.old ?? NO_BACKOFF, c.succeeded.map((t) => finished('Succeeded', t)), c.failed.map((t) => finished('Failed', t)), instantOf);
      expect(got).toEqual(c.want);
    });
  }
});

describe('getRemainingTime (TestGetRemainingBackoffTime)', () => {
  const d = seconds(5);
  const max = seconds(700);
  const cases: { name: string; record: BackoffRecord; now: number; want: number }[] = [
    { name: 'no failures', record: NO_BACKOFF, now: T, want: 0 },
    { name: 'one failure; current time and failure time are same', record: { failuresAfterLastSuccess: 1, lastFailureTime: T }, now: T, want: seconds(5) },
    { name: 'one failure; current time == 1 second + failure time', record: { failuresAfterLastSuccess: 1, lastFailureTime: T }, now: T + seconds(1), want: seconds(4) },
    { name: 'one failure; current time == expected backoff time', record: { failuresAfterLastSuccess: 1, lastFailureTime: T }, now: T + seconds(5), want: 0 },
    { name: 'one failure; current time == expected backoff time + 1 Second', record: { failuresAfterLastSuccess: 1, lastFailureTime: T }, now: T + seconds(6), want: 0 },
    { name: 'three failures; current time and failure time are same', record: { failuresAfterLastSuccess: 3, lastFailureTime: T }, now: T, want: seconds(20) },
    { name: 'eight failures; backoff not exceeding maxBackoff', record: { failuresAfterLastSuccess: 8, lastFailureTime: T }, now: T, want: seconds(640) },
    { name: 'nine failures; backoff exceeding maxBackoff', record: { failuresAfterLastSuccess: 9, lastFailureTime: T }, now: T, want: seconds(700) },
  ];
  for (const c of cases) it(c.name, () => expect(getRemainingTime(c.record, c.now, d, max)).toBe(c.want));

  it('uses the Job defaults: 10s doubling, capped at 10 minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => getRemainingTime({ failuresAfterLastSuccess: n, lastFailureTime: T }, T) / seconds(1));
    expect(waits).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
  });
});

describe('getFinishedTime (TestGetFinishedTime)', () => {
  const base: Pod = { metadata: {}, spec: { containers: [] } };
  const terminated = (at?: number) => ({ name: 'c', ready: false, restartCount: 0, image: '', state: { terminated: { exitCode: 0, ...(at === undefined ? {} : { finishedAt: String(at) }) } } });
  const running = { name: 'r', ready: true, restartCount: 0, image: '', state: { running: {} } };
  it('Pod with multiple containers and all containers terminated', () => {
    const pod: Pod = { ...base, status: { containerStatuses: [terminated(T - seconds(1)), terminated(T), terminated(T - seconds(2))] } };
    expect(getFinishedTime(pod, instantOf)).toBe(T);
  });
  it('one container running: fallback to deletionTimestamp', () => {
    const pod: Pod = { metadata: { deletionTimestamp: String(T) }, spec: { containers: [] }, status: { containerStatuses: [terminated(T - seconds(1)), running] } };
    expect(getFinishedTime(pod, instantOf)).toBe(T);
  });
  it('fallback to deletionTimestamp, decremented by grace period', () => {
    const pod: Pod = { metadata: { deletionTimestamp: String(T), deletionGracePeriodSeconds: 30 }, spec: { containers: [] }, status: { containerStatuses: [running] } };
    expect(getFinishedTime(pod, instantOf)).toBe(T - seconds(30));
  });
  it('fallback to PodReady.LastTransitionTime when status of the condition is False', () => {
    const pod: Pod = { ...base, status: { containerStatuses: [terminated()], conditions: [{ type: 'Ready', status: 'False', reason: 'PodFailed', lastTransitionTime: String(T) }] } };
    expect(getFinishedTime(pod, instantOf)).toBe(T);
  });
  it('skip fallback to PodReady.LastTransitionTime when status of the condition is True', () => {
    const pod: Pod = { metadata: { deletionTimestamp: String(T) }, spec: { containers: [] }, status: { containerStatuses: [terminated()], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: String(T - seconds(30)) }] } };
    expect(getFinishedTime(pod, instantOf)).toBe(T);
  });
  it('fallback to creationTimestamp', () => {
    const pod: Pod = { metadata: { creationTimestamp: String(T) }, spec: { containers: [] }, status: { containerStatuses: [terminated()] } };
    expect(getFinishedTime(pod, instantOf)).toBe(T);
  });
  it('Pod with sidecar container and all containers terminated', () => {
    const pod: Pod = {
      metadata: {},
      spec: { containers: [], initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }] },
      status: { containerStatuses: [terminated(T - seconds(1))], initContainerStatuses: [{ ...terminated(T), name: 'sidecar' }] },
    };
    expect(getFinishedTime(pod, instantOf)).toBe(T);
  });
});
