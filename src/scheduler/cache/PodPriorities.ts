/**
 * How many pods of each priority the cache's nodes hold, and the lowest of
 * those priorities: preemption finds no victim anywhere for a pod whose
 * priority is not above it, which it can then tell without visiting every
 * node (a cluster where every pod has the same priority retries its
 * unschedulable pods' preemption on each failed attempt).
 */
export class PodPriorities {
  private readonly counts = new Map<number, number>();
  private min = Infinity;

  /** The lowest priority of a pod on any node; +Infinity when no node holds a pod. */
  get lowest(): number {
    return this.min;
  }

  /** Counts (`delta` 1) or uncounts (-1) a pod of `priority` on a node. */
  add(priority: number, delta: 1 | -1): void {
    const c = (this.counts.get(priority) ?? 0) + delta;
    if (c < 0) throw new Error(`PodPriorities: no pod of priority ${priority} to remove`);
    if (c === 0) {
      this.counts.delete(priority);
      if (priority === this.min) {
        this.min = Infinity;
        for (const p of this.counts.keys()) if (p < this.min) this.min = p;
      }
    } else {
      this.counts.set(priority, c);
      if (priority < this.min) this.min = priority;
    }
  }
}
