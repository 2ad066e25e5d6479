import type { PodInfo } from './framework/PodInfo.js';

/**
 * What the scheduler asks of the world it runs in: in a cluster simulation, API
 * calls to the kube-apiserver that take simulated time; standalone (benchmarks,
 * `kubesim explain`, tests), immediate updates of the scheduler's own view.
 */
export interface SchedulerHost {
  /**
   * Binds the pod (DefaultBinder's Binding API call). Calls `done(null)` once
   * the binding is written, or `done(message)` if it failed; the scheduler
   * confirms or forgets the assumed pod then.
   */
  bind(pod: PodInfo, nodeName: string, done: (error: string | null) => void): void;
  /**
   * Records a failed attempt on the pod: the PodScheduled=False condition with
   * reason Unschedulable (or SchedulerError) and `message`, the FailedScheduling
   * event, and status.nominatedNodeName when preemption nominated a node.
   */
  recordFailure(pod: PodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string, nominatedNodeName: string | null): void;
  /**
   * False when nothing ever reads the message of a failed attempt (a
   * placement study drops the pod at once): the scheduler then skips building
   * FitError's per-node reasons, which costs a Filter call per rejected node.
   * Default true.
   */
  readonly failureMessages?: boolean;
  /** Deletes a victim of preemption (after the DisruptionTarget condition). */
  evict(victim: PodInfo, preemptor: PodInfo): void;
  /** Clears a pod's status.nominatedNodeName (it lost its nomination to a preemptor). */
  clearNomination(pod: PodInfo): void;
}
