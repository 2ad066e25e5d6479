/**
 * The Node objects of a node pool, as the kubelet of each machine registers
 * them: the pool's labels plus the well-known ones the kubelet sets
 * (hostname, os, arch), the zone (round robin over the pool's zones), the
 * region and role labels, the pool's taints, and capacity and allocatable.
 */
import type { Node } from '../../api/types.js';
import { LABEL_HOSTNAME, LABEL_REGION, LABEL_ZONE } from '../../cluster/simAnnotations.js';
import { NODE_ROLE_LABEL_PREFIX } from './cluster.js';
import type { NodePool, PoolNode } from './types.js';

/** The label naming the node pool a node belongs to (kubesim's; clouds have their own, e.g. `cloud.google.com/gke-nodepool`). */
export const LABEL_NODE_POOL = 'sim.kubesim.io/node-pool';

/**
 * The Node a pool's machine registers.
 * @param node its name and zone (a pool's `nodes` entry, or a new one the autoscaler made)
 */
export function nodeFromPool(pool: NodePool, node: PoolNode): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/os': 'linux',
    [LABEL_NODE_POOL]: pool.name,
    ...pool.labels,
    [LABEL_HOSTNAME]: node.name,
  };
  if (node.zone !== undefined) labels[LABEL_ZONE] = node.zone;
  if (pool.region !== undefined) labels[LABEL_REGION] = pool.region;
  for (const role of pool.roles) labels[`${NODE_ROLE_LABEL_PREFIX}${role}`] = '';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, labels },
    spec: pool.taints.length === 0 ? {} : { taints: pool.taints.map((t) => ({ ...t })) },
    status: {
      capacity: { ...pool.capacity },
      allocatable: { ...pool.allocatable },
      nodeInfo: { kubeletVersion: pool.kubeletVersion, operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}

/** The Nodes a pool starts with, in order. */
export function poolNodes(pool: NodePool): Node[] {
  return pool.nodes.map((n) => nodeFromPool(pool, n));
}

/**
 * The zone the i-th node (0-based) of a pool gets: round robin over its
 * zones; undefined when it has none. New nodes of an autoscaled pool
 * continue the rotation.
 */
export function zoneOfPoolNode(pool: NodePool, i: number): string | undefined {
  return pool.zones.length === 0 ? undefined : pool.zones[i % pool.zones.length];
}
