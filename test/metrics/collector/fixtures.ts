import type { Micros } from '../../../src/engine/time.js';
import { RunCollector, type CollectedRows } from '../../../src/metrics/collector/RunCollector.js';
import { loadBuiltinPolicy } from '../../../src/scheduler/policies/resolvePolicy.js';
import { ClusterRun } from '../../../src/workloads/ClusterRun.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';

/**
 * Two 4-cpu nodes, ideal control plane. nginx pulls in 2 s (1 s overhead + 50Mi at 50Mi/s),
 * busybox in 3 s the first time on a node and 1 s after (untagged: imagePullPolicy Always).
 * - web: 2 replicas × (1 cpu, 1Gi), ready 4 s after start, one per node;
 * - batch: a Job at 1m, 3 cpu, runs 5m;
 * - waiter at 2m, 3 cpu: fits the other node;
 * - late at 3m, 3 cpu: waits for batch to finish;
 * - huge at 4m, 64 cpu: never fits.
 */
export const SMALL = `
apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: small}
duration: 10m
controlPlane: ideal
images: {default: 100Mi, sizes: {nginx: 50Mi}, bandwidth: 50Mi, overhead: 1s}
cluster:
  nodePools:
    - name: pool
      count: 2
      capacity: {cpu: "4", memory: 8Gi, pods: "110"}
arrivals:
  - manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx, resources: {requests: {cpu: "1", memory: 1Gi}}}]
    readyAfter: 4s
  - at: 1m
    runDuration: 5m
    manifest:
      apiVersion: batch/v1
      kind: Job
      metadata: {name: batch, namespace: default}
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: work, image: busybox, resources: {requests: {cpu: "3"}}}]
  - at: 2m
    manifest:
      apiVersion: v1
      kind: Pod
      metadata: {name: waiter, namespace: default}
      spec:
        containers: [{name: w, image: busybox, resources: {requests: {cpu: "3"}}}]
  - at: 3m
    manifest:
      apiVersion: v1
      kind: Pod
      metadata: {name: late, namespace: default}
      spec:
        containers: [{name: l, image: busybox, resources: {requests: {cpu: "3"}}}]
  - at: 4m
    manifest:
      apiVersion: v1
      kind: Pod
      metadata: {name: huge, namespace: default}
      spec:
        containers: [{name: big, image: busybox, resources: {requests: {cpu: "64"}}}]
`;

/**
 * Realistic control plane, two nodes of 4 cpu and 2 GPUs, no image pulls.
 * web (2 × 3 cpu + 1 GPU) fills both nodes; vip (priority 1000, 2 cpu) preempts
 * one replica at 1m; pool-1 is drained at 3m; pool-2 fails at 5m (its pods are
 * evicted by the taint manager 300 s after it goes NotReady).
 */
export const DISRUPT = `
apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: disrupt}
duration: 15m
controlPlane: realistic
images: {default: 0, overhead: 0s}
cluster:
  nodePools:
    - name: pool
      count: 2
      capacity: {cpu: "4", memory: 8Gi, pods: "110", nvidia.com/gpu: "2"}
objects:
  - apiVersion: scheduling.k8s.io/v1
    kind: PriorityClass
    metadata: {name: high}
    value: 1000
arrivals:
  - manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx, resources: {requests: {cpu: "3", nvidia.com/gpu: "1"}, limits: {nvidia.com/gpu: "1"}}}]
  - at: 1m
    manifest:
      apiVersion: v1
      kind: Pod
      metadata: {name: vip, namespace: default}
      spec:
        priorityClassName: high
        containers: [{name: v, image: busybox, resources: {requests: {cpu: "2"}}}]
operations:
  - {at: 3m, op: drain, node: pool-1}
  - {at: 5m, op: node-failure, node: pool-2}
`;

/** Runs a workload text with a collector attached; returns the run and its rows. */
export function collect(text: string, options: { seed?: number; sampleInterval?: Micros; until?: Micros } = {}): { run: ClusterRun; rows: CollectedRows } {
  const workload = loadWorkload(text, 'inline.yaml');
  const seed = options.seed ?? 1;
  const run = new ClusterRun(workload, { seed, policy: loadBuiltinPolicy('default'), recordEvents: false });
  const collector = new RunCollector(
    { workload: workload.metadata.name, policy: 'default', seed },
    run,
    options.sampleInterval === undefined ? {} : { sampleInterval: options.sampleInterval },
  );
  const until = options.until ?? workload.duration;
  run.runUntil(until);
  return { run, rows: collector.finish(until) };
}
