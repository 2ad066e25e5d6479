import type { Callbacks } from '../../../engine/Callbacks.js';
import type { Micros } from '../../../engine/time.js';

/**
 * A controller's work queue (client-go's delaying workqueue) on the virtual
 * clock: `add(key, delay)` asks for one sync of `key` no later than
 * now + delay. A key waiting is not added twice; an earlier request pulls a
 * waiting sync forward (AddAfter keeps the earliest time). Syncs run one at a
 * time in the order they fall due, as a single worker would.
 *
 * Shared by kubesim's DaemonSet, StatefulSet and Job controllers.
 */
export class WorkQueue {
  private readonly due = new Map<string, Micros>();

  constructor(
    private readonly callbacks: Callbacks,
    private readonly sync: (key: string) => void,
  ) {}

  /** Queues a sync of `key` after `delay` µs (0: as soon as the events due now have run). */
  add(key: string, delay: Micros = 0): void {
    const at = this.callbacks.now + Math.max(0, Math.ceil(delay));
    const waiting = this.due.get(key);
    if (waiting !== undefined && waiting <= at) return;
    this.due.set(key, at);
    this.callbacks.at(at, () => {
      // A later request may have been pulled forward and run already: only the current one fires.
      if (this.due.get(key) !== at) return;
      this.due.delete(key);
      this.sync(key);
    });
  }

  /** True when a sync of `key` is waiting. */
  has(key: string): boolean {
    return this.due.has(key);
  }

  /** When the sync of `key` is due, if one is waiting. */
  dueAt(key: string): Micros | undefined {
    return this.due.get(key);
  }
}
