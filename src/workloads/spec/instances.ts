/**
 * The objects an arrival creates. A single arrival (`at`) creates its
 * manifest as written; a process that creates several (poisson, burst,
 * diurnal) names the n-th instance (n from 1) `<name>-<n>`. A manifest with
 * only `generateName` keeps it, and the API server names each copy.
 *
 * Instances of a controller that selects its pods by label (Deployment,
 * ReplicaSet, StatefulSet, DaemonSet) also get the label
 * `sim.kubesim.io/instance: <name>-<n>` in their selector and pod template,
 * so that copies of one manifest do not fight over each other's pods.
 */
import { deepCopy } from '../../api/deepCopy.js';
import type { KubeObject } from '../../api/types.js';
import { isObject } from '../../api/validation/shape.js';
import { LABEL_VALUE_MAX_LENGTH } from '../../api/validation/identifiers.js';
import type { Arrival } from './types.js';

/** The label that keeps the pods of one instance apart from another's. */
export const LABEL_INSTANCE = 'sim.kubesim.io/instance';

const SELECTING_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'];

/** True when the arrival creates numbered instances (`<name>-<n>`). */
export function hasInstances(arrival: Pick<Arrival, 'process'>): boolean {
  return arrival.process.type !== 'once';
}

/** The name of instance `n` (from 1), or undefined when the manifest uses generateName only. */
export function instanceName(arrival: Pick<Arrival, 'process' | 'manifest'>, n: number): string | undefined {
  const name = arrival.manifest.object.metadata.name;
  if (name === undefined || name === '') return undefined;
  return hasInstances(arrival) ? `${name}-${n}` : name;
}

/** A fresh copy of the object instance `n` (from 1) of an arrival creates. */
export function instanceManifest(arrival: Pick<Arrival, 'process' | 'manifest'>, n: number): KubeObject {
  const obj = deepCopy(arrival.manifest.object);
  if (!hasInstances(arrival)) return obj;
  const name = instanceName(arrival, n);
  if (name === undefined) return obj;
  obj.metadata.name = name;
  if (SELECTING_KINDS.includes(obj.kind ?? '')) {
    const value = name.length <= LABEL_VALUE_MAX_LENGTH ? name : String(n);
    const spec = (obj as unknown as { spec?: unknown }).spec;
    if (isObject(spec)) {
      const selector = isObject(spec['selector']) ? spec['selector'] : (spec['selector'] = {});
      const matchLabels = isObject(selector['matchLabels']) ? selector['matchLabels'] : (selector['matchLabels'] = {});
      matchLabels[LABEL_INSTANCE] = value;
      const template = isObject(spec['template']) ? spec['template'] : (spec['template'] = {});
      const meta = isObject(template['metadata']) ? template['metadata'] : (template['metadata'] = {});
      const labels = isObject(meta['labels']) ? meta['labels'] : (meta['labels'] = {});
      labels[LABEL_INSTANCE] = value;
    }
  }
  return obj;
}
