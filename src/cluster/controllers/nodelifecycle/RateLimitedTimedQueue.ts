import type { Micros } from '../../../engine/time.js';

/**
 * flowcontrol's token bucket (golang.org/x/time/rate under
 * NewTokenBucketRateLimiter) as the equivalent GCRA: `qps` tokens a second,
 * at most `burst` saved, full when made. A qps of 0 or less never accepts
 * (NewFakeNeverRateLimiter). A refused TryAccept changes nothing, as in Go.
 */
export class TokenBucket {
  /** GCRA's theoretical arrival time: a token is there from `tat - (burst-1)·interval` on. */
  private tat: Micros = -Infinity;
  private readonly interval: Micros;

  constructor(
    readonly qps: number,
    readonly burst: number,
  ) {
    this.interval = qps > 0 ? Math.round(1_000_000 / qps) : Infinity;
  }

  /** TryAccept at `now`: takes a token when one is there. */
  tryAccept(now: Micros): boolean {
    if (this.qps <= 0) return false;
    if (now < this.nextAcceptAt()) return false;
    this.tat = Math.max(this.tat, now) + this.interval;
    return true;
  }

  /** The first instant a TryAccept would succeed (Infinity for a limiter that never accepts). */
  nextAcceptAt(): Micros {
    if (this.qps <= 0) return Infinity;
    return this.tat - (this.burst - 1) * this.interval;
  }
}

/** scheduler.EvictionRateLimiterBurst. */
export const EVICTION_RATE_LIMITER_BURST = 1;

/** One queued node (TimedValue): its name, uid and when it may be processed. */
export interface TimedValue {
  value: string;
  uid: string;
  addedAt: Micros;
  processAt: Micros;
  /** Insertion order: breaks ties between equal processAt. */
  seq: number;
}

/**
 * RateLimitedTimedQueue (pkg/controller/nodelifecycle/scheduler/
 * rate_limited_queue.go): a unique queue of node names ordered by processAt,
 * drained by {@link tryProcess} at most as fast as its limiter allows. A
 * processed name stays in the set (it is not added again) until removed. The
 * node lifecycle controller keeps one per zone for NoExecute tainting.
 */
export class RateLimitedTimedQueue {
  /** The queue (a heap upstream; a scan here — queues hold the nodes of one zone). */
  private readonly items = new Map<string, TimedValue>();
  /** Every value added and not removed: processed values stay, so they are not added again (UniqueQueue.set). */
  private readonly set = new Set<string>();
  private seq = 0;
  limiter: TokenBucket;

  constructor(limiter: TokenBucket) {
    this.limiter = limiter;
  }

  /** Add: queues `value` unless it is already queued; returns true when added. */
  add(value: string, uid: string, now: Micros): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    this.items.set(value, { value, uid, addedAt: now, processAt: now, seq: this.seq++ });
    return true;
  }

  /** Remove: forgets `value` (queued or already processed); returns true when it was known. */
  remove(value: string): boolean {
    if (!this.set.delete(value)) return false;
    this.items.delete(value);
    return true;
  }

  /** Clear: drops everything. */
  clear(): void {
    this.items.clear();
    this.set.clear();
  }

  /** How many values wait to be processed. */
  get length(): number {
    return this.items.size;
  }

  private head(): TimedValue | undefined {
    let best: TimedValue | undefined;
    for (const v of this.items.values()) {
      if (best === undefined || v.processAt < best.processAt || (v.processAt === best.processAt && v.seq < best.seq)) best = v;
    }
    return best;
  }

  /**
   * Try: while a token is available and the head is due, runs `fn` on it;
   * `fn` answers [done, wait]: done removes it, otherwise it is retried after `wait`.
   */
  tryProcess(now: Micros, fn: (value: TimedValue) => [boolean, Micros]): void {
    let value = this.head();
    while (value !== undefined) {
      if (!this.limiter.tryAccept(now)) break;
      if (now < value.processAt) break;
      const [done, wait] = fn(value);
      if (done) this.items.delete(value.value); // RemoveFromQueue: it stays in the set
      else value.processAt = now + wait + 1;
      value = this.head();
    }
  }

  /**
   * SwapLimiter: a new bucket at `qps` (never accepting at 0); when the old
   * one had no token left the new one starts drained too (good with burst 1).
   */
  swapLimiter(qps: number, now: Micros): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST);
    if (qps > 0 && !this.limiter.tryAccept(now)) next.tryAccept(now);
    this.limiter = next;
  }
}
