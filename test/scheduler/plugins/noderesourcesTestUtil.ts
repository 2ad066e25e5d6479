/**
 * Builders and runners for the tests of NodeResourcesFit,
 * NodeResourcesBalancedAllocation and the other resource/node plugins: the
 * shapes of upstream's st.MakeNode().Capacity(...), st.MakePod().Req(...) and
 * noderesources' makeNode, plus the conversion of kube-scheduler-cases.json
 * cases into a cache and an incoming pod.
 */
import type { Container, ContainerImage, Node, Pod, ResourceList } from '../../../src/api/types.js';
import type { SchedulerCache } from '../../../src/scheduler/cache/Cache.js';
import type { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import type { FilterPlugin, ScorePlugin } from '../../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { codeOf } from '../../../src/scheduler/framework/Status.js';
import { podManifest, type CaseNode, type SchedulerCase } from '../cases/caseFiles.js';
import { makeCache } from '../fixtures.js';

let uid = 0;

/** A node with the given allocatable (= capacity) and optional images / cordon. */
export function node(name: string, allocatable: ResourceList, extra: { images?: ContainerImage[]; unschedulable?: boolean } = {}): Node {
  const n: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: {} },
    spec: {},
    status: { allocatable: { ...allocatable }, capacity: { ...allocatable } },
  };
  if (extra.images !== undefined) n.status!.images = extra.images;
  if (extra.unschedulable !== undefined) n.spec!.unschedulable = extra.unschedulable;
  return n;
}

/** st.MakeNode().Name(name).Capacity(res): capacity = allocatable, plus pods: 32. */
export function stNode(name: string, res: ResourceList): Node {
  return node(name, { pods: '32', ...res });
}

/** noderesources' test makeNode(name, milliCPU, memory, extended): cpu in millicores, memory in bytes, no pods entry. */
export function resNode(name: string, milliCPU: number, memory: number, extended: Record<string, number> = {}): Node {
  const alloc: ResourceList = { cpu: `${milliCPU}m`, memory: String(memory) };
  for (const [k, v] of Object.entries(extended)) alloc[k] = String(v);
  return node(name, alloc);
}

/** A container with the requests (no requests map at all when `req` is undefined). */
export function container(req?: ResourceList, image?: string): Container {
  const c: Container = { name: `c${uid++}` };
  if (req !== undefined) c.resources = { requests: { ...req } };
  if (image !== undefined) c.image = image;
  return c;
}

export interface PodSpecBits {
  nodeName?: string;
  initContainers?: Container[];
  overhead?: ResourceList;
  name?: string;
}

/** A pod with exactly these containers (st.MakePod() starts with none). */
export function pod(containers: Container[], bits: PodSpecBits = {}): Pod {
  const name = bits.name ?? `p${uid++}`;
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}-${uid++}`, labels: {} },
    spec: { containers },
  };
  if (bits.nodeName !== undefined) p.spec.nodeName = bits.nodeName;
  if (bits.initContainers !== undefined) p.spec.initContainers = bits.initContainers;
  if (bits.overhead !== undefined) p.spec.overhead = bits.overhead;
  return p;
}

/** st.MakePod().Req(r1).Req(r2)...: one container per request map. */
export function reqPod(...reqs: ResourceList[]): Pod {
  return pod(reqs.map((r) => container(r)));
}

/** The same pod bound to `nodeName`. */
export function on(p: Pod, nodeName: string): Pod {
  return { ...p, spec: { ...p.spec, nodeName } };
}

/** A case node as a Node: its Go quantity strings when the case keeps them, else the canonical numbers. */
export function caseNodeObject(n: CaseNode): Node {
  let alloc: ResourceList;
  if (n.allocatableRaw !== undefined) alloc = { ...n.allocatableRaw };
  else {
    alloc = {};
    for (const [k, v] of Object.entries(n.allocatable)) {
      if (k === 'cpu_m') alloc['cpu'] = `${v}m`;
      else alloc[k] = String(v);
    }
  }
  const extra: { images?: ContainerImage[]; unschedulable?: boolean } = {};
  if (n.images !== undefined) extra.images = n.images;
  if (n.unschedulable !== undefined) extra.unschedulable = n.unschedulable;
  return node(n.name, alloc, extra);
}

/** The cache and the incoming pod of a reference case. */
export function caseCluster(c: SchedulerCase): { cache: SchedulerCache; pod: PodInfo; nodes: NodeInfo[] } {
  const nodes = (c.nodes ?? []).map(caseNodeObject);
  const existing = (c.existingPods ?? []).map((p, i) => podManifest(p, `existing-${i}`) as unknown as Pod);
  const cache = makeCache(nodes, existing);
  const incoming = new PodInfo(podManifest(c.pod!, 'incoming') as unknown as Pod);
  return { cache, pod: incoming, nodes: nodes.map((n) => cache.get(n.metadata.name!)!) };
}

/** Filter codes through the per-node path and the whole-table path; throws unless they agree. */
export function filterBoth(plugin: FilterPlugin, state: CycleState, p: PodInfo, nodes: readonly NodeInfo[]): number[] {
  const slow = nodes.map((n) => codeOf(plugin.filter(state, p, n)));
  if (plugin.filterNodes !== undefined) {
    const rows = Int32Array.from(nodes, (n) => n.index);
    const codes = new Uint8Array(nodes.length);
    plugin.filterNodes(state, p, rows, nodes.length, codes);
    const fast = Array.from(codes);
    if (fast.join() !== slow.join()) throw new Error(`filterNodes ${fast.join()} != filter ${slow.join()}`);
  }
  return slow;
}

/** Scores through the per-node path and the whole-table path; throws unless they agree. */
export function scoreBoth(plugin: ScorePlugin, state: CycleState, p: PodInfo, nodes: readonly NodeInfo[]): number[] {
  const slow = nodes.map((n) => plugin.score(state, p, n));
  if (plugin.scoreNodes !== undefined) {
    const rows = Int32Array.from(nodes, (n) => n.index);
    const out = new Float64Array(nodes.length);
    plugin.scoreNodes(state, p, rows, nodes.length, out);
    const fast = Array.from(out);
    if (fast.join() !== slow.join()) throw new Error(`scoreNodes ${fast.join()} != score ${slow.join()}`);
  }
  return slow;
}
