import type { Pod } from '../../../api/types.js';
import { isPodReady, isPodTerminal } from '../../podStatus.js';
import type { Informer } from '../../store/Informer.js';
import { controllerUidOf } from '../podTemplate.js';

/**
 * The Job controller's view of the pod informer, by controller uid: the
 * Job's unfinished pods (in the order the informer first saw them), and the
 * finished pods seen since the Job's last sync. A sync counts the finished
 * pods it has not counted, and upstream visits every pod of the Job to find
 * them; a finished pod stays finished and once counted stays counted, so
 * visiting only the ones that finished (or changed) since is the same
 * count — and a Job of 120 completions no longer walks its 100 finished
 * pods every second.
 */
export class JobPodIndex {
  private readonly unfinished = new Map<string, Map<string, UnfinishedPod>>();
  private readonly finishedSince = new Map<string, Map<string, Pod>>();

  /** Indexes `pods` now and keeps the index current from its events (register before the controller's own handler). */
  constructor(pods: Informer<Pod>) {
    pods.addHandler({
      add: (pod) => this.put(pod),
      update: (_old, pod) => this.put(pod),
      delete: (pod) => this.drop(pod),
    });
  }

  private put(pod: Pod): void {
    const owner = controllerUidOf(pod);
    if (owner === undefined) return;
    const uid = pod.metadata.uid ?? '';
    if (isPodTerminal(pod)) {
      removeFrom(this.unfinished, owner, uid);
      let since = this.finishedSince.get(owner);
      if (since === undefined) this.finishedSince.set(owner, (since = new Map()));
      since.set(uid, pod);
      return;
    }
    let pods = this.unfinished.get(owner);
    if (pods === undefined) this.unfinished.set(owner, (pods = new Map()));
    pods.set(uid, { pod, terminating: pod.metadata.deletionTimestamp !== undefined, ready: isPodReady(pod) });
  }

  private drop(pod: Pod): void {
    const owner = controllerUidOf(pod);
    if (owner === undefined) return;
    const uid = pod.metadata.uid ?? '';
    removeFrom(this.unfinished, owner, uid);
    // The controller's delete handler has seen it: a sync must not count it again.
    removeFrom(this.finishedSince, owner, uid);
  }

  /**
   * The controller's pods that have not finished (phase neither Succeeded
   * nor Failed), in the order first seen, with what a sync asks of each —
   * read once per pod change rather than once per sync.
   */
  unfinishedPods(owner: string): readonly UnfinishedPod[] {
    const pods = this.unfinished.get(owner);
    return pods === undefined ? [] : [...pods.values()];
  }

  /** The controller's pods that finished, or changed once finished, since the last call; forgets them. */
  takeFinished(owner: string): Pod[] {
    const since = this.finishedSince.get(owner);
    if (since === undefined) return [];
    this.finishedSince.delete(owner);
    return [...since.values()];
  }

  /** Forgets a controller's finished pods not yet taken (its Job is gone or finished: no sync will take them). */
  forgetFinished(owner: string): void {
    this.finishedSince.delete(owner);
  }
}

/** An unfinished pod and what a Job sync reads of it. */
export interface UnfinishedPod {
  readonly pod: Pod;
  /** metadata.deletionTimestamp is set. */
  readonly terminating: boolean;
  /** The Ready condition is True. */
  readonly ready: boolean;
}

function removeFrom(index: Map<string, Map<string, unknown>>, owner: string, uid: string): void {
  const pods = index.get(owner);
  if (pods === undefined) return;
  pods.delete(uid);
  if (pods.size === 0) index.delete(owner);
}
