import type { RandomStream } from '../../engine/RandomStreams.js';
import { seconds, type Micros } from '../../engine/time.js';
import type { Actor, Cluster } from '../Cluster.js';
import type { ServiceProxy } from './ServiceProxy.js';

/** What traffic to drive at one Service. */
export interface TrafficOptions {
  /** The Service's namespace (default `default`). */
  readonly namespace?: string;
  /** The Service's name. */
  readonly service: string;
  /** Mean requests per second of the Poisson arrivals. */
  readonly ratePerSecond: number;
  /** First instant requests may arrive (default 0). */
  readonly start?: Micros;
  /** No request arrives at or after this instant. */
  readonly end: Micros;
  /** Distinct clients (addresses `10.a.b.c`) requests come from, uniformly (default 1). */
  readonly clients?: number;
  /** Width of a time-series bucket (default 1s). */
  readonly bucket?: Micros;
}

/** One time-series bucket. */
export interface TrafficSample {
  /** The bucket's start. */
  readonly time: Micros;
  readonly requests: number;
  readonly failures: number;
}

/**
 * A client workload: requests to a Service arriving as a Poisson process
 * from `start` to `end`, each routed by the {@link ServiceProxy} at its
 * arrival instant. It counts requests per backend pod, failures (no
 * endpoint programmed) and a time series per bucket. Arrivals and client
 * choice draw from `proxy/traffic/<namespace>/<service>`.
 */
export class TrafficGenerator implements Actor {
  readonly name: string;
  requests = 0;
  failures = 0;
  /** Requests served, by backend pod name, in first-served order. */
  readonly perEndpoint = new Map<string, number>();
  private readonly namespace: string;
  private readonly start_: Micros;
  private readonly bucket: Micros;
  private readonly clients: number;
  private readonly meanGap: number;
  private readonly random: RandomStream;
  private readonly bucketRequests: number[] = [];
  private readonly bucketFailures: number[] = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly proxy: ServiceProxy,
    readonly options: TrafficOptions,
  ) {
    if (!(options.ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be positive, got ${options.ratePerSecond}`);
    this.namespace = options.namespace ?? 'default';
    this.start_ = options.start ?? 0;
    this.bucket = options.bucket ?? seconds(1);
    this.clients = options.clients ?? 1;
    this.meanGap = seconds(1) / options.ratePerSecond;
    this.name = `traffic/${this.namespace}/${options.service}`;
    this.random = cluster.random(`proxy/traffic/${this.namespace}/${options.service}`);
  }

  /** Schedules the first arrival. */
  start(): void {
    this.scheduleNext(Math.max(this.start_, this.cluster.sim.now));
  }

  /** The time series so far: one sample per bucket from `start` to the last request. */
  timeSeries(): TrafficSample[] {
    const out: TrafficSample[] = [];
    for (let i = 0; i < this.bucketRequests.length; i++) {
      out.push({ time: this.start_ + i * this.bucket, requests: this.bucketRequests[i] ?? 0, failures: this.bucketFailures[i] ?? 0 });
    }
    return out;
  }

  private scheduleNext(from: Micros): void {
    const at = from + Math.round(this.random.exponential(this.meanGap));
    if (at >= this.options.end) return;
    this.cluster.callbacks.at(at, () => {
      this.request();
      this.scheduleNext(at);
    });
  }

  private request(): void {
    const client = this.clients > 1 ? this.random.int(this.clients) : 0;
    const clientIP = `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;
    const endpoint = this.proxy.route(this.namespace, this.options.service, clientIP);
    const b = Math.floor((this.cluster.sim.now - this.start_) / this.bucket);
    while (this.bucketRequests.length <= b) {
      this.bucketRequests.push(0);
      this.bucketFailures.push(0);
    }
    this.requests++;
    this.bucketRequests[b]!++;
    if (endpoint === null) {
      this.failures++;
      this.bucketFailures[b]!++;
      return;
    }
    this.perEndpoint.set(endpoint.podName, (this.perEndpoint.get(endpoint.podName) ?? 0) + 1);
  }
}
