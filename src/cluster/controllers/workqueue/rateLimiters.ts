import type { Micros } from '../../../engine/time.js';
import { MICROS_PER_MILLISECOND, MICROS_PER_SECOND } from '../../../engine/time.js';

/** client-go workqueue.TypedRateLimiter: how long an item waits before it is requeued. */
export interface RateLimiter<K> {
  /** The delay before `item` may be processed again (each call counts one more failure). */
  when(item: K, now: Micros): Micros;
  /** Stops tracking `item` (it was processed successfully). */
  forget(item: K): void;
  /** How many times `item` has been requeued since it was last forgotten. */
  numRequeues(item: K): number;
}

/**
 * ItemExponentialFailureRateLimiter: base·2^failures per item, capped at
 * `max`. client-go's default is 5 ms doubling to 1000 s.
 */
export class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();

  constructor(
    readonly baseDelay: Micros,
    readonly maxDelay: Micros,
  ) {}

  when(item: K): Micros {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    const backoff = this.baseDelay * 2 ** exp;
    return backoff > this.maxDelay ? this.maxDelay : backoff;
  }

  forget(item: K): void {
    this.failures.delete(item);
  }

  numRequeues(item: K): number {
    return this.failures.get(item) ?? 0;
  }
}

/**
 * BucketRateLimiter: golang.org/x/time/rate's token bucket (`qps` tokens a
 * second, `burst` deep), shared by every item. A reservation may take the
 * bucket below zero; the delay is the time until it refills to zero.
 */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  private tokens: number;
  private last: Micros = 0;

  constructor(
    readonly qps: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  when(_item: K, now: Micros): Micros {
    const elapsed = now - this.last;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.qps) / MICROS_PER_SECOND);
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens * MICROS_PER_SECOND) / this.qps);
  }

  forget(): void {}

  numRequeues(): number {
    return 0;
  }
}

/** MaxOfRateLimiter: the longest delay of its limiters (each is asked, so each counts the failure). */
export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  constructor(private readonly limiters: readonly RateLimiter<K>[]) {}

  when(item: K, now: Micros): Micros {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(item, now));
    return max;
  }

  forget(item: K): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

/**
 * workqueue.DefaultTypedControllerRateLimiter: per-item exponential backoff
 * 5 ms → 1000 s, max'd with an overall 10 qps / burst 100 token bucket.
 */
export function defaultControllerRateLimiter<K>(): RateLimiter<K> {
  return new MaxOfRateLimiter<K>([
    new ItemExponentialFailureRateLimiter<K>(5 * MICROS_PER_MILLISECOND, 1000 * MICROS_PER_SECOND),
    new BucketRateLimiter<K>(10, 100),
  ]);
}
