import type { NodeInfo } from '../framework/NodeInfo.js';

/** The rows of the last cycle's feasible nodes (a buffer reused by every cycle). */
export let feasibleRows = new Int32Array(256);

/** A list of feasible nodes being filled: the array is allocated once at its final capacity. */
export interface FeasibleList {
  nodes: NodeInfo[];
  count: number;
}

/** The array behind the last cycle's feasible list, reused when the next cycle needs the same capacity. */
let pooledNodes: NodeInfo[] = [];

export function feasibleList(capacity: number): FeasibleList {
  if (feasibleRows.length < capacity) feasibleRows = new Int32Array(Math.max(capacity, feasibleRows.length * 2));
  if (pooledNodes.length !== capacity) pooledNodes = new Array<NodeInfo>(capacity);
  return { nodes: pooledNodes, count: 0 };
}

/** Appends a feasible node and its row. */
export function pushFeasible(list: FeasibleList, node: NodeInfo, row: number): void {
  feasibleRows[list.count] = row;
  list.nodes[list.count++] = node;
}

/** The filled part of the list: the pooled array itself when it is full (the usual case), else a copy. */
export function finish(list: FeasibleList): NodeInfo[] {
  return list.count === list.nodes.length ? list.nodes : list.nodes.slice(0, list.count);
}
