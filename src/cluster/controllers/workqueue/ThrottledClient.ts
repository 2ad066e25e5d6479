import type { KubeObject, Pod } from '../../../api/types.js';
import type { Callbacks } from '../../../engine/Callbacks.js';
import type { ApiCallback, ApiClient, DeleteOptions } from '../../store/ApiServer.js';
import type { ControlPlaneProfile } from '../../ControlPlaneProfile.js';
import type { Stored } from '../../store/Store.js';
import { BucketRateLimiter } from './rateLimiters.js';

/** The API calls a controller makes (ApiClient's writes). */
export type ApiWriter = Pick<ApiClient, 'create' | 'update' | 'delete' | 'bind'>;

/** A client-side rate limit: client-go's token bucket (`--kube-api-qps`, `--kube-api-burst`). */
export interface ClientRateLimit {
  qps: number;
  burst: number;
}

/** kube-controller-manager's defaults: `--kube-api-qps` 20, `--kube-api-burst` 30, per controller client. */
export const KUBE_CONTROLLER_MANAGER_API_LIMIT: ClientRateLimit = { qps: 20, burst: 30 };

/**
 * The client-side limit a controller uses unless told otherwise: upstream's
 * 20 qps / burst 30 under the `realistic` profile, none under `ideal`
 * (which models an infinitely fast control plane).
 */
export function defaultClientRateLimit(profile: ControlPlaneProfile): ClientRateLimit | null {
  return profile.name === 'realistic' ? KUBE_CONTROLLER_MANAGER_API_LIMIT : null;
}

/**
 * An ApiClient behind client-go's token-bucket rate limiter: a call that
 * finds the bucket empty waits (on the virtual clock) until a token is due,
 * in the order the calls were made.
 */
export class ThrottledClient implements ApiWriter {
  private readonly bucket: BucketRateLimiter<null>;

  constructor(
    private readonly client: ApiClient,
    private readonly callbacks: Callbacks,
    limit: ClientRateLimit,
  ) {
    this.bucket = new BucketRateLimiter<null>(limit.qps, limit.burst);
  }

  /** `client` itself when `limit` is null, else a throttled wrapper. */
  static wrap(client: ApiClient, callbacks: Callbacks, limit: ClientRateLimit | null): ApiWriter {
    return limit === null ? client : new ThrottledClient(client, callbacks, limit);
  }

  private throttle(call: () => void): void {
    const wait = this.bucket.when(null, this.callbacks.now);
    if (wait === 0) call();
    else this.callbacks.after(wait, call);
  }

  create<T extends KubeObject>(object: T, done?: ApiCallback<T>): void {
    this.throttle(() => this.client.create(object, done));
  }

  update<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, mutate: (current: Stored<T>) => T | null, done?: ApiCallback<T>): void {
    this.throttle(() => this.client.update<T>(kind, namespace, name, mutate, done));
  }

  delete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}, done?: ApiCallback<T>): void {
    this.throttle(() => this.client.delete<T>(kind, namespace, name, options, done));
  }

  bind(namespace: string, name: string, nodeName: string, done?: ApiCallback<Pod>): void {
    this.throttle(() => this.client.bind(namespace, name, nodeName, done));
  }
}
