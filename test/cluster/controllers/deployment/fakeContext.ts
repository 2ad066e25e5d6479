import type { Deployment, Pod, ReplicaSet } from '../../../../src/api/types.js';
import type { DeploymentSyncContext, ScaleResult } from '../../../../src/cluster/controllers/deployment/DeploymentSyncContext.js';
import { rsReplicas } from '../../../../src/cluster/controllers/deployment/deploymentUtil.js';

/** A DeploymentSyncContext that records scale calls instead of writing (upstream's fake clientset). */
export class FakeContext implements DeploymentSyncContext {
  readonly now = 1_000_000_000;
  readonly scales: { name: string; replicas: number }[] = [];
  readonly statusUpdates: Deployment[] = [];
  readonly deleted: string[] = [];

  timestamp(): string {
    return '2026-01-01T00:16:40Z';
  }

  instantOf(): number {
    return this.now;
  }

  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): ScaleResult {
    if (rsReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d);
  }

  scaleReplicaSet(rs: ReplicaSet, newScale: number, _d: Deployment): ScaleResult {
    const scaled = rsReplicas(rs) !== newScale;
    this.scales.push({ name: rs.metadata.name ?? '', replicas: newScale });
    return { scaled, rs: { ...rs, spec: { ...rs.spec, replicas: newScale } } };
  }

  getAllReplicaSetsAndSyncRevision(): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    return { newRS: undefined, oldRSs: [] };
  }

  updateDeploymentStatus(d: Deployment): void {
    this.statusUpdates.push(d);
  }

  deleteReplicaSet(rs: ReplicaSet): void {
    this.deleted.push(rs.metadata.name ?? '');
  }

  enqueueAfter(): void {}

  enqueueRateLimited(): void {}

  podsOf(): Iterable<Pod> {
    return [];
  }
}

/** upstream's rs(name, replicas, selector, timestamp) test helper. */
export function rs(name: string, replicas: number, available = 0, created = '2026-01-01T00:00:00Z'): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: created },
    spec: { replicas, selector: { matchLabels: { foo: name } } },
    status: { availableReplicas: available },
  };
}

/** upstream's newDeployment(name, replicas, revisionHistoryLimit, maxSurge, maxUnavailable, selector) helper. */
export function newDeployment(replicas: number, maxSurge: number | string, maxUnavailable: number | string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default', uid: 'uid-foo', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { foo: 'bar' } },
      template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    },
  };
}
