/**
 * How preemption ranks pods (pkg/scheduler/util: GetPodStartTime,
 * MoreImportantPod, GetEarliestPodStartTime), with start times compared to
 * the nanosecond as Go's time.Time does.
 */
import type { Pod } from '../../../api/types.js';
import type { PodInfo } from '../../framework/PodInfo.js';

/**
 * The start time upstream uses for a pod without `status.startTime`:
 * `time.Now()`, which is later than any pod's recorded start. kubesim's
 * plugins have no clock, so "now" is one instant later than every real start
 * time (math.MaxInt64 ns); two pods without a start time therefore tie, where
 * upstream's two successive time.Now() calls would order them by a few
 * nanoseconds of wall clock.
 */
export const NOW_NANOS = (1n << 63n) - 1n;

const startTimes = new WeakMap<Pod, bigint>();

/** util.GetPodStartTime, as nanoseconds since the epoch ({@link NOW_NANOS} when unset or unparsable). */
export function podStartTime(pod: Pod): bigint {
  let t = startTimes.get(pod);
  if (t === undefined) {
    const text = pod.status?.startTime;
    t = text === undefined || text === '' ? NOW_NANOS : (parseRFC3339Nanos(text) ?? NOW_NANOS);
    startTimes.set(pod, t);
  }
  return t;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp (fractional seconds up to nanoseconds) to nanoseconds since the epoch. */
export function parseRFC3339Nanos(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  let seconds = BigInt(ms / 1000);
  if (sign !== undefined) {
    const offset = BigInt(Number(oh) * 3600 + Number(om) * 60);
    seconds = sign === '+' ? seconds - offset : seconds + offset;
  }
  const nanos = frac === undefined ? 0n : BigInt(frac.padEnd(9, '0'));
  return seconds * 1_000_000_000n + nanos;
}

/** util.MoreImportantPod: higher priority first, then the earlier start time. */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return podStartTime(a.pod) < podStartTime(b.pod);
}

/**
 * util.GetEarliestPodStartTime: the earliest start time among the victims of
 * the highest priority (victims non-empty).
 */
export function earliestPodStartTime(victims: readonly PodInfo[]): bigint {
  const first = victims[0]!;
  let earliest = podStartTime(first.pod);
  let maxPriority = first.priority;
  for (const p of victims) {
    if (p.priority === maxPriority) {
      const t = podStartTime(p.pod);
      if (t < earliest) earliest = t;
    } else if (p.priority > maxPriority) {
      maxPriority = p.priority;
      earliest = podStartTime(p.pod);
    }
  }
  return earliest;
}
