import type { EndpointSlice, Pod, Service } from '../../../api/types.js';
import { isPodReady, isPodTerminal } from '../../podStatus.js';
import { LABEL_ZONE } from '../../simAnnotations.js';

/** One endpoint of a slice. */
export type Endpoint = EndpointSlice['endpoints'][number];
/** One port of a slice. */
export type EndpointPort = NonNullable<EndpointSlice['ports']>[number];

/**
 * endpointsliceutil.ShouldPodBeInEndpoints with includeTerminating: a pod
 * with an IP that has not finished (terminating pods stay, marked so).
 */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  if (isPodTerminal(pod)) return false;
  return (pod.status?.podIP ?? '') !== '';
}

/**
 * podToEndpoint: the pod's IP, its conditions (serving = Ready; terminating
 * = being deleted; ready = serving and not terminating, or always with
 * publishNotReadyAddresses), node name, zone and a targetRef to the pod.
 */
export function podToEndpoint(pod: Pod, service: Service, nodeZone: string | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const publishNotReady = (service.spec as { publishNotReadyAddresses?: boolean } | undefined)?.publishNotReadyAddresses === true;
  const ready = publishNotReady || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: [pod.status?.podIP ?? ''],
    conditions: { ready, serving, terminating },
  };
  if (pod.spec.nodeName !== undefined && pod.spec.nodeName !== '') endpoint.nodeName = pod.spec.nodeName;
  if (nodeZone !== undefined) endpoint.zone = nodeZone;
  const targetRef: NonNullable<Endpoint['targetRef']> = { kind: 'Pod', name: pod.metadata.name ?? '' };
  if (pod.metadata.namespace !== undefined) targetRef.namespace = pod.metadata.namespace;
  if (pod.metadata.uid !== undefined) targetRef.uid = pod.metadata.uid;
  endpoint.targetRef = targetRef;
  return endpoint;
}

/**
 * getEndpointPorts: the Service's ports with each targetPort resolved on the
 * pod (a number as is, a name through the pod's container ports; a name the
 * pod lacks drops the port; no targetPort means the port itself).
 */
export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    let port: number | undefined;
    const target = sp.targetPort ?? sp.port;
    if (typeof target === 'number') port = target;
    else if (/^\d+$/.test(target)) port = Number(target);
    else {
      for (const c of pod.spec.containers) {
        for (const cp of c.ports ?? []) if (cp.name === target && (cp.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) port ??= cp.containerPort;
      }
    }
    if (port === undefined) continue;
    const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
    ep.name = sp.name ?? '';
    out.push(ep);
  }
  return out;
}

/** The zone label of a node, if any. */
export function zoneOf(labels: Readonly<Record<string, string>> | undefined): string | undefined {
  return labels?.[LABEL_ZONE];
}
