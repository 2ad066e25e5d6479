/**
 * NodeToStatus's deferred entries: a replayed failed scan and a preemption's
 * "no victims" on every potential node are kept as given, and read exactly as
 * the same entries recorded one by one.
 */
import { describe, expect, it } from 'vitest';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import { NodeToStatus } from '../../../src/scheduler/framework/NodeToStatus.js';
import { Code, Status } from '../../../src/scheduler/framework/Status.js';
import { makeCache, makeNode } from '../fixtures.js';

const cache = makeCache(['a', 'b', 'c', 'd'].map((n) => makeNode(n)));
const list = cache.nodeInfoList();
const rows = cache.scanRows();
const cpu = new Status(Code.Unschedulable, ['Insufficient cpu']);
const taint = new Status(Code.UnschedulableAndUnresolvable, ['node(s) had untolerated taint {a: b}']);

/** A failed scan of a, b, c, d with b tainted and the others short of cpu, recorded from `start`. */
function failedScan(start: number): NodeToStatus {
  const codeByRow = new Uint8Array(rows.length);
  const statusByRow: Status[] = [];
  for (const n of list) {
    const s = n.name === 'b' ? taint : cpu;
    codeByRow[n.index] = s.code;
    statusByRow[n.index] = s;
  }
  const m = new NodeToStatus();
  m.setFailedScan(list, cache.table.infos, rows, start, codeByRow, statusByRow, new Map([['Insufficient cpu', 3], ['node(s) had untolerated taint {a: b}', 1]]));
  return m;
}

function oneByOne(start: number): NodeToStatus {
  const m = new NodeToStatus();
  for (let i = 0; i < list.length; i++) {
    const n = list[(start + i) % list.length]!;
    m.add(n, n.name === 'b' ? taint : cpu);
  }
  return m;
}

function reasons(m: NodeToStatus): Record<string, number> {
  const counts = new Map<string, number>();
  m.countReasons(counts);
  return Object.fromEntries(counts);
}

describe('NodeToStatus deferred entries', () => {
  it('a failed scan reads as its entries recorded one by one, in scan order from its start', () => {
    for (let start = 0; start < list.length; start++) {
      const m = failedScan(start);
      const same = oneByOne(start);
      expect(m.size).toBe(4);
      expect(reasons(m)).toEqual(reasons(same));
      for (const n of list) expect(m.codeOfNode(n)).toBe(same.codeOfNode(n));
      // In the list's order, whatever the scan's start.
      expect(m.nodesWithCode(Code.Unschedulable, list)!.map((n) => n.name)).toEqual(list.map((n) => n.name).filter((x) => x !== 'b'));
      expect(m.entries()).toEqual(same.entries());
      expect(m.get('b')).toBe(taint);
    }
  });

  it('a node added after a failed scan is counted with it', () => {
    const m = failedScan(1);
    const extra = makeNode('e');
    const e = makeCache([extra]).get('e')!;
    m.add(e, cpu);
    expect(m.size).toBe(5);
    expect(reasons(m)).toEqual({ 'Insufficient cpu': 4, 'node(s) had untolerated taint {a: b}': 1 });
    expect(m.rejectedNodes()).toEqual([...oneByOne(1).rejectedNodes(), 'e']);
  });

  it('nodesWithCode answers only for the scanned list', () => {
    expect(failedScan(0).nodesWithCode(Code.Unschedulable, list.slice(1))).toBeNull();
    expect(oneByOne(0).nodesWithCode(Code.Unschedulable, list)).toBeNull();
  });

  it('addAll records one status for every node from an offset, wrapping around', () => {
    const nodes: NodeInfo[] = [...list];
    const m = new NodeToStatus();
    m.addAll(nodes, 2, cpu);
    expect(m.size).toBe(4);
    expect(reasons(m)).toEqual({ 'Insufficient cpu': 4 });
    expect(m.rejectedNodes()).toEqual([nodes[2]!.name, nodes[3]!.name, nodes[0]!.name, nodes[1]!.name]);
    const after = new NodeToStatus();
    after.add(nodes[0]!, taint);
    after.addAll(nodes.slice(1), 0, cpu);
    expect(reasons(after)).toEqual({ 'Insufficient cpu': 3, 'node(s) had untolerated taint {a: b}': 1 });
  });
});
