import type { Callbacks } from '../../../engine/Callbacks.js';
import type { Micros } from '../../../engine/time.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rateLimiters.js';

/**
 * client-go's rate-limited delaying work queue, on the virtual clock. A key
 * is queued at most once (dirty set); a key being processed that is added
 * again is processed once more afterwards. Processing is instantaneous in
 * virtual time (a controller's sync does no I/O of its own: its API calls
 * are asynchronous), so workers never overlap and the concurrent-syncs
 * setting has no observable effect; keys are processed in FIFO order.
 */
export class WorkQueue<K> {
  private readonly queue: K[] = [];
  private head = 0;
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly waitingUntil = new Map<K, Micros>();
  private drainScheduled = false;

  /**
   * @param callbacks the virtual clock
   * @param process syncs one key; it may throw to have the key requeued with backoff
   * @param rateLimiter client-go's default controller rate limiter unless given
   */
  constructor(
    private readonly callbacks: Callbacks,
    private readonly process: (key: K) => void,
    readonly rateLimiter: RateLimiter<K> = defaultControllerRateLimiter<K>(),
  ) {}

  /** Number of keys waiting to be processed (not counting delayed ones). */
  get length(): number {
    return this.queue.length - this.head;
  }

  /** Queues `key` now (a no-op when it is already queued). */
  add(key: K): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return; // re-queued when its processing ends
    this.queue.push(key);
    this.scheduleDrain();
  }

  /**
   * Queues `key` after `delay`; while it waits, an earlier AddAfter wins
   * (client-go keeps the earliest ready time).
   */
  addAfter(key: K, delay: Micros): void {
    if (delay <= 0) {
      this.add(key);
      return;
    }
    const readyAt = this.callbacks.now + delay;
    const waiting = this.waitingUntil.get(key);
    if (waiting !== undefined && waiting <= readyAt) return;
    this.waitingUntil.set(key, readyAt);
    this.callbacks.at(readyAt, () => {
      if (this.waitingUntil.get(key) !== readyAt) return; // superseded by an earlier one
      this.waitingUntil.delete(key);
      this.add(key);
    });
  }

  /** Queues `key` after the rate limiter's delay (a failed sync). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.rateLimiter.when(key, this.callbacks.now));
  }

  /** Resets the rate limiter's failure count for `key` (a sync succeeded). */
  forget(key: K): void {
    this.rateLimiter.forget(key);
  }

  /** How many times `key` has been requeued with backoff since it was last forgotten. */
  numRequeues(key: K): number {
    return this.rateLimiter.numRequeues(key);
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.callbacks.after(0, () => this.drain());
  }

  private drain(): void {
    this.drainScheduled = false;
    while (this.head < this.queue.length) {
      const key = this.queue[this.head++] as K;
      this.dirty.delete(key);
      this.processing.add(key);
      try {
        this.process(key);
        this.forget(key);
      } catch (error) {
        if (!(error instanceof RequeueError)) throw error;
        this.addRateLimited(key);
      } finally {
        this.processing.delete(key);
      }
      if (this.dirty.has(key)) this.queue.push(key);
    }
    this.queue.length = 0;
    this.head = 0;
  }
}

/** Thrown by a sync to ask for the key to be retried with backoff (a sync returning an error). */
export class RequeueError extends Error {
  override readonly name = 'RequeueError';
}
