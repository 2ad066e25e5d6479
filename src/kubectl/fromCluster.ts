import type { Lease } from '../api/types.js';
import type { Cluster } from '../cluster/Cluster.js';
import { NodeLeases } from '../cluster/kubelet/NodeLeases.js';
import type { ClusterView } from './ClusterView.js';

/**
 * The view of a running simulated cluster at its current virtual instant:
 * `now` is the cluster clock's wall-clock reading (whole milliseconds) and
 * `list` reads the store, so printing never changes the simulation. Node
 * Leases show the renewTime of the kubelets' latest renewal, as if every
 * renewal had been written ({@link NodeLeases.project}).
 */
export function viewOfCluster(cluster: Pick<Cluster, 'clock' | 'store'>): ClusterView {
  return {
    get now(): number {
      return cluster.clock.originMs + Math.floor(cluster.clock.now / 1000);
    },
    list: (kind) => {
      const leases = kind === 'Lease' ? NodeLeases.find(cluster) : undefined;
      if (leases === undefined) return [...cluster.store.list(kind)];
      const now = cluster.clock.now;
      return [...cluster.store.list<Lease>(kind)].map((l) => leases.project(l, now));
    },
  };
}
