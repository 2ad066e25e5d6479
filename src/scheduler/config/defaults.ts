import type { Registry } from './pluginRegistry.js';
import type { DecodedConfig, DecodedPluginSet, DecodedProfile, DecodeIssue } from './decode.js';
import { parseTieBreak, TIE_BREAK_PLUGIN_CONFIG } from './tieBreak.js';
import {
  CONFIG_API_VERSION,
  CONFIG_KIND,
  DEFAULT_PARALLELISM,
  DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
  DEFAULT_POD_INITIAL_BACKOFF_SECONDS,
  DEFAULT_POD_MAX_BACKOFF_SECONDS,
  DEFAULT_SCHEDULER_NAME,
  emptyPlugins,
  PLUGINS_KEYS,
  type KubeSchedulerConfiguration,
  type KubeSchedulerProfile,
  type PluginConfigEntry,
  type PluginRef,
  type Plugins,
  type PluginSet,
  type TieBreakSpec,
} from './types.js';

/**
 * Upstream's defaulting of kubescheduler.config.k8s.io/v1
 * (pkg/scheduler/apis/config/v1/{defaults.go,default_plugins.go}).
 */

/**
 * The v1.34.1 default profile: one MultiPoint list, whose order is also the
 * execution order at every extension point, with the Score weights.
 * DynamicResources is inserted before DefaultPreemption because the
 * DynamicResourceAllocation gate is on (GA) in v1.34.
 */
export const DEFAULT_MULTI_POINT: readonly { readonly name: string; readonly weight?: number }[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DynamicResources' },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

/** getDefaultPlugins(): the default profile's plugins (MultiPoint only). */
export function getDefaultPlugins(): Plugins {
  const p = emptyPlugins();
  p.multiPoint.enabled = DEFAULT_MULTI_POINT.map((e) => ({ name: e.name, weight: e.weight ?? 0 }));
  return p;
}

/**
 * mergePluginSet: the custom set merged into the default one. Disabled
 * plugins (custom first, then the default set's own) are recorded; unless
 * `*` is disabled, default plugins that are not disabled keep their place,
 * replaced in place by a custom entry of the same name (the last such entry
 * wins, as upstream's map does); the custom plugins that replaced nothing are
 * appended in their order — duplicates included, for the framework to reject.
 */
export function mergePluginSet(defaultSet: PluginSet, custom: { enabled?: readonly PluginRef[] | undefined; disabled?: readonly PluginRef[] | undefined }): PluginSet {
  const customEnabled = custom.enabled ?? [];
  const disabled: PluginRef[] = [];
  const disabledNames = new Set<string>();
  for (const d of custom.disabled ?? []) {
    disabled.push(d.source === undefined ? { name: d.name, weight: 0 } : { name: d.name, weight: 0, source: d.source });
    disabledNames.add(d.name);
  }
  for (const d of defaultSet.disabled) {
    disabled.push({ name: d.name, weight: 0 });
    disabledNames.add(d.name);
  }
  const customIndex = new Map<string, number>();
  customEnabled.forEach((p, i) => customIndex.set(p.name, i));
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabledNames.has('*')) {
    for (const def of defaultSet.enabled) {
      if (disabledNames.has(def.name)) continue;
      const i = customIndex.get(def.name);
      if (i !== undefined) {
        enabled.push({ ...customEnabled[i]! });
        replaced.add(i);
      } else {
        enabled.push({ ...def });
      }
    }
  }
  customEnabled.forEach((p, i) => {
    if (!replaced.has(i)) enabled.push({ ...p });
  });
  return { enabled, disabled };
}

/** mergePlugins: every extension point (and multiPoint) merged; no custom plugins gives the defaults. */
export function mergePlugins(defaults: Plugins, custom: Partial<Record<keyof Plugins, Partial<PluginSet> | DecodedPluginSet>> | undefined): Plugins {
  if (custom === undefined) return defaults;
  const out = emptyPlugins();
  for (const key of PLUGINS_KEYS) {
    const c = custom[key];
    out[key] = mergePluginSet(defaults[key], { enabled: c?.enabled, disabled: c?.disabled });
  }
  return out;
}

/** pluginsNames: the sorted names enabled anywhere in the profile (multiPoint included). */
export function pluginsNames(p: Plugins): string[] {
  const names = new Set<string>();
  for (const key of PLUGINS_KEYS) for (const e of p[key].enabled) names.add(e.name);
  return [...names].sort();
}

/** The issues defaulting found, with a field path each. */
export type DefaultingIssue = DecodeIssue;

/**
 * Decodes one pluginConfig entry's args against the plugin's module and
 * applies its defaulting (scheme.Default). Out-of-tree names with no module
 * keep their args as written.
 */
function defaultEntry(
  entry: { name: string; args: Record<string, unknown> | undefined; source?: string },
  path: string,
  profileIndex: number,
  entryIndex: number,
  registry: Registry,
  issues: DefaultingIssue[],
): PluginConfigEntry {
  const out: PluginConfigEntry = { name: entry.name, args: entry.args };
  if (entry.source !== undefined) out.source = entry.source;
  const mod = registry.get(entry.name);
  if (mod === undefined) return out;
  const raw = entry.args === undefined ? undefined : { ...entry.args };
  if (raw !== undefined) {
    const kind = raw['kind'];
    const apiVersion = raw['apiVersion'];
    delete raw['kind'];
    delete raw['apiVersion'];
    const where = `decoding .profiles[${profileIndex}].pluginConfig[${entryIndex}]`;
    if (mod.argsKind !== undefined) {
      if (apiVersion !== undefined && apiVersion !== CONFIG_API_VERSION) {
        issues.push({ path: `${path}.args.apiVersion`, message: `${where}: decoding args for plugin ${entry.name}: no kind ${JSON.stringify(String(kind ?? mod.argsKind))} is registered for version ${JSON.stringify(String(apiVersion))}` });
        return out;
      }
      if (kind !== undefined && kind !== mod.argsKind) {
        issues.push({
          path: `${path}.args.kind`,
          message: `${where}: args for plugin ${entry.name} were not of type ${mod.argsKind}.kubescheduler.config.k8s.io, got ${String(kind)}.kubescheduler.config.k8s.io`,
        });
        return out;
      }
    }
  }
  if (mod.argsKind !== undefined) out.argsKind = mod.argsKind;
  if (mod.defaultArgs === undefined) {
    out.args = raw;
    return out;
  }
  try {
    out.args = mod.defaultArgs(raw);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const field = /unknown field "([^"]+)"/.exec(msg)?.[1];
    issues.push({
      path: field === undefined ? `${path}.args` : `${path}.args.${field}`,
      message: `decoding .profiles[${profileIndex}].pluginConfig[${entryIndex}]: decoding args for plugin ${entry.name}: ${msg}`,
    });
    return out;
  }
  if (mod.argsKind !== undefined && raw !== undefined) {
    for (const field of unknownFields(raw, out.args, '')) {
      issues.push({
        path: `${path}.args.${field}`,
        message: `decoding .profiles[${profileIndex}].pluginConfig[${entryIndex}]: decoding args for plugin ${entry.name}: strict decoding error: unknown field ${JSON.stringify(field)}`,
      });
    }
  }
  return out;
}

/**
 * Strict decoding of args, without a schema: a field the user wrote that the
 * plugin's defaulting did not keep is one the args type does not have. Nulls
 * are skipped (a nil pointer); lists are compared item by item when the
 * defaulting kept their length.
 */
function unknownFields(written: unknown, kept: unknown, prefix: string): string[] {
  if (typeof written !== 'object' || written === null || typeof kept !== 'object' || kept === null) return [];
  if (Array.isArray(written)) {
    if (!Array.isArray(kept) || kept.length !== written.length) return [];
    return written.flatMap((w, i) => unknownFields(w, kept[i], `${prefix}[${i}]`));
  }
  if (Array.isArray(kept)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(written)) {
    if (v === null || v === undefined) continue;
    const path = prefix === '' ? k : `${prefix}.${k}`;
    if (!(k in kept)) out.push(path);
    else out.push(...unknownFields(v, (kept as Record<string, unknown>)[k], path));
  }
  return out;
}

/** setDefaults_KubeSchedulerProfile: default plugins merged in, then default args for enabled plugins. */
function defaultProfile(p: DecodedProfile, i: number, schedulerName: string, registry: Registry, issues: DefaultingIssue[]): KubeSchedulerProfile {
  const plugins = mergePlugins(getDefaultPlugins(), p.plugins);
  const pluginConfig: PluginConfigEntry[] = [];
  let tieBreak: TieBreakSpec = { type: 'random' };
  const existing = new Set<string>();
  p.pluginConfig.forEach((entry, j) => {
    existing.add(entry.name);
    if (entry.name === TIE_BREAK_PLUGIN_CONFIG) {
      const parsed = parseTieBreak(entry.args, `${entry.source}.args`);
      if ('issues' in parsed) issues.push(...parsed.issues);
      else tieBreak = parsed.spec;
      pluginConfig.push({ name: entry.name, args: 'spec' in parsed ? parsed.spec : entry.args, source: entry.source });
      return;
    }
    pluginConfig.push(defaultEntry(entry, entry.source, i, j, registry, issues));
  });
  for (const name of pluginsNames(plugins)) {
    if (existing.has(name)) continue;
    const mod = registry.get(name);
    if (mod?.argsKind === undefined) continue;
    const j = pluginConfig.length;
    pluginConfig.push(defaultEntry({ name, args: undefined }, `profiles[${i}].pluginConfig[${j}]`, i, j, registry, issues));
  }
  return { schedulerName, percentageOfNodesToScore: p.percentageOfNodesToScore, plugins, pluginConfig, tieBreak };
}

/**
 * SetDefaults_KubeSchedulerConfiguration over decoded data: global defaults,
 * one profile when there is none, "default-scheduler" as the name of a lone
 * unnamed profile, and each profile's plugins and args defaulted.
 */
export function setDefaults(decoded: DecodedConfig, registry: Registry): { config: KubeSchedulerConfiguration; issues: DefaultingIssue[] } {
  const issues: DefaultingIssue[] = [];
  const profiles: DecodedProfile[] =
    decoded.profiles.length > 0
      ? decoded.profiles
      : [{ schedulerName: undefined, percentageOfNodesToScore: undefined, plugins: undefined, pluginConfig: [], source: 'profiles' }];
  const lone = profiles.length === 1;
  const config: KubeSchedulerConfiguration = {
    apiVersion: CONFIG_API_VERSION,
    kind: CONFIG_KIND,
    parallelism: decoded.parallelism ?? DEFAULT_PARALLELISM,
    percentageOfNodesToScore: decoded.percentageOfNodesToScore ?? DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
    podInitialBackoffSeconds: decoded.podInitialBackoffSeconds ?? DEFAULT_POD_INITIAL_BACKOFF_SECONDS,
    podMaxBackoffSeconds: decoded.podMaxBackoffSeconds ?? DEFAULT_POD_MAX_BACKOFF_SECONDS,
    profiles: profiles.map((p, i) => defaultProfile(p, i, p.schedulerName ?? (lone ? DEFAULT_SCHEDULER_NAME : ''), registry, issues)),
  };
  return { config, issues };
}
