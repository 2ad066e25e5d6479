/**
 * Data plugins keep for one pod's scheduling cycle, keyed by plugin (as
 * framework.CycleState). PreFilter and PreScore write; Filter and Score read.
 * Preemption clones it to try removing pods without disturbing the real cycle.
 */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: the framework does not call their Filter. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: the framework does not call their Score. */
  readonly skipScorePlugins = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  /**
   * A copy for what-if evaluation. Values that have a `clone()` method are
   * cloned with it (plugins whose state AddPod/RemovePod mutate provide one);
   * others are shared, so they must be immutable.
   */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) {
      const cloneable = v as { clone?: () => unknown } | null;
      c.data.set(k, cloneable !== null && typeof cloneable === 'object' && typeof cloneable.clone === 'function' ? cloneable.clone() : v);
    }
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
