import type { RandomStream } from '../../engine/RandomStreams.js';
import type { Profile, ProfilePlugins, WeightedScorePlugin } from '../framework/Framework.js';
import type {
  BindPlugin,
  FilterPlugin,
  Handle,
  PermitPlugin,
  Plugin,
  PostBindPlugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  ScorePlugin,
} from '../framework/interfaces.js';
import type { Registry } from './pluginRegistry.js';
import { ConfigError } from './ConfigError.js';
import { toTieBreak } from './tieBreak.js';
import {
  EXTENSION_POINT_INTERFACE,
  EXTENSION_POINTS,
  FRAMEWORK_EXTENSION_POINT_ORDER,
  type ExtensionPoint,
  type KubeSchedulerProfile,
  type PluginRef,
  type TieBreakSpec,
} from './types.js';

/**
 * A validated profile turned into a runnable {@link Profile}, as
 * frameworkruntime.NewFramework does it: each plugin enabled anywhere is
 * instantiated once with its args and the handle; each extension point gets
 * its specifically enabled plugins, then multiPoint is expanded into every
 * extension point the plugin implements (expandMultiPointPlugins); Score
 * weights come from the score list first, then multiPoint, and 0 becomes 1.
 */

/** One plugin at an extension point, as the framework lists them (ListPlugins); weight only at score. */
export interface ListedPlugin {
  name: string;
  weight?: number;
}

/** The plugins at each extension point after expansion, in execution order. */
export type ListedPlugins = Record<ExtensionPoint, ListedPlugin[]>;

/** Options of {@link buildProfile}. */
export interface BuildProfileOptions {
  /** Overrides the profile's tie-break (e.g. a command-line flag). */
  tieBreak?: TieBreakSpec;
  /** The stream the `permutation` tie-break is forked from; the handle's random stream by default. */
  random?: RandomStream;
  /** Index of the profile in its configuration, for field paths (default 0). */
  index?: number;
}

/** A built profile with its expanded plugin lists. */
export interface BuiltProfile {
  profile: Profile;
  listed: ListedPlugins;
}

/** A framework construction problem: the field path it is about and upstream's message. */
export interface FrameworkIssue {
  path: string;
  message: string;
}

type Has<K extends string> = { [k in K]: (...args: never[]) => unknown };

function hasFn<K extends string>(p: Plugin, ...names: K[]): p is Plugin & Has<K> {
  return names.every((n) => typeof (p as unknown as Record<string, unknown>)[n] === 'function');
}

/** Whether a plugin implements an extension point's interface, by the methods it has. */
export function implementsPoint(p: Plugin, point: ExtensionPoint): boolean {
  switch (point) {
    case 'queueSort':
      return hasFn(p, 'less');
    case 'preEnqueue':
      return hasFn(p, 'preEnqueue');
    case 'preFilter':
      return hasFn(p, 'preFilter');
    case 'filter':
      return hasFn(p, 'filter');
    case 'postFilter':
      return hasFn(p, 'postFilter');
    case 'preScore':
      return hasFn(p, 'preScore');
    case 'score':
      return hasFn(p, 'score');
    case 'reserve':
      return hasFn(p, 'reserve', 'unreserve');
    case 'permit':
      return hasFn(p, 'permit');
    case 'preBind':
      return hasFn(p, 'preBind');
    case 'bind':
      return hasFn(p, 'bind');
    case 'postBind':
      return hasFn(p, 'postBind');
  }
}

class BuildFailure extends Error {
  constructor(readonly issue: FrameworkIssue) {
    super(issue.message);
  }
}

/** An insertion-ordered set with deletion (framework.go's orderedSet). */
class OrderedSet {
  readonly list: string[] = [];
  private readonly set = new Set<string>();
  insert(s: string): void {
    if (this.set.has(s)) return;
    this.set.add(s);
    this.list.push(s);
  }
  has(s: string): boolean {
    return this.set.has(s);
  }
  delete(s: string): void {
    if (!this.set.delete(s)) return;
    this.list.splice(this.list.indexOf(s), 1);
  }
}

/**
 * NewFramework over a defaulted profile. Returns the built profile, or the
 * first problem NewFramework would report (it stops at the first).
 */
export function tryBuildProfile(cfg: KubeSchedulerProfile, registry: Registry, handle: Handle, options: BuildProfileOptions = {}): BuiltProfile | { issue: FrameworkIssue } {
  try {
    return build(cfg, registry, handle, options);
  } catch (e) {
    if (e instanceof BuildFailure) return { issue: e.issue };
    throw e;
  }
}

/**
 * Builds a runnable profile. Throws a {@link ConfigError} (file `source`) when
 * NewFramework would fail: an unknown plugin, a plugin at an extension point
 * it does not implement, a plugin enabled twice, no or several queue sort
 * plugins, no bind plugin, or a plugin factory that throws.
 */
export function buildProfile(cfg: KubeSchedulerProfile, registry: Registry, handle: Handle, options: BuildProfileOptions & { source?: string } = {}): BuiltProfile {
  const r = tryBuildProfile(cfg, registry, handle, options);
  if ('issue' in r) throw new ConfigError(options.source ?? 'scheduler configuration', [{ path: r.issue.path, message: r.issue.message, line: undefined }]);
  return r;
}

function build(cfg: KubeSchedulerProfile, registry: Registry, handle: Handle, options: BuildProfileOptions): BuiltProfile {
  const base = `profiles[${options.index ?? 0}]`;
  const fail = (path: string, message: string): never => {
    throw new BuildFailure({ path, message });
  };
  const pathOf = (ref: PluginRef, point: string, k: number): string => ref.source ?? `${base}.plugins.${point}.enabled[${k}]`;

  // pluginsNeeded, in a deterministic order: multiPoint first (the default profile's order), then each extension point.
  const needed: string[] = [];
  const neededSet = new Set<string>();
  for (const ref of [...cfg.plugins.multiPoint.enabled, ...EXTENSION_POINTS.flatMap((p) => cfg.plugins[p].enabled)]) {
    if (!neededSet.has(ref.name)) {
      neededSet.add(ref.name);
      needed.push(ref.name);
    }
  }

  const pluginConfig = new Map<string, { args: unknown; source: string | undefined }>();
  cfg.pluginConfig.forEach((pc, j) => {
    if (pluginConfig.has(pc.name)) fail(pc.source ?? `${base}.pluginConfig[${j}]`, `repeated config for plugin ${pc.name}`);
    pluginConfig.set(pc.name, { args: pc.args, source: pc.source ?? `${base}.pluginConfig[${j}]` });
  });

  const pluginsMap = new Map<string, Plugin>();
  for (const name of needed) {
    const mod = registry.get(name);
    if (mod === undefined) continue;
    const entry = pluginConfig.get(name);
    let plugin: Plugin;
    try {
      const args = entry !== undefined ? entry.args : mod.defaultArgs?.(undefined);
      plugin = mod.factory(args, handle);
    } catch (e) {
      return fail(entry?.source ?? `${base}.plugins`, `initializing plugin ${JSON.stringify(name)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    pluginsMap.set(name, plugin);
  }

  const lists = {} as Record<ExtensionPoint, Plugin[]>;
  for (const point of EXTENSION_POINTS) lists[point] = [];

  // updatePluginList for each extension point.
  for (const point of FRAMEWORK_EXTENSION_POINT_ORDER) {
    const iface = EXTENSION_POINT_INTERFACE[point];
    const seen = new Set<string>();
    cfg.plugins[point].enabled.forEach((ref, k) => {
      const pg = pluginsMap.get(ref.name);
      if (pg === undefined) fail(pathOf(ref, point, k), `${iface} ${JSON.stringify(ref.name)} does not exist`);
      if (!implementsPoint(pg!, point)) fail(pathOf(ref, point, k), `plugin ${JSON.stringify(ref.name)} does not extend ${iface} plugin`);
      if (seen.has(ref.name)) fail(pathOf(ref, point, k), `plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(iface)}`);
      seen.add(ref.name);
      lists[point].push(pg!);
    });
  }

  // expandMultiPointPlugins.
  const multi = cfg.plugins.multiPoint.enabled;
  if (multi.length > 0) {
    for (const point of FRAMEWORK_EXTENSION_POINT_ORDER) {
      const iface = EXTENSION_POINT_INTERFACE[point];
      const enabledSet = new OrderedSet();
      for (const ref of cfg.plugins[point].enabled) enabledSet.insert(ref.name);
      const disabledSet = new Set(cfg.plugins[point].disabled.map((d) => d.name));
      if (disabledSet.has('*')) continue;
      const multiPointEnabled = new OrderedSet();
      const overridePlugins = new OrderedSet();
      multi.forEach((ref, k) => {
        const pg = pluginsMap.get(ref.name);
        const path = ref.source ?? `${base}.plugins.multiPoint.enabled[${k}]`;
        if (pg === undefined) fail(path, `${iface} ${JSON.stringify(ref.name)} does not exist`);
        if (!implementsPoint(pg!, point)) return;
        if (disabledSet.has(ref.name)) return;
        if (enabledSet.has(ref.name)) {
          overridePlugins.insert(ref.name);
          return;
        }
        if (multiPointEnabled.has(ref.name)) fail(path, `plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(iface)}`);
        multiPointEnabled.insert(ref.name);
      });
      // Order: explicitly re-configured plugins (in their extension point's order),
      // then plugins from multiPoint, then the extension point's other plugins.
      const order: string[] = [];
      for (const name of [...enabledSet.list]) {
        if (overridePlugins.has(name)) {
          order.push(name);
          enabledSet.delete(name);
        }
      }
      order.push(...multiPointEnabled.list, ...enabledSet.list);
      lists[point] = order.map((n) => pluginsMap.get(n)!);
    }
  }

  const name = cfg.schedulerName;
  if (lists.queueSort.length !== 1) {
    fail(`${base}.plugins.queueSort`, `only one queue sort plugin required for profile with scheduler name ${JSON.stringify(name)}, but got ${lists.queueSort.length}`);
  }
  if (lists.bind.length === 0) fail(`${base}.plugins.bind`, `at least one bind plugin is needed for profile with scheduler name ${JSON.stringify(name)}`);

  // getScoreWeights: the score list's weight wins over multiPoint's; 0 means 1.
  const weights = new Map<string, number>();
  for (const ref of [...cfg.plugins.score.enabled, ...multi]) {
    const pg = pluginsMap.get(ref.name);
    if (pg === undefined || !implementsPoint(pg, 'score') || weights.has(ref.name)) continue;
    weights.set(ref.name, ref.weight === 0 ? 1 : ref.weight);
  }
  const nameOf = new Map<Plugin, string>();
  for (const [n, p] of pluginsMap) nameOf.set(p, n);
  const score: WeightedScorePlugin[] = lists.score.map((p) => ({ plugin: p as ScorePlugin, weight: weights.get(nameOf.get(p) ?? p.name) ?? 1 }));

  const plugins: ProfilePlugins = {
    queueSort: lists.queueSort[0] as QueueSortPlugin,
    preEnqueue: lists.preEnqueue as PreEnqueuePlugin[],
    preFilter: lists.preFilter as PreFilterPlugin[],
    filter: lists.filter as FilterPlugin[],
    postFilter: lists.postFilter as PostFilterPlugin[],
    preScore: lists.preScore as PreScorePlugin[],
    score,
    reserve: lists.reserve as ReservePlugin[],
    permit: lists.permit as PermitPlugin[],
    preBind: lists.preBind as PreBindPlugin[],
    bind: lists.bind as BindPlugin[],
    postBind: lists.postBind as PostBindPlugin[],
    all: [...pluginsMap.values()],
  };

  const listed = {} as ListedPlugins;
  for (const point of EXTENSION_POINTS) {
    listed[point] =
      point === 'score'
        ? score.map((s) => ({ name: nameOf.get(s.plugin) ?? s.plugin.name, weight: s.weight }))
        : lists[point].map((p) => ({ name: nameOf.get(p) ?? p.name }));
  }

  const tieBreakSpec = options.tieBreak ?? cfg.tieBreak;
  const profile: Profile = {
    schedulerName: name,
    plugins,
    percentageOfNodesToScore: cfg.percentageOfNodesToScore,
    tieBreak: toTieBreak(tieBreakSpec, options.random ?? handle.random),
  };
  return { profile, listed };
}
