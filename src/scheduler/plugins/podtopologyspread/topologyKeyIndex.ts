import type { Node } from '../../../api/types.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import { labelValue } from './common.js';
import { grownArray, grownInt32 } from './rowArrays.js';

/** Stored objects are immutable: a node's labels object stands for its labels (one shared stand-in for none). */
const NO_LABELS = {};
function labelsKey(node: Node): object {
  return node.metadata.labels ?? NO_LABELS;
}

/**
 * The values of one topology key: each distinct label value gets a small
 * integer id (ids are never reused), and each node-table row remembers the id
 * of its node's value, recomputed when the row's node labels object changes.
 */
export class TopologyKeyIndex {
  readonly key: string;
  /** id → label value. */
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  /** The labels object each row's id was read from (a heartbeat's new Node keeps it: no lookup again). */
  private rowLabels: (object | undefined)[] = [];
  /** row → value id, -1 when the node lacks the key. Valid for rows whose node was looked up since it last changed. */
  rowValue: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** Bumped whenever {@link rowValue} changes (an entry, or the array itself), so readers can tell it moved on. */
  version = 0;

  constructor(key: string) {
    this.key = key;
  }

  /** The id of a value, assigning one on first sight. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a value, or undefined when no node ever had it. */
  idOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  /** The id of a node's value for the key, -1 when it lacks the key (remembered per row until the node's labels change). */
  valueIdOf(info: NodeInfo): number {
    const r = info.index;
    if (r < 0 || r >= this.rowValue.length || this.rowLabels[r] !== labelsKey(info.node)) return this.refresh(info);
    return this.rowValue[r]!;
  }

  /** Looks the node's value up again and remembers it for its row (for a node whose generation moved). */
  refresh(info: NodeInfo): number {
    const v = labelValue(info.labels, this.key);
    const id = v === undefined ? -1 : this.intern(v);
    const r = info.index;
    if (r >= 0) {
      if (r >= this.rowValue.length) {
        this.rowValue = grownInt32(this.rowValue, r + 1, -1);
        this.rowLabels = grownArray(this.rowLabels, this.rowValue.length);
        this.version++;
      }
      if (this.rowValue[r] !== id) {
        this.rowValue[r] = id;
        this.version++;
      }
      this.rowLabels[r] = labelsKey(info.node);
    }
    return id;
  }
}
