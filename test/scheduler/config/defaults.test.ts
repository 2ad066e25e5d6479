/**
 * Upstream's defaulting, ported from pkg/scheduler/apis/config/v1/
 * default_plugins_test.go (TestApplyFeatureGates, TestMergePlugins) and
 * defaults_test.go (TestSchedulerDefaults).
 */
import { describe, expect, it } from 'vitest';
import { decodeConfiguration } from '../../../src/scheduler/config/decode.js';
import { getDefaultPlugins, mergePlugins, setDefaults } from '../../../src/scheduler/config/defaults.js';
import { makeRegistry } from '../../../src/scheduler/config/pluginRegistry.js';
import type { Plugins, PluginsKey } from '../../../src/scheduler/config/types.js';
import type { PluginModule } from '../../../src/scheduler/plugins/PluginModule.js';
import { plugins } from './helpers.js';

type Compact = Partial<Record<PluginsKey, { enabled?: string[]; disabled?: string[] }>>;

/** Plugins as `{ point: { enabled: ['a', 'b:2'], disabled: ['*'] } }`, empty parts left out. */
function compactPlugins(p: Plugins): Compact {
  const out: Compact = {};
  for (const [key, set] of Object.entries(p) as [PluginsKey, Plugins[PluginsKey]][]) {
    const e = set.enabled.map((x) => (x.weight === 0 ? x.name : `${x.name}:${x.weight}`));
    const d = set.disabled.map((x) => x.name);
    if (e.length === 0 && d.length === 0) continue;
    out[key] = {};
    if (e.length > 0) out[key].enabled = e;
    if (d.length > 0) out[key].disabled = d;
  }
  return out;
}

const DEFAULT_V1_34 = [
  'SchedulingGates',
  'PrioritySort',
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration:3',
  'NodeAffinity:2',
  'NodePorts',
  'NodeResourcesFit:1',
  'VolumeRestrictions',
  'NodeVolumeLimits',
  'VolumeBinding',
  'VolumeZone',
  'PodTopologySpread:2',
  'InterPodAffinity:2',
  'DynamicResources',
  'DefaultPreemption',
  'NodeResourcesBalancedAllocation:1',
  'ImageLocality:1',
  'DefaultBinder',
];

describe('getDefaultPlugins (TestApplyFeatureGates, v1.34.1: DRA on)', () => {
  it('is the MultiPoint list with weights, DynamicResources before DefaultPreemption', () => {
    expect(compactPlugins(getDefaultPlugins())).toEqual({ multiPoint: { enabled: DEFAULT_V1_34 } });
  });
  it('gives a fresh object each time', () => {
    const a = getDefaultPlugins();
    a.multiPoint.enabled.pop();
    expect(getDefaultPlugins().multiPoint.enabled).toHaveLength(DEFAULT_V1_34.length);
  });
});

describe('TestMergePlugins', () => {
  const cases: { name: string; custom: Plugins | undefined; defaults: Plugins; expected: Compact }[] = [
    {
      name: 'AppendCustomPlugin',
      custom: plugins({ filter: { enabled: ['CustomPlugin'] } }),
      defaults: plugins({ filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: { filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2', 'CustomPlugin'] } },
    },
    {
      name: 'InsertAfterDefaultPlugins2',
      custom: plugins({ filter: { enabled: ['CustomPlugin', 'DefaultPlugin2'], disabled: ['DefaultPlugin2'] } }),
      defaults: plugins({ filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: { filter: { enabled: ['DefaultPlugin1', 'CustomPlugin', 'DefaultPlugin2'], disabled: ['DefaultPlugin2'] } },
    },
    {
      name: 'InsertBeforeAllPlugins',
      custom: plugins({ filter: { enabled: ['CustomPlugin', 'DefaultPlugin1', 'DefaultPlugin2'], disabled: ['*'] } }),
      defaults: plugins({ filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: { filter: { enabled: ['CustomPlugin', 'DefaultPlugin1', 'DefaultPlugin2'], disabled: ['*'] } },
    },
    {
      name: 'ReorderDefaultPlugins',
      custom: plugins({ filter: { enabled: ['DefaultPlugin2', 'DefaultPlugin1'], disabled: ['*'] } }),
      defaults: plugins({ filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: { filter: { enabled: ['DefaultPlugin2', 'DefaultPlugin1'], disabled: ['*'] } },
    },
    {
      name: 'ApplyNilCustomPlugin',
      custom: undefined,
      defaults: plugins({ filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: { filter: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } },
    },
    {
      name: 'CustomPluginOverrideDefaultPlugin',
      custom: plugins({ filter: { enabled: [['Plugin1', 2], ['Plugin3', 3]] } }),
      defaults: plugins({ filter: { enabled: ['Plugin1', 'Plugin2', 'Plugin3'] } }),
      expected: { filter: { enabled: ['Plugin1:2', 'Plugin2', 'Plugin3:3'] } },
    },
    {
      name: 'OrderPreserveAfterOverride',
      custom: plugins({ filter: { enabled: [['Plugin2', 2], ['Plugin1', 1]] } }),
      defaults: plugins({ filter: { enabled: ['Plugin1', 'Plugin2', 'Plugin3'] } }),
      expected: { filter: { enabled: ['Plugin1:1', 'Plugin2:2', 'Plugin3'] } },
    },
    {
      name: 'RepeatedCustomPlugin',
      custom: plugins({ filter: { enabled: ['Plugin1', ['Plugin2', 2], 'Plugin3', ['Plugin2', 4]] } }),
      defaults: plugins({ filter: { enabled: ['Plugin1', 'Plugin2', 'Plugin3'] } }),
      expected: { filter: { enabled: ['Plugin1', 'Plugin2:4', 'Plugin3', 'Plugin2:2'] } },
    },
    {
      name: 'Append custom MultiPoint plugin',
      custom: plugins({ multiPoint: { enabled: ['CustomPlugin'] } }),
      defaults: plugins({ multiPoint: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: { multiPoint: { enabled: ['DefaultPlugin1', 'DefaultPlugin2', 'CustomPlugin'] } },
    },
    {
      name: 'Append disabled Multipoint plugins',
      custom: plugins({ multiPoint: { enabled: ['CustomPlugin', 'CustomPlugin2'], disabled: ['DefaultPlugin2'] }, score: { disabled: ['CustomPlugin2'] } }),
      defaults: plugins({ multiPoint: { enabled: ['DefaultPlugin1', 'DefaultPlugin2'] } }),
      expected: {
        multiPoint: { enabled: ['DefaultPlugin1', 'CustomPlugin', 'CustomPlugin2'], disabled: ['DefaultPlugin2'] },
        score: { disabled: ['CustomPlugin2'] },
      },
    },
    {
      name: 'override default MultiPoint plugins with custom value',
      custom: plugins({ multiPoint: { enabled: [['DefaultPlugin', 5]] } }),
      defaults: plugins({ multiPoint: { enabled: ['DefaultPlugin'] } }),
      expected: { multiPoint: { enabled: ['DefaultPlugin:5'] } },
    },
    {
      name: 'disabled MultiPoint plugin in default set',
      custom: plugins({ multiPoint: { enabled: ['CustomPlugin'] } }),
      defaults: plugins({ multiPoint: { enabled: ['DefaultPlugin'], disabled: ['DefaultPlugin2'] } }),
      expected: { multiPoint: { enabled: ['DefaultPlugin', 'CustomPlugin'], disabled: ['DefaultPlugin2'] } },
    },
    {
      name: 'disabled MultiPoint plugin in default set for specific extension point',
      custom: plugins({ multiPoint: { enabled: ['CustomPlugin'] } }),
      defaults: plugins({ multiPoint: { enabled: ['DefaultPlugin'] }, score: { disabled: ['DefaultPlugin2'] } }),
      expected: { multiPoint: { enabled: ['DefaultPlugin', 'CustomPlugin'] }, score: { disabled: ['DefaultPlugin2'] } },
    },
    {
      name: 'multipoint with only disabled gets merged',
      custom: plugins({ multiPoint: { disabled: ['DefaultPlugin'] } }),
      defaults: plugins({ multiPoint: { enabled: ['DefaultPlugin'] } }),
      expected: { multiPoint: { disabled: ['DefaultPlugin'] } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(compactPlugins(mergePlugins(c.defaults, c.custom))).toEqual(c.expected);
    });
  }
});

/** Modules with args, standing in for the in-tree ones (the real ones are tested in policies/). */
function argsModule(name: string, defaults: Record<string, unknown>): PluginModule {
  return {
    name,
    argsKind: `${name}Args`,
    defaultArgs: (a: unknown) => ({ ...defaults, ...((a ?? {}) as Record<string, unknown>) }),
    factory: () => ({ name }),
  };
}
const registry = makeRegistry([
  argsModule('DefaultPreemption', { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 }),
  argsModule('InterPodAffinity', { hardPodAffinityWeight: 1 }),
  argsModule('NodeResourcesFit', { scoringStrategy: { type: 'LeastAllocated' } }),
  { name: 'PrioritySort', factory: () => ({ name: 'PrioritySort' }) },
]);

function defaults(doc: Record<string, unknown>) {
  const { config: decoded, issues } = decodeConfiguration({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', ...doc });
  expect(issues).toEqual([]);
  return setDefaults(decoded, registry);
}

describe('TestSchedulerDefaults', () => {
  const defaultArgs = [
    { name: 'DefaultPreemption', argsKind: 'DefaultPreemptionArgs', args: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 } },
    { name: 'InterPodAffinity', argsKind: 'InterPodAffinityArgs', args: { hardPodAffinityWeight: 1 } },
    { name: 'NodeResourcesFit', argsKind: 'NodeResourcesFitArgs', args: { scoringStrategy: { type: 'LeastAllocated' } } },
  ];

  it('empty config', () => {
    const { config, issues } = defaults({});
    expect(issues).toEqual([]);
    expect(config.parallelism).toBe(16);
    expect(config.percentageOfNodesToScore).toBe(0);
    expect(config.podInitialBackoffSeconds).toBe(1);
    expect(config.podMaxBackoffSeconds).toBe(10);
    expect(config.profiles).toHaveLength(1);
    const p = config.profiles[0]!;
    expect(p.schedulerName).toBe('default-scheduler');
    expect(p.percentageOfNodesToScore).toBeUndefined();
    expect(compactPlugins(p.plugins)).toEqual({ multiPoint: { enabled: DEFAULT_V1_34 } });
    // Default args for the enabled plugins that have an args kind, in name order.
    expect(p.pluginConfig).toEqual(defaultArgs);
    expect(p.tieBreak).toEqual({ type: 'random' });
  });

  it('no scheduler name / an empty profiles list', () => {
    expect(defaults({ profiles: [{}] }).config.profiles[0]!.schedulerName).toBe('default-scheduler');
    expect(defaults({ profiles: [] }).config.profiles.map((p) => p.schedulerName)).toEqual(['default-scheduler']);
  });

  it('two profiles', () => {
    const { config } = defaults({
      parallelism: 16,
      profiles: [{ pluginConfig: [{ name: 'FooPlugin' }] }, { schedulerName: 'custom-scheduler', plugins: { bind: { enabled: [{ name: 'BarPlugin' }], disabled: [{ name: 'DefaultBinder' }] } } }],
    });
    const [a, b] = config.profiles;
    // Only a lone profile gets the default name; validation then requires one.
    expect(a!.schedulerName).toBe('');
    expect(a!.pluginConfig.map((c) => c.name)).toEqual(['FooPlugin', 'DefaultPreemption', 'InterPodAffinity', 'NodeResourcesFit']);
    expect(b!.schedulerName).toBe('custom-scheduler');
    expect(compactPlugins(b!.plugins)).toEqual({ multiPoint: { enabled: DEFAULT_V1_34 }, bind: { enabled: ['BarPlugin'], disabled: ['DefaultBinder'] } });
    expect(b!.pluginConfig).toEqual(defaultArgs);
  });

  it('set non default parallelism, global and profile percentageOfNodesToScore, backoffs', () => {
    const { config } = defaults({ parallelism: 8, percentageOfNodesToScore: 10, podInitialBackoffSeconds: 2, podMaxBackoffSeconds: 20, profiles: [{ percentageOfNodesToScore: 50 }] });
    expect(config.parallelism).toBe(8);
    expect(config.percentageOfNodesToScore).toBe(10);
    expect(config.profiles[0]!.percentageOfNodesToScore).toBe(50);
    expect(config.podInitialBackoffSeconds).toBe(2);
    expect(config.podMaxBackoffSeconds).toBe(20);
  });

  it('user args are defaulted in place and keep their position; apiVersion/kind are taken off', () => {
    const { config, issues } = defaults({
      profiles: [
        {
          pluginConfig: [
            { name: 'NodeResourcesFit', args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'NodeResourcesFitArgs', scoringStrategy: { type: 'MostAllocated' } } },
            { name: 'DefaultPreemption', args: { minCandidateNodesPercentage: 50 } },
          ],
        },
      ],
    });
    expect(issues).toEqual([]);
    expect(config.profiles[0]!.pluginConfig).toEqual([
      { name: 'NodeResourcesFit', argsKind: 'NodeResourcesFitArgs', args: { scoringStrategy: { type: 'MostAllocated' } }, source: 'profiles[0].pluginConfig[0]' },
      { name: 'DefaultPreemption', argsKind: 'DefaultPreemptionArgs', args: { minCandidateNodesPercentage: 50, minCandidateNodesAbsolute: 100 }, source: 'profiles[0].pluginConfig[1]' },
      { name: 'InterPodAffinity', argsKind: 'InterPodAffinityArgs', args: { hardPodAffinityWeight: 1 } },
    ]);
  });

  it('args of another kind are an error (decodeNestedObjects)', () => {
    const { issues } = defaults({ profiles: [{ pluginConfig: [{ name: 'DefaultPreemption', args: { kind: 'InterPodAffinityArgs', apiVersion: 'kubescheduler.config.k8s.io/v1' } }] }] });
    expect(issues).toEqual([
      {
        path: 'profiles[0].pluginConfig[0].args.kind',
        message:
          'decoding .profiles[0].pluginConfig[0]: args for plugin DefaultPreemption were not of type DefaultPreemptionArgs.kubescheduler.config.k8s.io, got InterPodAffinityArgs.kubescheduler.config.k8s.io',
      },
    ]);
  });

  it('a plugin disabled everywhere gets no default args', () => {
    const { config } = defaults({ profiles: [{ plugins: { multiPoint: { disabled: [{ name: 'InterPodAffinity' }] } } }] });
    expect(config.profiles[0]!.pluginConfig.map((c) => c.name)).toEqual(['DefaultPreemption', 'NodeResourcesFit']);
  });

  it('the kubesim.io/TieBreak entry sets the tie-break and is kept', () => {
    const { config, issues } = defaults({ profiles: [{ pluginConfig: [{ name: 'kubesim.io/TieBreak', args: { type: 'permutation' } }] }] });
    expect(issues).toEqual([]);
    expect(config.profiles[0]!.tieBreak).toEqual({ type: 'permutation', stream: 'permutation' });
    expect(config.profiles[0]!.pluginConfig[0]!.name).toBe('kubesim.io/TieBreak');
    const bad = defaults({ profiles: [{ pluginConfig: [{ name: 'kubesim.io/TieBreak', args: { type: 'first' } }] }] });
    expect(bad.issues.map((i) => i.message)).toEqual([
      'profiles[0].pluginConfig[0].args.type: Unsupported value: "first": supported values: "nodeName", "permutation", "random"',
    ]);
  });
});
