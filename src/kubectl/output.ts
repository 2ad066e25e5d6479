import type { KubeObject } from '../api/types.js';
import type { ClusterView, CommandOutput, GetOptions } from './ClusterView.js';
import { toGoYaml } from './goYaml.js';
import { compareStrings, listObjects } from './listing.js';

/** The apiVersion each kind kubesim stores is served at. */
export const API_VERSIONS: Readonly<Record<string, string>> = {
  Pod: 'v1',
  Node: 'v1',
  Namespace: 'v1',
  Service: 'v1',
  Event: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Lease: 'coordination.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
};

/** The kinds that live outside namespaces. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(['Node', 'Namespace', 'PriorityClass']);

/** The object as the API server returns it: apiVersion and kind set. */
export function withTypeMeta(kind: string, object: KubeObject): KubeObject {
  const { apiVersion, kind: k, ...rest } = object;
  return { apiVersion: apiVersion ?? API_VERSIONS[kind] ?? 'v1', kind: k ?? kind, ...rest };
}

/** The `kind: List` kubectl prints for a listing with `-o yaml|json`. */
export function toList(kind: string, objects: readonly KubeObject[]): KubeObject & { items: KubeObject[] } {
  return { apiVersion: 'v1', items: objects.map((o) => withTypeMeta(kind, o)), kind: 'List', metadata: { resourceVersion: '' } };
}

/** A deep copy with every map's keys in byte order, as Go's encoding/json writes maps (kubectl reads objects as unstructured maps). */
function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(compareStrings)) out[k] = sortKeysDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** json.MarshalIndent(obj, "", "    ") as kubectl's JSON printer writes it: sorted keys, HTML-safe escapes, a final newline. */
export function toGoJson(value: unknown): string {
  const text = JSON.stringify(sortKeysDeep(value), null, 4) ?? 'null';
  // Go's encoder escapes <, >, & and the JavaScript line terminators inside strings.
  return `${text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)}\n`;
}

/** The output formats `kubectl get -o` takes that print whole objects. */
export type ObjectFormat = 'yaml' | 'json';

/** Formats one object (`kubectl get pod NAME -o yaml`) or a List. */
export function formatObject(object: unknown, format: ObjectFormat): string {
  return format === 'yaml' ? toGoYaml(object) : toGoJson(object);
}

/** `kubectl get <kind> -o yaml|json`: the listing as a `kind: List`, even when empty (kubectl prints an empty List then, not a message). */
export function printObjects(view: ClusterView, kind: string, format: ObjectFormat, options: GetOptions = {}): CommandOutput {
  const items = listObjects(view, kind, !CLUSTER_SCOPED_KINDS.has(kind), options);
  return { stdout: formatObject(toList(kind, items), format), stderr: '' };
}
