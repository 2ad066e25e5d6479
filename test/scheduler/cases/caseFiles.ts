/**
 * Turns a case of ../shared/reference/kube-scheduler-cases.json (worked
 * examples transcribed from upstream's unit tests) into the three files
 * `kubesim explain` takes: the cluster (a `kind: List` as `kubectl get -o yaml`
 * prints it), the incoming pod, and a KubeSchedulerConfiguration whose profile
 * runs only the plugin under test at the extension points the case exercises.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the reference cases live, relative to the repository. */
export const CASES_PATH = fileURLToPath(new URL('../../../../shared/reference/kube-scheduler-cases.json', import.meta.url));

export interface CaseNode {
  name: string;
  allocatable: Record<string, number>;
  allocatableRaw?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: unknown[];
  images?: { names: string[]; sizeBytes: number }[];
  unschedulable?: boolean;
}

export interface CaseContainer {
  name?: string;
  image?: string;
  requests?: Record<string, number>;
  requestsRaw?: Record<string, string>;
  ports?: unknown[];
}

export interface CasePod {
  name?: string;
  namespace: string;
  nodeName?: string;
  labels?: Record<string, string>;
  containers: CaseContainer[];
  initContainers?: CaseContainer[];
  overheadRaw?: Record<string, string>;
  affinity?: unknown;
  tolerations?: unknown[];
  topologySpreadConstraints?: unknown[];
}

export interface SchedulerCase {
  id: string;
  plugin: string;
  phase: 'score' | 'score+normalize' | 'filter' | 'function';
  source: { test: string | null; name: string; file: string };
  args: Record<string, unknown>;
  nodes?: CaseNode[];
  failedNodes?: CaseNode[];
  existingPods?: CasePod[];
  pod?: CasePod;
  namespaces?: { name: string; labels: Record<string, string> }[];
  featureGates?: Record<string, boolean>;
  expected: {
    scores?: { node: string; score: number }[];
    filter?: Record<string, string>;
    reasons?: string[];
    preScoreStatus?: 'Success' | 'Skip';
    numNodes?: number;
    values?: { p: number; f: number }[];
  };
}

/** The cases, or null when the reference file is absent. */
export function loadCases(): SchedulerCase[] | null {
  if (!existsSync(CASES_PATH)) return null;
  return (JSON.parse(readFileSync(CASES_PATH, 'utf8')) as { cases: SchedulerCase[] }).cases;
}

/** A canonical amount back to a quantity string (cpu_m → millicores). */
function quantities(canonical: Record<string, number>, raw: Record<string, string> | undefined): Record<string, string> {
  if (raw !== undefined) return raw;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(canonical)) {
    if (k === 'cpu_m') out['cpu'] = `${v}m`;
    else out[k] = String(v);
  }
  return out;
}

/**
 * Upstream's unit tests build objects the API server would reject; the case
 * files keep their meaning but make them valid:
 * - node names are lowercased (`nodeA` → `nodea`; RFC 1123), and expected
 *   results are looked up under the same names ({@link nodeName});
 * - namespace "" becomes `default` (the API's default) and dots in namespace
 *   names become dashes (a namespace is a DNS label);
 * - a pod with no containers gets one requesting explicitly zero cpu and
 *   memory (so neither requests nor the non-zero defaults change);
 * - a port without containerPort gets its hostPort as containerPort;
 * - init containers are named apart from app containers, and extended
 *   resources get limits equal to their requests (they cannot be overcommitted).
 * Two topology-spread cases are invalid in ways that cannot be mended without
 * changing them (a duplicate {topologyKey, whenUnsatisfiable}, minDomains with
 * ScheduleAnyway); they run with `--validate=false`, as the upstream test
 * exercises the plugin directly.
 */
export function nodeName(name: string): string {
  return name.toLowerCase();
}

function namespaceOf(ns: string): string {
  return ns === '' ? 'default' : ns.replaceAll('.', '-');
}

function affinityWithNamespaces(affinity: unknown): unknown {
  return JSON.parse(JSON.stringify(affinity ?? null, (key, value: unknown) =>
    key === 'namespaces' && Array.isArray(value) ? value.map((n) => namespaceOf(String(n))) : value,
  ));
}

function validPorts(ports: unknown[]): unknown[] {
  return ports.map((p) => {
    const port = p as Record<string, unknown>;
    return port['containerPort'] === undefined ? { ...port, containerPort: port['hostPort'] ?? 80 } : port;
  });
}

function isExtended(name: string): boolean {
  return name.startsWith('hugepages-') || (name.includes('/') && !name.startsWith('kubernetes.io/'));
}

function container(c: CaseContainer, i: number, prefix = 'c'): Record<string, unknown> {
  const out: Record<string, unknown> = { name: c.name ?? `${prefix}${i}`, image: c.image ?? 'registry.k8s.io/pause:3.10' };
  if (c.requests !== undefined || c.requestsRaw !== undefined) {
    const requests = quantities(c.requests ?? {}, c.requestsRaw);
    const limits = Object.fromEntries(Object.entries(requests).filter(([name]) => isExtended(name)));
    out['resources'] = Object.keys(limits).length > 0 ? { requests, limits } : { requests };
  }
  if (c.ports !== undefined) out['ports'] = validPorts(c.ports);
  return out;
}

/** A Pod manifest for a case pod. */
export function podManifest(p: CasePod, fallbackName: string): Record<string, unknown> {
  const containers =
    p.containers.length > 0 ? p.containers.map((c, i) => container(c, i)) : [{ name: 'c0', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '0', memory: '0' } } }];
  const spec: Record<string, unknown> = { containers };
  if (p.initContainers !== undefined) spec['initContainers'] = p.initContainers.map((c, i) => container(c, i, 'init'));
  if (p.nodeName !== undefined) spec['nodeName'] = nodeName(p.nodeName);
  if (p.affinity !== undefined) spec['affinity'] = affinityWithNamespaces(p.affinity);
  if (p.tolerations !== undefined) spec['tolerations'] = p.tolerations;
  if (p.topologySpreadConstraints !== undefined) spec['topologySpreadConstraints'] = p.topologySpreadConstraints;
  if (p.overheadRaw !== undefined) spec['overhead'] = p.overheadRaw;
  const name = p.name ?? fallbackName;
  const namespace = namespaceOf(p.namespace);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `${namespace}-${name}`, labels: p.labels ?? {} },
    spec,
  };
}

function nodeManifest(n: CaseNode, unschedulable: boolean): Record<string, unknown> {
  const allocatable = quantities(n.allocatable, n.allocatableRaw);
  const spec: Record<string, unknown> = {};
  if (n.taints !== undefined) spec['taints'] = n.taints;
  if (unschedulable || n.unschedulable === true) spec['unschedulable'] = true;
  const status: Record<string, unknown> = { allocatable, capacity: allocatable };
  if (n.images !== undefined) status['images'] = n.images;
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName(n.name), labels: n.labels ?? {} }, spec, status };
}

/** True for a pod the API would reject in a way the case files cannot mend (see above). */
function needsNoValidation(p: CasePod): boolean {
  const constraints = (p.topologySpreadConstraints ?? []) as { topologyKey: string; whenUnsatisfiable: string; minDomains?: number }[];
  const keys = constraints.map((t) => `${t.topologyKey}/${t.whenUnsatisfiable}`);
  return new Set(keys).size !== keys.length || constraints.some((t) => t.minDomains !== undefined && t.whenUnsatisfiable === 'ScheduleAnyway');
}

/** The files for `kubesim explain --cluster … --pod … --config …`, as JSON text (valid YAML). */
export function caseFiles(c: SchedulerCase): { cluster: string; pod: string; config: string; flags: string[] } {
  const items: Record<string, unknown>[] = [];
  for (const ns of c.namespaces ?? []) items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespaceOf(ns.name), labels: ns.labels } });
  for (const n of c.nodes ?? []) items.push(nodeManifest(n, false));
  // Nodes that failed Filter in the upstream test: kept in the cluster, rejected by NodeUnschedulable.
  for (const n of c.failedNodes ?? []) items.push(nodeManifest(n, true));
  (c.existingPods ?? []).forEach((p, i) => items.push(podManifest(p, `existing-${i}`)));
  const cluster = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 1);
  const pod = JSON.stringify(podManifest(c.pod!, 'incoming'), null, 1);

  const scoring = c.phase === 'score' || c.phase === 'score+normalize';
  const multiPoint = [{ name: 'PrioritySort' }, { name: c.plugin }, { name: 'DefaultBinder' }];
  if ((c.failedNodes ?? []).length > 0) multiPoint.push({ name: 'NodeUnschedulable' });
  const only = { name: c.plugin };
  const plugins: Record<string, unknown> = { multiPoint: { enabled: multiPoint, disabled: [{ name: '*' }] } };
  if (scoring) {
    plugins['preFilter'] = { disabled: [only] };
    plugins['filter'] = { disabled: [only] };
  } else {
    plugins['preScore'] = { disabled: [only] };
    plugins['score'] = { disabled: [only] };
  }
  const profile: Record<string, unknown> = { schedulerName: 'default-scheduler', plugins };
  if (Object.keys(c.args).length > 0) profile['pluginConfig'] = [{ name: c.plugin, args: c.args }];
  const config = JSON.stringify({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [profile] }, null, 1);
  const flags: string[] = needsNoValidation(c.pod!) ? ['--validate=false'] : [];
  if (c.featureGates !== undefined) {
    flags.push('--feature-gates', Object.entries(c.featureGates).map(([k, v]) => `${k}=${v}`).join(','));
  }
  return { cluster, pod, config, flags };
}
