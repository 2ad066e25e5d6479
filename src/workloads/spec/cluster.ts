/**
 * The `cluster` section: node pools (expanded to node names and zones),
 * literal Node manifests, and the cluster-autoscaler's flags.
 */
import { duplicate, invalid, notSupported } from '../../api/validation/field.js';
import { inclusiveRangeError, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../api/validation/identifiers.js';
import { validateLabels } from '../../api/validation/meta.js';
import { validateResourceName } from '../../api/validation/resources.js';
import { validateNodeTaints } from '../../api/validation/taints.js';
import type { Node, ResourceList, Taint, TaintEffect } from '../../api/types.js';
import { LABEL_ZONE } from '../../cluster/simAnnotations.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../engine/time.js';
import { NODE_KINDS, readEmbedded } from './embedded.js';
import { indexPath, type SpecReader } from './SpecReader.js';
import type { AutoscalerSpec, ClusterSpec, EmbeddedObject, Expander, NodeGroupAutoscaling, NodePool, PoolNode } from './types.js';

/** The kubelet's `--max-pods` default, for pools that do not say. */
export const DEFAULT_MAX_PODS = '110';
/** The kubelet version pool nodes report unless told. */
export const DEFAULT_KUBELET_VERSION = 'v1.34.0';
/** From the cloud request to the machine booting: 3–4 min on GCE (kubernetes-behaviour.md §5). */
export const DEFAULT_PROVISIONING_DELAY = 3 * MICROS_PER_MINUTE;
/** The prefix of role labels (`node-role.kubernetes.io/control-plane`). */
export const NODE_ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';

/** cluster-autoscaler's expanders. */
export const EXPANDERS: readonly Expander[] = ['random', 'most-pods', 'least-waste', 'least-nodes', 'price', 'priority'];

const POOL_FIELDS = [
  'name',
  'count',
  'names',
  'capacity',
  'allocatable',
  'labels',
  'taints',
  'zones',
  'region',
  'roles',
  'kubeletVersion',
  'autoscaling',
];

const AUTOSCALER_FIELDS = [
  'enabled',
  'expander',
  'scanInterval',
  'maxNodeProvisionTime',
  'newPodScaleUpDelay',
  'scaleDownEnabled',
  'scaleDownUtilizationThreshold',
  'scaleDownUnneededTime',
  'scaleDownUnreadyTime',
  'scaleDownDelayAfterAdd',
  'scaleDownDelayAfterDelete',
  'scaleDownDelayAfterFailure',
  'maxEmptyBulkDelete',
  'maxGracefulTerminationSec',
  'maxNodesTotal',
];

function readResourceList(r: SpecReader, value: unknown, path: string): ResourceList {
  const out: ResourceList = {};
  for (const [name, v] of Object.entries(r.anyObject(value, path) ?? {})) {
    r.check(validateResourceName(name, `${path}[${name}]`));
    out[name] = r.required(r.quantity(v, `${path}[${name}]`, name), `${path}[${name}]`);
  }
  return out;
}

function readAutoscaling(r: SpecReader, value: unknown, path: string): NodeGroupAutoscaling | undefined {
  const obj = r.object(value, path, ['min', 'max', 'provisioningDelay']);
  if (obj === undefined) return undefined;
  const max = r.required(r.int(obj['max'], `${path}.max`, { min: 0 }), `${path}.max`);
  const min = r.int(obj['min'], `${path}.min`, { min: 0 }) ?? 0;
  if (min > max) r.failWith(invalid(`${path}.min`, min, `must be less than or equal to max (${max})`));
  const provisioningDelay = r.duration(obj['provisioningDelay'], `${path}.provisioningDelay`) ?? DEFAULT_PROVISIONING_DELAY;
  return { min, max, provisioningDelay };
}

function readTaints(r: SpecReader, value: unknown, path: string): Taint[] {
  const list = r.list(value, path) ?? [];
  const taints = list.map((v, i): Taint => {
    const t = r.required(r.object(v, indexPath(path, i), ['key', 'value', 'effect']), indexPath(path, i));
    const key = r.string(t['key'], `${indexPath(path, i)}.key`) ?? '';
    const val = r.string(t['value'], `${indexPath(path, i)}.value`);
    const effect = (r.string(t['effect'], `${indexPath(path, i)}.effect`) ?? '') as TaintEffect;
    return val === undefined ? { key, effect } : { key, value: val, effect };
  });
  r.check(validateNodeTaints(list, path, path));
  return taints;
}

function checkLabelValue(r: SpecReader, value: string, path: string): void {
  const errs = isValidLabelValue(value);
  if (value === '' || errs.length > 0) r.failWith(invalid(path, value, value === '' ? 'must be non-empty' : errs.join('; ')));
}

function readPool(r: SpecReader, value: unknown, path: string): NodePool {
  const obj = r.required(r.object(value, path, POOL_FIELDS), path);
  const name = r.requiredString(obj['name'], `${path}.name`);
  const nameErrs = isDNS1123Subdomain(name);
  if (nameErrs.length > 0) r.failWith(invalid(`${path}.name`, name, nameErrs.join('; ')));
  const names = r.stringList(obj['names'], `${path}.names`);
  names?.forEach((n, i) => {
    const errs = isDNS1123Subdomain(n);
    if (errs.length > 0) r.failWith(invalid(indexPath(`${path}.names`, i), n, errs.join('; ')));
  });
  const autoscaling = readAutoscaling(r, obj['autoscaling'], `${path}.autoscaling`);
  const given = r.int(obj['count'], `${path}.count`, { min: 0 });
  if (given !== undefined && names !== undefined && given !== names.length) {
    r.failWith(invalid(`${path}.count`, given, `must equal the number of names (${names.length})`));
  }
  const count = given ?? names?.length ?? autoscaling?.min ?? 1;
  if (autoscaling !== undefined && (count < autoscaling.min || count > autoscaling.max)) {
    r.failWith(invalid(`${path}.count`, count, `${inclusiveRangeError(autoscaling.min, autoscaling.max)} (autoscaling.min and max)`));
  }
  const capacity = readResourceList(r, r.required(obj['capacity'] ?? undefined, `${path}.capacity`), `${path}.capacity`);
  if (capacity['pods'] === undefined) capacity['pods'] = DEFAULT_MAX_PODS;
  const allocatable = { ...capacity, ...readResourceList(r, obj['allocatable'], `${path}.allocatable`) };
  const labels = r.stringMap(obj['labels'], `${path}.labels`) ?? {};
  r.check(validateLabels(labels, `${path}.labels`));
  const taints = readTaints(r, obj['taints'], `${path}.taints`);
  const zones = r.stringList(obj['zones'], `${path}.zones`) ?? [];
  zones.forEach((z, i) => checkLabelValue(r, z, indexPath(`${path}.zones`, i)));
  if (zones.length > 0 && labels[LABEL_ZONE] !== undefined) {
    r.fail(`${path}.zones`, `may not be given with labels[${LABEL_ZONE}]`);
  }
  const region = r.string(obj['region'], `${path}.region`);
  if (region !== undefined) checkLabelValue(r, region, `${path}.region`);
  const roles = r.stringList(obj['roles'], `${path}.roles`) ?? [];
  roles.forEach((role, i) => {
    const errs = isQualifiedName(`${NODE_ROLE_LABEL_PREFIX}${role}`);
    if (role === '' || errs.length > 0) {
      r.failWith(invalid(indexPath(`${path}.roles`, i), role, role === '' ? 'must be non-empty' : errs.join('; ')));
    }
  });
  const kubeletVersion = r.string(obj['kubeletVersion'], `${path}.kubeletVersion`) ?? DEFAULT_KUBELET_VERSION;
  const nodeNames = names ?? Array.from({ length: count }, (_, i) => `${name}-${i + 1}`);
  const nodes = nodeNames.map((n, i): PoolNode => (zones.length === 0 ? { name: n } : { name: n, zone: zones[i % zones.length]! }));
  const pool: NodePool = { name, count, nodes, capacity, allocatable, labels, taints, zones, roles, kubeletVersion };
  return {
    ...pool,
    ...(region === undefined ? {} : { region }),
    ...(autoscaling === undefined ? {} : { autoscaling }),
  };
}

function readAutoscaler(r: SpecReader, value: unknown, anyGroup: boolean): AutoscalerSpec {
  const p = 'cluster.autoscaler';
  const o = r.object(value, p, AUTOSCALER_FIELDS) ?? {};
  const d = (field: string, def: number): number => r.duration(o[field], `${p}.${field}`) ?? def;
  const expanderText = r.string(o['expander'], `${p}.expander`) ?? 'least-waste';
  const expander = expanderText.split(',').map((e) => e.trim());
  for (const e of expander) {
    if (!(EXPANDERS as readonly string[]).includes(e)) r.failWith(notSupported(`${p}.expander`, e, EXPANDERS));
  }
  const maxNodesTotal = r.int(o['maxNodesTotal'], `${p}.maxNodesTotal`, { min: 0 });
  const spec: AutoscalerSpec = {
    enabled: r.bool(o['enabled'], `${p}.enabled`) ?? anyGroup,
    expander: expander as Expander[],
    scanInterval: d('scanInterval', 10 * MICROS_PER_SECOND),
    maxNodeProvisionTime: d('maxNodeProvisionTime', 15 * MICROS_PER_MINUTE),
    newPodScaleUpDelay: d('newPodScaleUpDelay', 0),
    scaleDownEnabled: r.bool(o['scaleDownEnabled'], `${p}.scaleDownEnabled`) ?? true,
    scaleDownUtilizationThreshold:
      r.number(o['scaleDownUtilizationThreshold'], `${p}.scaleDownUtilizationThreshold`, { min: 0, max: 1 }) ?? 0.5,
    scaleDownUnneededTime: d('scaleDownUnneededTime', 10 * MICROS_PER_MINUTE),
    scaleDownUnreadyTime: d('scaleDownUnreadyTime', 20 * MICROS_PER_MINUTE),
    scaleDownDelayAfterAdd: d('scaleDownDelayAfterAdd', 10 * MICROS_PER_MINUTE),
    scaleDownDelayAfterDelete: d('scaleDownDelayAfterDelete', 0),
    scaleDownDelayAfterFailure: d('scaleDownDelayAfterFailure', 3 * MICROS_PER_MINUTE),
    maxEmptyBulkDelete: r.int(o['maxEmptyBulkDelete'], `${p}.maxEmptyBulkDelete`, { min: 1 }) ?? 10,
    maxGracefulTerminationSec: r.int(o['maxGracefulTerminationSec'], `${p}.maxGracefulTerminationSec`, { min: 0 }) ?? 600,
  };
  if (spec.scanInterval === 0) r.failWith(invalid(`${p}.scanInterval`, o['scanInterval'], 'must be greater than 0'));
  return maxNodesTotal === undefined ? spec : { ...spec, maxNodesTotal };
}

/** Reads `cluster`; node names must be unique across pools and literal nodes. */
export function readCluster(r: SpecReader, value: unknown): ClusterSpec {
  const obj = r.object(value, 'cluster', ['nodePools', 'nodes', 'autoscaler']) ?? {};
  const rawPools = r.list(obj['nodePools'], 'cluster.nodePools') ?? [];
  const pools = rawPools.map((v, i) => readPool(r, v, indexPath('cluster.nodePools', i)));
  const nodes = (r.list(obj['nodes'], 'cluster.nodes') ?? []).map(
    (v, i) => readEmbedded(r, v, indexPath('cluster.nodes', i), i, NODE_KINDS) as EmbeddedObject<Node>,
  );
  const poolNames = new Set<string>();
  const nodeNames = new Set<string>();
  const claim = (name: string, path: string): void => {
    if (nodeNames.has(name)) r.failWith(duplicate(path, name));
    nodeNames.add(name);
  };
  pools.forEach((pool, i) => {
    const path = indexPath('cluster.nodePools', i);
    if (poolNames.has(pool.name)) r.failWith(duplicate(`${path}.name`, pool.name));
    poolNames.add(pool.name);
    const named = Array.isArray((rawPools[i] as Record<string, unknown>)['names']);
    pool.nodes.forEach((n, j) => claim(n.name, named ? indexPath(`${path}.names`, j) : `${path}.name`));
  });
  nodes.forEach((n) => {
    const name = n.object.metadata.name ?? '';
    const path = `${n.path}.metadata.name`;
    if (name === '') r.failWith({ type: 'Required value', field: path, badValue: '', detail: 'a Node needs a name' });
    claim(name, path);
  });
  const autoscaler = readAutoscaler(r, obj['autoscaler'], pools.some((p) => p.autoscaling !== undefined));
  return { nodePools: pools, nodes, autoscaler };
}
