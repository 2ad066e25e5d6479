/**
 * Builders for scheduler tests, in the spirit of upstream's st.MakeNode() /
 * st.MakePod(): small objects with only what a test sets.
 */
import type { Container, Node, Pod, PodSpec, ResourceList, Taint } from '../../src/api/types.js';
import { RandomStreams } from '../../src/engine/RandomStreams.js';
import { SchedulerCache } from '../../src/scheduler/cache/Cache.js';
import { CycleState } from '../../src/scheduler/framework/CycleState.js';
import type { ProfilePlugins } from '../../src/scheduler/framework/Framework.js';
import type { FilterPlugin, Handle, Plugin, PreFilterPlugin } from '../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../src/scheduler/framework/PodInfo.js';
import { FeatureGates } from '../../src/scheduler/featureGates.js';

export interface NodeOptions {
  allocatable?: ResourceList;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

/** A node with the given allocatable (capacity = allocatable). */
export function makeNode(name: string, o: NodeOptions = {}): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: o.labels ?? {} },
    spec: {},
    status: { allocatable: o.allocatable ?? {}, capacity: o.allocatable ?? {} },
  };
  if (o.taints !== undefined) node.spec!.taints = o.taints;
  if (o.unschedulable !== undefined) node.spec!.unschedulable = o.unschedulable;
  if (o.images !== undefined) node.status!.images = o.images;
  return node;
}

export interface PodOptions extends Partial<PodSpec> {
  namespace?: string;
  labels?: Record<string, string>;
  uid?: string;
  /** Shorthand: one container with these requests. */
  requests?: ResourceList;
}

let uidCounter = 0;

/** A pod; `requests` makes one container `c` with those requests. */
export function makePod(name: string, o: PodOptions = {}): Pod {
  const { namespace, labels, uid, requests, ...spec } = o;
  const containers: Container[] = spec.containers ?? [{ name: 'c', ...(requests === undefined ? {} : { resources: { requests } }) }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: namespace ?? 'default', uid: uid ?? `uid-${name}-${uidCounter++}`, labels: labels ?? {} },
    spec: { ...spec, containers },
  };
}

/** A cache holding the nodes, with the pods that have spec.nodeName bound on them. */
export function makeCache(nodes: Node[], pods: Pod[] = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) if (p.spec.nodeName !== undefined && p.spec.nodeName !== '') cache.addPod(new PodInfo(p));
  return cache;
}

/** A plugin handle over a cache; the framework-backed runs are absent (plugins that need them get a real framework). */
export function makeHandle(cache: SchedulerCache, gates: FeatureGates = new FeatureGates(), seed = 1): Handle {
  const unsupported = (): never => {
    throw new Error('not available in this test handle');
  };
  return {
    snapshot: cache,
    featureGates: gates,
    random: new RandomStreams(seed).stream('scheduler'),
    runFilterPluginsWithNominatedPods: unsupported,
    runPreFilterExtensionAddPod: unsupported,
    runPreFilterExtensionRemovePod: unsupported,
    nominator: {
      hasNominatedPods: () => false,
      nominatedPodsForNode: () => [],
      addNominatedPod: unsupported,
      deleteNominatedPodIfExists: unsupported,
    },
    evictPod: unsupported,
    clearNominatedNodeName: unsupported,
  };
}

/** A fresh cycle state. */
export function newState(): CycleState {
  return new CycleState();
}

/**
 * A profile of `plugins` at PreFilter and Filter (each where it has the
 * method), in order, with a no-op queue sort and every other point empty.
 */
export function filterProfile(plugins: readonly Plugin[], queueSort: ProfilePlugins['queueSort'] = { name: 'PrioritySort', less: () => false }): ProfilePlugins {
  return {
    queueSort,
    preEnqueue: [],
    preFilter: plugins.filter((p): p is PreFilterPlugin => typeof (p as Partial<PreFilterPlugin>).preFilter === 'function'),
    filter: plugins.filter((p): p is FilterPlugin => typeof (p as Partial<FilterPlugin>).filter === 'function'),
    postFilter: [],
    preScore: [],
    score: [],
    reserve: [],
    permit: [],
    preBind: [],
    bind: [],
    postBind: [],
    all: [...plugins],
  };
}
