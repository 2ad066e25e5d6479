/**
 * API defaulting, as the API server applies it to an object it decodes
 * (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go,
 * pkg/apis/scheduling/v1/defaults.go and the declarative `+default` tags,
 * v1.34), for the fields kubesim reads.
 *
 * The one that changes scheduling: a container's requests default to its
 * limits (SetDefaults_Pod), so a pod with limits only requests them.
 * Also: quantities are rounded up to milli precision, pod-level requests and
 * hugepage limits are derived (PodLevelResources), host-network container
 * ports become host ports, `schedulerName` defaults to `default-scheduler`,
 * node allocatable defaults to capacity, namespaces get their
 * `kubernetes.io/metadata.name` label.
 *
 * Defaulting runs before validation and never throws: a malformed quantity
 * is left as written for validation to report.
 */
import { deepCopy } from './deepCopy.js';
import { defaultImagePullPolicy } from './imageReference.js';
import { newScaledQuantity, type Quantity, quantityFromText } from './quantity.js';
import { isRestartableInitContainer, isSupportedPodLevelResource } from './podRequests.js';
import { isHugePageResourceName, isNativeResource } from './resources.js';
import type {
  Container,
  DaemonSet,
  Deployment,
  Job,
  KubeObject,
  Namespace,
  Node,
  Pod,
  PodSpec,
  PriorityClass,
  ReplicaSet,
  ResourceList,
  Service,
  StatefulSet,
} from './types.js';

/** v1.DefaultSchedulerName. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** v1.DefaultTerminationGracePeriodSeconds. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.TerminationMessagePathDefault. */
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';
/** v1.LabelMetadataName: every named namespace carries its name under this label. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

/** Options of {@link setObjectDefaults}. */
export interface DefaultingOptions {
  /** The PodLevelResources feature gate (on by default in 1.34): derive pod-level requests and hugepage limits. */
  podLevelResources?: boolean;
}

/**
 * SetDefaults_ResourceList: every quantity rounded up to milli precision
 * (`0.0001` cpu becomes `1m`). Values that need no rounding, and values that
 * do not parse, are left as written.
 */
export function setResourceListDefaults(list: ResourceList | undefined): void {
  if (list === undefined || list === null || typeof list !== 'object') return;
  for (const [name, text] of Object.entries(list)) {
    let q: Quantity;
    try {
      q = quantityFromText(text);
    } catch {
      continue;
    }
    const rounded = q.roundUp(-3);
    if (rounded.cmp(q) !== 0) list[name] = rounded.toString();
  }
}

/** SetDefaults_Container and the declarative container defaults (port protocol). */
export function setContainerDefaults(c: Container): void {
  c.imagePullPolicy ??= defaultImagePullPolicy(c.image);
  c.terminationMessagePath ??= TERMINATION_MESSAGE_PATH_DEFAULT;
  c.terminationMessagePolicy ??= 'File';
  for (const port of c.ports ?? []) port.protocol ??= 'TCP';
  setResourceListDefaults(c.resources?.limits);
  setResourceListDefaults(c.resources?.requests);
}

/**
 * SetDefaults_PodSpec (for pods and pod templates) and the container
 * defaults of SetObjectDefaults_PodSpec: dnsPolicy ClusterFirst,
 * restartPolicy Always, terminationGracePeriodSeconds 30, schedulerName
 * default-scheduler; overhead and pod-level resources rounded.
 */
export function setPodSpecDefaults(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (spec.schedulerName === undefined || spec.schedulerName === '') spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  for (const c of spec.initContainers ?? []) setContainerDefaults(c);
  for (const c of spec.containers ?? []) setContainerDefaults(c);
  setResourceListDefaults(spec.overhead);
  setResourceListDefaults(spec.resources?.limits);
  setResourceListDefaults(spec.resources?.requests);
}

/** Requests default to limits for every key the requests lack. */
function defaultRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (c.resources === undefined || limits === undefined || limits === null) return;
  const requests = (c.resources.requests ??= {});
  for (const [name, v] of Object.entries(limits)) if (!(name in requests)) requests[name] = v;
}

type Exact = { nano: bigint; quantity: Quantity };
type ExactList = Map<string, Exact>;

/** addResourceList: sums kept exact; a sum keeps the format of its first term. */
function add(target: ExactList, src: ExactList): void {
  for (const [name, v] of src) {
    const cur = target.get(name);
    target.set(name, cur === undefined ? v : { nano: cur.nano + v.nano, quantity: cur.quantity });
  }
}

/** maxResourceList. */
function max(target: ExactList, src: ExactList): void {
  for (const [name, v] of src) {
    const cur = target.get(name);
    if (cur === undefined || v.nano > cur.nano) target.set(name, v);
  }
}

/** The list as exact amounts; undefined when a quantity does not parse. */
function exact(list: ResourceList | undefined): ExactList | undefined {
  const out: ExactList = new Map();
  for (const [name, text] of Object.entries(list ?? {})) {
    try {
      const quantity = quantityFromText(text);
      out.set(name, { nano: quantity.nanoValue(), quantity });
    } catch {
      return undefined;
    }
  }
  return out;
}

/** AggregateContainerRequests / AggregateContainerLimits (no overhead, no pod level); undefined on a bad quantity. */
function aggregateContainers(pod: Pod, pick: (c: Container) => ResourceList | undefined): ExactList | undefined {
  const result: ExactList = new Map();
  for (const c of pod.spec.containers ?? []) {
    const list = exact(pick(c));
    if (list === undefined) return undefined;
    add(result, list);
  }
  const sidecars: ExactList = new Map();
  const initMax: ExactList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const list = exact(pick(c));
    if (list === undefined) return undefined;
    if (isRestartableInitContainer(c)) {
      add(result, list);
      add(sidecars, list);
      max(initMax, sidecars);
    } else {
      const combined: ExactList = new Map();
      add(combined, list);
      add(combined, sidecars);
      max(initMax, combined);
    }
  }
  max(result, initMax);
  return result;
}

function text(v: Exact): string {
  return newScaledQuantity(v.nano, -9, v.quantity.format).toString();
}

/** corev1helper.IsOvercommitAllowed: native resources other than hugepages. */
function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** defaultHugePagePodLimits: pod-level hugepage limits default to the containers' aggregate. */
function defaultHugePagePodLimits(pod: Pod): void {
  const resources = pod.spec.resources;
  if (resources === undefined || resources === null) return;
  if (Object.keys(resources.limits ?? {}).length === 0 && Object.keys(resources.requests ?? {}).length === 0) return;
  const limits: ResourceList = resources.limits ?? {};
  const aggregate = aggregateContainers(pod, (c) => c.resources?.limits);
  if (aggregate === undefined) return;
  for (const [name, v] of aggregate) {
    if (!isSupportedPodLevelResource(name) || !isHugePageResourceName(name)) continue;
    if (resources.requests !== undefined && name in resources.requests) continue;
    if (!(name in limits)) limits[name] = text(v);
  }
  if (Object.keys(limits).length > 0) resources.limits = limits;
}

/**
 * defaultPodRequests: with pod-level limits set, pod-level requests default
 * to the containers' effective requests (overcommittable resources), then
 * to the pod-level limits.
 */
function defaultPodRequests(pod: Pod): void {
  const resources = pod.spec.resources;
  if (resources === undefined || resources === null) return;
  if (Object.keys(resources.limits ?? {}).length === 0) return;
  const requests: ResourceList = resources.requests ?? {};
  const aggregate = aggregateContainers(pod, (c) => c.resources?.requests);
  if (aggregate === undefined) return;
  for (const [name, v] of aggregate) {
    if (!(name in requests) && isSupportedPodLevelResource(name) && isOvercommitAllowed(name)) requests[name] = text(v);
  }
  for (const [name, v] of Object.entries(resources.limits ?? {})) {
    if (!(name in requests) && isSupportedPodLevelResource(name)) requests[name] = v;
  }
  if (Object.keys(requests).length > 0) resources.requests = requests;
}

/**
 * SetObjectDefaults_Pod: SetDefaults_Pod (container and init container
 * requests default to limits; pod-level hugepage limits and requests derived
 * when the PodLevelResources gate is on; enableServiceLinks true; with
 * hostNetwork every container port's hostPort defaults to its
 * containerPort), then the pod spec and container defaults.
 */
export function setPodDefaults(pod: Pod, options: DefaultingOptions = {}): void {
  const spec = pod.spec;
  if (spec === undefined || spec === null) return;
  for (const c of spec.containers ?? []) defaultRequestsFromLimits(c);
  for (const c of spec.initContainers ?? []) defaultRequestsFromLimits(c);
  if (options.podLevelResources !== false) {
    defaultHugePagePodLimits(pod);
    defaultPodRequests(pod);
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork === true) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of c.ports ?? []) if (port.hostPort === undefined || port.hostPort === 0) port.hostPort = port.containerPort;
    }
  }
  setPodSpecDefaults(spec);
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity; quantities rounded. */
export function setNodeDefaults(node: Node): void {
  const status = node.status;
  if (status === undefined || status === null) return;
  if (status.allocatable === undefined && status.capacity !== undefined && status.capacity !== null) {
    status.allocatable = { ...status.capacity };
  }
  setResourceListDefaults(status.capacity);
  setResourceListDefaults(status.allocatable);
}

/** SetDefaults_Namespace and SetDefaults_NamespaceStatus: the metadata.name label; phase Active. */
export function setNamespaceDefaults(ns: Namespace): void {
  const name = ns.metadata?.name;
  if (name !== undefined && name.length > 0) (ns.metadata.labels ??= {})[LABEL_METADATA_NAME] = name;
  (ns.status ??= {}).phase ??= 'Active';
}

/**
 * SetDefaults_Service: sessionAffinity None, type ClusterIP, port protocol
 * TCP, targetPort = port when unset/0/"", internalTrafficPolicy Cluster for
 * ClusterIP, NodePort and LoadBalancer services.
 */
export function setServiceDefaults(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ??= 'None';
  if (spec.type === undefined || spec.type === '') spec.type = 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ??= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (spec.internalTrafficPolicy === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
}

/** apps/v1 SetDefaults_ReplicaSet: replicas 1; the template's pod spec defaults. */
export function setReplicaSetDefaults(rs: ReplicaSet): void {
  if (rs.spec === undefined || rs.spec === null) return;
  rs.spec.replicas ??= 1;
  if (rs.spec.template?.spec !== undefined) setPodSpecDefaults(rs.spec.template.spec);
}

/** apps/v1 SetDefaults_StatefulSet: replicas 1, podManagementPolicy OrderedReady; the template's pod spec defaults. */
export function setStatefulSetDefaults(sts: StatefulSet): void {
  if (sts.spec === undefined || sts.spec === null) return;
  sts.spec.replicas ??= 1;
  sts.spec.podManagementPolicy ??= 'OrderedReady';
  if (sts.spec.template?.spec !== undefined) setPodSpecDefaults(sts.spec.template.spec);
}

/**
 * apps/v1 SetDefaults_Deployment: replicas 1, strategy RollingUpdate with
 * maxSurge and maxUnavailable 25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600; the template's pod spec defaults.
 */
export function setDeploymentDefaults(d: Deployment): void {
  if (d.spec === undefined || d.spec === null) return;
  d.spec.replicas ??= 1;
  const strategy = (d.spec.strategy ??= {});
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxSurge ??= '25%';
    rolling.maxUnavailable ??= '25%';
  }
  d.spec.revisionHistoryLimit ??= 10;
  d.spec.progressDeadlineSeconds ??= 600;
  if (d.spec.template?.spec !== undefined) setPodSpecDefaults(d.spec.template.spec);
}

/** apps/v1 SetDefaults_DaemonSet: updateStrategy RollingUpdate (maxUnavailable 1, maxSurge 0), revisionHistoryLimit 10. */
export function setDaemonSetDefaults(ds: DaemonSet): void {
  if (ds.spec === undefined || ds.spec === null) return;
  const strategy = (ds.spec.updateStrategy ??= {});
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
  ds.spec.revisionHistoryLimit ??= 10;
  if (ds.spec.template?.spec !== undefined) setPodSpecDefaults(ds.spec.template.spec);
}

/**
 * batch/v1 SetDefaults_Job: completions and parallelism 1 when both are
 * unset (parallelism 1 otherwise), backoffLimit 6, completionMode
 * NonIndexed, suspend false; the template's pod spec defaults.
 */
export function setJobDefaults(job: Job): void {
  if (job.spec === undefined || job.spec === null) return;
  if (job.spec.completions === undefined && job.spec.parallelism === undefined) {
    job.spec.completions = 1;
    job.spec.parallelism = 1;
  }
  job.spec.parallelism ??= 1;
  job.spec.backoffLimit ??= 6;
  job.spec.completionMode ??= 'NonIndexed';
  job.spec.suspend ??= false;
  if (job.spec.template?.spec !== undefined) setPodSpecDefaults(job.spec.template.spec);
}

/** scheduling/v1 SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority. */
export function setPriorityClassDefaults(pc: PriorityClass): void {
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}

/**
 * Applies the API server's defaults to an object of a kind kubesim knows
 * (Pod, Node, Namespace, Service, ReplicaSet, StatefulSet, Deployment, DaemonSet, Job, PriorityClass),
 * in place; other kinds are left alone.
 */
export function setObjectDefaults(obj: KubeObject, options: DefaultingOptions = {}): void {
  if (obj === null || typeof obj !== 'object') return;
  const apiVersion = obj.apiVersion;
  switch (obj.kind) {
    case 'Pod':
      if (apiVersion === 'v1' && typeof (obj as Pod).spec === 'object') setPodDefaults(obj as Pod, options);
      break;
    case 'Node':
      if (apiVersion === 'v1') setNodeDefaults(obj as Node);
      break;
    case 'Namespace':
      if (apiVersion === 'v1' && typeof obj.metadata === 'object') setNamespaceDefaults(obj as Namespace);
      break;
    case 'Service':
      if (apiVersion === 'v1') setServiceDefaults(obj as Service);
      break;
    case 'ReplicaSet':
      if (apiVersion === 'apps/v1') setReplicaSetDefaults(obj as ReplicaSet);
      break;
    case 'StatefulSet':
      if (apiVersion === 'apps/v1') setStatefulSetDefaults(obj as StatefulSet);
      break;
    case 'Deployment':
      if (apiVersion === 'apps/v1') setDeploymentDefaults(obj as Deployment);
      break;
    case 'DaemonSet':
      if (apiVersion === 'apps/v1') setDaemonSetDefaults(obj as DaemonSet);
      break;
    case 'Job':
      if (apiVersion === 'batch/v1') setJobDefaults(obj as Job);
      break;
    case 'PriorityClass':
      if (apiVersion === 'scheduling.k8s.io/v1') setPriorityClassDefaults(obj as PriorityClass);
      break;
    default:
      break;
  }
}

/** A defaulted deep copy of `obj` (the input is not changed). */
export function withDefaults<T extends KubeObject>(obj: T, options: DefaultingOptions = {}): T {
  const copy = deepCopy(obj);
  setObjectDefaults(copy, options);
  return copy;
}
