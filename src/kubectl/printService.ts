import type { Service, ServicePort } from '../api/types.js';
import { since } from './humanDuration.js';
import { compareStrings, formatLabels, type TablePrinter } from './listing.js';

/** printers.go loadBalancerWidth: EXTERNAL-IP is clipped to this many bytes unless `-o wide`. */
export const LOAD_BALANCER_WIDTH = 16;

/** The fields of a Service kubesim's types leave out, read when present. */
interface ServiceExtras {
  spec?: { externalName?: string };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** loadBalancerStatusStringer: the ingress IPs (or hostnames), sorted and deduplicated, clipped unless wide. */
function loadBalancerStatus(svc: Service, wide: boolean): string {
  const result = new Set<string>();
  for (const ing of (svc as ServiceExtras).status?.loadBalancer?.ingress ?? []) {
    if ((ing.ip ?? '') !== '') result.add(ing.ip ?? '');
    else if ((ing.hostname ?? '') !== '') result.add(ing.hostname ?? '');
  }
  let r = [...result].sort(compareStrings).join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

/** The Service's type as the API server defaults it (ClusterIP). */
function serviceType(svc: Service): string {
  return svc.spec?.type ?? 'ClusterIP';
}

/** getServiceExternalIP: externalIPs, the load balancer's ingress (`<pending>` until it has one), or `<none>`. */
export function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatus(svc, wide);
      if (externalIPs.length > 0) return [...(lbIps.length > 0 ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return (svc as ServiceExtras).spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `port/protocol`, or `port:nodePort/protocol`, comma-separated. */
export function makePortString(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return (p.nodePort ?? 0) > 0 ? `${p.port}:${p.nodePort ?? 0}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

/** `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide adds SELECTOR. */
export const servicePrinter: TablePrinter<Service> = {
  kind: 'Service',
  namespaced: true,
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideColumns: ['SELECTOR'],
  row(svc, now, wide) {
    const clusterIPs = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP !== undefined ? [svc.spec.clusterIP] : []);
    const ports = makePortString(svc.spec?.ports);
    const cells = [svc.metadata.name ?? '', serviceType(svc), clusterIPs[0] ?? '<none>', serviceExternalIP(svc, wide), ports === '' ? '<none>' : ports, since(svc.metadata.creationTimestamp, now)];
    if (wide) cells.push(formatLabels(svc.spec?.selector));
    return cells;
  },
};
