/**
 * Simulated time. Every instant and every duration in kubesim is an integer
 * number of microseconds held in a JavaScript number: exact up to 2^53 µs
 * (about 285 years), cheap to compare, and free of floating-point drift.
 */

/** An instant or a duration on the virtual clock, in integer microseconds. */
export type Micros = number;

/** Microseconds in one millisecond. */
export const MICROS_PER_MILLISECOND = 1_000;
/** Microseconds in one second. */
export const MICROS_PER_SECOND = 1_000_000;
/** Microseconds in one minute. */
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
/** Microseconds in one hour. */
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

/** Whole seconds (or a fraction of one) as microseconds, rounded to the nearest microsecond. */
export function seconds(s: number): Micros {
  return Math.round(s * MICROS_PER_SECOND);
}

/** Milliseconds as microseconds, rounded to the nearest microsecond. */
export function milliseconds(ms: number): Micros {
  return Math.round(ms * MICROS_PER_MILLISECOND);
}

/** Microseconds as (fractional) seconds, for reports. */
export function toSeconds(t: Micros): number {
  return t / MICROS_PER_SECOND;
}

/** True when `t` is a valid instant or duration: a non-negative integer no larger than 2^53 − 1. */
export function isMicros(t: number): boolean {
  return Number.isSafeInteger(t) && t >= 0;
}
