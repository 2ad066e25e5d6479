/**
 * NewFramework's plugin wiring, ported from upstream's
 * pkg/scheduler/framework/runtime/framework_test.go
 * (TestNewFrameworkMultiPointExpansion, TestInitFrameworkWithScorePlugins,
 * TestNewFrameworkErrors), plus kubesim's tie-break and instance checks.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/RandomStreams.js';
import { buildProfile, tryBuildProfile } from '../../../src/scheduler/config/framework.js';
import { ConfigError } from '../../../src/scheduler/config/ConfigError.js';
import { dryRunHandle } from '../../../src/scheduler/config/load.js';
import type { Plugins } from '../../../src/scheduler/config/types.js';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import type { PluginModule } from '../../../src/scheduler/plugins/PluginModule.js';
import {
  bindPlugin,
  compact,
  pluginNotImplementingScore,
  plugins,
  profile,
  queueSortPlugin,
  scorePlugin1,
  scorePlugin2,
  scoreWithNormalizePlugin1,
  testPlugin,
  testRegistry,
} from './helpers.js';

const all = (name: string): string[] => [name];

function expand(p: Plugins): Record<string, string[]> | string {
  const r = tryBuildProfile(profile(p), testRegistry(), dryRunHandle());
  return 'issue' in r ? r.issue.message : compact(r.listed);
}

/** testPlugin at every extension point it implements (all but preEnqueue). */
function everywhere(score: string[], preScore: string[] = [testPlugin]): Record<string, string[]> {
  const out: Record<string, string[]> = {
    queueSort: all(testPlugin),
    preFilter: all(testPlugin),
    filter: all(testPlugin),
    postFilter: all(testPlugin),
    preScore,
    score,
    reserve: all(testPlugin),
    permit: all(testPlugin),
    preBind: all(testPlugin),
    bind: all(testPlugin),
    postBind: all(testPlugin),
  };
  if (preScore.length === 0) delete out['preScore'];
  if (score.length === 0) delete out['score'];
  return out;
}

describe('TestNewFrameworkMultiPointExpansion', () => {
  it('plugin expansion', () => {
    expect(expand(plugins({ multiPoint: { enabled: [[testPlugin, 5]] } }))).toEqual(everywhere([`${testPlugin}:5`]));
  });

  it('disable MultiPoint plugin at some extension points', () => {
    const p = plugins({ multiPoint: { enabled: [testPlugin] }, preScore: { disabled: [testPlugin] }, score: { disabled: [testPlugin] } });
    expect(expand(p)).toEqual(everywhere([], []));
  });

  it('Multiple MultiPoint plugins', () => {
    const p = plugins({ multiPoint: { enabled: [testPlugin, scorePlugin1] } });
    expect(expand(p)).toEqual(everywhere([`${testPlugin}:1`, `${scorePlugin1}:1`], [testPlugin, scorePlugin1]));
  });

  it('disable MultiPoint extension', () => {
    const p = plugins({ multiPoint: { enabled: [testPlugin, scorePlugin1] }, preScore: { disabled: ['*'] } });
    expect(expand(p)).toEqual(everywhere([`${testPlugin}:1`, `${scorePlugin1}:1`], []));
  });

  it('Reorder MultiPoint plugins (specified extension takes precedence)', () => {
    const p = plugins({ multiPoint: { enabled: [scoreWithNormalizePlugin1, testPlugin, scorePlugin1] }, score: { enabled: [scorePlugin1, testPlugin] } });
    expect(expand(p)).toEqual(everywhere([`${scorePlugin1}:1`, `${testPlugin}:1`, `${scoreWithNormalizePlugin1}:1`], [testPlugin, scorePlugin1]));
  });

  it('Reorder MultiPoint plugins (specified extension only takes precedence when it exists in MultiPoint)', () => {
    const p = plugins({ multiPoint: { enabled: [testPlugin, scorePlugin1] }, score: { enabled: [scoreWithNormalizePlugin1, scorePlugin1, testPlugin] } });
    expect(expand(p)).toEqual(everywhere([`${scorePlugin1}:1`, `${testPlugin}:1`, `${scoreWithNormalizePlugin1}:1`], [testPlugin, scorePlugin1]));
  });

  it('Override MultiPoint plugins weights', () => {
    const p = plugins({ multiPoint: { enabled: [testPlugin, scorePlugin1] }, score: { enabled: [[scorePlugin1, 5], [testPlugin, 3]] } });
    expect(expand(p)).toEqual(everywhere([`${scorePlugin1}:5`, `${testPlugin}:3`], [testPlugin, scorePlugin1]));
  });

  it("disable and enable MultiPoint plugins with '*'", () => {
    const p = plugins({ multiPoint: { enabled: [queueSortPlugin, bindPlugin, scorePlugin1], disabled: ['*'] } });
    expect(expand(p)).toEqual({ queueSort: [queueSortPlugin], preScore: [scorePlugin1], score: [`${scorePlugin1}:1`], bind: [bindPlugin] });
  });

  it('disable and enable MultiPoint plugin by name', () => {
    const p = plugins({ multiPoint: { enabled: [bindPlugin, queueSortPlugin, scorePlugin1], disabled: [scorePlugin1] } });
    expect(expand(p)).toEqual({ queueSort: [queueSortPlugin], preScore: [scorePlugin1], score: [`${scorePlugin1}:1`], bind: [bindPlugin] });
  });

  it("Expect 'already registered' error", () => {
    expect(expand(plugins({ multiPoint: { enabled: [testPlugin, testPlugin] } }))).toBe(`plugin "${testPlugin}" already registered as "PreFilterPlugin"`);
  });

  it('Override MultiPoint plugins weights and avoid a plugin being loaded multiple times', () => {
    const p = plugins({
      multiPoint: { enabled: [testPlugin, scorePlugin1] },
      score: { enabled: [[scorePlugin1, 5], [scorePlugin2, 5], [testPlugin, 3]] },
    });
    expect(expand(p)).toEqual(everywhere([`${scorePlugin1}:5`, `${testPlugin}:3`, `${scorePlugin2}:5`], [testPlugin, scorePlugin1]));
  });

  it('instantiates each plugin once per profile, shared by every extension point', () => {
    let made = 0;
    const counting: PluginModule = {
      name: 'counted',
      factory: () => {
        made++;
        return { name: 'counted', filter: () => null, score: () => 0, preScore: () => null } as never;
      },
    };
    const p = plugins({ multiPoint: { enabled: [queueSortPlugin, bindPlugin, 'counted'] }, filter: { enabled: ['counted'] } });
    const r = tryBuildProfile(profile(p), testRegistry([counting]), dryRunHandle());
    if ('issue' in r) throw new Error(r.issue.message);
    expect(made).toBe(1);
    expect(r.profile.plugins.filter[0]).toBe(r.profile.plugins.score[0]!.plugin);
    expect(r.profile.plugins.all.map((x) => x.name)).toEqual([queueSortPlugin, bindPlugin, 'counted']);
  });
});

describe('TestInitFrameworkWithScorePlugins (with a queue sort and a binder)', () => {
  const withQsAndBind = (score: string[]): Plugins => plugins({ queueSort: { enabled: [queueSortPlugin] }, bind: { enabled: [bindPlugin] }, score: { enabled: score } });

  it("enabled Score plugin doesn't exist in registry", () => {
    expect(expand(withQsAndBind(['notExist']))).toBe('ScorePlugin "notExist" does not exist');
  });
  it("enabled Score plugin doesn't extend the ScorePlugin interface", () => {
    expect(expand(withQsAndBind([pluginNotImplementingScore]))).toBe(`plugin "${pluginNotImplementingScore}" does not extend ScorePlugin plugin`);
  });
  it('Score plugins are nil / empty', () => {
    expect(expand(plugins({ queueSort: { enabled: [queueSortPlugin] }, bind: { enabled: [bindPlugin] } }))).toEqual({ queueSort: [queueSortPlugin], bind: [bindPlugin] });
  });
  it('enabled plugin only implements ScorePlugin interface', () => {
    expect(expand(withQsAndBind([scorePlugin1]))).toEqual({ queueSort: [queueSortPlugin], score: [`${scorePlugin1}:1`], bind: [bindPlugin] });
  });
  it('enabled plugin implements ScoreWithNormalizePlugin interface', () => {
    expect(expand(withQsAndBind([scoreWithNormalizePlugin1]))).toEqual({ queueSort: [queueSortPlugin], score: [`${scoreWithNormalizePlugin1}:1`], bind: [bindPlugin] });
  });
  it('a weight of 0 at score becomes 1; a set weight is kept', () => {
    const p = plugins({ queueSort: { enabled: [queueSortPlugin] }, bind: { enabled: [bindPlugin] }, score: { enabled: [[scorePlugin1, 0], [scorePlugin2, 7]] } });
    expect(expand(p)).toEqual({ queueSort: [queueSortPlugin], score: [`${scorePlugin1}:1`, `${scorePlugin2}:7`], bind: [bindPlugin] });
  });
});

describe('TestNewFrameworkErrors and the other NewFramework checks', () => {
  it('duplicate plugin name', () => {
    const p = plugins({ queueSort: { enabled: [queueSortPlugin] }, bind: { enabled: [bindPlugin] }, preFilter: { enabled: [testPlugin, testPlugin] } });
    expect(expand(p)).toBe(`plugin "${testPlugin}" already registered as "PreFilterPlugin"`);
  });

  it('duplicate plugin config', () => {
    const prof = profile(plugins({ queueSort: { enabled: [queueSortPlugin] }, bind: { enabled: [bindPlugin] }, preFilter: { enabled: [testPlugin] } }));
    prof.pluginConfig = [
      { name: testPlugin, args: undefined },
      { name: testPlugin, args: undefined },
    ];
    const r = tryBuildProfile(prof, testRegistry(), dryRunHandle());
    expect('issue' in r && r.issue.message).toBe(`repeated config for plugin ${testPlugin}`);
  });

  it('needs exactly one queue sort plugin and at least one binder', () => {
    expect(expand(plugins({ bind: { enabled: [bindPlugin] } }))).toBe('only one queue sort plugin required for profile with scheduler name "test-profile", but got 0');
    expect(expand(plugins({ queueSort: { enabled: [queueSortPlugin, testPlugin] }, bind: { enabled: [bindPlugin] } }))).toBe(
      'only one queue sort plugin required for profile with scheduler name "test-profile", but got 2',
    );
    expect(expand(plugins({ queueSort: { enabled: [queueSortPlugin] } }))).toBe('at least one bind plugin is needed for profile with scheduler name "test-profile"');
  });

  it('an unknown multiPoint plugin is reported at the first extension point walked (PreFilter)', () => {
    expect(expand(plugins({ multiPoint: { enabled: ['Nope'] } }))).toBe('PreFilterPlugin "Nope" does not exist');
    expect(expand(plugins({ multiPoint: { enabled: ['Nope'] }, preFilter: { disabled: ['*'] } }))).toBe('FilterPlugin "Nope" does not exist');
  });

  it('a factory that throws is "initializing plugin"', () => {
    const broken: PluginModule = {
      name: 'broken',
      factory: () => {
        throw new Error('bad args');
      },
    };
    const r = tryBuildProfile(profile(plugins({ multiPoint: { enabled: ['broken'] } })), testRegistry([broken]), dryRunHandle());
    expect('issue' in r && r.issue.message).toBe('initializing plugin "broken": bad args');
  });

  it('buildProfile throws a ConfigError with the field path', () => {
    const p = plugins({ queueSort: { enabled: [queueSortPlugin] }, bind: { enabled: [bindPlugin] } });
    p.score.enabled = [{ name: 'Foo', weight: 1, source: 'profiles[0].plugins.score.enabled[0]' }];
    expect(() => buildProfile(profile(p), testRegistry(), dryRunHandle(), { source: 'sched.yaml' })).toThrow(ConfigError);
    try {
      buildProfile(profile(p), testRegistry(), dryRunHandle(), { source: 'sched.yaml' });
    } catch (e) {
      expect((e as ConfigError).issues[0]!.path).toBe('profiles[0].plugins.score.enabled[0]');
      expect((e as ConfigError).message).toBe('sched.yaml: ScorePlugin "Foo" does not exist');
    }
  });
});

describe('profile-level settings', () => {
  const base = plugins({ multiPoint: { enabled: [testPlugin] } });
  const node = (name: string): NodeInfo => ({ name }) as NodeInfo;

  it('carries percentageOfNodesToScore and the default random tie-break', () => {
    const prof = { ...profile(base), percentageOfNodesToScore: 35 };
    const { profile: p } = buildProfile(prof, testRegistry(), dryRunHandle());
    expect(p.schedulerName).toBe('test-profile');
    expect(p.percentageOfNodesToScore).toBe(35);
    expect(p.tieBreak).toEqual({ kind: 'random' });
  });

  it('nodeName and permutation tie-breaks; the option overrides the profile', () => {
    const prof = { ...profile(base), tieBreak: { type: 'nodeName' as const } };
    expect(buildProfile(prof, testRegistry(), dryRunHandle()).profile.tieBreak).toEqual({ kind: 'nodeName' });
    const random = new RandomStreams(42).stream('scheduler');
    const tb = buildProfile(prof, testRegistry(), dryRunHandle(), { tieBreak: { type: 'permutation', stream: 'perm' }, random }).profile.tieBreak;
    expect(tb.kind).toBe('priority');
    if (tb.kind !== 'priority') return;
    const ranks = ['a', 'b', 'c', 'd'].map((n) => tb.rank(node(n)));
    expect(new Set(ranks).size).toBe(4);
    ranks.forEach((r) => expect(r).toBeGreaterThanOrEqual(0));
    // The same seed and stream give the same order, whatever order nodes are ranked in.
    const again = buildProfile(prof, testRegistry(), dryRunHandle(), { tieBreak: { type: 'permutation', stream: 'perm' }, random: new RandomStreams(42).stream('scheduler') }).profile.tieBreak;
    if (again.kind !== 'priority') throw new Error('expected priority');
    expect(['d', 'c', 'b', 'a'].map((n) => again.rank(node(n))).reverse()).toEqual(ranks);
    // Another seed, another order.
    const other = buildProfile(prof, testRegistry(), dryRunHandle(), { tieBreak: { type: 'permutation', stream: 'perm' }, random: new RandomStreams(43).stream('scheduler') }).profile.tieBreak;
    if (other.kind !== 'priority') throw new Error('expected priority');
    expect(['a', 'b', 'c', 'd'].map((n) => other.rank(node(n)))).not.toEqual(ranks);
  });
});
