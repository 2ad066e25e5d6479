import type { NodeTable } from '../../cache/NodeTable.js';

/**
 * A per-row memo of a plugin result (a Filter code, a raw score) that depends
 * only on the node's NodeTable row and a key describing what the pod asks
 * (e.g. its requests). Consecutive pods of one template share the key and,
 * between two cycles, only the node that took the last pod changes; so nearly
 * every result is a generation compare instead of the computation. Results
 * are identical: a row is recomputed whenever its generation, the table's
 * columns or the key differ from the memo's.
 */
/** Computes the results of `count` rows into `out`. */
export type Compute = (rows: Int32Array, count: number, out: Float64Array) => void;

export class RowMemo {
  private key = '';
  private epoch = -1;
  private generation = new Float64Array(0);
  private values = new Float64Array(0);
  private missRows = new Int32Array(64);
  private missIndex = new Int32Array(64);
  private missOut = new Float64Array(64);

  /** Writes the score of each `rows[k]` into `out[k]`, computing (with `compute`) only rows the memo cannot answer. */
  fillScores(table: NodeTable, key: string, rows: Int32Array, count: number, out: Float64Array, compute: Compute): void {
    const misses = this.lookUpScores(table, key, rows, count, out);
    if (misses > 0) this.computeMisses(table, misses, out, compute);
  }

  /** Writes the Filter code of each `rows[k]` into `out[k]`, as {@link fillScores}. */
  fillCodes(table: NodeTable, key: string, rows: Int32Array, count: number, out: Uint8Array, compute: Compute): void {
    const misses = this.lookUpCodes(table, key, rows, count, out);
    if (misses > 0) this.computeMisses(table, misses, out, compute);
  }

  // Two copies of the look-up loop, so that each stores into one kind of typed array (a monomorphic store).
  private lookUpScores(table: NodeTable, key: string, rows: Int32Array, count: number, out: Float64Array): number {
    this.prepare(table, key, count);
    const gens = table.generation;
    const memoGen = this.generation;
    const memoValue = this.values;
    const missRows = this.missRows;
    const missIndex = this.missIndex;
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      if (memoGen[row] === gens[row]) out[k] = memoValue[row]!;
      else {
        missRows[misses] = row;
        missIndex[misses++] = k;
      }
    }
    return misses;
  }

  private lookUpCodes(table: NodeTable, key: string, rows: Int32Array, count: number, out: Uint8Array): number {
    this.prepare(table, key, count);
    const gens = table.generation;
    const memoGen = this.generation;
    const memoValue = this.values;
    const missRows = this.missRows;
    const missIndex = this.missIndex;
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      if (memoGen[row] === gens[row]) out[k] = memoValue[row]!;
      else {
        missRows[misses] = row;
        missIndex[misses++] = k;
      }
    }
    return misses;
  }

  private computeMisses(table: NodeTable, misses: number, out: Float64Array | Uint8Array, compute: Compute): void {
    const missRows = this.missRows;
    const missOut = this.missOut;
    compute(missRows, misses, missOut);
    const gens = table.generation;
    for (let m = 0; m < misses; m++) {
      const row = missRows[m]!;
      const v = missOut[m]!;
      out[this.missIndex[m]!] = v;
      this.values[row] = v;
      this.generation[row] = gens[row]!;
    }
  }

  private prepare(table: NodeTable, key: string, count: number): void {
    if (key !== this.key || this.epoch !== table.epoch || this.generation.length !== table.capacity) this.reset(table, key);
    if (this.missRows.length < count) this.growMisses(count);
  }

  /** Forgets everything (a new key, new columns) and sizes the memo to the table. */
  private reset(table: NodeTable, key: string): void {
    this.key = key;
    this.epoch = table.epoch;
    if (this.generation.length !== table.capacity) {
      this.generation = new Float64Array(table.capacity);
      this.values = new Float64Array(table.capacity);
    }
    this.generation.fill(-1);
  }

  private growMisses(n: number): void {
    const size = Math.max(n, this.missRows.length * 2);
    this.missRows = new Int32Array(size);
    this.missIndex = new Int32Array(size);
    this.missOut = new Float64Array(size);
  }
}
