/**
 * Helpers for the scheduling-queue tests, in the spirit of upstream's
 * scheduling_queue_test.go: a fake clock, PrioritySort, st.MakePod()-like
 * pods and a queue built with test defaults.
 */
import type { Pod, PodSpec } from '../../../src/api/types.js';
import { MICROS_PER_SECOND, type Micros } from '../../../src/engine/time.js';
import { ActionType, type ClusterEvent, type ClusterEventWithHint, type QueueingHintFn } from '../../../src/scheduler/framework/events.js';
import type { QueuedPodInfoView } from '../../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, Status } from '../../../src/scheduler/framework/Status.js';
import { FeatureGates, type FeatureGateName } from '../../../src/scheduler/featureGates.js';
import { QueuedPodInfo } from '../../../src/scheduler/queue/QueuedPodInfo.js';
import { SchedulingQueue, type SchedulingQueueOptions } from '../../../src/scheduler/queue/SchedulingQueue.js';

/** An instant that is not on a whole second, like upstream's time.Now(). */
export const START: Micros = 1_000 * MICROS_PER_SECOND + 123_457;

export class FakeClock {
  t: Micros;
  constructor(t: Micros = START) {
    this.t = t;
  }
  readonly now = (): Micros => this.t;
  step(d: Micros): void {
    this.t += d;
  }
  set(t: Micros): void {
    this.t = t;
  }
}

/** PrioritySort.Less: higher priority first, then the earlier timestamp. */
export function prioritySort(a: QueuedPodInfoView, b: QueuedPodInfoView): boolean {
  const p1 = a.podInfo.priority;
  const p2 = b.podInfo.priority;
  return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
}

export interface TestPodOptions {
  namespace?: string;
  uid?: string;
  priority?: number;
  nominatedNodeName?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  schedulingGates?: string[];
  spec?: Partial<PodSpec>;
}

/** st.MakePod().Name(name)...: the uid defaults to name+namespace, as upstream's clonePod. */
export function makePod(name: string, o: TestPodOptions = {}): Pod {
  const namespace = o.namespace ?? '';
  const pod: Pod = {
    metadata: { name, namespace, uid: o.uid ?? `${name}${namespace}`, labels: o.labels ?? {}, annotations: o.annotations ?? {} },
    spec: { containers: [{ name: 'c' }], ...o.spec },
  };
  if (o.priority !== undefined) pod.spec.priority = o.priority;
  if (o.nodeName !== undefined) pod.spec.nodeName = o.nodeName;
  if (o.schedulingGates !== undefined) pod.spec.schedulingGates = o.schedulingGates.map((n) => ({ name: n }));
  if (o.nominatedNodeName !== undefined) pod.status = { nominatedNodeName: o.nominatedNodeName };
  return pod;
}

export function podInfo(pod: Pod): PodInfo {
  return new PodInfo(pod);
}

/** A deep copy (DeepCopy). */
export function clone<T>(o: T): T {
  return structuredClone(o);
}

/** clonePod: the same pod under another name and uid. */
export function clonePod(pod: Pod, newName: string): Pod {
  const p = clone(pod);
  p.metadata.name = newName;
  p.metadata.uid = newName + (p.metadata.namespace ?? '');
  return p;
}

export const queueHintReturnQueue: QueueingHintFn = () => 'Queue';
export const queueHintReturnSkip: QueueingHintFn = () => 'QueueSkip';

export const nodeAdd: ClusterEvent = { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' };

/** A PreEnqueue plugin that admits a pod only if it has one of the allowed labels (upstream's test preEnqueuePlugin). */
export function allowlistPreEnqueue(name: string, allowlists: readonly string[]): (p: PodInfo) => Status | null {
  return (p) => {
    for (const allowed of allowlists) if (Object.hasOwn(p.labels, allowed)) return null;
    return new Status(Code.UnschedulableAndUnresolvable, ['pod name not in allowlists'], name);
  };
}

/** The SchedulingGates plugin's PreEnqueue. */
export function schedulingGatesPreEnqueue(p: PodInfo): Status | null {
  const gates = p.pod.spec.schedulingGates ?? [];
  if (gates.length === 0) return null;
  return new Status(Code.UnschedulableAndUnresolvable, [`waiting for scheduling gates: ${gates.map((g) => g.name).join(',')}`], 'SchedulingGates');
}

/** A queueing hint map in upstream's shape: event → plugins with their hints. */
export type HintMap = readonly { event: ClusterEvent; plugins: readonly { plugin: string; hint: QueueingHintFn }[] }[];

/** The pluginEvents lookup that serves a {@link HintMap}; plugins absent from it registered nothing. */
export function lookupFrom(map: HintMap): (plugin: string) => readonly ClusterEventWithHint[] {
  return (plugin) => {
    const out: ClusterEventWithHint[] = [];
    for (const { event, plugins } of map) for (const p of plugins) if (p.plugin === plugin) out.push({ event, hint: p.hint });
    return out;
  };
}

export interface TestQueueOptions extends Partial<Omit<SchedulingQueueOptions, 'featureGates'>> {
  gates?: Partial<Record<FeatureGateName, boolean>>;
  hintMap?: HintMap;
}

/** NewTestQueue: PrioritySort, the given clock (a fixed one by default), default gates. */
export function newTestQueue(clock: FakeClock = new FakeClock(), o: TestQueueOptions = {}): SchedulingQueue {
  const { gates, hintMap, ...rest } = o;
  return new SchedulingQueue({
    less: prioritySort,
    now: clock.now,
    featureGates: new FeatureGates(gates ?? {}),
    ...(hintMap === undefined ? {} : { pluginEvents: lookupFrom(hintMap) }),
    ...rest,
  });
}

/** newQueuedPodInfoForLookup: a queued pod with these unschedulable plugins. */
export function qpi(pod: Pod, ...plugins: string[]): QueuedPodInfo {
  return new QueuedPodInfo(new PodInfo(pod), 0, plugins);
}

/** Pops and checks the pod, as upstream's popPod. */
export function popExpect(q: SchedulingQueue, pod: Pod): QueuedPodInfo {
  const p = q.pop();
  if (p === undefined) throw new Error(`expected ${pod.metadata.name ?? ''} after Pop, got nothing`);
  if (p.uid !== (pod.metadata.uid ?? '')) throw new Error(`expected ${pod.metadata.name ?? ''} after Pop, got ${p.podInfo.name}`);
  return p;
}

/** Names of the pods in a sub-queue. */
export function namesIn(q: SchedulingQueue, queue: 'active' | 'backoff' | 'unschedulable' | 'gated'): string[] {
  return q
    .pendingPods()
    .filter((p) => p.queue === queue)
    .map((p) => p.pInfo.podInfo.name)
    .sort();
}

/** Where the pod waits, or undefined. */
export function whereIs(q: SchedulingQueue, pod: Pod): string | undefined {
  return q.getPod(pod.metadata.namespace ?? '', pod.metadata.name ?? '')?.queue;
}
