import type { Callbacks } from '../../engine/Callbacks.js';
import type { Micros } from '../../engine/time.js';
import type { KubeObject, Pod, PodCondition } from '../../api/types.js';
import type { ClusterClock } from '../clock.js';
import { ApiError } from './ApiError.js';
import type { Store, Stored } from './Store.js';

/** What an API call answers: the stored object (null when nothing was written), or the error. */
export type ApiResult<T extends KubeObject> = { ok: true; object: Stored<T> | null } | { ok: false; error: ApiError };

/** Called with an API call's result once it is committed. */
export type ApiCallback<T extends KubeObject> = (result: ApiResult<T>) => void;

/** DeleteOptions: the grace period (default: the pod's terminationGracePeriodSeconds, 0 for other kinds). */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
}

/**
 * The kube-apiserver: every write arrives as an API call that takes the
 * control plane's request latency, then commits to the {@link Store}.
 * Deleting a pod that is bound to a node is graceful, as upstream does it:
 * the first call sets deletionTimestamp and deletionGracePeriodSeconds (a
 * MODIFIED event); the kubelet makes the final call with grace 0 once the
 * containers are stopped (DELETED). An unbound pod is removed at once.
 */
export class ApiServer {
  /** API calls served, by verb. */
  readonly calls = { create: 0, update: 0, delete: 0, bind: 0 };
  /**
   * Defaulting and mutating admission applied to every created object before
   * it is stored (the assembly installs Pod defaults, Priority and
   * DefaultTolerationSeconds); it returns the object to store, or throws
   * {@link ApiError} to refuse it.
   */
  admission: ((object: KubeObject) => KubeObject) | null = null;

  constructor(
    readonly store: Store,
    private readonly callbacks: Callbacks,
    readonly clock: ClusterClock,
    /** The time an API call takes from request to commit. */
    readonly requestLatency: Micros,
  ) {}

  /** A client for one component (its user agent names it in counters and Events). */
  client(userAgent: string): ApiClient {
    return new ApiClient(this, userAgent);
  }

  /** @internal Runs `commit` after the request latency and reports its result. */
  call<T extends KubeObject>(commit: () => Stored<T> | null, done: ApiCallback<T> | undefined): void {
    if (done === undefined) {
      // Fire and forget (most writes): no result to build.
      this.callbacks.after(this.requestLatency, () => {
        try {
          commit();
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      });
      return;
    }
    this.callbacks.after(this.requestLatency, () => {
      let result: ApiResult<T>;
      try {
        result = { ok: true, object: commit() };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        result = { ok: false, error };
      }
      done(result);
    });
  }

  /** @internal The commit of a delete call. */
  commitDelete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, options: DeleteOptions): Stored<T> | null {
    const current = this.store.get<T>(kind, namespace, name);
    if (current === undefined) throw ApiError.notFound(kind, name);
    if (kind !== 'Pod') return this.store.remove<T>(kind, namespace, name) ?? null;
    const pod = current as unknown as Stored<Pod>;
    const grace = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    // Unbound pods have no kubelet to stop them; terminal pods have nothing running.
    if (grace <= 0 || pod.spec.nodeName === undefined || pod.spec.nodeName === '') {
      return this.store.remove<T>(kind, namespace, name) ?? null;
    }
    const previous = pod.metadata.deletionGracePeriodSeconds;
    if (previous !== undefined && previous <= grace) return null; // already terminating, no shorter grace
    const now = this.clock.now;
    return this.store.update<Pod>(kind, namespace, name, (p) => ({
      ...p,
      metadata: { ...p.metadata, deletionTimestamp: this.clock.timestamp(now + grace * 1_000_000), deletionGracePeriodSeconds: grace },
    })) as unknown as Stored<T> | null;
  }
}

/**
 * One component's connection to the API server. Every call takes the request
 * latency; `done`, when given, gets the result at the commit.
 */
export class ApiClient {
  constructor(
    readonly server: ApiServer,
    readonly userAgent: string,
  ) {}

  /** POST: creates the object. */
  create<T extends KubeObject>(object: T, done?: ApiCallback<T>): void {
    this.server.calls.create++;
    const server = this.server;
    server.call(() => server.store.create(server.admission === null ? object : (server.admission(object) as T)), done);
  }

  /**
   * PUT/PATCH: replaces the object with `mutate(current)` at commit time, so
   * the change applies to the latest state (a patch, free of write conflicts);
   * `mutate` returns null to write nothing.
   */
  update<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, mutate: (current: Stored<T>) => T | null, done?: ApiCallback<T>): void {
    this.server.calls.update++;
    this.server.call(() => this.server.store.update<T>(kind, namespace, name, mutate), done);
  }

  /** DELETE, graceful for bound pods (see {@link ApiServer}). */
  delete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}, done?: ApiCallback<T>): void {
    this.server.calls.delete++;
    this.server.call(() => this.server.commitDelete<T>(kind, namespace, name, options), done);
  }

  /**
   * POST pods/binding: sets spec.nodeName and the PodScheduled=True condition,
   * and copies the Binding's own annotations onto the pod (upstream's
   * BindingREST setPodNodeNameAndMetadata). Fails with Conflict when the pod
   * is already bound or is being deleted.
   */
  bind(namespace: string, name: string, nodeName: string, done?: ApiCallback<Pod>, annotations?: Readonly<Record<string, string>>): void {
    this.server.calls.bind++;
    const clock = this.server.clock;
    this.server.call(
      () =>
        this.server.store.update<Pod>('Pod', namespace, name, (pod) => {
          if (pod.spec.nodeName !== undefined && pod.spec.nodeName !== '') {
            throw ApiError.conflict('Pod', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
          }
          if (pod.metadata.deletionTimestamp !== undefined) throw ApiError.conflict('Pod', name, 'pod is being deleted');
          const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastTransitionTime: clock.timestamp() };
          const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
          conditions.push(scheduled);
          const metadata = annotations === undefined ? pod.metadata : { ...pod.metadata, annotations: { ...pod.metadata.annotations, ...annotations } };
          return { ...pod, metadata, spec: { ...pod.spec, nodeName }, status: { ...pod.status, conditions } };
        }),
      done,
    );
  }
}
