import type { Container, ContainerState, ContainerStatus, Event, Pod, ResourceRequirements } from '../../api/types.js';
import type { ClusterView } from '../ClusterView.js';
import { since } from '../humanDuration.js';
import { compareStrings } from '../listing.js';
import { formatLabelSelector } from '../selectors.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './PrefixWriter.js';
import { podQOS } from './qos.js';
import {
  describeEvents,
  eventsAbout,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  quantityString,
  rfc1123z,
} from './shared.js';

/** describeResources: Limits then Requests, each resource sorted by name. */
export function describeResources(w: PrefixWriter, resources: ResourceRequirements | undefined, level: number): void {
  if (resources === undefined) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${quantityString(list?.[name] ?? 0)}\n`);
  }
}

function describeStatus(w: PrefixWriter, stateName: string, state: ContainerState | undefined): void {
  if (state?.running !== undefined) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting !== undefined) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if ((state.waiting.reason ?? '') !== '') w.write(LEVEL_3, `Reason:\t${state.waiting.reason ?? ''}\n`);
  } else if (state?.terminated !== undefined) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if ((t.reason ?? '') !== '') w.write(LEVEL_3, `Reason:\t${t.reason ?? ''}\n`);
    if ((t.message ?? '') !== '') w.write(LEVEL_3, `Message:\t${t.message ?? ''}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal ?? 0}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

/** describeContainers: one block per container, its status found by name. */
function describeContainers(w: PrefixWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${c.name}:\n`);
    if (status !== undefined) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status !== undefined) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${ports === '' ? '<none>' : ports}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${hostPorts === '' ? '<none>' : hostPorts}\n`);
    if (c.restartPolicy !== undefined) w.write(LEVEL_2, `Restart Policy:\t${c.restartPolicy}\n`);
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if ((list ?? []).length === 0) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const item of list ?? []) for (const s of item.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status !== undefined) {
      describeStatus(w, 'State', status.state);
      if (status.lastState?.terminated !== undefined) describeStatus(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
    }
    describeResources(w, c.resources, LEVEL_2);
    w.write(LEVEL_2, 'Environment:\t<none>\n');
    w.write(LEVEL_2, 'Mounts:\t<none>\n');
  }
}

/**
 * `kubectl describe pod NAME` for a pod object and the events about it
 * (describe.go describePod), for the fields kubesim models: probes,
 * environment, volumes and mounts are not modelled and print `<none>`.
 */
export function describePodText(pod: Pod, events: readonly Event[], nowMillis: number): string {
  const w = new PrefixWriter();
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (pod.spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${pod.spec.priority}\n`);
  if ((pod.spec.priorityClassName ?? '') !== '') w.write(LEVEL_0, `Priority Class Name:\t${pod.spec.priorityClassName ?? ''}\n`);
  const serviceAccount = (pod.spec as { serviceAccountName?: string }).serviceAccountName ?? '';
  if (serviceAccount !== '') w.write(LEVEL_0, `Service Account:\t${serviceAccount}\n`);
  const nodeName = pod.spec.nodeName ?? '';
  w.write(LEVEL_0, nodeName === '' ? 'Node:\t<none>\n' : `Node:\t${nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime !== undefined) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp !== undefined && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, nowMillis)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if ((status.reason ?? '') !== '') w.write(LEVEL_0, `Reason:\t${status.reason ?? ''}\n`);
  if ((status.message ?? '') !== '') w.write(LEVEL_0, `Message:\t${status.message ?? ''}\n`);
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? ((status.podIP ?? '') !== '' ? [{ ip: status.podIP ?? '' }] : []);
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = (pod.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (controller !== undefined) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if ((status.nominatedNodeName ?? '') !== '') w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName ?? ''}\n`);
  if (pod.spec.resources !== undefined) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, pod.spec.resources, LEVEL_1);
  }
  if ((pod.spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', pod.spec.initContainers ?? [], status.initContainerStatuses);
  describeContainers(w, 'Containers', pod.spec.containers, status.containerStatuses);
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  w.write(LEVEL_0, 'Volumes:\t<none>\n');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', pod.spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', pod.spec.tolerations);
  const tscs = [...(pod.spec.topologySpreadConstraints ?? [])].sort((a, b) => compareStrings(a.topologyKey, b.topologyKey));
  if (tscs.length > 0) {
    w.write(LEVEL_0, 'Topology Spread Constraints:\t');
    tscs.forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      const selector = t.labelSelector === undefined || t.labelSelector === null ? '' : ` for selector ${formatLabelSelector(t.labelSelector)}`;
      w.write(LEVEL_0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded${selector}\n`);
    });
  }
  describeEvents(w, events, nowMillis);
  return w.toString();
}

/**
 * `kubectl describe pod NAME` in a namespace of the view; stderr carries
 * kubectl's NotFound error when there is no such pod.
 */
export function describePod(view: ClusterView, name: string, namespace = 'default'): { stdout: string; stderr: string } {
  const pod = (view.list('Pod') as readonly Pod[]).find((p) => p.metadata.name === name && (p.metadata.namespace ?? 'default') === namespace);
  if (pod === undefined) return { stdout: '', stderr: `Error from server (NotFound): pods "${name}" not found\n` };
  return { stdout: describePodText(pod, eventsAbout(view.list('Event') as readonly Event[], 'Pod', pod), view.now), stderr: '' };
}
