import type { NodeInfo } from '../framework/NodeInfo.js';

/**
 * The nodes whose {@link NodeInfo.matchGeneration} moved, in the order they
 * moved: a reader that counts pods by label selector over every node keeps
 * the position it has read up to and revisits only the nodes logged after
 * it, instead of checking all of them (at 5,000 nodes with ~150 owners
 * spreading pods at once, a counter's next cycle finds ~100 changed nodes).
 * A node appears once per change. Only the most recent entries are kept; a
 * reader further behind re-checks every node.
 */
export class MatchChangeLog {
  private entries: NodeInfo[] = [];
  /** The position of entries[0]. */
  private base = 0;

  /** @param minKept entries kept at least (the log keeps up to twice as many before it drops the older half) */
  constructor(private readonly minKept = 16384) {}

  /** The position after the newest entry: what a reader that is up to date has read up to. */
  get end(): number {
    return this.base + this.entries.length;
  }

  /** True when every entry from `position` on is still kept. */
  has(position: number): boolean {
    return position >= this.base && position <= this.end;
  }

  /** The node logged at `position` (one of the kept positions). */
  at(position: number): NodeInfo {
    return this.entries[position - this.base]!;
  }

  /** Logs a change of `node`'s matchGeneration; `nodeCount` sizes how much is kept (four entries per node, at least minKept). */
  record(node: NodeInfo, nodeCount: number): void {
    this.entries.push(node);
    const keep = Math.max(this.minKept, 4 * nodeCount);
    if (this.entries.length >= 2 * keep) {
      const drop = this.entries.length - keep;
      this.entries = this.entries.slice(drop);
      this.base += drop;
    }
  }
}
