/**
 * A small real scheduler profile for preemption tests: a cache, a Framework
 * built from plugin modules and stand-ins, and a Handle implemented over the
 * Framework as the scheduler does (runFilterWithNominatedPods from
 * schedulePod.ts, a nominator, recorded evictions). Plus st-style builders
 * with the setters the preemption tests use (Priority, Req, StartTime, ...).
 */
import type { LabelSelector, Node, Pod, PodDisruptionBudget, ResourceList } from '../../../../src/api/types.js';
import { RandomStreams } from '../../../../src/engine/RandomStreams.js';
import { SchedulerCache } from '../../../../src/scheduler/cache/Cache.js';
import { CycleState } from '../../../../src/scheduler/framework/CycleState.js';
import { Framework } from '../../../../src/scheduler/framework/Framework.js';
import type {
  FilterPlugin,
  Handle,
  Nominator,
  Plugin,
  PreFilterExtensions,
  PreFilterPlugin,
} from '../../../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../../../src/scheduler/framework/NodeInfo.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { Code, Status, type Result } from '../../../../src/scheduler/framework/Status.js';
import { FeatureGates } from '../../../../src/scheduler/featureGates.js';
import { DefaultPreemption, DefaultPreemptionPlugin, type DefaultPreemptionArgs } from '../../../../src/scheduler/plugins/DefaultPreemption.js';
import { InterPodAffinity } from '../../../../src/scheduler/plugins/InterPodAffinity.js';
import { NodeResourcesFit } from '../../../../src/scheduler/plugins/NodeResourcesFit.js';
import { PodTopologySpread } from '../../../../src/scheduler/plugins/PodTopologySpread.js';
import { PrioritySortPlugin } from '../../../../src/scheduler/plugins/PrioritySort.js';
import { runFilterWithNominatedPods, type CycleContext } from '../../../../src/scheduler/schedulePod.js';
import { filterProfile } from '../../fixtures.js';

// ---- builders ------------------------------------------------------------------

/** Upstream's test priorities. */
export const negPriority = -100;
export const lowPriority = 0;
export const midPriority = 100;
export const highPriority = 1000;
export const veryHighPriority = 10000;

export const smallRes: ResourceList = { cpu: '100m', memory: '100' };
export const mediumRes: ResourceList = { cpu: '200m', memory: '200' };
export const largeRes: ResourceList = { cpu: '300m', memory: '300' };
export const veryLargeRes: ResourceList = { cpu: '500m', memory: '500' };

/** metav1.NewTime(time.Unix(0, n)): `n` nanoseconds after the epoch. */
export function epochTime(n = 0): string {
  return `1970-01-01T00:00:00.${String(n).padStart(9, '0')}Z`;
}

/** st.MakeNode() with Capacity (which adds pods: 32 unless given). */
export class NodeBuilder {
  private readonly node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: '', labels: {} }, spec: {}, status: {} };
  Name(n: string): this {
    this.node.metadata.name = n;
    return this;
  }
  Label(k: string, v: string): this {
    this.node.metadata.labels![k] = v;
    return this;
  }
  Capacity(res: ResourceList): this {
    const r: ResourceList = { pods: '32', ...res };
    this.node.status = { capacity: r, allocatable: { ...r } };
    return this;
  }
  Obj(): Node {
    return structuredClone(this.node);
  }
}
export function MakeNode(): NodeBuilder {
  return new NodeBuilder();
}

/** st.MakePod(): namespace "" and uid = name unless set, as upstream's tests set UID(name). */
export class PodBuilder {
  private readonly pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: '', namespace: '' }, spec: { containers: [{ name: 'c' }] } };
  Name(n: string): this {
    this.pod.metadata.name = n;
    return this;
  }
  UID(u: string): this {
    this.pod.metadata.uid = u;
    return this;
  }
  Namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }
  Label(k: string, v: string): this {
    (this.pod.metadata.labels ??= {})[k] = v;
    return this;
  }
  Node(n: string): this {
    this.pod.spec.nodeName = n;
    return this;
  }
  Priority(p: number): this {
    this.pod.spec.priority = p;
    return this;
  }
  PreemptionPolicy(p: 'Never' | 'PreemptLowerPriority'): this {
    this.pod.spec.preemptionPolicy = p;
    return this;
  }
  Req(res: ResourceList): this {
    this.pod.spec.containers = [{ name: 'c', resources: { requests: { ...res } } }];
    return this;
  }
  Containers(n: number): this {
    this.pod.spec.containers = Array.from({ length: n }, (_, i) => ({ name: `container${i + 1}` }));
    return this;
  }
  StartTime(t: string): this {
    (this.pod.status ??= {}).startTime = t;
    return this;
  }
  NominatedNodeName(n: string): this {
    (this.pod.status ??= {}).nominatedNodeName = n;
    return this;
  }
  Terminating(): this {
    this.pod.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    return this;
  }
  Condition(type: string, status: 'True' | 'False', reason: string): this {
    ((this.pod.status ??= {}).conditions ??= []).push({ type, status, reason });
    return this;
  }
  SchedulerName(n: string): this {
    this.pod.spec.schedulerName = n;
    return this;
  }
  /** st's SpreadConstraint(maxSkew, key, mode, selector, nil, nil, nil, nil). */
  SpreadConstraint(maxSkew: number, topologyKey: string, mode: 'DoNotSchedule' | 'ScheduleAnyway', selector: LabelSelector): this {
    (this.pod.spec.topologySpreadConstraints ??= []).push({ maxSkew, topologyKey, whenUnsatisfiable: mode, labelSelector: structuredClone(selector) });
    return this;
  }
  /** st's PodAntiAffinityExists(labelKey, topologyKey, PodAntiAffinityWithRequiredReq). */
  PodAntiAffinityExists(labelKey: string, topologyKey: string): this {
    const anti = ((this.pod.spec.affinity ??= {}).podAntiAffinity ??= {});
    (anti.requiredDuringSchedulingIgnoredDuringExecution ??= []).push({
      labelSelector: { matchExpressions: [{ key: labelKey, operator: 'Exists' }] },
      topologyKey,
    });
    return this;
  }
  Obj(): Pod {
    const p = structuredClone(this.pod);
    p.metadata.uid ??= p.metadata.name ?? '';
    return p;
  }
}
export function MakePod(): PodBuilder {
  return new PodBuilder();
}

/** A PDB in `namespace` selecting `matchLabels`, with the given status. */
export function makePDB(
  o: { name?: string; namespace?: string; matchLabels?: Record<string, string>; disruptionsAllowed?: number; disruptedPods?: Record<string, string> } = {},
): PodDisruptionBudget {
  const pdb: PodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: o.name ?? 'pdb', namespace: o.namespace ?? '' },
    spec: { selector: { matchLabels: o.matchLabels ?? {} } },
    status: {},
  };
  if (o.disruptionsAllowed !== undefined) pdb.status!.disruptionsAllowed = o.disruptionsAllowed;
  if (o.disruptedPods !== undefined) pdb.status!.disruptedPods = o.disruptedPods;
  return pdb;
}

// ---- stand-in plugins ---------------------------------------------------------

/** tf.FakeFilterPlugin: counts Filter calls; per-node return codes (0 = Success). */
export class FakeFilterPlugin implements FilterPlugin {
  readonly name = 'FakeFilter';
  numFilterCalled = 0;
  constructor(private readonly codes: ReadonlyMap<string, Code>) {}
  filter(_s: CycleState, pod: PodInfo, node: NodeInfo): Result {
    this.numFilterCalled++;
    const code = this.codes.get(node.name);
    if (code === undefined || code === Code.Success) return null;
    return new Status(code, [`injecting failure for pod ${pod.name}`]);
  }
}

/** tf's ErrReasonFake. */
export const ErrReasonFake = 'Nodes failed the fake plugin';

/** tf.NewTrueFilterPlugin / NewFalseFilterPlugin / NewMatchFilterPlugin. */
export function trueFilter(): FilterPlugin {
  return { name: 'TrueFilter', filter: () => null };
}
export function falseFilter(): FilterPlugin {
  return { name: 'FalseFilter', filter: () => new Status(Code.Unschedulable, [ErrReasonFake]) };
}
export function matchFilter(): FilterPlugin {
  return { name: 'MatchFilter', filter: (_s, pod, node) => (pod.name === node.name ? null : new Status(Code.Unschedulable, [ErrReasonFake])) };
}

/** TestPlugin of default_preemption_test.go: AddPod/RemovePod fail on nodes labelled error=true. */
export class TestPlugin implements PreFilterPlugin, FilterPlugin, PreFilterExtensions {
  readonly name = 'test-plugin';
  preFilter(): { status: Result } {
    return { status: null };
  }
  preFilterExtensions(): PreFilterExtensions {
    return this;
  }
  addPod(_s: CycleState, pod: PodInfo, _a: PodInfo, node: NodeInfo): Result {
    return node.labels['error'] === 'true' ? new Status(Code.Error, [`failed to add pod: ${pod.name}`]) : null;
  }
  removePod(_s: CycleState, pod: PodInfo, _r: PodInfo, node: NodeInfo): Result {
    return node.labels['error'] === 'true' ? new Status(Code.Error, [`failed to remove pod: ${pod.name}`]) : null;
  }
  filter(): Result {
    return null;
  }
}

// ---- the profile and the handle ----------------------------------------------

/** An in-memory nominator. */
export class TestNominator implements Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  hasNominatedPods(): boolean {
    for (const l of this.byNode.values()) if (l.length > 0) return true;
    return false;
  }
  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? [];
  }
  addNominatedPod(pod: PodInfo, nodeName: string): void {
    this.deleteNominatedPodIfExists(pod);
    const l = this.byNode.get(nodeName) ?? [];
    l.push(pod);
    this.byNode.set(nodeName, l);
  }
  deleteNominatedPodIfExists(pod: PodInfo): void {
    for (const [n, l] of this.byNode) this.byNode.set(n, l.filter((p) => p.uid !== pod.uid));
  }
}

/** What the test handle records. */
export interface Recorder {
  /** handle.evictPod calls, in order: [victim, preemptor]. */
  evictions: [PodInfo, PodInfo][];
  /** handle.clearNominatedNodeName calls, in order. */
  cleared: PodInfo[][];
  /** Every call, in order, as `evict:<name>` or `clear:<names>`. */
  calls: string[];
}

export interface Harness {
  cache: SchedulerCache;
  framework: Framework;
  handle: Handle;
  nominator: TestNominator;
  recorder: Recorder;
}

export interface HarnessOptions {
  nodes: Node[];
  pods?: Pod[];
  pdbs?: PodDisruptionBudget[];
  /** Builds the profile's PreFilter and Filter plugins, in order, from the handle. */
  plugins?: (handle: Handle) => Plugin[];
  gates?: FeatureGates;
  seed?: number;
}

/**
 * A cache with the nodes and bound pods, a Framework over the given plugins
 * (each placed at the PreFilter / Filter points it implements, in order), and
 * a handle whose framework-backed calls go to the Framework (which wraps
 * AddPod/RemovePod failures as `running AddPod on PreFilter plugin "x": ...`).
 */
export function makeHarness(o: HarnessOptions): Harness {
  const cache = new SchedulerCache();
  for (const n of o.nodes) cache.addNode(n);
  for (const p of o.pods ?? []) if ((p.spec.nodeName ?? '') !== '') cache.addPod(new PodInfo(p));
  for (const pdb of o.pdbs ?? []) cache.objects.set('PodDisruptionBudget', pdb);
  const nominator = new TestNominator();
  const recorder: Recorder = { evictions: [], cleared: [], calls: [] };
  const random = new RandomStreams(o.seed ?? 1).stream('scheduler');
  let framework: Framework | undefined;
  const fw = (): Framework => framework!;
  const handle: Handle = {
    snapshot: cache,
    featureGates: o.gates ?? new FeatureGates(),
    random,
    nominator,
    runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Result {
      const ctx: CycleContext = {
        framework: fw(),
        snapshot: cache,
        state,
        pod,
        nominator,
        percentageOfNodesToScore: 0,
        nextStartNodeIndex: 0,
        random,
      };
      return runFilterWithNominatedPods(ctx, node);
    },
    runPreFilterExtensionAddPod: (state, pod, toAdd, node) => fw().runPreFilterExtensionAddPod(state, pod, toAdd, node),
    runPreFilterExtensionRemovePod: (state, pod, toRemove, node) => fw().runPreFilterExtensionRemovePod(state, pod, toRemove, node),
    evictPod(victim: PodInfo, preemptor: PodInfo): void {
      recorder.evictions.push([victim, preemptor]);
      recorder.calls.push(`evict:${victim.name}`);
    },
    clearNominatedNodeName(pods: readonly PodInfo[]): void {
      recorder.cleared.push([...pods]);
      recorder.calls.push(`clear:${pods.map((p) => p.name).join(',')}`);
    },
  };
  const plugins = o.plugins?.(handle) ?? [];
  const profilePlugins = filterProfile(plugins, new PrioritySortPlugin());
  framework = new Framework({ schedulerName: 'default-scheduler', plugins: profilePlugins, percentageOfNodesToScore: undefined, tieBreak: { kind: 'random' } });
  return { cache, framework, handle, nominator, recorder };
}

/** The real NodeResourcesFit with default args. */
export function fitPlugin(handle: Handle): Plugin {
  return NodeResourcesFit.factory(NodeResourcesFit.defaultArgs!(undefined), handle);
}

/** The real InterPodAffinity with default args. */
export function interPodAffinityPlugin(handle: Handle): Plugin {
  return InterPodAffinity.factory(InterPodAffinity.defaultArgs!(undefined), handle);
}

/** The real PodTopologySpread with default args. */
export function podTopologySpreadPlugin(handle: Handle): Plugin {
  return PodTopologySpread.factory(PodTopologySpread.defaultArgs!(undefined), handle);
}

/** DefaultPreemption over the harness's handle, with defaulted args overridden by `args`. */
export function preemptionPlugin(h: Harness, args: Partial<DefaultPreemptionArgs> = {}, asyncPreemption?: boolean): DefaultPreemptionPlugin {
  const a = DefaultPreemption.defaultArgs!(args);
  return new DefaultPreemptionPlugin(a, h.handle, asyncPreemption === undefined ? {} : { asyncPreemption });
}

/** Runs the profile's PreFilter plugins for the pod into a fresh cycle state (upstream's tests do this first). */
export function preFilteredState(h: Harness, pod: PodInfo): CycleState {
  const state = new CycleState();
  const { status } = h.framework.runPreFilterPlugins(state, pod, h.cache.nodeInfoList());
  if (status !== null) throw new Error(`unexpected PreFilter status: ${status.code} ${status.message()}`);
  return state;
}
