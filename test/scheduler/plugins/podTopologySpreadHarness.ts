/**
 * Shared set-up for the PodTopologySpread tests: compact node and pod
 * builders for upstream's tables and a plugin over a cache holding them
 * (the equivalent of plugintesting.SetupPluginWithInformers).
 */
import type { Node, Pod, ReplicaSet, ReplicationController, Service, StatefulSet, Taint } from '../../../src/api/types.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import { PodTopologySpread, PodTopologySpreadPlugin, type PodTopologySpreadArgs } from '../../../src/scheduler/plugins/PodTopologySpread.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { MakeLabelSelector, MakeNode, MakePod } from './stBuilders.js';

export const fooSelector = MakeLabelSelector().Exists('foo').Obj();
export const barSelector = MakeLabelSelector().Exists('bar').Obj();
export const ignorePolicy = 'Ignore' as const;
export const honorPolicy = 'Honor' as const;
/** v1.TaintNodeUnschedulable, NoSchedule. */
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
export const taints: Taint[] = [{ key: TaintNodeUnschedulable, value: '', effect: 'NoSchedule' }];

/** A node with labels (and taints). */
export function node(name: string, labels: Record<string, string>, nodeTaints?: Taint[]): Node {
  const w = MakeNode().Name(name);
  for (const [k, v] of Object.entries(labels)) w.Label(k, v);
  if (nodeTaints !== undefined) w.Taints(nodeTaints);
  return w.Obj();
}

/** A zone/node-labelled node: `zn('node-a', 'zone1')` has zone=zone1 and node=node-a. */
export function zn(name: string, zone: string, extra: Record<string, string> = {}, nodeTaints?: Taint[]): Node {
  return node(name, { zone, node: name, ...extra }, nodeTaints);
}

/** The four-node, two-zone cluster most upstream cases use (node-a, node-b in zone1; node-x, node-y in zone2). */
export function abxy(): Node[] {
  return [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2'), zn('node-y', 'zone2')];
}

/**
 * An existing pod bound to a node: `ep('p-a1', 'node-a', 'foo', 'bar=a')`
 * has labels foo="" and bar="a". Options: namespace, terminating.
 */
export function ep(name: string, nodeName: string, ...labels: (string | { ns?: string; terminating?: boolean })[]): Pod {
  const w = MakePod().Name(name).Node(nodeName);
  for (const l of labels) {
    if (typeof l === 'string') {
      const eq = l.indexOf('=');
      if (eq < 0) w.Label(l, '');
      else w.Label(l.slice(0, eq), l.slice(eq + 1));
    } else {
      if (l.ns !== undefined) w.Namespace(l.ns);
      if (l.terminating === true) w.Terminating();
    }
  }
  return w.Obj();
}

/** The objects the default selector reads. */
export interface ClusterObjs {
  services?: Service[];
  replicaSets?: ReplicaSet[];
  statefulSets?: StatefulSet[];
  replicationControllers?: ReplicationController[];
}

export interface SetupOptions {
  args?: Partial<PodTopologySpreadArgs>;
  enableNodeInclusionPolicy?: boolean;
  enableMatchLabelKeys?: boolean;
  objs?: ClusterObjs;
}

/** The plugin over a cache holding the nodes and the bound pods. */
export function setup(nodes: Node[], existingPods: Pod[], o: SetupOptions = {}) {
  const cache = makeCache(nodes, existingPods);
  for (const s of o.objs?.services ?? []) cache.objects.set('Service', s);
  for (const s of o.objs?.replicaSets ?? []) cache.objects.set('ReplicaSet', s);
  for (const s of o.objs?.statefulSets ?? []) cache.objects.set('StatefulSet', s);
  for (const s of o.objs?.replicationControllers ?? []) cache.objects.set('ReplicationController', s);
  const gates = new FeatureGates({
    NodeInclusionPolicyInPodTopologySpread: o.enableNodeInclusionPolicy ?? true,
    MatchLabelKeysInPodTopologySpread: o.enableMatchLabelKeys ?? true,
  });
  const args = PodTopologySpread.defaultArgs!(o.args ?? {});
  const p = PodTopologySpread.factory(args, makeHandle(cache, gates)) as PodTopologySpreadPlugin;
  return { p, cache };
}

/** A Service in namespace `ns` (default "") selecting `selector`. */
export function service(selector: Record<string, string> | undefined, ns = '', name = `svc-${Object.keys(selector ?? {}).join('-')}`): Service {
  const s: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: {} };
  if (selector !== undefined) s.spec!.selector = selector;
  return s;
}

/** A ReplicaSet with a label selector. */
export function replicaSet(name: string, ns: string, selector: ReplicaSet['spec']['selector']): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: ns }, spec: { selector } };
}
