import type { Micros } from '../../engine/time.js';

/** One item's back-off: the current delay and when it was last bumped. */
interface BackoffEntry {
  backoff: Micros;
  lastUpdate: Micros;
}

/**
 * client-go's util/flowcontrol.Backoff without jitter, as the kubelet makes
 * it for container restarts (`NewBackOff(10s, 300s)`): per item, the delay
 * starts at `initial`, doubles on each {@link next} up to `max`, and starts
 * over when the item was not bumped for 2×max (`hasExpired`).
 */
export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(
    readonly initial: Micros,
    readonly max: Micros,
  ) {}

  /** Backoff.Get: the item's current delay (0 when it has none). */
  get(id: string): Micros {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Backoff.Next: bumps the item's delay for an event at `eventTime`, at instant `now`. */
  next(id: string, eventTime: Micros, now: Micros): void {
    const entry = this.entries.get(id);
    if (entry === undefined || hasExpired(eventTime, entry.lastUpdate, this.max)) {
      this.entries.set(id, { backoff: this.initial, lastUpdate: now });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.max);
    entry.lastUpdate = now;
  }

  /** Backoff.IsInBackOffSince: `now` is still within the item's delay counted from `eventTime`. */
  isInBackOffSince(id: string, eventTime: Micros, now: Micros): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    if (hasExpired(eventTime, entry.lastUpdate, this.max)) return false;
    return now - eventTime < entry.backoff;
  }

  /** Forgets the item (its pod is gone). */
  delete(id: string): void {
    this.entries.delete(id);
  }
}

/** hasExpired: an item is stable again once 2×max passed since its last bump. */
function hasExpired(eventTime: Micros, lastUpdate: Micros, max: Micros): boolean {
  return eventTime - lastUpdate > max * 2;
}
