/** The pods of upstream's scheduling_queue_test.go. */
import type { Pod } from '../../../src/api/types.js';
import { makePod } from './helpers.js';

export const lowPriority = 0;
export const midPriority = 100;
export const highPriority = 1000;
export const mediumPriority = (lowPriority + highPriority) / 2;

export const highPriorityPod: Pod = makePod('hpp', { namespace: 'ns1', uid: 'hppns1', priority: highPriority });
export const highPriNominatedPod: Pod = makePod('hpp', { namespace: 'ns1', uid: 'hppns1', priority: highPriority, nominatedNodeName: 'node1' });
export const medPriorityPod: Pod = makePod('mpp', {
  namespace: 'ns2',
  uid: 'mppns2',
  annotations: { annot2: 'val2' },
  priority: mediumPriority,
  nominatedNodeName: 'node1',
});
export const unschedulablePod: Pod = makePod('up', {
  namespace: 'ns1',
  uid: 'upns1',
  annotations: { annot2: 'val2' },
  priority: lowPriority,
  nominatedNodeName: 'node1',
});
export const nonExistentPod: Pod = makePod('ne', { namespace: 'ns1', uid: 'nens1' });
export const scheduledPod: Pod = makePod('sp', { namespace: 'ns1', uid: 'spns1', nodeName: 'foo' });

/** A pod with a required pod-affinity term `service Exists` on topology key `region` (st.PodAffinityExists). */
export function withPodAffinityExists(pod: Pod, key: string, topologyKey: string): Pod {
  pod.spec.affinity = {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key, operator: 'Exists' }] }, topologyKey }] },
  };
  return pod;
}
