import type { Taint } from '../../api/types.js';

/**
 * The distinct NoSchedule/NoExecute taint lists of the cluster's nodes, each
 * with a small id (0: none). Whether a pod tolerates a node's taints depends
 * only on their keys, values and effects, so TaintToleration's whole-table
 * Filter checks each distinct list once per cycle instead of once per node:
 * a pool of a hundred GPU nodes carries one list.
 */
export class TaintSets {
  /** A list with each id's content (index 0: the empty list). */
  readonly lists: (readonly Taint[])[] = [[]];
  private readonly byContent = new Map<string, number>();
  /** Node taint lists are kept until the Node changes: look each one up once. */
  private readonly byList = new WeakMap<readonly Taint[], number>();

  /** The id of the NoSchedule/NoExecute taints among `taints`. */
  idOf(taints: readonly Taint[]): number {
    let id = this.byList.get(taints);
    if (id !== undefined) return id;
    let content = '';
    for (const t of taints) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      content += `${t.key}\u0000${t.value ?? ''}\u0000${t.effect}\u0001`;
    }
    if (content === '') id = 0;
    else {
      id = this.byContent.get(content);
      if (id === undefined) {
        id = this.lists.length;
        this.lists.push(taints);
        this.byContent.set(content, id);
      }
    }
    this.byList.set(taints, id);
    return id;
  }
}
