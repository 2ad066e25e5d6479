import type { PodCondition, PodSpec, PodStatus } from '../../api/types.js';
import type { ContainerRecord } from './ContainerRecord.js';

/** The pod phases the kubelet reports. */
export type PodPhase = NonNullable<PodStatus['phase']>;

/**
 * getPhase (k/k pkg/kubelet/kubelet_pods.go): the pod's phase from its
 * containers' states and its restart policy. `podIsTerminal` is set once the
 * kubelet has stopped the pod for good (deletion), when Always no longer
 * means "restarting".
 */
export function getPhase(spec: PodSpec, init: readonly ContainerRecord[], containers: readonly ContainerRecord[], podIsTerminal: boolean): PodPhase {
  let pendingInitialization = 0;
  for (const c of init) {
    if (c.sidecar) {
      if (c.state !== 'running' && !podIsTerminal) pendingInitialization++;
      continue;
    }
    if (c.state === 'terminated' && c.terminated !== null && c.terminated.exitCode === 0) continue;
    if (c.state === 'terminated' || (c.state === 'waiting' && c.lastTerminated !== null)) {
      // A failed init container: the pod fails unless it may restart.
      if (spec.restartPolicy === 'Never' || podIsTerminal) return 'Failed';
    }
    pendingInitialization++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of containers) {
    if (c.state === 'running') running++;
    else if (c.state === 'terminated') {
      stopped++;
      if (c.terminated?.exitCode === 0) succeeded++;
    } else if (c.lastTerminated !== null) stopped++;
    else waiting++;
  }
  if (pendingInitialization > 0 && running + stopped === 0) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    const policy = spec.restartPolicy ?? 'Always';
    if (policy === 'Always' && !podIsTerminal) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never' || podIsTerminal) return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The condition types the kubelet owns, in the order it writes them. */
export const KUBELET_POD_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'] as const;

/**
 * The kubelet's pod conditions (k/k pkg/kubelet/status/generate.go):
 * PodReadyToStartContainers (the sandbox is up), Initialized (every init
 * container done), ContainersReady and Ready (every container ready; terminal
 * pods `PodCompleted`/`PodFailed`). Every call returns new objects whose
 * lastTransitionTime is left '' for the caller to set (generatePodStatus):
 * the key is there from the start, in its place, so setting it changes no
 * object's shape.
 */
export function kubeletConditions(phase: PodPhase, sandboxReady: boolean, init: readonly ContainerRecord[], containers: readonly ContainerRecord[]): PodCondition[] {
  const incomplete: string[] = [];
  for (const c of init) {
    if (c.sidecar ? c.state !== 'running' && phase !== 'Succeeded' && phase !== 'Failed' : !(c.state === 'terminated' && c.terminated?.exitCode === 0)) incomplete.push(c.name);
  }
  const initialized: PodCondition =
    phase === 'Succeeded'
      ? { type: 'Initialized', status: 'True', reason: 'PodCompleted', lastTransitionTime: '' }
      : incomplete.length === 0
        ? { type: 'Initialized', status: 'True', lastTransitionTime: '' }
        : { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]`, lastTransitionTime: '' };
  let containersReady: PodCondition;
  if (phase === 'Succeeded' || phase === 'Failed') {
    containersReady = { type: 'ContainersReady', status: 'False', reason: phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed', lastTransitionTime: '' };
  } else {
    const unready: string[] = [];
    for (const c of init) if (c.sidecar && !c.ready) unready.push(c.name);
    for (const c of containers) if (!c.ready) unready.push(c.name);
    containersReady =
      unready.length === 0
        ? { type: 'ContainersReady', status: 'True', lastTransitionTime: '' }
        : { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]`, lastTransitionTime: '' };
  }
  const ready: PodCondition = { ...containersReady, type: 'Ready' };
  return [{ type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False', lastTransitionTime: '' }, initialized, ready, containersReady];
}
