/**
 * What a workload file declares — nodes, zones, and objects by kind,
 * namespace and name — so that operations and traffic can be checked
 * against it, and the checks across sections: object names unique per kind
 * and namespace, namespaces and PriorityClasses that exist.
 */
import { duplicate, notFound } from '../../api/validation/field.js';
import { isObject } from '../../api/validation/shape.js';
import { SYSTEM_CLUSTER_CRITICAL, SYSTEM_NODE_CRITICAL } from '../../api/admission.js';
import { LABEL_ZONE } from '../../cluster/simAnnotations.js';
import { joinPath, namespaceOf, WORKLOAD_KINDS } from './embedded.js';
import type { Arrival, ClusterSpec, EmbeddedObject } from './types.js';
import type { SpecReader } from './SpecReader.js';

/** Namespaces every cluster has. */
export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

interface Entry {
  readonly object: EmbeddedObject;
  /** For an arrival that makes several instances (`<name>-<n>`): how many at most (undefined: no limit). */
  readonly instances?: { readonly max: number | undefined };
}

const INSTANCE = /^(.+)-([1-9]\d*)$/;

/** How many instances an arrival makes at most (`max` undefined: no limit); undefined for a single arrival. */
function instanceBound(a: Arrival): { max: number | undefined } | undefined {
  const p = a.process;
  switch (p.type) {
    case 'once':
      return undefined;
    case 'burst':
      return { max: p.times === undefined ? undefined : p.count * p.times };
    default:
      return { max: p.count };
  }
}

/** Everything the file declares, for checking references. */
export class Declared {
  /** Node names of every pool and literal node. */
  readonly nodes = new Set<string>();
  /** Zones of those nodes. */
  readonly zones = new Set<string>();
  private readonly objects = new Map<string, Entry>();

  /**
   * Records an object (with `instances` when it arrives as `<name>-<n>`);
   * false when one of the same kind, namespace and name is already there.
   */
  add(object: EmbeddedObject, instances?: { readonly max: number | undefined }): boolean {
    const name = object.object.metadata.name ?? '';
    if (name === '') return true;
    const key = `${object.object.kind ?? ''}/${namespaceOf(object.object)}/${name}`;
    if (this.objects.has(key)) return false;
    this.objects.set(key, instances === undefined ? { object } : { object, instances });
    return true;
  }

  /**
   * The manifest an object reference resolves to: an object, a single
   * arrival, or instance `<name>-<n>` of an arrival that makes several.
   */
  find(kind: string, namespace: string, name: string): EmbeddedObject | undefined {
    const direct = this.objects.get(`${kind}/${namespace}/${name}`);
    if (direct !== undefined && direct.instances === undefined) return direct.object;
    const m = INSTANCE.exec(name);
    if (m === null) return undefined;
    const base = this.objects.get(`${kind}/${namespace}/${m[1]!}`);
    if (base?.instances === undefined) return undefined;
    const n = Number(m[2]);
    return base.instances.max === undefined || n <= base.instances.max ? base.object : undefined;
  }
}

function podSpecPath(o: EmbeddedObject): string | undefined {
  const pods = WORKLOAD_KINDS[o.object.kind ?? '']?.pods;
  return pods === 'self' ? 'spec' : pods === 'template' ? 'spec.template.spec' : undefined;
}

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split('.')) cur = isObject(cur) ? cur[seg] : undefined;
  return cur;
}

/**
 * Collects what the file declares and checks, across sections: object names
 * unique per kind and namespace; namespaced objects in a namespace that
 * exists (built in, or a Namespace among objects or arrivals); a pod's
 * priorityClassName naming a PriorityClass that exists.
 */
export function declare(r: SpecReader, cluster: ClusterSpec, objects: readonly EmbeddedObject[], arrivals: readonly Arrival[]): Declared {
  const d = new Declared();
  for (const pool of cluster.nodePools) {
    for (const n of pool.nodes) {
      d.nodes.add(n.name);
      const zone = n.zone ?? pool.labels[LABEL_ZONE];
      if (zone !== undefined) d.zones.add(zone);
    }
  }
  for (const n of cluster.nodes) {
    d.nodes.add(n.object.metadata.name ?? '');
    const zone = n.object.metadata.labels?.[LABEL_ZONE];
    if (zone !== undefined) d.zones.add(zone);
  }
  type Bound = ReturnType<typeof instanceBound>;
  const all: [EmbeddedObject, Bound][] = [
    ...objects.map((o): [EmbeddedObject, Bound] => [o, undefined]),
    ...arrivals.map((a): [EmbeddedObject, Bound] => [a.manifest, instanceBound(a)]),
  ];
  for (const [o, bound] of all) {
    if (!d.add(o, bound)) r.failWith(duplicate(joinPath(o.path, 'metadata.name'), o.object.metadata.name ?? ''));
  }
  const namespaces = new Set(BUILT_IN_NAMESPACES);
  const priorityClasses = new Set([SYSTEM_CLUSTER_CRITICAL, SYSTEM_NODE_CRITICAL]);
  for (const [o] of all) {
    if (o.object.kind === 'Namespace') namespaces.add(o.object.metadata.name ?? '');
    if (o.object.kind === 'PriorityClass') priorityClasses.add(o.object.metadata.name ?? '');
  }
  for (const [o] of all) {
    const ns = namespaceOf(o.object);
    if (ns !== '' && !namespaces.has(ns)) {
      const detail = 'no Namespace of this name among objects or arrivals';
      r.failWith({ ...notFound(joinPath(o.path, 'metadata.namespace'), ns), detail });
    }
    const specPath = podSpecPath(o);
    if (specPath === undefined) continue;
    const pc = at(o.object, `${specPath}.priorityClassName`);
    if (typeof pc === 'string' && pc !== '' && !priorityClasses.has(pc)) {
      r.fail(joinPath(o.path, `${specPath}.priorityClassName`), `no PriorityClass with name ${pc} was found`);
    }
  }
  return d;
}
