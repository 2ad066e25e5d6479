import type { Pod, PodTemplateSpec, StatefulSet } from '../../../api/types.js';
import { MICROS_PER_SECOND } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';
import { keyOf } from '../daemonset/DaemonSetController.js';
import { ControllerExpectations } from '../ControllerExpectations.js';
import { PodsByController } from '../PodsByController.js';
import { WorkQueue } from '../job/WorkQueue.js';
import {
  getOrdinal,
  getPodRevision,
  isFinished,
  isHealthy,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  newStatefulSetPod,
  revisionName,
} from './statefulSetUtils.js';

/** The Event source of this controller. */
const COMPONENT = 'statefulset-controller';

type StatefulSetStatus = NonNullable<StatefulSet['status']>;

/** A replica slot: the existing pod, or the pod to create. */
interface Replica {
  pod: Pod;
  created: boolean;
}

/**
 * kube-controller-manager's StatefulSet controller (k/k
 * pkg/controller/statefulset/stateful_set_control.go): pods `<set>-<ordinal>`
 * for ordinals 0…replicas−1. OrderedReady (the default) creates ordinal i
 * only once 0…i−1 are Running and Ready (and available), deletes condemned
 * ordinals highest first, one at a time, each fully gone before the next;
 * Parallel creates and deletes without waiting. RollingUpdate replaces pods
 * whose controller-revision-hash differs from the update revision, highest
 * ordinal first, one at a time, down to the partition; OnDelete leaves them.
 *
 * Writes in flight are tracked as expectations (pod names created, pods
 * deleted) so a sync never repeats them before the watch shows them.
 * Not modelled: ControllerRevision objects (revisions are template hashes;
 * the template of the current revision is remembered in memory),
 * volumeClaimTemplates, maxUnavailable (alpha), startOrdinal, adoption.
 */
export class StatefulSetController implements Actor {
  readonly name = 'kube-controller-manager/statefulset';
  private readonly client: ApiClient;
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly podIndex: PodsByController;
  private readonly expectations = new ControllerExpectations();
  /** The templates of revisions seen, by revision name (in place of ControllerRevisions). */
  private readonly revisions = new Map<string, PodTemplateSpec>();
  /** Syncs run. */
  syncs = 0;

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client('kube-controller-manager/statefulset');
    this.sets = cluster.informers.for<StatefulSet>('StatefulSet');
    this.pods = cluster.informers.for<Pod>('Pod');
    this.queue = new WorkQueue(cluster.callbacks, (key) => this.sync(key));
    this.podIndex = new PodsByController(this.pods);
  }

  /** Registers the informer handlers. */
  start(): void {
    this.sets.addHandler({
      add: (set) => this.queue.add(keyOf(set)),
      update: (_old, set) => this.queue.add(keyOf(set)),
      delete: (set) => this.expectations.forget(keyOf(set)),
    });
    this.pods.addHandler({
      add: (pod) => {
        const key = this.ownerKey(pod);
        if (key === undefined) return;
        this.expectations.creationObserved(key);
        if (isTerminating(pod)) this.expectations.deletionObserved(key, keyOf(pod));
        this.queue.add(key);
      },
      update: (_old, pod) => {
        const key = this.ownerKey(pod);
        if (key === undefined) return;
        if (isTerminating(pod)) this.expectations.deletionObserved(key, keyOf(pod));
        this.queue.add(key);
      },
      delete: (pod) => {
        const key = this.ownerKey(pod);
        if (key === undefined) return;
        this.expectations.deletionObserved(key, keyOf(pod));
        this.queue.add(key);
      },
    });
  }

  private ownerKey(pod: Pod): string | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined || ref.kind !== 'StatefulSet') return undefined;
    const set = this.sets.get(pod.metadata.namespace, ref.name);
    if (set === undefined || set.metadata.uid !== ref.uid) return undefined;
    return keyOf(set);
  }

  /** sync → updateStatefulSet → updateStatefulSetStatus. */
  private sync(key: string): void {
    this.syncs++;
    const i = key.indexOf('/');
    const set = this.sets.get(key.slice(0, i), key.slice(i + 1));
    if (set === undefined) {
      this.expectations.forget(key);
      return;
    }
    const name = set.metadata.name;
    const updateRevision = revisionName(set, set.spec.template);
    if (set.spec.template !== undefined) this.revisions.set(updateRevision, set.spec.template);
    const currentRevision = set.status?.currentRevision ?? updateRevision;
    const pods: Pod[] = [];
    for (const pod of this.podIndex.list(set.metadata.uid)) {
      pods.push(pod);
    }
    if (this.expectations.satisfied(key) && set.metadata.deletionTimestamp === undefined) {
      this.updateStatefulSet(set, key, pods, currentRevision, updateRevision);
    }
    this.updateStatus(set, pods, currentRevision, updateRevision, name);
  }

  private updateStatefulSet(set: Stored<StatefulSet>, key: string, pods: Pod[], currentRevision: string, updateRevision: string): void {
    const name = set.metadata.name;
    const replicaCount = set.spec.replicas ?? 1;
    const slots: (Replica | undefined)[] = new Array<Replica | undefined>(replicaCount);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      const ord = getOrdinal(pod, name);
      if (ord >= 0 && ord < replicaCount) slots[ord] = { pod, created: true };
      else if (ord >= 0) condemned.push(pod);
    }
    const strategy = set.spec.updateStrategy;
    const onDelete = strategy?.type === 'OnDelete';
    const partition = onDelete ? 0 : (strategy?.rollingUpdate?.partition ?? 0);
    const currentTemplate = this.revisions.get(currentRevision);
    const replicas: Replica[] = [];
    for (let ord = 0; ord < replicaCount; ord++) {
      let slot = slots[ord];
      if (slot === undefined) {
        // newVersionedStatefulSetPod: ordinals below the partition stay at the current revision.
        const useCurrent = !onDelete && currentTemplate !== undefined && ord < partition;
        const pod = useCurrent
          ? newStatefulSetPod(set, currentTemplate, ord, currentRevision)
          : newStatefulSetPod(set, set.spec.template ?? { spec: { containers: [] } }, ord, updateRevision);
        slot = { pod, created: false };
      }
      replicas.push(slot);
    }
    condemned.sort((a, b) => getOrdinal(b, name) - getOrdinal(a, name));

    let firstUnhealthy: Pod | undefined;
    for (const r of replicas) if (firstUnhealthy === undefined && (!r.created || !isHealthy(r.pod))) firstUnhealthy = r.pod;
    for (let j = condemned.length - 1; j >= 0; j--) if (firstUnhealthy === undefined && !isHealthy(condemned[j]!)) firstUnhealthy = condemned[j];

    const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const minReady = set.spec.minReadySeconds ?? 0;
    const now = this.cluster.sim.now;
    const available = (pod: Pod): boolean => isRunningAndAvailable(pod, minReady, now, (t) => this.cluster.clock.instantOf(t));
    let blocked = false;
    for (const r of replicas) {
      if (r.created && isFinished(r.pod)) {
        // A pod that ran to an end is deleted; the next sync makes it again.
        if (!isTerminating(r.pod)) this.deletePod(set, key, r.pod);
        if (monotonic) {
          blocked = true;
          break;
        }
        continue;
      }
      if (!r.created) {
        this.createPod(set, key, r.pod);
        if (monotonic) {
          blocked = true;
          break;
        }
        continue;
      }
      if (monotonic && (isTerminating(r.pod) || !isRunningAndReady(r.pod) || !available(r.pod))) {
        if (isRunningAndReady(r.pod) && !available(r.pod)) this.queue.add(key, minReady * MICROS_PER_SECOND);
        blocked = true;
        break;
      }
    }
    if (blocked) return;

    // All replicas are Running and Ready: condemned pods go, highest ordinal first.
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return;
        continue;
      }
      if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !available(pod))) return;
      this.deletePod(set, key, pod);
      if (monotonic) return;
    }
    if (onDelete) return;

    // RollingUpdate: replace the highest ordinal not at the update revision, waiting for unhealthy pods.
    for (let target = replicas.length - 1; target >= partition; target--) {
      const r = replicas[target]!;
      if (getPodRevision(r.pod) !== updateRevision && !isTerminating(r.pod)) {
        this.deletePod(set, key, r.pod);
        return;
      }
      if (!isHealthy(r.pod)) return;
    }
  }

  private createPod(set: Stored<StatefulSet>, key: string, pod: Pod): void {
    this.expectations.expectCreations(key, 1);
    const name = pod.metadata.name ?? '';
    this.client.create<Pod>(pod, (result) => {
      if (result.ok) {
        this.cluster.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
      } else {
        this.expectations.creationObserved(key);
        this.cluster.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${result.error.message}`, COMPONENT);
        this.queue.add(key);
      }
    });
  }

  private deletePod(set: Stored<StatefulSet>, key: string, pod: Pod): void {
    const podKey = keyOf(pod);
    this.expectations.expectDeletions(key, [podKey]);
    const name = pod.metadata.name ?? '';
    this.client.delete<Pod>('Pod', pod.metadata.namespace, name, {}, (result) => {
      if (result.ok) {
        this.cluster.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
      } else {
        this.expectations.deletionObserved(key, podKey);
        if (result.error.reason !== 'NotFound') this.cluster.recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${result.error.message}`, COMPONENT);
        this.queue.add(key);
      }
    });
  }

  /** computeReplicaStatus + completeRollingUpdate, written only when changed. */
  private updateStatus(set: Stored<StatefulSet>, pods: Pod[], currentRevision: string, updateRevision: string, name: string): void {
    let replicas = 0;
    let ready = 0;
    let availableReplicas = 0;
    let current = 0;
    let updated = 0;
    const minReady = set.spec.minReadySeconds ?? 0;
    const now = this.cluster.sim.now;
    for (const pod of pods) {
      if (getOrdinal(pod, name) < 0) continue;
      replicas++;
      if (isRunningAndReady(pod)) {
        ready++;
        if (isRunningAndAvailable(pod, minReady, now, (t) => this.cluster.clock.instantOf(t))) availableReplicas++;
      }
      if (!isTerminating(pod)) {
        if (getPodRevision(pod) === currentRevision) current++;
        if (getPodRevision(pod) === updateRevision) updated++;
      }
    }
    let currentRev = currentRevision;
    const want = set.spec.replicas ?? 1;
    // completeRollingUpdate: every replica at the update revision and ready.
    if (currentRev !== updateRevision && updated === want && ready === want) {
      currentRev = updateRevision;
      current = updated;
    }
    const status: StatefulSetStatus = {
      ...set.status,
      observedGeneration: set.metadata.generation ?? 0,
      replicas,
      readyReplicas: ready,
      currentReplicas: current,
      updatedReplicas: updated,
      availableReplicas,
      currentRevision: currentRev,
      updateRevision,
    };
    const old = set.status;
    if (old !== undefined && (Object.keys(status) as (keyof StatefulSetStatus)[]).every((k) => old[k] === status[k])) return;
    this.client.update<StatefulSet>('StatefulSet', set.metadata.namespace, set.metadata.name, (cur) => (cur.metadata.uid !== set.metadata.uid ? null : { ...cur, status }));
  }
}
