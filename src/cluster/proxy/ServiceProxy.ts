import type { EndpointSlice, Service } from '../../api/types.js';
import type { RandomStream } from '../../engine/RandomStreams.js';
import { seconds, type Micros } from '../../engine/time.js';
import type { Timer } from '../../engine/Simulation.js';
import type { Actor, Cluster } from '../Cluster.js';
import { Informer } from '../store/Informer.js';

/** The service label an EndpointSlice carries. */
const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** kube-proxy `minSyncPeriod` default (kubernetes-behaviour.md §6). */
export const DEFAULT_MIN_SYNC_PERIOD: Micros = seconds(1);
/** `sessionAffinityConfig.clientIP.timeoutSeconds` default: 3h. */
export const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

/**
 * How a Service's backend is chosen: `iptables` (a cascade of rules, rule i
 * of n matching with probability 1/(n−i): uniform) or `round-robin` (IPVS `rr`).
 */
export type ProxyMode = 'iptables' | 'round-robin';

/** A backend as the proxy programmed it. */
export interface ProgrammedEndpoint {
  readonly address: string;
  /** The pod behind it (targetRef name), or the address when there is none. */
  readonly podName: string;
  readonly nodeName: string | undefined;
}

/** What the proxy programmed for one Service. */
interface ProgrammedService {
  readonly endpoints: ProgrammedEndpoint[];
  /** ClientIP affinity timeout in µs, or 0 for sessionAffinity None. */
  readonly affinityTimeout: Micros;
}

/** How the proxy is set up. */
export interface ServiceProxyOptions {
  readonly mode?: ProxyMode;
  /** Changes are applied at most once per this period (1s). */
  readonly minSyncPeriod?: Micros;
}

/**
 * kube-proxy, one for the whole cluster (every node's kube-proxy programs
 * the same rules; their per-node lag is not modelled separately). It follows
 * Services and EndpointSlices and applies changes in syncProxyRules, at most
 * once per minSyncPeriod (the BoundedFrequencyRunner), so a request sees the
 * endpoints as of the last sync. Only ready endpoints are programmed; when a
 * Service has none, its serving terminating endpoints are used, as
 * CategorizeEndpoints falls back; with neither, a request fails (iptables
 * REJECT). ClientIP session affinity pins a client to its backend for
 * timeoutSeconds after its last request.
 */
export class ServiceProxy implements Actor {
  readonly name = 'kube-proxy';
  readonly mode: ProxyMode;
  readonly minSyncPeriod: Micros;
  /** Syncs (syncProxyRules runs) so far. */
  syncs = 0;
  private readonly slices: Informer<EndpointSlice>;
  private readonly services: Informer<Service>;
  private programmed = new Map<string, ProgrammedService>();
  private readonly rrNext = new Map<string, number>();
  private readonly affinity = new Map<string, { address: string; lastSeen: Micros }>();
  private readonly random: RandomStream;
  private lastSync: Micros = -Infinity;
  private timer: Timer | null = null;

  constructor(
    private readonly cluster: Cluster,
    options: ServiceProxyOptions = {},
  ) {
    this.mode = options.mode ?? 'iptables';
    this.minSyncPeriod = options.minSyncPeriod ?? DEFAULT_MIN_SYNC_PERIOD;
    this.slices = new Informer<EndpointSlice>(cluster.store, 'EndpointSlice');
    this.services = new Informer<Service>(cluster.store, 'Service');
    this.random = cluster.random('proxy/iptables');
  }

  /** Follows Services and EndpointSlices; the first sync runs at once. */
  start(): void {
    this.timer = this.cluster.callbacks.timer(() => this.syncProxyRules());
    const changed = (): void => this.requestSync();
    this.slices.addHandler({ add: changed, update: changed, delete: changed });
    this.services.addHandler({ add: changed, update: changed, delete: changed });
    this.requestSync();
  }

  /** The endpoints programmed for `namespace/name` (empty when none or unknown). */
  endpointsOf(namespace: string, name: string): readonly ProgrammedEndpoint[] {
    return this.programmed.get(`${namespace}/${name}`)?.endpoints ?? [];
  }

  /**
   * Routes one request from `clientIP` to the Service: the chosen backend,
   * or null when the Service has no programmed endpoint (the request fails).
   */
  route(namespace: string, name: string, clientIP = ''): ProgrammedEndpoint | null {
    const key = `${namespace}/${name}`;
    const svc = this.programmed.get(key);
    if (svc === undefined || svc.endpoints.length === 0) return null;
    const now = this.cluster.sim.now;
    const affinityKey = `${key}\u0000${clientIP}`;
    if (svc.affinityTimeout > 0) {
      const seen = this.affinity.get(affinityKey);
      if (seen !== undefined && now - seen.lastSeen <= svc.affinityTimeout) {
        const pinned = svc.endpoints.find((e) => e.address === seen.address);
        if (pinned !== undefined) {
          seen.lastSeen = now;
          return pinned;
        }
      }
    }
    const chosen = this.mode === 'iptables' ? this.pickIptables(svc.endpoints) : this.pickRoundRobin(key, svc.endpoints);
    if (svc.affinityTimeout > 0) this.affinity.set(affinityKey, { address: chosen.address, lastSeen: now });
    return chosen;
  }

  /** The KUBE-SVC chain: rule i of n jumps with `--probability 1/(n−i)` (printed to 10 decimals), the last always. */
  private pickIptables(endpoints: readonly ProgrammedEndpoint[]): ProgrammedEndpoint {
    const n = endpoints.length;
    for (let i = 0; i < n - 1; i++) {
      const probability = Number((1 / (n - i)).toFixed(10));
      if (this.random.double() < probability) return endpoints[i]!;
    }
    return endpoints[n - 1]!;
  }

  /** IPVS rr: the next backend after the last one used. */
  private pickRoundRobin(key: string, endpoints: readonly ProgrammedEndpoint[]): ProgrammedEndpoint {
    const i = (this.rrNext.get(key) ?? 0) % endpoints.length;
    this.rrNext.set(key, i + 1);
    return endpoints[i]!;
  }

  /** BoundedFrequencyRunner.Run: sync now if the last was at least minSyncPeriod ago, else when it will be. */
  private requestSync(): void {
    if (this.timer === null || this.timer.armed) return;
    this.timer.armAt(Math.max(this.cluster.sim.now, this.lastSync + this.minSyncPeriod));
  }

  private syncProxyRules(): void {
    this.lastSync = this.cluster.sim.now;
    this.syncs++;
    const byService = new Map<string, EndpointSlice[]>();
    for (const slice of this.slices.list()) {
      const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
      if (svc === undefined) continue;
      const key = `${slice.metadata.namespace ?? 'default'}/${svc}`;
      let list = byService.get(key);
      if (list === undefined) byService.set(key, (list = []));
      list.push(slice);
    }
    const next = new Map<string, ProgrammedService>();
    for (const service of this.services.list()) {
      const key = `${service.metadata.namespace ?? 'default'}/${service.metadata.name ?? ''}`;
      const spec = service.spec as (Service['spec'] & { sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } } }) | undefined;
      const affinityTimeout = spec?.sessionAffinity === 'ClientIP' ? seconds(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_TIMEOUT_SECONDS) : 0;
      next.set(key, { endpoints: categorize(byService.get(key) ?? []), affinityTimeout });
    }
    this.programmed = next;
  }
}

/**
 * CategorizeEndpoints for cluster traffic: the ready endpoints, or if there
 * are none the serving terminating ones; deduplicated by address and sorted
 * by it, as the EndpointSliceCache orders them.
 */
function categorize(slices: readonly EndpointSlice[]): ProgrammedEndpoint[] {
  const ready = new Map<string, ProgrammedEndpoint>();
  const servingTerminating = new Map<string, ProgrammedEndpoint>();
  for (const slice of slices) {
    for (const e of slice.endpoints) {
      const address = e.addresses[0];
      if (address === undefined) continue;
      const c = e.conditions ?? {};
      const endpoint: ProgrammedEndpoint = { address, podName: e.targetRef?.name ?? address, nodeName: e.nodeName };
      // A nil ready condition means ready (discovery/v1 API docs).
      if (c.ready !== false) ready.set(address, endpoint);
      else if (c.serving === true && c.terminating === true) servingTerminating.set(address, endpoint);
    }
  }
  const chosen = ready.size > 0 ? ready : servingTerminating;
  return [...chosen.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}
