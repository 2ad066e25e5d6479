import { MICROS_PER_SECOND } from '../engine/time.js';

const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

/**
 * duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration): a duration
 * in two or three significant figures, as AGE, DURATION and "(5m ago)" show
 * it. Every step truncates toward zero; up to 2s in the future prints `0s`,
 * further is `<invalid>`.
 * @param d the duration in microseconds
 */
export function humanDuration(d: number): string {
  const seconds = Math.trunc(d / MICROS_PER_SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(d / MICROS_PER_MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(d / MICROS_PER_HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * translateTimestampSince: HumanDuration of `now − timestamp`, or `<unknown>`
 * for a missing (zero) timestamp.
 * @param timestamp RFC 3339, as stored
 * @param nowMillis wall-clock milliseconds since the epoch
 */
export function since(timestamp: string | undefined, nowMillis: number): string {
  if (timestamp === undefined || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration((nowMillis - t) * 1000);
}

/** HumanDuration of `end − start` (two RFC 3339 timestamps), e.g. a Job's DURATION. */
export function between(start: string, end: string): string {
  return humanDuration((Date.parse(end) - Date.parse(start)) * 1000);
}
