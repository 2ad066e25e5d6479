/**
 * ValidateKubeSchedulerConfiguration, ported from upstream's
 * pkg/scheduler/apis/config/validation/validation_test.go
 * (TestValidateKubeSchedulerConfiguration), run through the whole loader so
 * that each error also carries its line.
 */
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from '../../../src/scheduler/config/load.js';
import type { PluginModule } from '../../../src/scheduler/plugins/PluginModule.js';
import { fakeInTreeRegistry, issuesOf } from './helpers.js';

const custom: PluginModule[] = [
  { name: 'CustomSort', factory: () => ({ name: 'CustomSort', less: () => false }) as never },
  { name: 'AnotherSort', factory: () => ({ name: 'AnotherSort', less: () => false }) as never },
  { name: 'CustomBind', factory: () => ({ name: 'CustomBind', bind: () => null }) as never },
];
const registry = fakeInTreeRegistry(custom);

/** upstream's validConfig, as a v1 file. */
const VALID = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
parallelism: 8
percentageOfNodesToScore: 35
podInitialBackoffSeconds: 1
podMaxBackoffSeconds: 1
profiles:
- schedulerName: me
  plugins:
    queueSort:
      enabled:
      - name: CustomSort
      disabled:
      - name: '*'
    score:
      disabled:
      - name: '*'
  pluginConfig:
  - name: DefaultPreemption
    args:
      minCandidateNodesPercentage: 10
      minCandidateNodesAbsolute: 100
- schedulerName: other
  plugins:
    queueSort:
      enabled:
      - name: CustomSort
      disabled:
      - name: '*'
    bind:
      enabled:
      - name: CustomBind
`;

const load = (text: string) => loadConfiguration(text, { file: 'sched.yaml', registry });
const errs = (text: string) => issuesOf(() => load(text));

describe('TestValidateKubeSchedulerConfiguration', () => {
  it('good', () => {
    const c = load(VALID).config;
    expect(c.profiles.map((p) => p.schedulerName)).toEqual(['me', 'other']);
    expect(c.percentageOfNodesToScore).toBe(35);
  });

  it('bad-parallelism-invalid-value', () => {
    expect(errs(VALID.replace('parallelism: 8', 'parallelism: 0'))).toEqual(['3: parallelism: Invalid value: 0: should be an integer value greater than zero']);
  });

  it('bad-percentage-of-nodes-to-score (global and per profile)', () => {
    expect(errs(VALID.replace('percentageOfNodesToScore: 35', 'percentageOfNodesToScore: 101'))).toEqual([
      '4: percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]',
    ]);
    expect(errs(VALID.replace('- schedulerName: other\n', '- schedulerName: other\n  percentageOfNodesToScore: -1\n'))).toEqual([
      '24: profiles[1].percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]',
    ]);
  });

  it('scheduler-name-not-set', () => {
    expect(errs(VALID.replace('schedulerName: other', 'schedulerName: ""'))).toEqual(['23: profiles[1].schedulerName: Required value']);
  });

  it('repeated-scheduler-name', () => {
    expect(errs(VALID.replace('schedulerName: me', 'schedulerName: other'))).toEqual(['23: profiles[1].schedulerName: Duplicate value: profiles[0].schedulerName']);
  });

  it('different-queue-sort', () => {
    const text = VALID.replace(/(schedulerName: other\n  plugins:\n    queueSort:\n      enabled:\n      - name: )CustomSort/, '$1AnotherSort');
    expect(errs(text)).toEqual([
      '25: profiles[1].plugins.queueSort: Invalid value: config.PluginSet{Enabled:[]config.Plugin{config.Plugin{Name:"AnotherSort", Weight:0}}, Disabled:[]config.Plugin{config.Plugin{Name:"*", Weight:0}}}: must be the same for all profiles',
    ]);
  });

  it('one-empty-queue-sort', () => {
    const text = VALID.replace(/  plugins:\n    queueSort:\n      enabled:\n      - name: CustomSort\n      disabled:\n      - name: '\*'\n    score:\n      disabled:\n      - name: '\*'\n/, '');
    expect(errs(text)).toEqual([
      '16: profiles[1].plugins.queueSort: Invalid value: config.PluginSet{Enabled:[]config.Plugin{config.Plugin{Name:"CustomSort", Weight:0}}, Disabled:[]config.Plugin{config.Plugin{Name:"*", Weight:0}}}: must be the same for all profiles',
    ]);
  });

  it('invalid-node-percentage (plugin args validation)', () => {
    expect(errs(VALID.replace('minCandidateNodesPercentage: 10', 'minCandidateNodesPercentage: 200'))).toEqual([
      '21: profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid value: 200: not in valid range [0, 100]',
    ]);
  });

  it('invalid-plugin-args (args of another kind)', () => {
    expect(errs(VALID.replace('minCandidateNodesPercentage: 10', 'kind: InterPodAffinityArgs'))).toEqual([
      '21: decoding .profiles[0].pluginConfig[0]: args for plugin DefaultPreemption were not of type DefaultPreemptionArgs.kubescheduler.config.k8s.io, got InterPodAffinityArgs.kubescheduler.config.k8s.io',
    ]);
  });

  it('duplicated-plugin-config', () => {
    const text = VALID.replace('  pluginConfig:\n  - name: DefaultPreemption', '  pluginConfig:\n  - name: config\n  - name: config\n  - name: DefaultPreemption');
    expect(errs(text)).toEqual(['20: profiles[0].pluginConfig[1]: Duplicate value: "config"']);
  });

  it('mismatch-queue-sort', () => {
    const text = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: me
  plugins:
    queueSort:
      enabled:
      - name: PrioritySort
      disabled:
      - name: '*'
  pluginConfig:
  - name: PrioritySort
- schedulerName: other
  plugins:
    queueSort:
      enabled:
      - name: CustomSort
      disabled:
      - name: '*'
  pluginConfig:
  - name: CustomSort
`;
    expect(errs(text)).toEqual([
      '15: profiles[1].plugins.queueSort: Invalid value: config.PluginSet{Enabled:[]config.Plugin{config.Plugin{Name:"CustomSort", Weight:0}}, Disabled:[]config.Plugin{config.Plugin{Name:"*", Weight:0}}}: must be the same for all profiles',
    ]);
  });

  it('bad-removed-plugins (an extension point list and pluginConfig)', () => {
    const text = VALID.replace("    score:\n      disabled:\n      - name: '*'\n", "    score:\n      disabled:\n      - name: '*'\n      enabled:\n      - name: EBSLimits\n        weight: 2\n");
    expect(errs(text)).toEqual([
      '19: profiles[0].plugins.score.enabled[0]: Invalid value: "EBSLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")',
    ]);
    const pc = VALID.replace('  pluginConfig:\n', '  pluginConfig:\n  - name: GCEPDLimits\n');
    expect(errs(pc)).toEqual([
      '19: profiles[0].pluginConfig[0]: Invalid value: "GCEPDLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")',
    ]);
  });

  it('good-removed-plugins-2: a current plugin at score is fine', () => {
    const text = VALID.replace("    score:\n      disabled:\n      - name: '*'\n", "    score:\n      disabled:\n      - name: '*'\n      enabled:\n      - name: PodTopologySpread\n        weight: 2\n");
    expect(load(text).listed[0]!.score).toEqual([{ name: 'PodTopologySpread', weight: 2 }]);
  });

  it('backoff seconds', () => {
    expect(errs(VALID.replace('podInitialBackoffSeconds: 1', 'podInitialBackoffSeconds: 0'))).toEqual(['5: podInitialBackoffSeconds: Invalid value: 0: must be greater than 0']);
    expect(errs(VALID.replace('podInitialBackoffSeconds: 1', 'podInitialBackoffSeconds: 5'))).toEqual([
      '6: podMaxBackoffSeconds: Invalid value: 1: must be greater than or equal to PodInitialBackoffSeconds',
    ]);
  });

  it('leader election must use leases', () => {
    expect(errs(VALID.replace('parallelism: 8\n', 'parallelism: 8\nleaderElection:\n  resourceLock: configmaps\n'))).toEqual([
      '5: leaderElection.resourceLock: Invalid value: "configmaps": resourceLock value must be "leases"',
    ]);
    expect(load(VALID.replace('parallelism: 8\n', 'parallelism: 8\nleaderElection:\n  leaderElect: false\n  resourceLock: configmaps\n')).config.parallelism).toBe(8);
  });

  it('extenders are not simulated', () => {
    expect(errs(VALID.replace('parallelism: 8\n', 'parallelism: 8\nextenders:\n- urlPrefix: http://x\n'))).toEqual(['4: extenders: Forbidden: kubesim does not simulate scheduler extenders']);
  });

  it('collects every validation error, in upstream order', () => {
    const text = VALID.replace('parallelism: 8', 'parallelism: 0').replace('schedulerName: other', 'schedulerName: ""').replace('podInitialBackoffSeconds: 1', 'podInitialBackoffSeconds: 0');
    expect(errs(text)).toEqual([
      '3: parallelism: Invalid value: 0: should be an integer value greater than zero',
      '23: profiles[1].schedulerName: Required value',
      '5: podInitialBackoffSeconds: Invalid value: 0: must be greater than 0',
    ]);
  });
});
