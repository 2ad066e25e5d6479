import type { Container, ContainerStatus, Pod } from '../api/types.js';
import { humanDuration, since } from './humanDuration.js';
import type { TablePrinter } from './listing.js';

/** node.NodeUnreachablePodReason: the reason the node lifecycle controller gives pods on a lost node. */
export const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always (a sidecar). */
function isRestartable(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function hasPodReadyCondition(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function isPodInitializedConditionTrue(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
}

/** The later of two RFC 3339 times (metav1.Time.Before on the zero time). */
function later(current: number, finishedAt: string | undefined): number {
  const t = finishedAt === undefined ? Number.NaN : Date.parse(finishedAt);
  return !Number.isNaN(t) && t > current ? t : current;
}

/** The cells of a pod's row: what printPod computes. */
export interface PodRow {
  /** READY: `ready/total`. */
  readonly ready: string;
  /** STATUS: the phase, or the reason that overrides it. */
  readonly status: string;
  /** RESTARTS: `N`, or `N (<age> ago)` when N > 0. */
  readonly restarts: string;
}

/**
 * printPod's READY, STATUS and RESTARTS (k/k pkg/printers/internalversion/printers.go).
 * @param nowMillis wall-clock milliseconds, for "(5m ago)"
 */
export function podRow(pod: Pod, nowMillis: number): PodRow {
  const status = pod.status ?? {};
  const initSpecs = pod.spec.initContainers ?? [];
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = pod.spec.containers.length;
  let readyContainers = 0;
  let lastRestartDate = Number.NEGATIVE_INFINITY;
  let lastRestartableInitContainerRestartDate = Number.NEGATIVE_INFINITY;

  const podPhase = status.phase ?? '';
  let reason: string = podPhase;
  if ((status.reason ?? '') !== '') reason = status.reason ?? '';

  // A PodScheduled condition with reason SchedulingGated wins over the phase.
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of initSpecs) {
    initContainers.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses: readonly ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    if (container === undefined) continue;
    restarts += container.restartCount;
    lastRestartDate = later(lastRestartDate, container.lastState?.terminated?.finishedAt);
    const restartable = isRestartable(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount;
      lastRestartableInitContainerRestartDate = later(lastRestartableInitContainerRestartDate, container.lastState?.terminated?.finishedAt);
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      // Initialization failed.
      if ((terminated.reason ?? '') === '') {
        reason = (terminated.signal ?? 0) !== 0 ? `Init:Signal:${terminated.signal ?? 0}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason ?? ''}`;
      }
    } else if (waiting !== undefined && (waiting.reason ?? '') !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason ?? ''}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(pod)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Last to first, so the first container's state is the one shown.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (container === undefined) continue;
      restarts += container.restartCount;
      lastRestartDate = later(lastRestartDate, container.lastState?.terminated?.finishedAt);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting !== undefined && (waiting.reason ?? '') !== '') {
        reason = waiting.reason ?? '';
      } else if (terminated !== undefined && (terminated.reason ?? '') !== '') {
        reason = terminated.reason ?? '';
      } else if (terminated !== undefined) {
        reason = (terminated.signal ?? 0) !== 0 ? `Signal:${terminated.signal ?? 0}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A container still running turns a partial "Completed" back into Running (or NotReady).
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(pod) ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata.deletionTimestamp !== undefined;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestartDate !== Number.NEGATIVE_INFINITY) {
    restartsText = `${restarts} (${humanDuration((nowMillis - lastRestartDate) * 1000)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** `kubectl get pods`: NAME READY STATUS RESTARTS AGE; wide adds IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: TablePrinter<Pod> = {
  kind: 'Pod',
  namespaced: true,
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(pod, now, wide) {
    const r = podRow(pod, now);
    const cells = [pod.metadata.name ?? '', r.ready, r.status, r.restarts, since(pod.metadata.creationTimestamp, now)];
    if (wide) {
      // The API server keeps podIPs in step with podIP; fall back to podIP for objects that only carry it.
      const podIP = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '';
      const gates = (pod.spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? [];
      let readinessGates = '<none>';
      if (gates.length > 0) {
        let trueConditions = 0;
        for (const gate of gates) {
          const c = (pod.status?.conditions ?? []).find((x) => x.type === gate.conditionType);
          if (c?.status === 'True') trueConditions++;
        }
        readinessGates = `${trueConditions}/${gates.length}`;
      }
      cells.push(
        podIP === '' ? '<none>' : podIP,
        (pod.spec.nodeName ?? '') === '' ? '<none>' : (pod.spec.nodeName ?? ''),
        (pod.status?.nominatedNodeName ?? '') === '' ? '<none>' : (pod.status?.nominatedNodeName ?? ''),
        readinessGates,
      );
    }
    return cells;
  },
};
