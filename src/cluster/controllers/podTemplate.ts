import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from '../../api/types.js';

/** The controller ownerReference that makes `owner` the controller of what it creates. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? 'apps/v1',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The uid of the object's controller (the ownerReference with controller: true), if any. */
export function controllerUidOf(object: KubeObject): string | undefined {
  const refs = object.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (const r of refs) if (r.controller === true) return r.uid;
  return undefined;
}

/**
 * controller.GetPodFromTemplate: a new pod from a template, with the
 * template's labels and annotations, `generateName` `<prefix>` (the owner's
 * name and a dash, unless the caller names the pod), the owner as controller.
 * The template's spec is shared, not copied: stored objects are immutable.
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, generateNamePrefix: string, extraLabels?: Record<string, string>): Pod {
  const labels = { ...template.metadata?.labels, ...extraLabels };
  const metadata: Pod['metadata'] = {
    generateName: generateNamePrefix,
    labels,
    ownerReferences: [controllerRef(owner)],
  };
  if (owner.metadata.namespace !== undefined) metadata.namespace = owner.metadata.namespace;
  const annotations = template.metadata?.annotations;
  if (annotations !== undefined) metadata.annotations = { ...annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec };
}
