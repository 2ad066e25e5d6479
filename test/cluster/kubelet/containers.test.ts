import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { seconds } from '../../../src/engine/time.js';
import { eventsOf, getPod, kubeletCluster, machine, pod, runPod, runUntil } from './helpers.js';

describe('Kubelets: image pull policies', () => {
  it('Always pulls on every start; a cached image costs only the overhead', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    const p = pod('a', { annotations: { 'sim.kubesim.io/failures': '1' } });
    p.spec.containers[0]!.imagePullPolicy = 'Always';
    runPod(cluster, p, 'node-1');
    runUntil(cluster, 20);
    const cs = getPod(cluster, 'a')!.status?.containerStatuses?.[0];
    // Pulled 0–3s, crashed at 4s, pulled again 4–5s (layers present), running since 5s.
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state?.running?.startedAt).toBe('2026-01-01T00:00:05Z');
    expect(eventsOf(cluster, 'a').filter((e) => e.startsWith('Pulled'))).toEqual([
      'Pulled: Successfully pulled image "nginx:1.27" in 3s (3s including waiting). Image size: 67108864 bytes.',
      'Pulled: Successfully pulled image "nginx:1.27" in 1s (1s including waiting). Image size: 67108864 bytes.',
    ]);
  });

  it('Never without the image: ErrImageNeverPull, and the pod stays Pending', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    const p = pod('a', { image: 'private/app:2' });
    p.spec.containers[0]!.imagePullPolicy = 'Never';
    runPod(cluster, p, 'node-1');
    runUntil(cluster, 10);
    const s = getPod(cluster, 'a')!.status;
    expect(s?.phase).toBe('Pending');
    expect(s?.containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "private/app:2" is not present with pull policy of Never' });
  });

  it('Never with an image the machine booted with starts at once', () => {
    const m = machine('node-1');
    m.status!.images = [{ names: ['private/app:2'], sizeBytes: 1000 }];
    const { cluster } = kubeletCluster([m]);
    const p = pod('a', { image: 'private/app:2' });
    p.spec.containers[0]!.imagePullPolicy = 'Never';
    runPod(cluster, p, 'node-1');
    runUntil(cluster, 1);
    expect(getPod(cluster, 'a')!.status?.phase).toBe('Running');
    expect(eventsOf(cluster, 'a')[0]).toBe('Pulled: Container image "private/app:2" already present on machine');
  });
});

describe('Kubelets: several containers and init containers', () => {
  it('starts containers in order, each after its own pull; Ready when all are', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    const p = pod('two', { containers: 2 });
    p.spec.containers[1]!.image = 'envoy:1.30';
    runPod(cluster, p, 'node-1');
    runUntil(cluster, 4);
    let s = getPod(cluster, 'two')!.status;
    expect(s?.phase).toBe('Pending'); // c1 is still being pulled
    expect(s?.containerStatuses?.map((c) => Object.keys(c.state ?? {})[0])).toEqual(['running', 'waiting']);
    runUntil(cluster, 6);
    s = getPod(cluster, 'two')!.status;
    expect(s?.phase).toBe('Running');
    expect(s?.containerStatuses?.[1]?.state?.running?.startedAt).toBe('2026-01-01T00:00:06Z');
    expect(s?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('runs init containers to completion before the app containers', () => {
    const { cluster } = kubeletCluster([machine('node-1')]);
    const p = pod('init');
    p.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36' }];
    runPod(cluster, p, 'node-1');
    runUntil(cluster, 2);
    let s = getPod(cluster, 'init')!.status;
    expect(s?.phase).toBe('Pending');
    expect(s?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(s?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [setup]' });
    runUntil(cluster, 7);
    s = getPod(cluster, 'init')!.status;
    expect(s?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    // busybox pulled 0–3s and done at once; nginx pulled 3–6s.
    expect(s?.containerStatuses?.[0]?.state?.running?.startedAt).toBe('2026-01-01T00:00:06Z');
    expect(s?.phase).toBe('Running');
  });
});

describe('Kubelets: admission and addresses', () => {
  it('admits at most allocatable pods: the next is OutOfpods', () => {
    const { cluster } = kubeletCluster([machine('node-1', { pods: '2' })]);
    for (const n of ['a', 'b', 'c']) runPod(cluster, pod(n), 'node-1');
    runUntil(cluster, 5);
    expect(getPod(cluster, 'c')!.status).toMatchObject({ phase: 'Failed', reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2" });
  });

  it('a finished pod frees its resources for the next', () => {
    const { cluster } = kubeletCluster([machine('node-1', { cpu: '1' })]);
    runPod(cluster, pod('job', { cpu: '800m', restartPolicy: 'Never', annotations: { 'sim.kubesim.io/run-duration': '10s' } }), 'node-1');
    cluster.callbacks.at(seconds(20), () => runPod(cluster, pod('next', { cpu: '800m' }), 'node-1'));
    runUntil(cluster, 30);
    expect(getPod(cluster, 'job')!.status?.phase).toBe('Succeeded');
    expect(getPod(cluster, 'next')!.status?.phase).toBe('Running');
    // The finished pod's sandbox is gone: its IP is free again, though its status keeps it.
    expect(getPod(cluster, 'job')!.status?.podIP).toBe('10.244.0.2');
    expect(getPod(cluster, 'next')!.status?.podIP).toBe('10.244.0.3');
  });

  it('a failed pod frees its resources; one waiting out CrashLoopBackOff (OnFailure) still holds them', () => {
    const { cluster } = kubeletCluster([machine('node-1', { cpu: '2' })]);
    const failing = { 'sim.kubesim.io/run-duration': '5s', 'sim.kubesim.io/exit-code': '1' };
    runPod(cluster, pod('never', { cpu: '800m', restartPolicy: 'Never', annotations: failing }), 'node-1');
    runPod(cluster, pod('retrying', { cpu: '800m', restartPolicy: 'OnFailure', annotations: failing }), 'node-1');
    cluster.callbacks.at(seconds(20), () => runPod(cluster, pod('fits', { cpu: '800m' }), 'node-1'));
    cluster.callbacks.at(seconds(21), () => runPod(cluster, pod('too-much', { cpu: '800m' }), 'node-1'));
    runUntil(cluster, 30);
    expect(getPod(cluster, 'never')!.status?.phase).toBe('Failed');
    expect(getPod(cluster, 'retrying')!.status?.phase).toBe('Running');
    expect(getPod(cluster, 'fits')!.status?.phase).toBe('Running');
    expect(getPod(cluster, 'too-much')!.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
  });

  it('numbers pod subnets by boot order past 256 nodes without collisions', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => machine(`n-${i}`));
    const { cluster } = kubeletCluster(nodes);
    runPod(cluster, pod('far'), 'n-299');
    runUntil(cluster, 5);
    const p: Pod = getPod(cluster, 'far')!;
    expect(p.status?.podIP).toBe('10.245.43.2');
    expect(p.status?.hostIP).toBe('192.168.1.53');
  });

  it('is deterministic: the same seed gives the same pods, the same events', () => {
    const run = (): string => {
      const { cluster } = kubeletCluster([machine('node-1'), machine('node-2')], { seed: 3 });
      for (let i = 0; i < 6; i++) runPod(cluster, pod(`p${i}`, { annotations: { 'sim.kubesim.io/run-duration': 'exp(30s)', 'sim.kubesim.io/ready-after': 'uniform(1s,5s)' } }), `node-${(i % 2) + 1}`);
      runUntil(cluster, 300);
      return JSON.stringify([...cluster.store.list('Pod')]) + JSON.stringify([...cluster.store.list('Event')].length);
    };
    expect(run()).toBe(run());
  });
});
