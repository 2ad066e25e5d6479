/**
 * Container validation, ported from pkg/apis/core/validation
 * (validateContainers, validateInitContainers, validateContainerCommon,
 * validateContainerPorts, checkHostPortConflicts), v1.34.
 *
 * Fields the API server defaults before validating (imagePullPolicy,
 * terminationMessagePolicy, a port's protocol) are accepted when missing.
 */
import type { Quantity } from '../quantity.js';
import { child, duplicate, type FieldError, forbidden, index, invalid, notSupported, required } from './field.js';
import { isDNS1123Label, isValidPortName, isValidPortNum } from './identifiers.js';
import { type JsonObject, Reader } from './shape.js';
import { validateResourceRequirements } from './resources.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** A container's parsed resources, for the pod-level checks. */
export interface ContainerResources {
  readonly name: string;
  readonly sidecar: boolean;
  readonly requests: Map<string, Quantity>;
  readonly limits: Map<string, Quantity>;
}

/** A host port a container asks for: `protocol/hostIP/port` as upstream keys it. */
interface HostPortKey {
  readonly key: string;
  readonly path: string;
}

/** validateContainerPorts. Returns the host ports for the conflict check. */
function validateContainerPorts(r: Reader, value: unknown, path: string): HostPortKey[] {
  const hostPorts: HostPortKey[] = [];
  const names = new Set<string>();
  (r.array(value, path) ?? []).forEach((v, i) => {
    const p = index(path, i);
    const port: JsonObject = r.object(v, p) ?? {};
    const name = r.string(port['name'], child(p, 'name'));
    const containerPort = r.int32(port['containerPort'], child(p, 'containerPort')) ?? 0;
    const hostPort = r.int32(port['hostPort'], child(p, 'hostPort')) ?? 0;
    const protocol = r.optString(port['protocol'], child(p, 'protocol')) ?? 'TCP';
    const hostIP = r.string(port['hostIP'], child(p, 'hostIP'));
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const msg of msgs) r.add(invalid(child(p, 'name'), name, msg));
      else if (names.has(name)) r.add(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    if (containerPort === 0) r.add(required(child(p, 'containerPort')));
    else for (const msg of isValidPortNum(containerPort)) r.add(invalid(child(p, 'containerPort'), containerPort, msg));
    if (hostPort !== 0) for (const msg of isValidPortNum(hostPort)) r.add(invalid(child(p, 'hostPort'), hostPort, msg));
    if (protocol.length === 0) r.add(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) r.add(notSupported(child(p, 'protocol'), protocol, PROTOCOLS));
    if (hostPort !== 0) hostPorts.push({ key: `${protocol}/${hostIP}/${hostPort}`, path: child(p, 'hostPort') });
  });
  return hostPorts;
}

/** checkHostPortConflicts: no two ports with the same protocol, host IP and host port. */
function checkHostPortConflicts(r: Reader, ports: readonly HostPortKey[]): void {
  const seen = new Set<string>();
  for (const { key, path } of ports) {
    if (seen.has(key)) r.add(duplicate(path, key));
    else seen.add(key);
  }
}

interface Common {
  readonly name: string;
  readonly resources: ContainerResources;
  readonly hostPorts: HostPortKey[];
  readonly c: JsonObject;
}

/** validateContainerCommon: name, image, ports, pull policy, termination message policy, resources. */
function validateContainerCommon(r: Reader, value: unknown, path: string, sidecar: boolean): Common {
  const c: JsonObject = r.object(value, path) ?? {};
  const name = r.string(c['name'], child(path, 'name'));
  const image = r.string(c['image'], child(path, 'image'));
  if (name.length === 0) r.add(required(child(path, 'name')));
  else for (const msg of isDNS1123Label(name)) r.add(invalid(child(path, 'name'), name, msg));
  if (image.length === 0) r.add(required(child(path, 'image')));
  const tmp = r.optString(c['terminationMessagePolicy'], child(path, 'terminationMessagePolicy'));
  if (tmp !== undefined && !TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    r.add(tmp === '' ? required(child(path, 'terminationMessagePolicy')) : notSupported(child(path, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  const hostPorts = validateContainerPorts(r, c['ports'], child(path, 'ports'));
  const pull = r.optString(c['imagePullPolicy'], child(path, 'imagePullPolicy'));
  if (pull !== undefined && !PULL_POLICIES.includes(pull)) {
    r.add(pull === '' ? required(child(path, 'imagePullPolicy')) : notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  }
  r.stringList(c['command'], child(path, 'command'));
  r.stringList(c['args'], child(path, 'args'));
  const res = validateResourceRequirements(c['resources'], child(path, 'resources'));
  r.add(...res.errors);
  return { name, hostPorts, c, resources: { name, sidecar, requests: res.read.requests, limits: res.read.limits } };
}

/** validateContainers: at least one; unique names; no restartPolicy; host ports unique across them. */
export function validateContainers(value: unknown, path: string): { errors: FieldError[]; containers: ContainerResources[] } {
  const r = new Reader();
  const list = r.array(value, path) ?? [];
  if (list.length === 0) {
    r.add(required(path));
    return { errors: r.errors, containers: [] };
  }
  const names = new Set<string>();
  const ports: HostPortKey[] = [];
  const containers: ContainerResources[] = [];
  list.forEach((v, i) => {
    const p = index(path, i);
    const common = validateContainerCommon(r, v, p, false);
    containers.push(common.resources);
    if (names.has(common.name)) r.add(duplicate(child(p, 'name'), common.name));
    else names.add(common.name);
    if (common.c['restartPolicy'] !== undefined && common.c['restartPolicy'] !== null) {
      r.add(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
    ports.push(...common.hostPorts);
  });
  checkHostPortConflicts(r, ports);
  return { errors: r.errors, containers };
}

const SIDECAR_ONLY = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

/**
 * validateInitContainers: names unique across init and app containers;
 * restartPolicy only Always (a sidecar); lifecycle and probes only on sidecars.
 */
export function validateInitContainers(value: unknown, appNames: readonly string[], path: string): { errors: FieldError[]; containers: ContainerResources[] } {
  const r = new Reader();
  const names = new Set(appNames);
  const containers: ContainerResources[] = [];
  (r.array(value, path) ?? []).forEach((v, i) => {
    const p = index(path, i);
    const raw = (typeof v === 'object' && v !== null ? v : {}) as JsonObject;
    const policy = raw['restartPolicy'];
    const sidecar = policy === 'Always';
    const common = validateContainerCommon(r, v, p, sidecar);
    containers.push(common.resources);
    if (policy !== undefined && policy !== null && !sidecar) {
      r.add(notSupported(child(p, 'restartPolicy'), typeof policy === 'string' ? policy : String(policy), ['Always']));
    }
    if (names.has(common.name)) r.add(duplicate(child(p, 'name'), common.name));
    else if (common.name.length > 0) names.add(common.name);
    checkHostPortConflicts(r, common.hostPorts);
    if (!sidecar) {
      for (const f of SIDECAR_ONLY) {
        if (common.c[f] !== undefined && common.c[f] !== null) {
          r.add(forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
        }
      }
    }
  });
  return { errors: r.errors, containers };
}

/** validateContainerOnlyForPod: no white space around the image (pods only, not templates). */
export function validateContainerImagesForPod(value: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(value)) return errs;
  value.forEach((c, i) => {
    const image = typeof c === 'object' && c !== null ? (c as JsonObject)['image'] : undefined;
    if (typeof image === 'string' && image.length !== image.trim().length) {
      errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
    }
  });
  return errs;
}
