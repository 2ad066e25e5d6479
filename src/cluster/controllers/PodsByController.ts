import type { Pod } from '../../api/types.js';
import { controllerUidOf } from './podTemplate.js';
import type { Informer } from '../store/Informer.js';

/**
 * An index of the pod informer by controller uid (the informer indexer
 * upstream controllers list through), so a sync reads its own pods instead
 * of scanning every pod in the cluster. Pods keep the order the informer
 * first saw them.
 */
export class PodsByController {
  private readonly byUid = new Map<string, Map<string, Pod>>();

  /** Indexes `pods` now and keeps the index current from its events (register before the controller's own handler). */
  constructor(pods: Informer<Pod>) {
    pods.addHandler({
      add: (pod) => this.put(pod),
      update: (_old, pod) => this.put(pod),
      delete: (pod) => {
        const uid = controllerUidOf(pod);
        if (uid === undefined) return;
        const set = this.byUid.get(uid);
        if (set === undefined) return;
        set.delete(pod.metadata.uid ?? '');
        if (set.size === 0) this.byUid.delete(uid);
      },
    });
  }

  private put(pod: Pod): void {
    const uid = controllerUidOf(pod);
    if (uid === undefined) return;
    let set = this.byUid.get(uid);
    if (set === undefined) this.byUid.set(uid, (set = new Map()));
    set.set(pod.metadata.uid ?? '', pod);
  }

  /** The pods whose controller has `uid`, in the order first seen. */
  list(uid: string): Pod[] {
    const set = this.byUid.get(uid);
    return set === undefined ? [] : [...set.values()];
  }
}
