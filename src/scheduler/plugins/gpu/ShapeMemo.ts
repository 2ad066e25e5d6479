import type { NodeTable } from '../../cache/NodeTable.js';

interface Entry {
  epoch: number;
  generation: Float64Array;
  values: Float64Array;
}

/**
 * A per-row memo of a value that depends only on the node's NodeTable row
 * and the pod's shape, kept for every shape at once (RowMemo keeps one key,
 * but a shuffled GPU trace alternates between ~90 shapes). Between two
 * cycles only the node that took the last pod changes, so each shape's
 * memo misses at most once per node change; results are identical to
 * computing every row.
 */
export class ShapeMemo {
  private readonly entries = new Map<string, Entry>();

  /** @param maxShapes memos kept at once; the oldest shape's is dropped past it (memory: 16 bytes per row per shape). */
  constructor(private readonly maxShapes = 256) {}

  /** Writes the value of each `rows[k]` into `out[k]`, calling `compute(row)` only for rows changed since `key` last saw them. */
  fill(table: NodeTable, key: string, rows: Int32Array, count: number, out: Float64Array, compute: (row: number) => number): void {
    let e = this.entries.get(key);
    if (e === undefined || e.epoch !== table.epoch || e.generation.length !== table.capacity) {
      e = { epoch: table.epoch, generation: new Float64Array(table.capacity).fill(-1), values: new Float64Array(table.capacity) };
      this.entries.delete(key);
      if (this.entries.size >= this.maxShapes) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, e);
    }
    const gens = table.generation;
    const memoGen = e.generation;
    const values = e.values;
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      const gen = gens[row]!;
      if (memoGen[row] === gen) out[k] = values[row]!;
      else {
        const v = compute(row);
        values[row] = v;
        memoGen[row] = gen;
        out[k] = v;
      }
    }
  }
}
