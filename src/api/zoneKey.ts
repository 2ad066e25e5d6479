import type { Node } from './types.js';

/**
 * utilnode.GetZoneKey (k8s.io/component-helpers/node/topology): the node's
 * `region:\x00:zone` from the topology labels, the deprecated
 * failure-domain labels as fallback; '' when the node has neither. The
 * scheduler's node tree and the node lifecycle controller's zones both use it.
 */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels;
  if (labels === undefined) return '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}
