import { InputError } from '../api/InputError.js';
import type { LoadedObject } from '../api/manifests.js';
import { ManifestErrors } from '../api/ManifestErrors.js';
import type { KubeObject, Node, Pod, PriorityClass } from '../api/types.js';
import { withDefaults } from '../api/defaults.js';
import { admitPod, priorityClassLister, type PriorityClassLister } from '../api/admission.js';
import { validateObject } from '../api/validation/index.js';
import { Simulation } from '../engine/Simulation.js';
import type { ListedKind } from './cache/ClusterObjects.js';
import type { LoadedConfiguration } from './config/load.js';
import type { TieBreakSpec } from './config/types.js';
import { createScheduler } from './createScheduler.js';
import { explain, type Explanation } from './explain.js';
import { FeatureGates } from './featureGates.js';
import { PodInfo } from './framework/PodInfo.js';
import { StandaloneHost } from './StandaloneHost.js';

/** What `kubesim explain` is asked. */
export interface ExplainRequest {
  /** Objects of the cluster file: nodes, pods (those with spec.nodeName are bound), namespaces, services, ... */
  cluster: readonly LoadedObject[];
  /** Objects of the pod file; exactly one must be a Pod. */
  pod: readonly LoadedObject[];
  config: LoadedConfiguration;
  featureGates?: FeatureGates;
  /** The profile (schedulerName); default: the pod's spec.schedulerName, else the first profile. */
  profile?: string;
  /** Seed of the random tie-break. */
  seed?: number;
  tieBreak?: TieBreakSpec;
  /** Validate the objects as the API server would (default true). */
  validate?: boolean;
}

const LISTED: Readonly<Record<string, ListedKind>> = {
  Namespace: 'Namespace',
  Service: 'Service',
  ReplicaSet: 'ReplicaSet',
  StatefulSet: 'StatefulSet',
  ReplicationController: 'ReplicationController',
  PodDisruptionBudget: 'PodDisruptionBudget',
};

/**
 * Validates the inputs as the API server would, builds the cluster the
 * scheduler sees, and explains one exhaustive scheduling cycle for the pod.
 * Throws an InputError (exit 2) for invalid manifests or a missing pod/profile.
 */
export function explainCluster(req: ExplainRequest): Explanation {
  // As the API server takes objects in: defaults, then admission (pods), then validation.
  const classes = req.cluster.filter((o) => o.object.kind === 'PriorityClass').map((o) => o.object as PriorityClass);
  const lister = priorityClassLister(classes);
  const cluster = req.cluster.map((o) => admitted(o, lister));
  const podObjects = req.pod.map((o) => admitted(o, lister));
  const errors = req.validate === false ? [] : [...cluster, ...podObjects].flatMap((o) => validateObject(o));
  if (errors.length > 0) throw new ManifestErrors(errors);
  const pods = podObjects.filter((o) => o.object.kind === 'Pod');
  if (pods.length !== 1) {
    const file = req.pod[0]?.file ?? 'pod file';
    throw new InputError(`${file}: expected exactly one Pod, found ${pods.length}`);
  }
  const incoming = withIdentity(pods[0]!.object as Pod);

  const sim = new Simulation({ seed: req.seed ?? 1 });
  const host = new StandaloneHost();
  const gates = req.featureGates ?? new FeatureGates();
  const scheduler = createScheduler(sim, host, req.config, {
    featureGates: gates,
    ...(req.tieBreak === undefined ? {} : { tieBreak: req.tieBreak }),
  });
  host.attach(scheduler);
  const bound: Pod[] = [];
  const pending: Pod[] = [];
  for (const { object } of cluster) {
    const kind = object.kind ?? '';
    if (kind === 'Node') scheduler.addNode(object as Node);
    else if (kind === 'Pod') ((object as Pod).spec.nodeName ? bound : pending).push(withIdentity(object as Pod));
    else if (kind in LISTED) scheduler.setObject(LISTED[kind]!, object as KubeObject);
  }
  for (const p of bound) scheduler.addPod(p);
  // Pending pods only matter for their nominations (nominated pods hold room on their node).
  for (const p of pending) if (p.status?.nominatedNodeName !== undefined) scheduler.addPod(p);

  const name = req.profile ?? incoming.spec.schedulerName ?? scheduler.profileNames()[0]!;
  const framework = scheduler.framework(name);
  if (framework === undefined) {
    throw new InputError(`no profile "${name}" in the scheduler configuration (profiles: ${scheduler.profileNames().join(', ')})`);
  }
  return explain({
    cache: scheduler.cache,
    framework,
    pod: new PodInfo(incoming, { podLevelResources: gates.enabled('PodLevelResources') }),
    nominator: scheduler.nominator,
    percentageOfNodesToScore: req.config.config.percentageOfNodesToScore,
    random: sim.random.stream('scheduler'),
  });
}

/** An object after the API server's defaulting and, for a pod, admission; lines still point into its file. */
function admitted(o: LoadedObject, lister: PriorityClassLister): LoadedObject {
  const object = withDefaults(o.object);
  if (object.kind === 'Pod' && typeof (object as Pod).spec === 'object') admitPod(object as Pod, lister);
  return { object, file: o.file, line: o.line, index: o.index, lineOf: (path) => o.lineOf(path) };
}

/** A namespace and a uid, as a created pod has. */
function withIdentity(pod: Pod): Pod {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? pod.metadata.generateName ?? '';
  return { ...pod, metadata: { ...pod.metadata, namespace, uid: pod.metadata.uid ?? `${namespace}/${name}` } };
}
