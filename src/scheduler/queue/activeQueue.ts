/**
 * The active queue (backend/queue/active_queue.go): pods ready to be tried,
 * ordered by the profile's QueueSort less function, plus the bookkeeping of
 * pods popped and not yet done (in flight) and the scheduling-cycle counter.
 *
 * Upstream also records, while any pod is in flight, every cluster event the
 * queue receives, and replays them when an in-flight pod comes back
 * unschedulable (an event during its attempt may have made it schedulable).
 * kubesim's scheduling cycle is atomic on the virtual clock: no event can
 * arrive between Pop and the verdict, so there are no in-flight events to
 * record or replay, and only the set of in-flight pods is kept.
 */
import type { BackoffQueue, QueuedPodLess } from './backoffQueue.js';
import { KeyedHeap } from './heap.js';
import type { QueuedPodInfo } from './QueuedPodInfo.js';

export class ActiveQueue {
  private readonly heap: KeyedHeap<QueuedPodInfo>;
  /** Set only with SchedulerPopFromBackoffQ: Pop takes from backoffQ when activeQ is empty. */
  private readonly backoffQPopper: BackoffQueue | null;
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private schedCycle = 0;

  constructor(less: QueuedPodLess, backoffQPopper: BackoffQueue | null) {
    this.heap = new KeyedHeap((p) => p.key, less);
    this.backoffQPopper = backoffQPopper;
  }

  add(pInfo: QueuedPodInfo): void {
    this.heap.addOrUpdate(pInfo);
  }

  /** Re-sorts a pod already in activeQ (after its pod info changed); returns it, or undefined if absent. */
  update(key: string): QueuedPodInfo | undefined {
    const p = this.heap.getKey(key);
    if (p !== undefined) this.heap.addOrUpdate(p);
    return p;
  }

  delete(key: string): boolean {
    return this.heap.deleteKey(key) !== undefined;
  }

  get(key: string): QueuedPodInfo | undefined {
    return this.heap.getKey(key);
  }

  has(key: string): boolean {
    return this.heap.hasKey(key);
  }

  /**
   * Pop, non-blocking: the head of activeQ or, when activeQ is empty and
   * SchedulerPopFromBackoffQ is on, the head of backoffQ's rejection heap.
   * Increments the pod's attempts and the scheduling cycle and marks the pod
   * in flight. A pod already in flight is discarded and the next one taken,
   * as upstream guards against a pod tracked twice.
   */
  pop(): { pInfo: QueuedPodInfo; fromBackoffQ: boolean } | undefined {
    for (;;) {
      let pInfo = this.heap.pop();
      let fromBackoffQ = false;
      if (pInfo === undefined && this.backoffQPopper !== null && this.backoffQPopper.lenBackoff() !== 0) {
        pInfo = this.backoffQPopper.popBackoff();
        fromBackoffQ = true;
      }
      if (pInfo === undefined) return undefined;
      pInfo.attempts++;
      if (this.inFlight.has(pInfo.uid)) continue;
      this.inFlight.set(pInfo.uid, pInfo);
      this.schedCycle++;
      return { pInfo, fromBackoffQ };
    }
  }

  /** done: the pod's attempt is over (bound, or back in a queue). */
  done(uid: string): void {
    this.inFlight.delete(uid);
  }

  isInFlight(uid: string): boolean {
    return this.inFlight.has(uid);
  }

  inFlightPods(): QueuedPodInfo[] {
    return [...this.inFlight.values()];
  }

  schedulingCycle(): number {
    return this.schedCycle;
  }

  /** The pods, in heap-array order. */
  list(): QueuedPodInfo[] {
    return this.heap.list();
  }

  get length(): number {
    return this.heap.length;
  }
}
