/**
 * controller.ControllerExpectations with UID tracking for deletions: a
 * controller records the pods it has asked the API server to create and
 * delete, and does not act on a controller key again until the watch has
 * shown it every one of them, so that writes still in flight (request and
 * watch latency) are never doubled. A failed call is observed at once.
 * Upstream expectations also expire after 5 minutes (ExpectationsTimeout);
 * a simulated watch never loses an event, so they need not.
 */
export class ControllerExpectations {
  private readonly creations = new Map<string, number>();
  private readonly deletions = new Map<string, Set<string>>();

  /** ExpectCreations: `count` more pods will be created for `key`. */
  expectCreations(key: string, count: number): void {
    if (count <= 0) return;
    this.creations.set(key, (this.creations.get(key) ?? 0) + count);
  }

  /** CreationObserved: one of the expected creations was seen (or failed). */
  creationObserved(key: string): void {
    const left = this.creations.get(key);
    if (left === undefined) return;
    if (left <= 1) this.creations.delete(key);
    else this.creations.set(key, left - 1);
  }

  /** ExpectDeletions: the pods with these keys (namespace/name) will be deleted. */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    if (podKeys.length === 0) return;
    let set = this.deletions.get(key);
    if (set === undefined) this.deletions.set(key, (set = new Set()));
    for (const k of podKeys) set.add(k);
  }

  /** DeletionObserved: the pod is seen terminating or gone (or the call failed). */
  deletionObserved(key: string, podKey: string): void {
    const set = this.deletions.get(key);
    if (set === undefined) return;
    set.delete(podKey);
    if (set.size === 0) this.deletions.delete(key);
  }

  /** True while the deletion of `podKey` for `key` is asked for and not yet seen. */
  deletionPending(key: string, podKey: string): boolean {
    return this.deletions.get(key)?.has(podKey) ?? false;
  }

  /** SatisfiedExpectations: nothing is in flight for `key`. */
  satisfied(key: string): boolean {
    return !this.creations.has(key) && !this.deletions.has(key);
  }

  /** Pending creations for `key`. */
  pendingCreations(key: string): number {
    return this.creations.get(key) ?? 0;
  }

  /** DeleteExpectations: forgets `key` (its controller object is gone). */
  forget(key: string): void {
    this.creations.delete(key);
    this.deletions.delete(key);
  }
}
