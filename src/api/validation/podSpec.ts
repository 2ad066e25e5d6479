/**
 * PodSpec and PodTemplateSpec validation, ported from pkg/apis/core/validation
 * (ValidatePodSpec, validatePodResources, ValidatePodTemplateSpec), v1.34,
 * limited to the fields kubesim reads. Fields the API server defaults before
 * validating (restartPolicy, dnsPolicy, terminationGracePeriodSeconds,
 * schedulerName) are accepted when missing.
 */
import { newScaledQuantity, type Quantity } from '../quantity.js';
import { validateAffinity } from './affinity.js';
import { type ContainerResources, validateContainers, validateInitContainers } from './containers.js';
import { child, duplicate, type FieldError, forbidden, index, invalid, notSupported } from './field.js';
import { inclusiveRangeError, isDNS1123Label, nameIsDNSSubdomain } from './identifiers.js';
import { validateAnnotations, validateLabelName, validateLabels } from './meta.js';
import { type ReadRequirements, validatePodResourceConsistency, validatePodResourceName, validateResourceRequirements } from './resources.js';
import { type JsonObject, Reader } from './shape.js';
import { validateTolerations } from './taints.js';
import { validateTopologySpreadConstraints } from './topologySpread.js';

/** Options for pod spec validation. */
export interface PodSpecValidationOptions {
  /** The PodLevelResources feature gate (on by default in 1.34). */
  readonly podLevelResources?: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

function addNano(target: Map<string, bigint>, src: ReadonlyMap<string, Quantity>): void {
  for (const [k, q] of src) target.set(k, (target.get(k) ?? 0n) + q.nanoValue());
}

/** AggregateContainerRequests over parsed containers (app + sidecars, max with each init container). */
function aggregateRequests(app: readonly ContainerResources[], init: readonly ContainerResources[]): Map<string, Quantity> {
  const total = new Map<string, bigint>();
  for (const c of app) addNano(total, c.requests);
  const sidecars = new Map<string, bigint>();
  const initMax = new Map<string, bigint>();
  const max = (src: ReadonlyMap<string, bigint>) => {
    for (const [k, v] of src) if (!initMax.has(k) || v > (initMax.get(k) ?? 0n)) initMax.set(k, v);
  };
  for (const c of init) {
    if (c.sidecar) {
      addNano(total, c.requests);
      addNano(sidecars, c.requests);
      max(sidecars);
    } else {
      const combined = new Map<string, bigint>();
      addNano(combined, c.requests);
      for (const [k, v] of sidecars) combined.set(k, (combined.get(k) ?? 0n) + v);
      max(combined);
    }
  }
  for (const [k, v] of initMax) if (!total.has(k) || v > (total.get(k) ?? 0n)) total.set(k, v);
  return new Map([...total].map(([k, v]) => [k, newScaledQuantity(v, -9)]));
}

/** Validates a PodSpec at `path` (`spec` for a pod, `spec.template.spec` in a template). */
export function validatePodSpec(value: unknown, path: string, opts: PodSpecValidationOptions = {}): FieldError[] {
  const r = new Reader();
  const spec: JsonObject = r.object(value, path) ?? {};

  const apps = validateContainers(spec['containers'], child(path, 'containers'));
  r.add(...apps.errors);
  const inits = validateInitContainers(spec['initContainers'], apps.containers.map((c) => c.name), child(path, 'initContainers'));
  r.add(...inits.errors);

  if (opts.podLevelResources !== false && spec['resources'] !== undefined && spec['resources'] !== null) {
    const resPath = child(path, 'resources');
    const res = r.object(spec['resources'], resPath);
    if (res !== undefined) {
      if (res['claims'] !== undefined) r.add(forbidden(child(resPath, 'claims'), 'claims cannot be set for Resources at pod-level'));
      const { errors, read } = validateResourceRequirements({ requests: res['requests'], limits: res['limits'] }, resPath, validatePodResourceName);
      r.add(...errors);
      r.add(...podResourceConsistency(read, apps.containers, inits.containers, resPath));
    }
  }

  const hostNetwork = r.bool(spec['hostNetwork'], child(path, 'hostNetwork')) ?? false;
  if (hostNetwork) r.add(...validateHostNetworkPorts(spec['containers'], child(path, 'containers')));

  const restartPolicy = r.optString(spec['restartPolicy'], child(path, 'restartPolicy'));
  if (restartPolicy !== undefined && !RESTART_POLICIES.includes(restartPolicy)) {
    r.add(notSupported(child(path, 'restartPolicy'), restartPolicy, RESTART_POLICIES));
  }
  const dnsPolicy = r.optString(spec['dnsPolicy'], child(path, 'dnsPolicy'));
  if (dnsPolicy !== undefined && !DNS_POLICIES.includes(dnsPolicy)) r.add(notSupported(child(path, 'dnsPolicy'), dnsPolicy, DNS_POLICIES));

  r.add(...validateLabels(r.stringMap(spec['nodeSelector'], child(path, 'nodeSelector')), child(path, 'nodeSelector')));
  r.add(...validateAffinity(spec['affinity'], child(path, 'affinity')));
  r.add(...validateSchedulingGates(r, spec['schedulingGates'], child(path, 'schedulingGates')));
  r.add(...validateTopologySpreadConstraints(spec['topologySpreadConstraints'], child(path, 'topologySpreadConstraints')));

  const subdomainField = (f: string) => {
    const v = r.string(spec[f], child(path, f));
    if (v.length > 0) for (const msg of nameIsDNSSubdomain(v, false)) r.add(invalid(child(path, f), v, msg));
  };
  subdomainField('serviceAccountName');
  subdomainField('nodeName');
  const deadline = r.int64(spec['activeDeadlineSeconds'], child(path, 'activeDeadlineSeconds'));
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    r.add(invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, 2147483647)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = r.string(spec[f], child(path, f));
    if (v.length > 0) for (const msg of isDNS1123Label(v)) r.add(invalid(child(path, f), v, msg));
  }
  r.add(...validateTolerations(spec['tolerations'], child(path, 'tolerations')));
  subdomainField('priorityClassName');
  const preemption = r.optString(spec['preemptionPolicy'], child(path, 'preemptionPolicy'));
  if (preemption !== undefined && !PREEMPTION_POLICIES.includes(preemption)) {
    r.add(notSupported(child(path, 'preemptionPolicy'), preemption, PREEMPTION_POLICIES));
  }
  if (spec['overhead'] !== undefined && spec['overhead'] !== null) {
    const overheadPath = child(path, 'overhead');
    const { errors } = validateResourceRequirements({ limits: spec['overhead'] }, overheadPath);
    // Upstream validates overhead as a container's limits: `overhead.limits[cpu]`.
    r.add(...errors.map((e) => ({ ...e, linePath: (e.linePath ?? e.field).replace(`${overheadPath}.limits`, overheadPath) })));
  }
  r.int32(spec['priority'], child(path, 'priority'));
  r.string(spec['schedulerName'], child(path, 'schedulerName'));
  r.int64(spec['terminationGracePeriodSeconds'], child(path, 'terminationGracePeriodSeconds'));
  return r.errors;
}

/** validatePodHostNetworkDeps: with hostNetwork, a host port must equal its container port. */
function validateHostNetworkPorts(containers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(containers)) return errs;
  containers.forEach((c, i) => {
    const ports = typeof c === 'object' && c !== null ? (c as JsonObject)['ports'] : undefined;
    if (!Array.isArray(ports)) return;
    ports.forEach((port, j) => {
      if (typeof port !== 'object' || port === null) return;
      const hp = (port as JsonObject)['hostPort'];
      const cp = (port as JsonObject)['containerPort'];
      // A missing hostPort is defaulted to the containerPort for hostNetwork pods.
      if (typeof hp === 'number' && hp !== 0 && hp !== cp) {
        errs.push(invalid(child(index(child(index(path, i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

/** validateSchedulingGates: names are qualified names, without duplicates. */
function validateSchedulingGates(r: Reader, value: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (r.array(value, path) ?? []).forEach((v, i) => {
    const p = index(path, i);
    const gate: JsonObject = r.object(v, p) ?? {};
    const name = r.string(gate['name'], child(p, 'name'));
    for (const e of validateLabelName(name, p)) errs.push({ ...e, linePath: child(p, 'name') });
    if (seen.has(name)) errs.push({ ...duplicate(p, name), linePath: child(p, 'name') });
    seen.add(name);
  });
  return errs;
}

function podResourceConsistency(
  podLevel: ReadRequirements,
  apps: readonly ContainerResources[],
  inits: readonly ContainerResources[],
  path: string,
): FieldError[] {
  const supported = (k: string) => k === 'cpu' || k === 'memory' || k.startsWith('hugepages-');
  const aggregate = new Map([...aggregateRequests(apps, inits)].filter(([k]) => supported(k)));
  return validatePodResourceConsistency(podLevel, aggregate, apps.map((c) => c.limits), path);
}

/**
 * ValidatePodTemplateSpec: the template's labels and annotations (reported
 * at `<path>.labels`, as upstream does) and its pod spec.
 */
export function validatePodTemplateSpec(value: unknown, path: string, opts: PodSpecValidationOptions = {}): FieldError[] {
  const r = new Reader();
  const template: JsonObject = r.object(value, path) ?? {};
  const meta: JsonObject = r.object(template['metadata'], child(path, 'metadata')) ?? {};
  const labels = r.stringMap(meta['labels'], child(path, 'metadata.labels'));
  const annotations = r.stringMap(meta['annotations'], child(path, 'metadata.annotations'));
  const relabel = (e: FieldError, sub: string): FieldError => ({
    ...e,
    linePath: (e.linePath ?? e.field).replace(child(path, sub), child(path, `metadata.${sub}`)),
  });
  r.add(...validateLabels(labels, child(path, 'labels')).map((e) => relabel(e, 'labels')));
  r.add(...validateAnnotations(annotations, child(path, 'annotations')).map((e) => relabel(e, 'annotations')));
  r.add(...validatePodSpec(template['spec'], child(path, 'spec'), opts));
  const spec = template['spec'];
  if (typeof spec === 'object' && spec !== null && Array.isArray((spec as JsonObject)['ephemeralContainers'])) {
    if (((spec as JsonObject)['ephemeralContainers'] as unknown[]).length > 0) {
      r.add(forbidden(child(path, 'spec.ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
    }
  }
  return r.errors;
}
