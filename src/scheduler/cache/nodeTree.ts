import type { Node } from '../../api/types.js';
import { zoneKey } from '../../api/zoneKey.js';

/**
 * Node names grouped by zone, zones in first-seen order (the scheduler cache's
 * nodeTree). {@link list} interleaves the zones round-robin — z1[0], z2[0], …,
 * z1[1], … — which is the order the scheduler scans nodes in.
 */
export class NodeTree {
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private readonly known = new Set<string>();
  private count = 0;

  get numNodes(): number {
    return this.count;
  }

  add(node: Node): void {
    const zone = zoneKey(node);
    const name = node.metadata.name ?? '';
    let names = this.tree.get(zone);
    if (names === undefined) {
      names = [];
      this.tree.set(zone, names);
      this.zones.push(zone);
    }
    if (this.known.has(name)) return;
    this.known.add(name);
    names.push(name);
    this.count++;
  }

  remove(node: Node): void {
    const zone = zoneKey(node);
    const names = this.tree.get(zone);
    const i = names?.indexOf(node.metadata.name ?? '') ?? -1;
    if (names === undefined || i < 0) return;
    names.splice(i, 1);
    this.known.delete(node.metadata.name ?? '');
    this.count--;
    if (names.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
  }

  /** Moves a node whose zone labels changed: out of the old zone, to the end of the new one. */
  update(old: Node, updated: Node): void {
    if (zoneKey(old) === zoneKey(updated)) return;
    this.remove(old);
    this.add(updated);
  }

  /** Every node name, zones interleaved round-robin. */
  list(): string[] {
    const out: string[] = [];
    for (let i = 0; out.length < this.count; i++) {
      for (const zone of this.zones) {
        const names = this.tree.get(zone)!;
        if (i < names.length) out.push(names[i]!);
      }
    }
    return out;
  }
}
