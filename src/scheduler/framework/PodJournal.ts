import type { Labels } from '../../api/labels.js';
import type { PodInfo } from './PodInfo.js';

/** Entries a journal keeps before it drops the older half. */
const MAX_ENTRIES = 32;

/**
 * The pods that joined (+1) and left (-1) a node, in order, one entry per
 * step of the node's matchGeneration, as label-selector counts see them
 * (namespace, labels, being deleted; not the pods themselves, which would
 * keep every finished pod alive). A count of the node's pods by selector
 * taken at generation g is brought to the present by applying the entries
 * after g, instead of testing every pod on the node again. Only the latest
 * entries are kept, and a change that is not a pod joining or leaving (the
 * node's labels or taints) empties the journal: a count older than what is
 * kept is redone from the node's pods.
 */
export class PodJournal {
  readonly namespaces: string[] = [];
  readonly labels: Labels[] = [];
  /** True for a pod being deleted (countPodsMatchSelector skips it). */
  readonly deleting: boolean[] = [];
  readonly signs: number[] = [];
  /** The matchGeneration before the first entry. */
  private start = 0;

  /** Entries held. */
  get length(): number {
    return this.signs.length;
  }

  /** Logs a pod joining (+1) or leaving (-1); `generation` is the node's matchGeneration before the step. */
  record(pod: PodInfo, sign: 1 | -1, generation: number): void {
    if (this.start + this.signs.length !== generation) this.reset(generation);
    if (this.signs.length >= MAX_ENTRIES) {
      const drop = MAX_ENTRIES >> 1;
      this.namespaces.splice(0, drop);
      this.labels.splice(0, drop);
      this.deleting.splice(0, drop);
      this.signs.splice(0, drop);
      this.start += drop;
    }
    this.namespaces.push(pod.namespace);
    this.labels.push(pod.labels);
    this.deleting.push(pod.pod.metadata.deletionTimestamp !== undefined);
    this.signs.push(sign);
  }

  /** Forgets every entry; the journal starts at `generation`. */
  reset(generation: number): void {
    this.truncate(0);
    this.start = generation;
  }

  /**
   * The index of the first entry after `generation` when the journal holds
   * every step from `generation` to `current` (the node's matchGeneration now), else -1.
   */
  since(generation: number, current: number): number {
    if (this.start + this.signs.length !== current || generation < this.start || generation > current) return -1;
    return generation - this.start;
  }

  /** Takes back the entries after `generation` (a replaced pod that selectors see as before): the node is back at `generation`. */
  rewind(generation: number): void {
    const keep = generation - this.start;
    if (keep < 0 || keep > this.signs.length) this.reset(generation);
    else this.truncate(keep);
  }

  private truncate(n: number): void {
    this.namespaces.length = n;
    this.labels.length = n;
    this.deleting.length = n;
    this.signs.length = n;
  }
}
