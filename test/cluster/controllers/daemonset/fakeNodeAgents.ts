/**
 * A tiny stand-in for kube-scheduler and the kubelets, for controller tests:
 * binds pending pods (a daemon pod to its pinned node, others round robin
 * over the nodes whose labels and taints allow them), starts bound pods
 * (Running, then Ready), ends pods that carry `sim.kubesim.io/run-duration`
 * (Succeeded, or Failed with a non-zero `sim.kubesim.io/exit-code`), and
 * finishes graceful deletions.
 */
import { parseDuration } from '../../../../src/api/duration.js';
import { RequiredNodeAffinity } from '../../../../src/api/nodeSelector.js';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint } from '../../../../src/api/taints.js';
import type { Node, Pod, Taint } from '../../../../src/api/types.js';
import type { Cluster } from '../../../../src/cluster/Cluster.js';
import { ANNOTATION_EXIT_CODE, ANNOTATION_RUN_DURATION } from '../../../../src/cluster/simAnnotations.js';
import { targetNodeName } from '../../../../src/cluster/controllers/daemonset/daemonPod.js';
import { seconds, type Micros } from '../../../../src/engine/time.js';

export interface FakeAgentOptions {
  /** From a pod's creation being seen to its binding. */
  scheduleDelay?: Micros;
  /** From binding to Running. */
  startDelay?: Micros;
  /** From Running to Ready. */
  readyDelay?: Micros;
  /** From deletionTimestamp to the final delete. */
  terminateDelay?: Micros;
}

/** What happened to one pod, by instant. */
export interface PodLife {
  name: string;
  created: Micros;
  bound?: Micros;
  running?: Micros;
  ready?: Micros;
  finished?: Micros;
  deleted?: Micros;
  node?: string;
}

/** Creates a ready node with `labels` and `taints`. */
export function addNode(cluster: Cluster, name: string, labels: Record<string, string> = {}, taints?: Taint[]): void {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: taints === undefined ? {} : { taints },
    status: { allocatable: { cpu: '4', memory: '16Gi', pods: 110 }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
  cluster.store.create(node);
}

/** The fake scheduler and kubelets; `lives` records every pod's history. */
export class FakeNodeAgents {
  readonly lives = new Map<string, PodLife>();
  private readonly seen = new Set<string>();
  private readonly started = new Set<string>();
  private readonly terminating = new Set<string>();
  private next = 0;
  private readonly client;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: FakeAgentOptions = {},
  ) {
    this.client = cluster.client('fake-agents');
    cluster.store.watch<Pod>('Pod', (event) => {
      const name = event.object.metadata.name ?? '';
      const key = `${event.object.metadata.namespace ?? 'default'}/${name}`;
      const now = cluster.sim.now;
      if (event.type === 'DELETED') {
        const life = this.lives.get(key);
        if (life !== undefined && life.deleted === undefined) life.deleted = now;
        return;
      }
      const current = cluster.store.get<Pod>('Pod', event.object.metadata.namespace, name);
      if (current === undefined || current.metadata.uid !== event.object.metadata.uid) return;
      this.react(key, current);
    });
  }

  private react(key: string, pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const now = this.cluster.sim.now;
    if (!this.lives.has(key) || this.lives.get(key)!.deleted !== undefined) this.lives.set(key, { name: pod.metadata.name ?? '', created: now });
    const life = this.lives.get(key)!;
    if (pod.metadata.deletionTimestamp !== undefined) {
      if (this.terminating.has(uid)) return;
      this.terminating.add(uid);
      this.cluster.callbacks.after(this.options.terminateDelay ?? 0, () => {
        this.client.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
      });
      return;
    }
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '') {
      if (this.seen.has(uid)) return;
      this.seen.add(uid);
      const target = this.pickNode(pod);
      if (target === undefined) return;
      this.cluster.callbacks.after(this.options.scheduleDelay ?? 0, () => {
        this.client.bind(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', target, (r) => {
          if (r.ok) {
            life.bound = this.cluster.sim.now;
            life.node = target;
          }
        });
      });
      return;
    }
    if (this.started.has(uid)) return;
    this.started.add(uid);
    this.start(pod, life);
  }

  private start(pod: Pod, life: PodLife): void {
    const { namespace } = pod.metadata;
    const name = pod.metadata.name ?? '';
    const uid = pod.metadata.uid;
    const clock = this.cluster.clock;
    const mine = (p: Pod): boolean => p.metadata.uid === uid && p.metadata.deletionTimestamp === undefined;
    const startDelay = this.options.startDelay ?? 0;
    const readyDelay = this.options.readyDelay ?? 0;
    this.cluster.callbacks.after(startDelay, () => {
      this.client.update<Pod>('Pod', namespace, name, (p) => {
        if (!mine(p)) return null;
        life.running = this.cluster.sim.now;
        const startedAt = clock.timestamp();
        return {
          ...p,
          status: {
            ...p.status,
            phase: 'Running',
            startTime: startedAt,
            conditions: [...(p.status?.conditions ?? []), { type: 'Ready', status: 'False', lastTransitionTime: startedAt }],
            containerStatuses: p.spec.containers.map((c) => ({ name: c.name, ready: false, restartCount: 0, image: c.image ?? '', started: true, state: { running: { startedAt } } })),
          },
        };
      });
      this.cluster.callbacks.after(readyDelay, () => {
        this.client.update<Pod>('Pod', namespace, name, (p) => {
          if (!mine(p) || p.status?.phase !== 'Running') return null;
          life.ready = this.cluster.sim.now;
          const at = clock.timestamp();
          return {
            ...p,
            status: {
              ...p.status,
              conditions: [...(p.status?.conditions ?? []).filter((c) => c.type !== 'Ready'), { type: 'Ready', status: 'True', lastTransitionTime: at }],
              containerStatuses: (p.status?.containerStatuses ?? []).map((c) => ({ ...c, ready: true })),
            },
          };
        });
      });
      const run = pod.metadata.annotations?.[ANNOTATION_RUN_DURATION];
      if (run === undefined) return;
      const exitCode = Number(pod.metadata.annotations?.[ANNOTATION_EXIT_CODE] ?? '0');
      this.cluster.callbacks.after(parseDuration(run), () => {
        this.client.update<Pod>('Pod', namespace, name, (p) => {
          if (!mine(p) || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return null;
          life.finished = this.cluster.sim.now;
          const at = clock.timestamp();
          return {
            ...p,
            status: {
              ...p.status,
              phase: exitCode === 0 ? 'Succeeded' : 'Failed',
              conditions: [...(p.status?.conditions ?? []).filter((c) => c.type !== 'Ready'), { type: 'Ready', status: 'False', reason: exitCode === 0 ? 'PodCompleted' : 'PodFailed', lastTransitionTime: at }],
              containerStatuses: (p.status?.containerStatuses ?? []).map((c) => ({ ...c, ready: false, state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: at } } })),
            },
          };
        });
      });
    });
  }

  private pickNode(pod: Pod): string | undefined {
    const pinned = targetNodeName(pod);
    const nodes = [...this.cluster.store.list<Node>('Node')];
    const affinity = RequiredNodeAffinity.fromPod(pod);
    const fits = nodes.filter((n) => affinity.match(n) && findMatchingUntoleratedTaint(n.spec?.taints, pod.spec.tolerations, doNotScheduleTaintsFilter) === undefined);
    if (pinned !== undefined) return fits.some((n) => n.metadata.name === pinned) ? pinned : undefined;
    if (fits.length === 0) return undefined;
    return fits[this.next++ % fits.length]!.metadata.name;
  }
}

/** One second, for readable test times. */
export const S = seconds(1);
