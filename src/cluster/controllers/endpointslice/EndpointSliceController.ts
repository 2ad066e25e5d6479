import { selectorFromSet, type Selector } from '../../../api/labels.js';
import type { EndpointSlice, Node, Pod, Service } from '../../../api/types.js';
import type { Actor, Cluster } from '../../Cluster.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import { controllerRef } from '../podTemplate.js';
import { endpointPorts, podToEndpoint, shouldPodBeInEndpoints, zoneOf, type Endpoint, type EndpointPort } from './endpoints.js';
import { DEFAULT_MAX_ENDPOINTS_PER_SLICE, portsKey, reconcileSlices, type DesiredPortMapping } from './reconcile.js';

/** The label naming a slice's Service. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** The label naming the controller managing a slice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** This controller's value of {@link LABEL_MANAGED_BY}. */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/** A Service's slices as this controller last wrote them, and its write bookkeeping. */
interface ServiceState {
  readonly slices: Map<string, EndpointSlice>;
  inFlight: number;
  /** A sync was asked for while writes were in flight. */
  dirty: boolean;
}

/**
 * kube-controller-manager's EndpointSlice controller: for every Service with
 * a selector, EndpointSlices named `<service>-<5 chars>` (labelled
 * `kubernetes.io/service-name`, owned by the Service) listing the selected
 * pods that have an IP, with ready/serving/terminating conditions, node
 * name and zone, at most 100 endpoints a slice. A Service or Pod change
 * queues the Service; syncs run at once (no batch period). The controller
 * keeps the slices it wrote (as its tracker does), and a sync asked for while
 * its writes are in flight runs again once they land. It does not watch
 * EndpointSlices: a slice changed by someone else is repaired only when its
 * update fails. A Service that loses its selector keeps its slices, as
 * upstream leaves such Services to out-of-band slices; a deleted Service's
 * slices are deleted (the garbage collector's work).
 */
export class EndpointSliceController implements Actor {
  readonly name = 'kube-controller-manager/endpointslice';
  /** Syncs run and slices written. */
  readonly counters = { syncs: 0, slicesCreated: 0, slicesUpdated: 0, slicesDeleted: 0 };
  private readonly client: ApiClient;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly podsByNamespace = new Map<string, Map<string, Pod>>();
  /** Service key → its compiled selector, for Services with a non-empty selector. */
  private readonly selectors = new Map<string, { selector: Selector; from: Record<string, string> }>();
  /** Namespace → keys of its Services with a selector. */
  private readonly servicesByNamespace = new Map<string, Set<string>>();
  /** Service key → the pods its selector matches, by name (kept as pods change). */
  private readonly members = new Map<string, Map<string, Pod>>();
  private readonly state = new Map<string, ServiceState>();
  private readonly queued = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    readonly maxEndpointsPerSlice = DEFAULT_MAX_ENDPOINTS_PER_SLICE,
  ) {
    this.client = cluster.client('kube-controller-manager/endpointslice-controller');
    this.services = cluster.informers.for<Service>('Service');
    this.pods = cluster.informers.for<Pod>('Pod');
    this.nodes = cluster.informers.for<Node>('Node');
  }

  /** Starts following Services and Pods. */
  start(): void {
    this.pods.addHandler({
      add: (p) => this.podChanged(p),
      update: (_, p) => this.podChanged(p),
      delete: (p) => this.podDeleted(p),
    });
    this.services.addHandler({
      add: (svc) => this.serviceChanged(svc),
      update: (_, svc) => this.serviceChanged(svc),
      delete: (svc) => this.serviceDeleted(svc),
    });
  }

  /** The slices the controller has written for the Service `namespace/name`. */
  slicesOf(namespace: string, name: string): EndpointSlice[] {
    return [...(this.state.get(`${namespace}/${name}`)?.slices.values() ?? [])];
  }

  private podChanged(pod: Pod): void {
    const ns = pod.metadata.namespace ?? 'default';
    let pods = this.podsByNamespace.get(ns);
    if (pods === undefined) this.podsByNamespace.set(ns, (pods = new Map()));
    const name = pod.metadata.name ?? '';
    pods.set(name, pod);
    // getPodServiceMemberships: the Services selecting the pod now or before.
    for (const key of this.servicesByNamespace.get(ns) ?? []) {
      const members = this.members.get(key)!;
      const matches = this.selectors.get(key)!.selector.matches(pod.metadata.labels ?? {});
      if (matches) members.set(name, pod);
      else if (!members.delete(name)) continue;
      this.enqueue(key);
    }
  }

  private podDeleted(pod: Pod): void {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    this.podsByNamespace.get(ns)?.delete(name);
    for (const key of this.servicesByNamespace.get(ns) ?? []) if (this.members.get(key)!.delete(name)) this.enqueue(key);
  }

  private serviceChanged(svc: Service): void {
    const key = keyOf(svc);
    const ns = svc.metadata.namespace ?? 'default';
    const selector = svc.spec?.selector;
    if (selector === undefined || Object.keys(selector).length === 0) {
      this.forget(key, ns);
    } else if (this.selectors.get(key)?.from !== selector) {
      // A new selector: the members are found again among the namespace's pods.
      const compiled = selectorFromSet(selector);
      this.selectors.set(key, { selector: compiled, from: selector });
      let keys = this.servicesByNamespace.get(ns);
      if (keys === undefined) this.servicesByNamespace.set(ns, (keys = new Set()));
      keys.add(key);
      const members = new Map<string, Pod>();
      for (const [name, pod] of this.podsByNamespace.get(ns) ?? []) if (compiled.matches(pod.metadata.labels ?? {})) members.set(name, pod);
      this.members.set(key, members);
    }
    this.enqueue(key);
  }

  private serviceDeleted(svc: Service): void {
    const key = keyOf(svc);
    this.forget(key, svc.metadata.namespace ?? 'default');
    this.enqueue(key);
  }

  private forget(key: string, ns: string): void {
    this.selectors.delete(key);
    this.members.delete(key);
    this.servicesByNamespace.get(ns)?.delete(key);
  }

  private enqueue(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.cluster.callbacks.after(0, () => {
      this.queued.delete(key);
      this.sync(key);
    });
  }

  private sync(key: string): void {
    let st = this.state.get(key);
    if (st !== undefined && st.inFlight > 0) {
      st.dirty = true;
      return;
    }
    this.counters.syncs++;
    const [namespace, name] = splitKey(key);
    const service = this.services.get(namespace, name);
    const selector = service?.spec?.selector;
    if (service === undefined || service.metadata.deletionTimestamp !== undefined) {
      // A deleted Service's slices go (the garbage collector's work, done here).
      if (st !== undefined) for (const slice of st.slices.values()) this.deleteSlice(st, key, slice);
      return;
    }
    // Services without a selector get their slices out of band: the controller leaves them alone.
    if (selector === undefined || Object.keys(selector).length === 0) return;
    if (st === undefined) this.state.set(key, (st = { slices: new Map(), inFlight: 0, dirty: false }));
    const changes = reconcileSlices([...st.slices.values()], this.desired(service, key), this.maxEndpointsPerSlice);
    const labels = this.labels(service);
    for (const slice of changes.delete) this.deleteSlice(st, key, slice);
    for (const slice of changes.update) this.updateSlice(st, key, { ...slice, metadata: { ...slice.metadata, labels } });
    for (const c of changes.create) {
      this.createSlice(st, key, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [controllerRef({ ...service, apiVersion: 'v1', kind: 'Service' })] },
        addressType: 'IPv4',
        endpoints: c.endpoints,
        ports: c.ports,
      });
    }
  }

  private createSlice(st: ServiceState, key: string, slice: EndpointSlice): void {
    st.inFlight++;
    this.client.create<EndpointSlice>(slice, (r) => {
      if (r.ok && r.object !== null) {
        st.slices.set(r.object.metadata.name, r.object);
        this.counters.slicesCreated++;
      }
      this.landed(st, key);
    });
  }

  private updateSlice(st: ServiceState, key: string, slice: EndpointSlice): void {
    const name = slice.metadata.name ?? '';
    st.inFlight++;
    this.client.update<EndpointSlice>('EndpointSlice', slice.metadata.namespace, name, () => slice, (r) => {
      if (r.ok && r.object !== null) {
        st.slices.set(name, r.object);
        this.counters.slicesUpdated++;
      } else {
        // Deleted behind the controller's back: forget it and sync again.
        st.slices.delete(name);
        st.dirty = true;
      }
      this.landed(st, key);
    });
  }

  private deleteSlice(st: ServiceState, key: string, slice: EndpointSlice): void {
    const name = slice.metadata.name ?? '';
    st.inFlight++;
    this.client.delete('EndpointSlice', slice.metadata.namespace, name, {}, (r) => {
      st.slices.delete(name);
      if (r.ok) this.counters.slicesDeleted++;
      this.landed(st, key);
    });
  }

  /** After a write: once none is in flight, forget a gone Service, or run a sync asked for meanwhile. */
  private landed(st: ServiceState, key: string): void {
    st.inFlight--;
    if (st.inFlight > 0) return;
    if (st.slices.size === 0 && this.services.get(...splitKey(key)) === undefined) this.state.delete(key);
    if (st.dirty) {
      st.dirty = false;
      this.enqueue(key);
    }
  }

  private labels(service: Service): Record<string, string> {
    return { ...service.metadata.labels, [LABEL_SERVICE_NAME]: service.metadata.name ?? '', [LABEL_MANAGED_BY]: CONTROLLER_NAME };
  }

  /** The endpoints the Service's selected pods make, grouped by port mapping, in pod order. */
  private desired(service: Service, key: string): DesiredPortMapping[] {
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
    for (const pod of this.members.get(key)?.values() ?? []) {
      if (!shouldPodBeInEndpoints(pod)) continue;
      const ports = endpointPorts(service, pod);
      const k = portsKey(ports);
      let g = groups.get(k);
      if (g === undefined) groups.set(k, (g = { ports, endpoints: [] }));
      const node = pod.spec.nodeName === undefined ? undefined : this.nodes.get(undefined, pod.spec.nodeName);
      g.endpoints.push(podToEndpoint(pod, service, zoneOf(node?.metadata.labels)));
    }
    return [...groups.values()];
  }
}

function keyOf(svc: Service): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
