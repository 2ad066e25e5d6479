import { Callbacks } from '../engine/Callbacks.js';
import type { RandomStream } from '../engine/RandomStreams.js';
import { Simulation } from '../engine/Simulation.js';
import { ClusterClock, DEFAULT_CLOCK_ORIGIN_MS } from './clock.js';
import { CONTROL_PLANE_PROFILES, type ControlPlaneProfile } from './ControlPlaneProfile.js';
import { EventRecorder } from './EventRecorder.js';
import { ApiServer, type ApiClient } from './store/ApiServer.js';
import { InformerFactory } from './store/Informer.js';
import { Store } from './store/Store.js';

/** A component of the cluster that runs on the virtual clock. */
export interface Actor {
  /** Its name in counters and traces (`kube-controller-manager/deployment`, `kubelet`). */
  readonly name: string;
  /** Starts its loops; called once, at the instant the cluster starts. */
  start(): void;
}

/** How a cluster is made. */
export interface ClusterOptions {
  /** The run's seed: every random stream forks from it. */
  seed?: number | string;
  /** The control plane's latencies (default `ideal`). */
  profile?: ControlPlaneProfile;
  /** The wall-clock instant (ms since the Unix epoch) virtual time 0 stands for. */
  clockOriginMs?: number;
  /** Record Events (default true). */
  recordEvents?: boolean;
  /** A simulation to run on (default: a new one with `seed`). */
  sim?: Simulation;
}

/**
 * What every actor of a simulated cluster shares: the virtual clock and its
 * callbacks, the store behind the API server, the shared informers of
 * kube-controller-manager, the event recorder and the named random streams.
 * Actors are added, then {@link start} starts them all in the order added.
 */
export class Cluster {
  readonly sim: Simulation;
  readonly callbacks: Callbacks;
  readonly clock: ClusterClock;
  readonly profile: ControlPlaneProfile;
  readonly store: Store;
  readonly apiServer: ApiServer;
  /** kube-controller-manager's shared informers (other components make their own). */
  readonly informers: InformerFactory;
  readonly recorder: EventRecorder;
  readonly actors: Actor[] = [];
  private started = false;

  constructor(options: ClusterOptions = {}) {
    this.sim = options.sim ?? new Simulation({ seed: options.seed ?? 1 });
    this.callbacks = new Callbacks(this.sim);
    this.clock = new ClusterClock(options.clockOriginMs ?? DEFAULT_CLOCK_ORIGIN_MS, () => this.sim.now);
    this.profile = options.profile ?? CONTROL_PLANE_PROFILES.ideal;
    this.store = new Store(this.callbacks, this.clock, this.random('apiserver/names'), this.profile.watchLatency);
    this.apiServer = new ApiServer(this.store, this.callbacks, this.clock, this.profile.requestLatency);
    this.informers = new InformerFactory(this.store);
    this.recorder = new EventRecorder(this.store, this.clock, options.recordEvents ?? true, this.callbacks);
  }

  /** The named random stream `name` of this run (one per actor and purpose). */
  random(name: string): RandomStream {
    return this.sim.random.stream(name);
  }

  /** A client of the API server for `userAgent`. */
  client(userAgent: string): ApiClient {
    return this.apiServer.client(userAgent);
  }

  /** Adds an actor; it starts with the cluster (or at once if the cluster has started). */
  add<A extends Actor>(actor: A): A {
    this.actors.push(actor);
    if (this.started) actor.start();
    return actor;
  }

  /** Starts every actor added so far, in order. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const actor of this.actors) actor.start();
  }
}
