import type { KubeObject } from '../../api/types.js';

/** Kinds that live outside namespaces; every other kind kubesim stores is namespaced. */
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PriorityClass', 'StorageClass', 'PersistentVolume', 'CSINode']);

/** True when objects of `kind` have no namespace. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The store key of an object: `namespace/name`, or `name` for a cluster-scoped kind (as client-go's MetaNamespaceKeyFunc). */
export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return isClusterScoped(kind) ? name : `${namespace ?? 'default'}/${name}`;
}

/** The key of a stored object. */
export function objectKey(object: KubeObject): string {
  return keyOf(object.kind ?? '', object.metadata.namespace, object.metadata.name ?? '');
}
