import type { Cluster } from '../cluster/Cluster.js';
import type { ClusterView } from './ClusterView.js';

/**
 * The view of a running simulated cluster at its current virtual instant:
 * `now` is the cluster clock's wall-clock reading (whole milliseconds) and
 * `list` reads the store, so printing never changes the simulation.
 */
export function viewOfCluster(cluster: Pick<Cluster, 'clock' | 'store'>): ClusterView {
  return {
    get now(): number {
      return cluster.clock.originMs + Math.floor(cluster.clock.now / 1000);
    },
    list: (kind) => [...cluster.store.list(kind)],
  };
}
