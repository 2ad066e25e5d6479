import type { Pod } from '../api/types.js';
import { gpuAnnotationsFor } from './plugins/gpu/gpuBinding.js';
import type { PodInfo } from './framework/PodInfo.js';
import type { Scheduler } from './Scheduler.js';
import type { SchedulerHost } from './SchedulerHost.js';

/**
 * A host for a scheduler running on its own (benchmarks, `kubesim explain`,
 * tests): no API server, so bindings, failures and evictions apply at once to
 * the host's pod objects and are fed straight back to the scheduler, as an
 * informer would with zero latency. A GPU pod is bound with the
 * `gpu.kubesim.io/gpu-index` annotation of the GPUs the scheduler chose.
 */
export class StandaloneHost implements SchedulerHost {
  /** Every pod, by uid. */
  readonly pods = new Map<string, Pod>();
  private scheduler: Scheduler | null = null;

  /** @param failureMessages false when no one reads the message of a failed attempt (see {@link SchedulerHost.failureMessages}) */
  constructor(readonly failureMessages = true) {}

  /** Connects the scheduler (made after the host, since it needs the host). */
  attach(scheduler: Scheduler): void {
    this.scheduler = scheduler;
  }

  /** Creates a pod: it goes to the scheduler as an informer Add would deliver it. */
  create(pod: Pod): void {
    this.pods.set(uidOf(pod), pod);
    this.sched().addPod(pod);
  }

  bind(pod: PodInfo, nodeName: string, done: (error: string | null) => void): void {
    const old = this.pods.get(pod.uid);
    if (old === undefined) {
      done(`pods "${pod.name}" not found`);
      return;
    }
    // The GPUs chosen at Reserve go onto the pod with the binding, as Open-Gpu-Share's annotation patch.
    const annotations = gpuAnnotationsFor(this.sched().cache, pod, old);
    const metadata = annotations === null ? old.metadata : { ...old.metadata, annotations };
    const bound: Pod = { ...old, metadata, spec: { ...old.spec, nodeName } };
    this.pods.set(pod.uid, bound);
    this.sched().updatePod(old, bound);
    done(null);
  }

  recordFailure(pod: PodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string, nominatedNodeName: string | null): void {
    const old = this.pods.get(pod.uid);
    if (old === undefined) return;
    const conditions = (old.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'False', reason, message });
    const status = { ...old.status, conditions };
    if (nominatedNodeName !== null) status.nominatedNodeName = nominatedNodeName;
    // A status-only change: the queue keeps the pod where it is, so the scheduler is not told.
    this.pods.set(pod.uid, { ...old, status });
  }

  evict(victim: PodInfo): void {
    const pod = this.pods.get(victim.uid);
    if (pod === undefined) return;
    this.pods.delete(victim.uid);
    this.sched().deletePod(pod);
  }

  clearNomination(pod: PodInfo): void {
    const old = this.pods.get(pod.uid);
    if (old?.status?.nominatedNodeName === undefined) return;
    const { nominatedNodeName: _cleared, ...status } = old.status;
    this.pods.set(pod.uid, { ...old, status });
  }

  private sched(): Scheduler {
    if (this.scheduler === null) throw new Error('StandaloneHost used before a scheduler was attached');
    return this.scheduler;
  }
}

function uidOf(pod: Pod): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
