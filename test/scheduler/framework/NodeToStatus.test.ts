/**
 * NodeToStatus: a failed cycle's verdict per node, found by name or by the
 * node's table row, with fast-path rejections materialised on first read.
 */
import { describe, expect, it } from 'vitest';
import type { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import type { FilterPlugin } from '../../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import { NodeToStatus } from '../../../src/scheduler/framework/NodeToStatus.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, Status } from '../../../src/scheduler/framework/Status.js';
import { makeCache, makeNode, makePod, newState } from '../fixtures.js';

const nodes = ['a', 'b', 'c', 'd'].map((n) => makeNode(n));
const cache = makeCache(nodes);
const info = (name: string): NodeInfo => cache.get(name)!;

/** A plugin rejecting every node with `Insufficient cpu on <node>`, counting its Filter calls. */
function countingPlugin(): FilterPlugin & { calls: number } {
  return {
    name: 'Counting',
    calls: 0,
    filter(_s: CycleState, _p: PodInfo, node: NodeInfo) {
      this.calls++;
      return new Status(Code.Unschedulable, [`Insufficient cpu on ${node.name}`]);
    },
  };
}

describe('NodeToStatus', () => {
  it('finds an entry by name and by node, and gives the absent status to the others', () => {
    const m = new NodeToStatus();
    m.set('a', new Status(Code.UnschedulableAndUnresolvable, ['no']), info('a'));
    m.setAbsentNodesStatus(new Status(Code.Unschedulable, ['absent']));
    expect(m.size).toBe(1);
    expect(m.get('a')?.reasons).toEqual(['no']);
    expect(m.codeOf('a')).toBe(Code.UnschedulableAndUnresolvable);
    expect(m.codeOfNode(info('a'))).toBe(Code.UnschedulableAndUnresolvable);
    expect(m.codeOfNode(info('b'))).toBe(Code.Unschedulable);
    expect(m.get('b')?.reasons).toEqual(['absent']);
  });

  it('without an absent status, a node without an entry passed', () => {
    const m = new NodeToStatus();
    m.set('b', new Status(Code.Unschedulable, ['x']), info('b'));
    expect(m.codeOfNode(info('a'))).toBe(Code.Success);
    expect(m.get('a')).toBeNull();
  });

  it('entries recorded by name alone are still found by node', () => {
    const m = new NodeToStatus();
    m.set('c', new Status(Code.Unschedulable, ['by name']));
    expect(m.codeOfNode(info('c'))).toBe(Code.Unschedulable);
    expect(m.codeOfNode(info('d'))).toBe(Code.Success);
  });

  it('setting a node again replaces its status in place (scan order kept)', () => {
    const m = new NodeToStatus();
    m.set('a', new Status(Code.Unschedulable, ['first']), info('a'));
    m.set('b', new Status(Code.Unschedulable, ['b']), info('b'));
    m.set('a', new Status(Code.UnschedulableAndUnresolvable, ['second']), info('a'));
    expect(m.rejectedNodes()).toEqual(['a', 'b']);
    expect(m.entries().map(([n, s]) => [n, s.reasons[0]])).toEqual([
      ['a', 'second'],
      ['b', 'b'],
    ]);
    expect(m.codeOfNode(info('a'))).toBe(Code.UnschedulableAndUnresolvable);
  });

  it('asks the plugin for a lazy entry\'s reasons once, on first read, and names the plugin', () => {
    const m = new NodeToStatus();
    const plugin = countingPlugin();
    const state = newState();
    const pod = new PodInfo(makePod('p'));
    m.setLazy(info('a'), Code.Unschedulable, plugin, state, pod);
    m.setLazy(info('b'), Code.Unschedulable, plugin, state, pod);
    expect(plugin.calls).toBe(0);
    expect(m.codeOfNode(info('b'))).toBe(Code.Unschedulable);
    expect(plugin.calls).toBe(0);
    const s = m.get('b')!;
    expect(s.reasons).toEqual(['Insufficient cpu on b']);
    expect(s.plugin).toBe('Counting');
    m.get('b');
    expect(plugin.calls).toBe(1);
  });

  it('a lazy entry whose Filter disagrees with the fast path is an error', () => {
    const m = new NodeToStatus();
    m.setLazy(info('a'), Code.UnschedulableAndUnresolvable, countingPlugin(), newState(), new PodInfo(makePod('p')));
    expect(() => m.get('a')).toThrow(/fast path and Filter disagree on node a/);
  });

  it('countReasons adds every entry\'s reasons to the histogram', () => {
    const m = new NodeToStatus();
    const shared = new Status(Code.UnschedulableAndUnresolvable, ["node(s) didn't match Pod's node affinity/selector"]);
    m.set('a', shared, info('a'));
    m.setLazy(info('b'), Code.Unschedulable, countingPlugin(), newState(), new PodInfo(makePod('p')));
    m.set('c', shared, info('c'));
    m.set('d', new Status(Code.Unschedulable, ['Insufficient cpu', 'Too many pods']), info('d'));
    const counts = new Map<string, number>([['Too many pods', 2]]);
    m.countReasons(counts);
    expect(Object.fromEntries(counts)).toEqual({
      "node(s) didn't match Pod's node affinity/selector": 2,
      'Insufficient cpu on b': 1,
      'Insufficient cpu': 1,
      'Too many pods': 3,
    });
  });

  it('countReasons counts more distinct reasons than its short list holds', () => {
    const many = Array.from({ length: 40 }, (_, i) => makeNode(`n${i}`));
    const big = makeCache(many);
    const m = new NodeToStatus();
    for (let i = 0; i < 40; i++) m.set(`n${i}`, new Status(Code.Unschedulable, [`r${i % 35}`]), big.get(`n${i}`)!);
    const counts = new Map<string, number>();
    m.countReasons(counts);
    expect(counts.size).toBe(35);
    expect(counts.get('r0')).toBe(2);
    expect(counts.get('r34')).toBe(1);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('add records a node without a lookup; lookups by node afterwards find it (the row index is built then)', () => {
    const m = new NodeToStatus(2);
    const s = new Status(Code.Unschedulable, ['Insufficient cpu']);
    m.add(info('a'), s);
    m.add(info('c'), s);
    expect(m.codeOfNode(info('a'))).toBe(Code.Unschedulable);
    expect(m.codeOfNode(info('b'))).toBe(Code.Success);
    m.add(info('d'), new Status(Code.UnschedulableAndUnresolvable, ['other']));
    expect(m.codeOfNode(info('d'))).toBe(Code.UnschedulableAndUnresolvable);
    expect(m.get('c')).toBe(s);
    expect(m.rejectedNodes()).toEqual(['a', 'c', 'd']);
  });

  it('countReasons counts runs of one shared status as many times as it appears', () => {
    const m = new NodeToStatus();
    const cpu = new Status(Code.Unschedulable, ['Insufficient cpu', 'Insufficient memory']);
    const taint = new Status(Code.UnschedulableAndUnresolvable, ['node(s) had untolerated taint {a: b}']);
    for (const [n, s] of [['a', cpu], ['b', cpu], ['c', taint], ['d', cpu]] as const) m.add(info(n), s);
    const counts = new Map<string, number>();
    m.countReasons(counts);
    expect(Object.fromEntries(counts)).toEqual({ 'Insufficient cpu': 3, 'Insufficient memory': 3, 'node(s) had untolerated taint {a: b}': 1 });
  });

  it('materialised rejections with the same reasons share one Status', () => {
    const plugin: FilterPlugin = { name: 'Same', filter: () => new Status(Code.Unschedulable, ['Too many pods']) };
    const m = new NodeToStatus();
    const state = newState();
    const pod = new PodInfo(makePod('p'));
    m.setLazy(info('a'), Code.Unschedulable, plugin, state, pod);
    m.setLazy(info('b'), Code.Unschedulable, plugin, state, pod);
    expect(m.get('a')).toBe(m.get('b'));
    expect(m.get('a')!.plugin).toBe('Same');
  });
});
