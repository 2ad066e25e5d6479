import { describe, expect, it } from 'vitest';
import type { Lease, Node, Pod } from '../../../src/api/types.js';
import { seconds } from '../../../src/engine/time.js';
import type { Stored } from '../../../src/cluster/store/Store.js';
import { eventsOf, getPod, kubeletCluster, machine, pod, runPod, runUntil } from './helpers.js';

describe('Kubelets: node registration and heartbeats', () => {
  it('registers the Node Ready with the kubelet conditions, addresses and nodeInfo', () => {
    const { cluster } = kubeletCluster([machine('node-1'), machine('node-2')]);
    runUntil(cluster, 1);
    const node = cluster.store.get<Node>('Node', undefined, 'node-1')!;
    const conditions = node.status?.conditions ?? [];
    expect(conditions.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'MemoryPressure=False/KubeletHasSufficientMemory',
      'DiskPressure=False/KubeletHasNoDiskPressure',
      'PIDPressure=False/KubeletHasSufficientPID',
      'Ready=True/KubeletReady',
    ]);
    expect(conditions[3]!.message).toBe('kubelet is posting ready status');
    expect(node.status?.allocatable).toEqual({ cpu: '4', memory: '16Gi', pods: '110' });
    expect(node.status?.addresses?.[0]).toEqual({ type: 'InternalIP', address: '192.168.0.10' });
    expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.34.0');
    expect(node.metadata.labels?.['kubernetes.io/hostname']).toBe('node-1');
    expect(node.spec?.podCIDR).toBe('10.244.0.0/24');
    expect(cluster.store.get<Node>('Node', undefined, 'node-2')!.spec?.podCIDR).toBe('10.244.1.0/24');
    expect(eventsOf(cluster, 'node-1')).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node node-1 status is now: NodeReady',
    ]);
  });

  it('renews the Lease in kube-node-lease every 10s and stops when the machine stops (every renewal written)', () => {
    const { cluster, kubelets } = kubeletCluster([machine('node-1')], { leaseRenewals: 'written' });
    const renewals: string[] = [];
    cluster.store.watch<Lease>('Lease', (e) => renewals.push(e.object.spec.renewTime ?? ''));
    cluster.callbacks.at(seconds(35), () => kubelets.stop('node-1'));
    runUntil(cluster, 120);
    expect(renewals).toEqual([
      '2026-01-01T00:00:00.000000Z',
      '2026-01-01T00:00:10.000000Z',
      '2026-01-01T00:00:20.000000Z',
      '2026-01-01T00:00:30.000000Z',
    ]);
    const lease = cluster.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!;
    expect(lease.spec.leaseDurationSeconds).toBe(40);
    expect(lease.spec.holderIdentity).toBe('node-1');
    expect(kubelets.isRunning('node-1')).toBe(false);
  });

  it('by default writes the first renewal only and answers the rest from the schedule, flushed on demand', () => {
    const { cluster, kubelets } = kubeletCluster([machine('node-1')]);
    const renewals: string[] = [];
    cluster.store.watch<Lease>('Lease', (e) => renewals.push(e.object.spec.renewTime ?? ''));
    cluster.callbacks.at(seconds(35), () => kubelets.stop('node-1'));
    runUntil(cluster, 120);
    expect(renewals).toEqual(['2026-01-01T00:00:00.000000Z']);
    const leases = kubelets.leases!;
    expect(leases.renewTimeOf(leases.latestCommitted('node-1', seconds(120))!)).toBe('2026-01-01T00:00:30.000000Z');
    leases.flush();
    const lease = cluster.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!;
    expect(lease.spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:30.000000Z' });
    expect(lease.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node-1' });
  });

  it('writes node status every 5 minutes when nothing changes', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    const heartbeats: string[] = [];
    cluster.store.watch<Node>('Node', (e) => heartbeats.push(e.object.status?.conditions?.[3]?.lastHeartbeatTime ?? ''));
    runUntil(cluster, 700);
    expect(heartbeats).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z']);
  });
});

describe('Kubelets: pod start-up', () => {
  it('pulls the image (1s + 64Mi at 32Mi/s = 3s), starts the container and reports Running and Ready', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('web'), 'node-1');
    runUntil(cluster, 1);
    let p = getPod(cluster, 'web')!;
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(p.status?.podIP).toBe('10.244.0.2');
    expect(p.status?.hostIP).toBe('192.168.0.10');
    runUntil(cluster, 3);
    p = getPod(cluster, 'web')!;
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.startTime).toBe('2026-01-01T00:00:00Z');
    const cs = p.status?.containerStatuses?.[0];
    expect(cs?.state).toEqual({ running: { startedAt: '2026-01-01T00:00:03Z' } });
    expect(cs?.ready).toBe(true);
    expect(cs?.started).toBe(true);
    expect(cs?.image).toBe('docker.io/library/nginx:1.27');
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(eventsOf(cluster, 'web')).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 3s (3s including waiting). Image size: 67108864 bytes.',
      'Created: Created container: main',
      'Started: Started container main',
    ]);
  });

  it('pulls serially per node and caches images (IfNotPresent)', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('a', { image: 'nginx:1.27' }), 'node-1');
    runPod(cluster, pod('b', { image: 'redis:7' }), 'node-1');
    runPod(cluster, pod('c', { image: 'nginx:1.27' }), 'node-1');
    cluster.callbacks.at(seconds(20), () => runPod(cluster, pod('d', { image: 'redis:7' }), 'node-1'));
    runUntil(cluster, 30);
    const startedAt = (name: string): string | undefined => getPod(cluster, name)?.status?.containerStatuses?.[0]?.state?.running?.startedAt;
    expect(startedAt('a')).toBe('2026-01-01T00:00:03Z');
    expect(startedAt('b')).toBe('2026-01-01T00:00:06Z');
    // c asked for nginx while it was queued: its pull finds the layers and costs the 1s overhead.
    expect(startedAt('c')).toBe('2026-01-01T00:00:07Z');
    expect(startedAt('d')).toBe('2026-01-01T00:00:20Z');
    expect(eventsOf(cluster, 'b')[1]).toBe('Pulled: Successfully pulled image "redis:7" in 3s (6s including waiting). Image size: 67108864 bytes.');
    expect(eventsOf(cluster, 'c')[1]).toBe('Pulled: Successfully pulled image "nginx:1.27" in 1s (7s including waiting). Image size: 67108864 bytes.');
    expect(eventsOf(cluster, 'd')).toContain('Pulled: Container image "redis:7" already present on machine');
    const node = cluster.store.get<Node>('Node', undefined, 'node-1')!;
    expect(node.status?.images?.map((i) => i.names)).toEqual([
      ['docker.io/library/nginx:1.27', 'nginx:1.27'],
      ['docker.io/library/redis:7', 'redis:7'],
    ]);
  });

  it('takes image size, bandwidth and overhead from the catalog', () => {
    const sizes: Record<string, number> = { 'big:1': 500_000_000 };
    const { cluster } = kubeletCluster([machine('node-1')], {
      images: { sizeOf: (i) => sizes[i] ?? 10_000_000, bandwidthBytesPerSecond: 50_000_000, pullOverheadMicros: 500_000 },
    });
    runPod(cluster, pod('a', { image: 'big:1' }), 'node-1');
    runUntil(cluster, 20);
    expect(eventsOf(cluster, 'a')[1]).toBe('Pulled: Successfully pulled image "big:1" in 10.5s (10.5s including waiting). Image size: 500000000 bytes.');
  });

  it('becomes Ready after sim.kubesim.io/ready-after', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('web', { annotations: { 'sim.kubesim.io/ready-after': '5s' } }), 'node-1');
    runUntil(cluster, 7);
    let p = getPod(cluster, 'web')!;
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(false);
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [main]' });
    runUntil(cluster, 8);
    p = getPod(cluster, 'web')!;
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(true);
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:00:08Z' });
  });

  it('counts only pods still active against allocatable: a finished pod frees its share, a running one keeps it', () => {
    const { cluster } = kubeletCluster([machine('node-1', { cpu: '1' })]);
    runPod(cluster, pod('done', { cpu: '600m', restartPolicy: 'Never', annotations: { 'sim.kubesim.io/run-duration': '10s' } }), 'node-1');
    runPod(cluster, pod('web', { cpu: '300m' }), 'node-1');
    runUntil(cluster, 20);
    expect(getPod(cluster, 'done')!.status?.phase).toBe('Succeeded');
    // 600m is free again; 300m still counts, and keeps counting at every admission.
    runPod(cluster, pod('fits', { cpu: '600m' }), 'node-1');
    runUntil(cluster, 25);
    expect(getPod(cluster, 'fits')!.status?.phase).toBe('Running');
    runPod(cluster, pod('late', { cpu: '200m' }), 'node-1');
    runUntil(cluster, 30);
    expect(getPod(cluster, 'late')!.status?.message).toBe("Pod was rejected: Node didn't have enough resource: cpu, requested: 200, used: 900, capacity: 1000");
  });

  it('rejects a pod that does not fit allocatable: Failed, OutOfcpu', () => {
    const { cluster } = kubeletCluster([machine('node-1', { cpu: '1' })]);
    runPod(cluster, pod('a', { cpu: '700m' }), 'node-1');
    runPod(cluster, pod('b', { cpu: '500m' }), 'node-1');
    runUntil(cluster, 5);
    const b = getPod(cluster, 'b')!;
    expect(b.status?.phase).toBe('Failed');
    expect(b.status?.reason).toBe('OutOfcpu');
    expect(b.status?.message).toBe("Pod was rejected: Node didn't have enough resource: cpu, requested: 500, used: 700, capacity: 1000");
    expect(eventsOf(cluster, 'b')).toEqual(["OutOfcpu: Node didn't have enough resource: cpu, requested: 500, used: 700, capacity: 1000"]);
    expect(getPod(cluster, 'a')!.status?.phase).toBe('Running');
  });
});

describe('Kubelets: runs, exits and restarts', () => {
  it('a Job-like pod (restartPolicy Never, run-duration 30s) reaches Succeeded', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('job', { restartPolicy: 'Never', annotations: { 'sim.kubesim.io/run-duration': '30s' } }), 'node-1');
    runUntil(cluster, 32);
    expect(getPod(cluster, 'job')!.status?.phase).toBe('Running');
    runUntil(cluster, 33);
    const p = getPod(cluster, 'job')!;
    expect(p.status?.phase).toBe('Succeeded');
    expect(p.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:03Z', finishedAt: '2026-01-01T00:00:33Z' });
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}${c.reason === undefined ? '' : `/${c.reason}`}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True/PodCompleted',
      'Ready=False/PodCompleted',
      'ContainersReady=False/PodCompleted',
      'PodScheduled=True',
    ]);
    // The kubelet's conditions as the API serialises them: type, status, reason, message, lastTransitionTime.
    expect(p.status?.conditions?.slice(0, 4).map((c) => Object.keys(c).join(','))).toEqual([
      'type,status,lastTransitionTime',
      'type,status,reason,lastTransitionTime',
      'type,status,reason,lastTransitionTime',
      'type,status,reason,lastTransitionTime',
    ]);
  });

  it('a failing run under Never is Failed with reason Error; under OnFailure it restarts', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    const annotations = { 'sim.kubesim.io/run-duration': '10s', 'sim.kubesim.io/exit-code': '2' };
    runPod(cluster, pod('never', { restartPolicy: 'Never', annotations }), 'node-1');
    runPod(cluster, pod('onfailure', { restartPolicy: 'OnFailure', annotations: { 'sim.kubesim.io/failures': '1', 'sim.kubesim.io/run-duration': '10s' } }), 'node-1');
    runUntil(cluster, 60);
    const never = getPod(cluster, 'never')!;
    expect(never.status?.phase).toBe('Failed');
    expect(never.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    const onFailure = getPod(cluster, 'onfailure')!;
    // Pulled at 3s (queued behind `never`'s pull: same image, 1s more), crashed at 5s, restarted at once, done 10s later.
    expect(onFailure.status?.phase).toBe('Succeeded');
    expect(onFailure.status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(onFailure.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('CrashLoopBackOff waits 10s, 20s, 40s, ... capped at 300s between restarts', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('crash', { annotations: { 'sim.kubesim.io/failures': '100', 'sim.kubesim.io/failure-after': '1s' } }), 'node-1');
    const starts: number[] = [];
    const crashes: number[] = [];
    let lastRestarts = -1;
    let backoffShown = '';
    cluster.store.watch<Pod>('Pod', (e) => {
      const cs = e.object.status?.containerStatuses?.[0];
      if (cs === undefined) return;
      if (cs.state?.running !== undefined && cs.restartCount !== lastRestarts) {
        lastRestarts = cs.restartCount;
        starts.push(cluster.sim.now / 1e6);
      }
      if (cs.state?.waiting?.reason === 'CrashLoopBackOff') {
        crashes.push(cluster.sim.now / 1e6);
        if (cs.restartCount === 3) backoffShown = cs.state.waiting.message ?? '';
      }
    });
    runUntil(cluster, 2000);
    // First start at 3s (image pull); each run lasts 1s; the first restart is immediate.
    const gaps = starts.slice(1).map((t, i) => t - starts[i]! - 1);
    expect(gaps.slice(0, 9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(starts.slice(0, 4)).toEqual([3, 4, 15, 36]);
    expect(crashes.slice(0, 3)).toEqual([5, 16, 37]);
    expect(backoffShown).toMatch(/^back-off 40s restarting failed container=main pod=crash_default\(/);
    expect(eventsOf(cluster, 'crash')).toContainEqual(expect.stringMatching(/^BackOff: Back-off restarting failed container main in pod crash_default\(/));
  });

  it('the back-off starts over after a run of more than 10 minutes', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('p', { annotations: { 'sim.kubesim.io/run-duration': '11m' } }), 'node-1');
    const starts: number[] = [];
    cluster.store.watch<Pod>('Pod', (e) => {
      const cs = e.object.status?.containerStatuses?.[0];
      if (cs?.state?.running !== undefined && starts.length === cs.restartCount) starts.push(cluster.sim.now / 1e6);
    });
    runUntil(cluster, 3000);
    // Exits at 663s, 1323s, ...: each time the entry has expired, so the restart is immediate.
    expect(starts.slice(0, 4)).toEqual([3, 663, 1323, 1983]);
  });
});

describe('Kubelets: deletion and machine failure', () => {
  it('graceful deletion: Killing, then the final delete', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('web'), 'node-1');
    cluster.callbacks.at(seconds(10), () => cluster.client('test').delete('Pod', 'default', 'web'));
    const seen: string[] = [];
    cluster.store.watch<Pod>('Pod', (e) => {
      if (e.object.metadata.deletionTimestamp !== undefined) seen.push(`${e.type}@${cluster.sim.now / 1e6}`);
    });
    runUntil(cluster, 11);
    expect(getPod(cluster, 'web')).toBeUndefined();
    expect(seen).toEqual(['MODIFIED@10', 'MODIFIED@10', 'DELETED@10']);
    expect(eventsOf(cluster, 'web')).toContain('Killing: Stopping container main');
  });

  it('a stopped machine leaves its pods Running and Terminating once deleted; a restart resumes them', () => {
    const { cluster, kubelets } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('web'), 'node-1');
    cluster.callbacks.at(seconds(60), () => kubelets.stop('node-1'));
    cluster.callbacks.at(seconds(70), () => cluster.client('test').delete('Pod', 'default', 'web'));
    runUntil(cluster, 100);
    let p: Stored<Pod> | undefined = getPod(cluster, 'web')!;
    expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:01:40Z');
    expect(p.status?.phase).toBe('Running');
    cluster.callbacks.at(seconds(200), () => kubelets.restart('node-1'));
    runUntil(cluster, 201);
    p = getPod(cluster, 'web');
    expect(p).toBeUndefined();
    expect(kubelets.isRunning('node-1')).toBe(true);
  });

  it('a terminated machine never comes back; a new machine of the same name registers afresh', () => {
    const { cluster, kubelets } = kubeletCluster([machine('node-1'), machine('node-2')]);
    cluster.callbacks.at(seconds(30), () => kubelets.terminate('node-1'));
    cluster.callbacks.at(seconds(40), () => kubelets.restart('node-1'));
    runUntil(cluster, 50);
    expect(kubelets.isRunning('node-1')).toBe(false);
    cluster.callbacks.at(seconds(60), () => kubelets.boot(machine('node-1')));
    runUntil(cluster, 61);
    expect(kubelets.isRunning('node-1')).toBe(true);
    expect(kubelets.agent('node-1')?.hostIP).toBe('192.168.0.10');
  });

  it('a restarted machine restarts the containers it lost (restartCount + 1)', () => {
    const { cluster, kubelets } = kubeletCluster([machine('node-1')]);
    runPod(cluster, pod('web'), 'node-1');
    cluster.callbacks.at(seconds(60), () => kubelets.stop('node-1'));
    cluster.callbacks.at(seconds(120), () => kubelets.restart('node-1'));
    runUntil(cluster, 130);
    const cs = getPod(cluster, 'web')!.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state?.running?.startedAt).toBe('2026-01-01T00:02:00Z');
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
    const ready = cluster.store.get<Node>('Node', undefined, 'node-1')!.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.lastHeartbeatTime).toBe('2026-01-01T00:02:00Z');
  });
});
