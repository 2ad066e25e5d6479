import type { Container, ContainerState, ContainerStatus } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';
import type { ClusterClock } from '../clock.js';

/** How a container's last run ended (a CRI terminated state). */
export interface Termination {
  exitCode: number;
  /** containerd's reason: `Completed` (exit 0), `Error` (non-zero), `Unknown` (lost with its machine). */
  reason: string;
  startedAt: Micros;
  finishedAt: Micros;
}

/**
 * What the simulated container runtime knows of one container of a pod:
 * its current state, its previous run, its restart count and the timers
 * pending on it. `epoch` goes up whenever pending timers must be ignored.
 */
export interface ContainerRecord {
  readonly spec: Container;
  readonly name: string;
  /** True for init containers; `sidecar` for restartable ones (they keep running). */
  readonly init: boolean;
  readonly sidecar: boolean;
  state: 'waiting' | 'running' | 'terminated';
  /** `ContainerCreating`, `PodInitializing`, `CrashLoopBackOff`, `ErrImageNeverPull`. */
  waitingReason: string;
  waitingMessage: string;
  startedAt: Micros;
  ready: boolean;
  /** Set while `state` is terminated. */
  terminated: Termination | null;
  /** The previous run (containerStatuses[].lastState). */
  lastTerminated: Termination | null;
  restartCount: number;
  /** The runtime's id of the current (or last) container, `containerd://…`; empty before the first create. */
  containerID: string;
  epoch: number;
}

/** A new record, waiting in `reason` (ContainerCreating or PodInitializing). */
export function newContainerRecord(spec: Container, init: boolean, reason: string): ContainerRecord {
  return {
    spec,
    name: spec.name,
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    state: 'waiting',
    waitingReason: reason,
    waitingMessage: '',
    startedAt: 0,
    ready: false,
    terminated: null,
    lastTerminated: null,
    restartCount: 0,
    containerID: '',
    epoch: 0,
  };
}

function terminatedState(t: Termination, clock: ClusterClock): ContainerState {
  return { terminated: { exitCode: t.exitCode, reason: t.reason, startedAt: clock.timestamp(t.startedAt), finishedAt: clock.timestamp(t.finishedAt) } };
}

/** The record as the API's ContainerStatus (image is the name the runtime reports). */
export function containerStatusOf(c: ContainerRecord, image: string, clock: ClusterClock): ContainerStatus {
  let state: ContainerState;
  if (c.state === 'running') state = { running: { startedAt: clock.timestamp(c.startedAt) } };
  else if (c.state === 'terminated' && c.terminated !== null) state = terminatedState(c.terminated, clock);
  else state = { waiting: c.waitingMessage === '' ? { reason: c.waitingReason } : { reason: c.waitingReason, message: c.waitingMessage } };
  const status: ContainerStatus = {
    name: c.name,
    state,
    lastState: c.lastTerminated === null ? {} : terminatedState(c.lastTerminated, clock),
    ready: c.ready,
    restartCount: c.restartCount,
    image,
    started: c.state === 'running',
  };
  if (c.containerID !== '') status.containerID = c.containerID;
  return status;
}

/** The exit code of a container lost with its machine (containerd reports 255, reason Unknown). */
export const LOST_EXIT_CODE = 255;

/**
 * A restarted kubelet on a machine that stopped: from the API's container
 * statuses, containers that had run were lost (exit 255, `Unknown`). Those
 * `restartAllowed` start again with restartCount + 1; the rest stay
 * terminated. Init containers that had completed stay completed.
 */
export function restoreAfterMachineLoss(records: ContainerRecord[], statuses: readonly ContainerStatus[] | undefined, now: Micros, restartAllowed: (c: ContainerRecord) => boolean): void {
  for (const c of records) {
    const s = statuses?.find((x) => x.name === c.name);
    if (s === undefined) continue;
    const done = s.state?.terminated;
    c.restartCount = s.restartCount;
    if (c.init && !c.sidecar && done?.exitCode === 0) {
      c.state = 'terminated';
      c.terminated = { exitCode: 0, reason: done.reason ?? 'Completed', startedAt: now, finishedAt: now };
      continue;
    }
    if (s.state?.running === undefined && done === undefined && s.lastState?.terminated === undefined) continue;
    const lost: Termination = { exitCode: LOST_EXIT_CODE, reason: 'Unknown', startedAt: now, finishedAt: now };
    if (restartAllowed(c)) {
      c.lastTerminated = lost;
      c.restartCount++;
    } else {
      c.state = 'terminated';
      c.terminated = lost;
    }
  }
}
