/**
 * The unschedulable pod pool (backend/queue/unschedulable_pods.go): pods that
 * were tried and rejected, waiting for a cluster event (or the 5-minute
 * leftover flush), and pods gated by a PreEnqueue plugin. A Map keyed by
 * `namespace/name`: iteration follows insertion order, where upstream's Go map
 * is unordered — any order is upstream-conformant, this one is deterministic.
 */
import type { QueuedPodInfo } from './QueuedPodInfo.js';

export class UnschedulablePods {
  private readonly pods = new Map<string, QueuedPodInfo>();

  /** addOrUpdate: adds the pod, or replaces the entry with the same key (keeping its place). */
  addOrUpdate(pInfo: QueuedPodInfo): void {
    this.pods.set(pInfo.key, pInfo);
  }

  delete(key: string): boolean {
    return this.pods.delete(key);
  }

  get(key: string): QueuedPodInfo | undefined {
    return this.pods.get(key);
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  /** The pods, in insertion order (a snapshot: safe to modify the pool while iterating it). */
  list(): QueuedPodInfo[] {
    return [...this.pods.values()];
  }

  /** Iterates the pods without copying; do not modify the pool meanwhile. */
  values(): IterableIterator<QueuedPodInfo> {
    return this.pods.values();
  }

  get length(): number {
    return this.pods.size;
  }

  /** Pods currently gated by a PreEnqueue plugin (counted on demand: a pod's gate can change while pooled). */
  countGated(): number {
    let n = 0;
    for (const p of this.pods.values()) if (p.gated) n++;
    return n;
  }
}
