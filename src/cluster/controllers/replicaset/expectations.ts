import type { Micros } from '../../../engine/time.js';
import { MICROS_PER_MINUTE } from '../../../engine/time.js';

/** controller.ExpectationsTimeout: expectations older than this no longer block a sync. */
export const EXPECTATIONS_TIMEOUT: Micros = 5 * MICROS_PER_MINUTE;

interface Expectation {
  add: number;
  del: number;
  timestamp: Micros;
}

/**
 * controller.UIDTrackingControllerExpectations: how many creations and which
 * deletions a controller still waits to see through its informer. While any
 * are outstanding the controller does not act on its (stale) cache again, so
 * it never double-creates while its own writes are in flight.
 */
export class ControllerExpectations {
  private readonly expectations = new Map<string, Expectation>();
  private readonly deleting = new Map<string, Set<string>>();

  constructor(private readonly now: () => Micros) {}

  /** SatisfiedExpectations: true when nothing is outstanding, the entry expired, or there is none. */
  satisfied(controllerKey: string): boolean {
    const e = this.expectations.get(controllerKey);
    if (e === undefined) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT;
  }

  /** ExpectCreations: `count` pods are about to be created. */
  expectCreations(controllerKey: string, count: number): void {
    this.expectations.set(controllerKey, { add: count, del: 0, timestamp: this.now() });
  }

  /** ExpectDeletions: the pods with these keys are about to be deleted. */
  expectDeletions(controllerKey: string, podKeys: readonly string[]): void {
    this.deleting.set(controllerKey, new Set(podKeys));
    this.expectations.set(controllerKey, { add: 0, del: podKeys.length, timestamp: this.now() });
  }

  /** CreationObserved: one expected pod was seen (or its creation failed). */
  creationObserved(controllerKey: string): void {
    const e = this.expectations.get(controllerKey);
    if (e !== undefined) e.add--;
  }

  /** DeletionObserved: a pod is gone or being deleted; counts once per expected key. */
  deletionObserved(controllerKey: string, podKey: string): void {
    const keys = this.deleting.get(controllerKey);
    if (keys === undefined || !keys.delete(podKey)) return;
    const e = this.expectations.get(controllerKey);
    if (e !== undefined) e.del--;
  }

  /** DeleteExpectations: the controller is gone. */
  delete(controllerKey: string): void {
    this.expectations.delete(controllerKey);
    this.deleting.delete(controllerKey);
  }

  /** The outstanding counts (for tests and traces). */
  get(controllerKey: string): { add: number; del: number } | undefined {
    const e = this.expectations.get(controllerKey);
    return e === undefined ? undefined : { add: e.add, del: e.del };
  }
}
