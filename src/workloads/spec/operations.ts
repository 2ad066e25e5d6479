/**
 * The `operations` section: timed actions on the cluster (node failure and
 * recovery, zone outage, cordon, uncordon, drain, scale, rollout, delete).
 * Every node, zone and object an operation names must exist in the file.
 */
import { notFound, notSupported, required } from '../../api/validation/field.js';
import { isObject } from '../../api/validation/shape.js';
import { WORKLOAD_KINDS } from './embedded.js';
import type { Declared } from './references.js';
import { indexPath, type SpecReader } from './SpecReader.js';
import type { Operation, RolloutOperation, ScaleOperation } from './types.js';

/** The operations, by name. */
export const OPERATION_NAMES = [
  'node-failure',
  'node-recovery',
  'zone-outage',
  'cordon',
  'uncordon',
  'drain',
  'scale',
  'rollout',
  'delete',
] as const;

/** Kinds `scale` applies to. */
export const SCALE_KINDS: readonly ScaleOperation['kind'][] = ['Deployment', 'ReplicaSet', 'StatefulSet'];
/** Kinds `rollout` applies to. */
export const ROLLOUT_KINDS: readonly RolloutOperation['kind'][] = ['Deployment', 'StatefulSet', 'DaemonSet'];

const OBJECT_FIELDS = ['at', 'op', 'kind', 'namespace', 'name'];
const FIELDS: Readonly<Record<(typeof OPERATION_NAMES)[number], readonly string[]>> = {
  'node-failure': ['at', 'op', 'node'],
  'node-recovery': ['at', 'op', 'node'],
  cordon: ['at', 'op', 'node'],
  uncordon: ['at', 'op', 'node'],
  drain: ['at', 'op', 'node'],
  'zone-outage': ['at', 'op', 'zone', 'duration'],
  scale: [...OBJECT_FIELDS, 'replicas'],
  rollout: [...OBJECT_FIELDS, 'container', 'image'],
  delete: OBJECT_FIELDS,
};

/** The names of a pod template's containers (empty when it has none). */
function containerNames(manifest: unknown): string[] {
  const spec = isObject(manifest) && isObject(manifest['spec']) ? manifest['spec'] : {};
  const template = isObject(spec['template']) ? spec['template'] : {};
  const podSpec = isObject(template['spec']) ? template['spec'] : {};
  const containers = Array.isArray(podSpec['containers']) ? podSpec['containers'] : [];
  return containers.flatMap((c) => (isObject(c) && typeof c['name'] === 'string' ? [c['name']] : []));
}

function readOperation(r: SpecReader, value: unknown, path: string, declared: Declared): Operation {
  const raw = r.required(r.anyObject(value, path), path);
  const op = r.required(r.enumValue(raw['op'], `${path}.op`, OPERATION_NAMES), `${path}.op`);
  const o = r.required(r.object(raw, path, FIELDS[op]), path);
  const at = r.required(r.duration(o['at'], `${path}.at`), `${path}.at`);
  switch (op) {
    case 'node-failure':
    case 'node-recovery':
    case 'cordon':
    case 'uncordon':
    case 'drain': {
      const node = r.requiredString(o['node'], `${path}.node`);
      if (!declared.nodes.has(node)) {
        r.failWith({ ...notFound(`${path}.node`, node), detail: 'no such node in cluster.nodePools or cluster.nodes' });
      }
      return { op, at, path, node };
    }
    case 'zone-outage': {
      const zone = r.requiredString(o['zone'], `${path}.zone`);
      if (!declared.zones.has(zone)) r.failWith({ ...notFound(`${path}.zone`, zone), detail: 'no node of the cluster is in this zone' });
      const duration = r.positiveDuration(o['duration'], `${path}.duration`);
      return { op, at, path, zone, ...(duration === undefined ? {} : { duration }) };
    }
    default:
      break;
  }
  const kinds: readonly string[] = op === 'scale' ? SCALE_KINDS : op === 'rollout' ? ROLLOUT_KINDS : Object.keys(WORKLOAD_KINDS);
  const kind = r.required(r.enumValue(o['kind'], `${path}.kind`, kinds), `${path}.kind`);
  const name = r.requiredString(o['name'], `${path}.name`);
  const cluster = WORKLOAD_KINDS[kind]?.namespaced === false;
  const namespace = cluster ? '' : (r.string(o['namespace'], `${path}.namespace`) ?? 'default') || 'default';
  const target = declared.find(kind, namespace, name);
  if (target === undefined) {
    const where = namespace === '' ? '' : ` in namespace ${JSON.stringify(namespace)}`;
    r.failWith({ ...notFound(`${path}.name`, name), detail: `no ${kind}${where} among objects or arrivals` });
  }
  switch (op) {
    case 'scale': {
      const replicas = r.required(r.int(o['replicas'], `${path}.replicas`, { min: 0 }), `${path}.replicas`);
      return { op, at, path, kind: kind as ScaleOperation['kind'], namespace, name, replicas };
    }
    case 'rollout': {
      const image = r.requiredString(o['image'], `${path}.image`);
      const names = containerNames(target.object);
      let container = r.string(o['container'], `${path}.container`);
      if (container === undefined) {
        if (names.length !== 1) r.failWith(required(`${path}.container`, `the pod template has ${names.length} containers`));
        container = names[0]!;
      } else if (!names.includes(container)) {
        r.failWith(notSupported(`${path}.container`, container, names));
      }
      return { op, at, path, kind: kind as RolloutOperation['kind'], namespace, name, container, image };
    }
    default:
      return { op: 'delete', at, path, kind, namespace, name };
  }
}

/** Reads `operations`, checking that what each names exists. */
export function readOperations(r: SpecReader, value: unknown, declared: Declared): Operation[] {
  return (r.list(value, 'operations') ?? []).map((v, i) => readOperation(r, v, indexPath('operations', i), declared));
}
