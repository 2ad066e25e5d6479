import type { Micros } from '../engine/time.js';

/** 2026-01-01T00:00:00Z: the wall-clock instant virtual time 0 stands for, unless a workload says otherwise. */
export const DEFAULT_CLOCK_ORIGIN_MS = Date.UTC(2026, 0, 1);

/**
 * Maps the virtual clock to the wall-clock timestamps Kubernetes objects
 * carry. The API server writes RFC 3339 with whole seconds
 * (`2026-01-01T00:01:28Z`), so a timestamp drops the microseconds, as
 * metav1.Time does; `kubectl` ages are measured from those truncated values.
 */
export class ClusterClock {
  /**
   * @param originMs the wall-clock instant (ms since the Unix epoch) of virtual time 0
   * @param nowFn the virtual clock
   */
  constructor(
    readonly originMs: number,
    private readonly nowFn: () => Micros,
  ) {}

  /** The current virtual instant. */
  get now(): Micros {
    return this.nowFn();
  }

  /** The whole virtual second {@link lastStamp} formats (NaN: none yet). */
  private lastSecond = NaN;
  private lastStamp = '';

  /** The RFC 3339 timestamp (whole seconds, UTC) of virtual instant `t` (default: now). */
  timestamp(t: Micros = this.nowFn()): string {
    const second = Math.floor(t / 1_000_000);
    // Most calls in a run ask for the current second again: format each second once.
    if (second !== this.lastSecond) {
      this.lastStamp = new Date(this.originMs + second * 1000).toISOString().slice(0, 19) + 'Z';
      this.lastSecond = second;
    }
    return this.lastStamp;
  }

  /** The virtual instant of an RFC 3339 timestamp (NaN when it does not parse). */
  instantOf(timestamp: string): Micros {
    return (Date.parse(timestamp) - this.originMs) * 1000;
  }
}
