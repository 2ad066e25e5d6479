/**
 * Test plugins in the spirit of upstream's framework_test.go: TestPlugin
 * implements every extension point (but PreEnqueue), score plugins only
 * PreScore/Score, plus a queue sort and a binder.
 */
import type { Plugin } from '../../../src/scheduler/framework/interfaces.js';
import type { ListedPlugins } from '../../../src/scheduler/config/framework.js';
import { emptyPlugins, type KubeSchedulerProfile, type Plugins, type PluginsKey } from '../../../src/scheduler/config/types.js';
import type { PluginModule } from '../../../src/scheduler/plugins/PluginModule.js';
import { makeRegistry, type Registry } from '../../../src/scheduler/config/pluginRegistry.js';

export const testPlugin = 'test-plugin';
export const scorePlugin1 = 'score-plugin-1';
export const scorePlugin2 = 'score-plugin-2';
export const scoreWithNormalizePlugin1 = 'score-with-normalize-plugin-1';
export const pluginNotImplementingScore = 'plugin-not-implementing-score';
export const queueSortPlugin = 'no-op-queue-sort-plugin';
export const bindPlugin = 'bind-plugin';
export const preEnqueuePlugin = 'preEnqueue-plugin';

const ok = (): null => null;

function module(name: string, make: () => Record<string, unknown>): PluginModule {
  return { name, factory: () => ({ name, ...make() }) as Plugin };
}

export const testModules: PluginModule[] = [
  module(testPlugin, () => ({
    less: () => false,
    preFilter: () => ({ status: null }),
    preFilterExtensions: () => null,
    filter: ok,
    postFilter: () => ({ status: null }),
    preScore: ok,
    score: () => 0,
    reserve: ok,
    unreserve: () => undefined,
    permit: () => ({ status: null }),
    preBind: ok,
    bind: ok,
    postBind: () => undefined,
  })),
  module(scorePlugin1, () => ({ preScore: ok, score: () => 0 })),
  module(scorePlugin2, () => ({ preScore: ok, score: () => 0 })),
  module(scoreWithNormalizePlugin1, () => ({ score: () => 0, normalizeScore: ok })),
  module(pluginNotImplementingScore, () => ({})),
  module(queueSortPlugin, () => ({ less: () => false })),
  module(bindPlugin, () => ({ bind: ok })),
  module(preEnqueuePlugin, () => ({ preEnqueue: ok })),
];

export function testRegistry(extra: PluginModule[] = []): Registry {
  return makeRegistry([...testModules, ...extra]);
}

type SetSpec = { enabled?: (string | [string, number])[]; disabled?: string[] };

/** Plugins from a compact spec: `{ score: { enabled: [['a', 5], 'b'], disabled: ['*'] } }`. */
export function plugins(spec: Partial<Record<PluginsKey, SetSpec>>): Plugins {
  const p = emptyPlugins();
  for (const [key, set] of Object.entries(spec) as [PluginsKey, SetSpec][]) {
    p[key].enabled = (set.enabled ?? []).map((e) => (typeof e === 'string' ? { name: e, weight: 0 } : { name: e[0], weight: e[1] }));
    p[key].disabled = (set.disabled ?? []).map((name) => ({ name, weight: 0 }));
  }
  return p;
}

/** A profile with these plugins and nothing else configured. */
export function profile(p: Plugins, schedulerName = 'test-profile'): KubeSchedulerProfile {
  return { schedulerName, percentageOfNodesToScore: undefined, plugins: p, pluginConfig: [], tieBreak: { type: 'random' } };
}

/** Listed plugins as `point → names` (weights as `name:w` at score), empty points left out. */
export function compact(listed: ListedPlugins): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [point, list] of Object.entries(listed)) {
    if (list.length === 0) continue;
    out[point] = list.map((l) => (l.weight === undefined ? l.name : `${l.name}:${l.weight}`));
  }
  return out;
}

import { DEFAULT_MULTI_POINT } from '../../../src/scheduler/config/defaults.js';
import { UNMODELLED_PLUGINS } from '../../../src/scheduler/config/unmodelledPlugins.js';
import { ConfigError } from '../../../src/scheduler/config/ConfigError.js';
import type { ArgsError } from '../../../src/scheduler/plugins/PluginModule.js';

/**
 * A stand-in for the in-tree registry: every default plugin with plausible
 * extension points (PrioritySort sorts, DefaultBinder binds, the weighted ones
 * score, DefaultPreemption post-filters with validated args), so that config
 * tests do not depend on the real plugins.
 */
export function fakeInTreeRegistry(extra: PluginModule[] = []): Registry {
  const unmodelled = new Set(UNMODELLED_PLUGINS.map((m) => m.name));
  const mods: PluginModule[] = [...UNMODELLED_PLUGINS];
  for (const { name, weight } of DEFAULT_MULTI_POINT) {
    if (unmodelled.has(name)) continue;
    if (name === 'PrioritySort') mods.push(module(name, () => ({ less: () => false })));
    else if (name === 'DefaultBinder') mods.push(module(name, () => ({ bind: ok })));
    else if (name === 'SchedulingGates') mods.push(module(name, () => ({ preEnqueue: ok })));
    else if (name === 'DefaultPreemption') {
      mods.push({
        name,
        argsKind: 'DefaultPreemptionArgs',
        defaultArgs: (a: unknown) => ({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100, ...((a ?? {}) as object) }),
        validateArgs: (a: { minCandidateNodesPercentage: number }): ArgsError[] =>
          a.minCandidateNodesPercentage < 0 || a.minCandidateNodesPercentage > 100
            ? [{ path: 'minCandidateNodesPercentage', message: `Invalid value: ${a.minCandidateNodesPercentage}: not in valid range [0, 100]` }]
            : [],
        factory: () => ({ name, postFilter: () => ({ status: null }) }) as Plugin,
      } as PluginModule);
    } else if (weight !== undefined) mods.push(module(name, () => ({ preFilter: () => ({ status: null }), filter: ok, preScore: ok, score: () => 0 })));
    else mods.push(module(name, () => ({ preFilter: () => ({ status: null }), filter: ok })));
  }
  return makeRegistry([...mods, ...extra]);
}

/** The issues of the ConfigError `fn` throws, as `line: message` strings. */
export function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => `${i.line ?? '-'}: ${i.message}`);
    throw e;
  }
  throw new Error('expected a ConfigError');
}
