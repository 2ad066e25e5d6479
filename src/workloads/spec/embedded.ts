/**
 * Kubernetes manifests embedded in a workload file (`objects`,
 * `arrivals[i].manifest`, `cluster.nodes`). They are checked lightly here —
 * a mapping, a kind kubesim creates, the apiVersion that kind is served at,
 * a name — and the API server validates the rest when they are created. Each
 * keeps the lines of the workload file, so the API's validateObject can
 * report against the file.
 */
import { notSupported, required } from '../../api/validation/field.js';
import { isObject } from '../../api/validation/shape.js';
import type { KubeObject } from '../../api/types.js';
import type { SpecReader } from './SpecReader.js';
import type { EmbeddedObject } from './types.js';

/** What the loader knows of a kind a workload may create. */
export interface KindInfo {
  /** The group/version it is served at. */
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** Where its pods' metadata lives: the object itself (Pod), its `spec.template`, or nowhere. */
  readonly pods: 'self' | 'template' | 'none';
}

/** The kinds a workload's `objects` and `arrivals` may hold. */
export const WORKLOAD_KINDS: Readonly<Record<string, KindInfo>> = {
  Namespace: { apiVersion: 'v1', namespaced: false, pods: 'none' },
  PriorityClass: { apiVersion: 'scheduling.k8s.io/v1', namespaced: false, pods: 'none' },
  Service: { apiVersion: 'v1', namespaced: true, pods: 'none' },
  PodDisruptionBudget: { apiVersion: 'policy/v1', namespaced: true, pods: 'none' },
  Pod: { apiVersion: 'v1', namespaced: true, pods: 'self' },
  Deployment: { apiVersion: 'apps/v1', namespaced: true, pods: 'template' },
  ReplicaSet: { apiVersion: 'apps/v1', namespaced: true, pods: 'template' },
  StatefulSet: { apiVersion: 'apps/v1', namespaced: true, pods: 'template' },
  DaemonSet: { apiVersion: 'apps/v1', namespaced: true, pods: 'template' },
  Job: { apiVersion: 'batch/v1', namespaced: true, pods: 'template' },
};

/** The kind `cluster.nodes` holds. */
export const NODE_KINDS: Readonly<Record<string, KindInfo>> = {
  Node: { apiVersion: 'v1', namespaced: false, pods: 'none' },
};

/** Joins a field path below an embedded object's own path. */
export function joinPath(base: string, sub: string): string {
  if (sub === '') return base;
  return sub.startsWith('[') ? `${base}${sub}` : `${base}.${sub}`;
}

/** The namespace an object of a known kind lands in: its own, `default`, or `""` when cluster-scoped. */
export function namespaceOf(obj: KubeObject): string {
  const info = WORKLOAD_KINDS[obj.kind ?? ''];
  if (info !== undefined && !info.namespaced) return '';
  if (obj.kind === 'Node') return '';
  return obj.metadata.namespace === undefined || obj.metadata.namespace === '' ? 'default' : obj.metadata.namespace;
}

/**
 * Reads one embedded manifest.
 * @param kinds the kinds allowed at this place
 * @param index its position in its list
 */
export function readEmbedded(
  r: SpecReader,
  value: unknown,
  path: string,
  index: number,
  kinds: Readonly<Record<string, KindInfo>>,
): EmbeddedObject {
  const obj = r.required(r.anyObject(value, path), path);
  const kind = r.string(obj['kind'], joinPath(path, 'kind'));
  if (kind === undefined || kind === '') r.fail(joinPath(path, 'kind'), "Object 'Kind' is missing");
  const apiVersion = r.string(obj['apiVersion'], joinPath(path, 'apiVersion'));
  if (apiVersion === undefined || apiVersion === '') r.fail(joinPath(path, 'apiVersion'), "Object 'apiVersion' is missing");
  const info = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  if (info === undefined) r.failWith(notSupported(joinPath(path, 'kind'), kind, Object.keys(kinds)));
  if (apiVersion !== info.apiVersion) {
    r.fail(joinPath(path, 'apiVersion'), `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`);
  }
  const metaPath = joinPath(path, 'metadata');
  const meta = r.anyObject(obj['metadata'], metaPath) ?? {};
  if (!isObject(obj['metadata'])) obj['metadata'] = meta;
  const name = r.string(meta['name'], joinPath(metaPath, 'name'));
  const generateName = r.string(meta['generateName'], joinPath(metaPath, 'generateName'));
  if ((name ?? '') === '' && (generateName ?? '') === '') {
    r.failWith(required(joinPath(metaPath, 'name'), 'name or generateName is required'));
  }
  r.string(meta['namespace'], joinPath(metaPath, 'namespace'));
  r.stringMap(meta['labels'], joinPath(metaPath, 'labels'));
  r.stringMap(meta['annotations'], joinPath(metaPath, 'annotations'));
  return {
    object: obj as unknown as KubeObject,
    file: r.file,
    line: r.lineOf(path),
    index,
    path,
    lineOf: (fieldPath: string) => r.lineOf(joinPath(path, fieldPath)),
  };
}
