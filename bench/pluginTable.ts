/**
 * The cluster the plugins suite scores on: 5,000 nodes in three zones, with
 * the labels, taints, images and pods that make every score plugin do its
 * real work for the pod under test (none of them can Skip or take a shortcut
 * that a real cluster would not offer).
 */
import type { Node, Pod } from '../src/api/types.js';
import { Simulation } from '../src/engine/Simulation.js';
import { loadConfiguration } from '../src/scheduler/config/load.js';
import { createScheduler } from '../src/scheduler/createScheduler.js';
import { inTreeRegistry } from '../src/scheduler/plugins/registry.js';
import type { Scheduler } from '../src/scheduler/Scheduler.js';
import { StandaloneHost } from '../src/scheduler/StandaloneHost.js';

/** Nodes in the table (scheduler_perf's usual 5000Nodes). */
export const PLUGIN_TABLE_NODES = 5_000;
const ZONES = ['moon-1', 'moon-2', 'moon-3'] as const;
const APPS = ['web', 'db', 'cache', 'batch'] as const;
const MB = 1024 * 1024;

/**
 * One scheduler, one cache, three profiles: the default one and
 * NodeResourcesFit's other two scoring strategies (kubesim's built-in
 * `most-allocated` and `requested-to-capacity-ratio` policies).
 */
const PROFILES = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
- schedulerName: most-allocated
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
        resources: [{name: cpu, weight: 1}, {name: memory, weight: 1}]
- schedulerName: requested-to-capacity-ratio
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: RequestedToCapacityRatio
        resources: [{name: cpu, weight: 1}, {name: memory, weight: 1}]
        requestedToCapacityRatio:
          shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]
`;

/** Node i: 4 cpu / 32Gi / 110 pods, a zone, a disk type, a tier, a PreferNoSchedule taint on every 10th, images on some. */
function tableNode(i: number): Node {
  const name = `node-${String(i).padStart(5, '0')}`;
  const images = [{ names: ['registry.k8s.io/pause:3.10.1'], sizeBytes: 700 * 1024 }];
  if (i % 4 === 0) images.push({ names: ['registry.example/app:1.0'], sizeBytes: 500 * MB });
  if (i % 7 === 0) images.push({ names: ['registry.example/sidecar:2.3'], sizeBytes: 80 * MB });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'topology.kubernetes.io/zone': ZONES[i % ZONES.length]!,
        disktype: i % 2 === 0 ? 'ssd' : 'hdd',
        tier: ['a', 'b', 'c', 'd'][i % 4]!,
      },
    },
    spec: i % 10 === 0 ? { taints: [{ key: 'dedicated', value: 'batch', effect: 'PreferNoSchedule' }] } : {},
    status: {
      capacity: { pods: '110', cpu: '4', memory: '32Gi' },
      allocatable: { pods: '110', cpu: '4', memory: '32Gi' },
      conditions: [{ type: 'Ready', status: 'True' }],
      images,
    },
  };
}

/** Existing pod j, bound to node j mod N: an app label, varied requests; every 10th prefers to keep away from `web` pods on its host. */
function boundPod(j: number, nodes: number): Pod {
  const name = `existing-${String(j).padStart(6, '0')}`;
  const app = APPS[j % APPS.length]!;
  const cpu = `${100 + (j % 9) * 100}m`;
  const memory = `${256 + (j % 5) * 256}Mi`;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app } },
    spec: {
      nodeName: `node-${String(j % nodes).padStart(5, '0')}`,
      containers: [{ name: 'c', image: 'registry.example/app:1.0', resources: { requests: { cpu, memory } } }],
    },
  };
  if (j % 10 === 0) {
    pod.spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
        ],
      },
    };
  }
  return pod;
}

/**
 * The pod scored: requests, a preferred node affinity, preferred pod affinity
 * and anti-affinity, soft zone and host spreading, two images, no tolerations.
 */
export function scoredPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'scored', namespace: 'default', uid: 'uid-scored', labels: { app: 'web' } },
    spec: {
      containers: [
        { name: 'app', image: 'registry.example/app:1.0', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
        { name: 'sidecar', image: 'registry.example/sidecar:2.3', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
      ],
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } },
          ],
        },
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'topology.kubernetes.io/zone' } },
          ],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 20, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
          ],
        },
      },
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
      ],
    },
  };
}

/** A scheduler over the plugin table: `nodes` nodes and two existing pods per node. */
export function pluginTable(nodes = PLUGIN_TABLE_NODES): Scheduler {
  const sim = new Simulation({ seed: 1 });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, loadConfiguration(PROFILES, { registry: inTreeRegistry(), file: 'bench/pluginTable.ts' }));
  host.attach(scheduler);
  for (let i = 0; i < nodes; i++) scheduler.addNode(tableNode(i));
  for (let j = 0; j < 2 * nodes; j++) host.create(boundPod(j, nodes));
  sim.run();
  return scheduler;
}
