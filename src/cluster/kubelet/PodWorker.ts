import { defaultImagePullPolicy } from '../../api/imageReference.js';
import { formatDuration } from '../../api/duration.js';
import type { Pod, PodStatus } from '../../api/types.js';
import { seconds, type Micros } from '../../engine/time.js';
import { ANNOTATION_EXIT_CODE, ANNOTATION_FAILURE_AFTER, ANNOTATION_FAILURES, ANNOTATION_READY_AFTER, ANNOTATION_RUN_DURATION } from '../simAnnotations.js';
import type { Stored } from '../store/Store.js';
import type { AdmitRejection } from './admission.js';
import { KUBELET_COMPONENT } from './constants.js';
import { LOST_EXIT_CODE, newContainerRecord, restoreAfterMachineLoss, type ContainerRecord } from './ContainerRecord.js';
import { generatePodStatus, runtimeImageName } from './generatePodStatus.js';
import type { KubeletHost } from './KubeletHost.js';
import { getPhase, type PodPhase } from './podPhase.js';

/** How long a crashing run lasts when `failure-after` is not given. */
const DEFAULT_FAILURE_AFTER: Micros = seconds(1);

/** Go's `Duration.Truncate(time.Millisecond).String()`, as pull Events print it. */
function formatMillis(micros: Micros): string {
  return formatDuration(Math.floor(micros / 1000) * 1000);
}

/**
 * The kubelet's handling of one pod on its node — the pod worker, the
 * container runtime and the status manager in one: it admits the pod, sets
 * up the sandbox (pod IP), pulls images and starts containers in order (init
 * containers first), makes them ready after `ready-after`, ends runs after
 * `run-duration` (or crashes the first `failures` runs), restarts them per
 * restartPolicy with the CrashLoopBackOff back-off, and writes the status
 * through the API. On deletion it stops the containers and makes the final
 * delete at once (processes are taken to exit on SIGTERM immediately).
 */
export class PodWorker {
  pod: Stored<Pod>;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly init: ContainerRecord[];
  readonly containers: ContainerRecord[];
  private readonly images: string[];
  /** The pod's requests while admitted (counted against allocatable). */
  requests: Map<string, number> = new Map();
  admitted = false;
  private rejection: AdmitRejection | null = null;
  private sandboxReady = false;
  podIP = '';
  private ipReleased = false;
  private startTime: Micros = -1;
  private terminating = false;
  /** The final delete was sent (or the pod was found terminal): nothing more to do. */
  private finished = false;
  /**
   * The last container stopped for good (phase Succeeded or Failed, as found
   * when it exited). A finished pod stays finished, so {@link active} need not
   * work the phase out again each time a pod is admitted next to it — by the
   * end of a busy hour most of a node's workers are such pods, kept until the
   * pod garbage collector deletes them.
   */
  private stopped = false;
  disposed = false;
  private version = 0;
  private written = 0;
  private inFlight = false;

  constructor(
    private readonly host: KubeletHost,
    pod: Stored<Pod>,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid;
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name;
    this.init = (pod.spec.initContainers ?? []).map((c) => newContainerRecord(c, true, 'PodInitializing'));
    const firstReason = this.init.length > 0 ? 'PodInitializing' : 'ContainerCreating';
    this.containers = pod.spec.containers.map((c) => newContainerRecord(c, false, firstReason));
    for (const c of this.init) c.waitingReason = 'ContainerCreating';
    this.images = [...this.init, ...this.containers].map((c) => runtimeImageName(c.spec.image ?? ''));
  }

  /** The phase the kubelet reports now. */
  get phase(): PodPhase {
    if (this.rejection !== null) return 'Failed';
    return getPhase(this.pod.spec, this.init, this.containers, this.terminating);
  }

  /** True while the pod counts against the node's allocatable: admitted and not finished. */
  get active(): boolean {
    if (!this.admitted || this.finished || this.disposed || this.stopped) return false;
    const phase = this.phase;
    return phase !== 'Succeeded' && phase !== 'Failed';
  }

  /** A pod found already terminal (a restarted kubelet): it is only awaited for deletion. */
  adoptTerminal(): void {
    this.finished = true;
  }

  /** Rejects the pod at admission: phase Failed with the reason (`OutOfcpu`, ...), and a Warning Event. */
  reject(rejection: AdmitRejection): void {
    this.rejection = rejection;
    this.finished = true;
    this.host.cluster.recorder.event(this.pod, 'Warning', rejection.reason, rejection.message, KUBELET_COMPONENT, this.host.nodeName);
    this.markDirty();
  }

  /**
   * Admits the pod and starts it: sandbox and pod IP, then the containers.
   * `restored` is the pod's API status when the kubelet restarts on a
   * machine that stopped: containers that had run were lost with it.
   */
  start(requests: Map<string, number>, restored: PodStatus | undefined): void {
    this.admitted = true;
    this.requests = requests;
    const now = this.host.cluster.sim.now;
    this.startTime = restored?.startTime !== undefined ? this.host.cluster.clock.instantOf(restored.startTime) : now;
    if (restored !== undefined) this.restore(restored, now);
    this.sandboxReady = true;
    this.podIP = this.host.allocatePodIP();
    this.markDirty();
    this.startNext();
  }

  /** Containers that ran before the machine stopped count a restart; those that may not restart stay dead. */
  private restore(status: PodStatus, now: Micros): void {
    const allowed = (c: ContainerRecord): boolean => this.restartAllowed(c, LOST_EXIT_CODE);
    restoreAfterMachineLoss(this.init, status.initContainerStatuses, now, allowed);
    restoreAfterMachineLoss(this.containers, status.containerStatuses, now, allowed);
  }

  /** The pod's latest object from the watch; a deletionTimestamp stops it. */
  observe(pod: Stored<Pod>): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp !== undefined) this.kill();
  }

  /** The pod is gone from the API: forget it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const c of this.all()) {
      c.epoch++;
      this.host.backoff.delete(this.backoffKey(c));
    }
    this.tearDownSandbox();
  }

  /** The pod's sandbox is gone: PodReadyToStartContainers turns False and its IP goes back to the pool (status keeps podIP). */
  private tearDownSandbox(): void {
    this.sandboxReady = false;
    if (this.podIP !== '' && !this.ipReleased) {
      this.ipReleased = true;
      this.host.releasePodIP(this.podIP);
    }
  }

  /** The machine stopped: pending timers are dropped, nothing more is written. */
  abandon(): void {
    this.disposed = true;
    for (const c of this.all()) c.epoch++;
  }

  private all(): ContainerRecord[] {
    return [...this.init, ...this.containers];
  }

  // ---- starting containers --------------------------------------------------

  /** Starts the next container that is due: init containers one at a time, then every regular one in order. */
  private startNext(): void {
    if (this.disposed || this.terminating || !this.host.running) return;
    for (const c of this.init) {
      if (c.sidecar) {
        if (c.state === 'waiting' && c.lastTerminated === null && c.waitingReason !== 'ErrImageNeverPull') return this.ensureImage(c, () => this.startContainer(c));
        continue;
      }
      if (c.state === 'terminated' && c.terminated?.exitCode === 0) continue;
      if (c.state === 'waiting' && c.waitingReason !== 'ErrImageNeverPull') return this.ensureImage(c, () => this.startContainer(c));
      return;
    }
    for (const c of this.containers) {
      if (c.state === 'waiting' && (c.waitingReason === 'PodInitializing' || c.waitingReason === 'ContainerCreating')) {
        if (c.waitingReason === 'PodInitializing') c.waitingReason = 'ContainerCreating';
        return this.ensureImage(c, () => this.startContainer(c));
      }
    }
  }

  /** EnsureImageExists: honours imagePullPolicy; pulls go through the node's serial puller. */
  private ensureImage(c: ContainerRecord, then: () => void): void {
    const image = c.spec.image ?? '';
    const policy = c.spec.imagePullPolicy ?? defaultImagePullPolicy(image);
    const { cluster, puller, nodeName } = this.host;
    const now = cluster.sim.now;
    const present = puller.isPresent(image, now);
    if (policy === 'Never' && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      c.waitingReason = 'ErrImageNeverPull';
      c.waitingMessage = message;
      cluster.recorder.event(this.pod, 'Warning', 'ErrImageNeverPull', message, KUBELET_COMPONENT, nodeName);
      this.markDirty();
      this.startNext();
      return;
    }
    if (policy !== 'Always' && present) {
      cluster.recorder.event(this.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, KUBELET_COMPONENT, nodeName);
      then();
      return;
    }
    cluster.recorder.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, KUBELET_COMPONENT, nodeName);
    const pull = puller.pull(image, now);
    this.host.imagesChanged(pull.finishedAt);
    const epoch = c.epoch;
    cluster.callbacks.at(pull.finishedAt, () => {
      if (!this.live(c, epoch)) return;
      const took = formatMillis(pull.finishedAt - pull.startedAt);
      const waited = formatMillis(pull.finishedAt - pull.requestedAt);
      cluster.recorder.event(this.pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${waited} including waiting). Image size: ${pull.sizeBytes} bytes.`, KUBELET_COMPONENT, nodeName);
      then();
    });
  }

  private live(c: ContainerRecord, epoch: number): boolean {
    return c.epoch === epoch && !this.disposed && !this.terminating && this.host.running;
  }

  /** Creates and starts the container; schedules its readiness and the end of its run. */
  private startContainer(c: ContainerRecord): void {
    const { cluster, nodeName } = this.host;
    const now = cluster.sim.now;
    c.containerID = this.host.nextContainerID();
    cluster.recorder.event(this.pod, 'Normal', 'Created', `Created container: ${c.name}`, KUBELET_COMPONENT, nodeName);
    cluster.recorder.event(this.pod, 'Normal', 'Started', `Started container ${c.name}`, KUBELET_COMPONENT, nodeName);
    c.state = 'running';
    c.waitingReason = '';
    c.waitingMessage = '';
    c.startedAt = now;
    c.ready = false;
    c.terminated = null;
    if (c.init && !c.sidecar) {
      // Init containers are taken to finish at once.
      this.exit(c, 0);
      return;
    }
    if (c.sidecar) c.ready = true;
    else this.scheduleRun(c, now);
    this.markDirty();
    this.startNext();
  }

  /** The run's readiness and end, from the pod's simulation annotations. */
  private scheduleRun(c: ContainerRecord, now: Micros): void {
    const annotations = this.pod.metadata.annotations ?? {};
    const failures = Number.parseInt(annotations[ANNOTATION_FAILURES] ?? '0', 10);
    let runFor: Micros | null = null;
    let exitCode = 0;
    if (Number.isFinite(failures) && c.restartCount < failures) {
      const text = annotations[ANNOTATION_FAILURE_AFTER];
      runFor = (text === undefined ? null : this.host.sample('failure-after', text)) ?? DEFAULT_FAILURE_AFTER;
      exitCode = 1;
    } else {
      const text = annotations[ANNOTATION_RUN_DURATION];
      if (text !== undefined) runFor = this.host.sample('run-duration', text);
      const code = Number.parseInt(annotations[ANNOTATION_EXIT_CODE] ?? '0', 10);
      exitCode = Number.isFinite(code) ? code : 0;
    }
    const readyText = annotations[ANNOTATION_READY_AFTER];
    const readyAfter = readyText === undefined ? 0 : (this.host.sample('ready-after', readyText) ?? 0);
    const epoch = c.epoch;
    const { callbacks } = this.host.cluster;
    if (readyAfter <= 0) c.ready = true;
    else if (runFor === null || readyAfter < runFor) {
      callbacks.at(now + readyAfter, () => {
        if (!this.live(c, epoch) || c.state !== 'running') return;
        c.ready = true;
        this.markDirty();
      });
    }
    if (runFor !== null) {
      callbacks.at(now + runFor, () => {
        if (!this.live(c, epoch) || c.state !== 'running') return;
        this.exit(c, exitCode);
      });
    }
  }

  // ---- exits and restarts -----------------------------------------------------

  private restartAllowed(c: ContainerRecord, exitCode: number): boolean {
    if (c.sidecar) return true;
    if (c.init) return exitCode !== 0 && this.pod.spec.restartPolicy !== 'Never';
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  }

  private backoffKey(c: ContainerRecord): string {
    return `${this.uid}/${c.init ? 'init/' : ''}${c.name}`;
  }

  /** The run ended with `exitCode` (containerd: Completed for 0, Error otherwise). */
  private exit(c: ContainerRecord, exitCode: number): void {
    const now = this.host.cluster.sim.now;
    c.state = 'terminated';
    c.ready = false;
    c.terminated = { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: c.startedAt, finishedAt: now };
    if (this.restartAllowed(c, exitCode)) {
      this.tryRestart(c);
      return;
    }
    const phase = this.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      this.stopped = true;
      this.tearDownSandbox();
    }
    this.markDirty();
    this.startNext();
  }

  /** doBackOff: restarts now, or waits out the back-off in CrashLoopBackOff. */
  private tryRestart(c: ContainerRecord): void {
    const { cluster, backoff, nodeName } = this.host;
    const now = cluster.sim.now;
    const last = c.terminated ?? c.lastTerminated;
    if (last === null) return;
    if (c.terminated !== null) {
      c.lastTerminated = c.terminated;
      c.terminated = null;
    }
    const key = this.backoffKey(c);
    if (backoff.isInBackOffSince(key, last.finishedAt, now)) {
      const delay = backoff.get(key);
      const podRef = `${this.name}_${this.namespace}(${this.uid})`;
      c.state = 'waiting';
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = `back-off ${formatDuration(delay)} restarting failed container=${c.name} pod=${podRef}`;
      cluster.recorder.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, KUBELET_COMPONENT, nodeName);
      this.markDirty();
      const epoch = c.epoch;
      cluster.callbacks.at(last.finishedAt + delay, () => {
        if (this.live(c, epoch)) this.tryRestart(c);
      });
      return;
    }
    backoff.next(key, last.finishedAt, now);
    c.restartCount++;
    c.state = 'waiting';
    c.waitingReason = 'ContainerCreating';
    c.waitingMessage = '';
    this.ensureImage(c, () => this.startContainer(c));
  }

  // ---- deletion ---------------------------------------------------------------

  /** Graceful deletion: stops the containers (Killing), writes the final status, then the final delete. */
  kill(): void {
    if (this.terminating || this.disposed) return;
    this.terminating = true;
    const { cluster, client, nodeName } = this.host;
    const now = cluster.sim.now;
    if (!this.finished) {
      for (const c of this.all()) {
        c.epoch++;
        if (c.state !== 'running') continue;
        cluster.recorder.event(this.pod, 'Normal', 'Killing', `Stopping container ${c.name}`, KUBELET_COMPONENT, nodeName);
        c.state = 'terminated';
        c.ready = false;
        c.terminated = { exitCode: 0, reason: 'Completed', startedAt: c.startedAt, finishedAt: now };
      }
      this.tearDownSandbox();
      this.markDirty();
    }
    this.finished = true;
    // Issued after the status write, so it commits after it (calls commit in order).
    client.delete('Pod', this.namespace, this.name, { gracePeriodSeconds: 0 });
  }

  // ---- status -----------------------------------------------------------------

  /** The status changed: the status manager writes it (one request in flight, carrying the latest state). */
  private markDirty(): void {
    this.version++;
    if (!this.inFlight && !this.disposed && this.host.running) this.send();
  }

  private send(): void {
    this.inFlight = true;
    this.host.client.update<Pod>(
      'Pod',
      this.namespace,
      this.name,
      (current) => {
        this.written = this.version;
        if (current.metadata.uid !== this.uid || this.disposed) return null;
        return { ...current, status: this.status(current) };
      },
      (result) => {
        this.inFlight = false;
        if (result.ok && this.written < this.version && !this.disposed && this.host.running) this.send();
      },
    );
  }

  /** The pod's status as the kubelet generates it, merged into the API's. */
  private status(current: Stored<Pod>): PodStatus {
    return generatePodStatus(current.status ?? {}, {
      rejection: this.rejection,
      phase: this.phase,
      sandboxReady: this.sandboxReady,
      init: this.init,
      containers: this.containers,
      images: this.images,
      hostIP: this.host.hostIP,
      podIP: this.podIP,
      startTime: this.startTime,
    }, this.host.cluster.clock);
  }
}
