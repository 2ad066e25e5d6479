import type { ListedPlugins } from './framework.js';
import type { LoadedConfiguration } from './load.js';
import { TIE_BREAK_PLUGIN_CONFIG } from './tieBreak.js';
import { CONFIG_API_VERSION, EXTENSION_POINTS, PLUGINS_KEYS, type KubeSchedulerConfiguration, type PluginSet, type TieBreakSpec } from './types.js';

/**
 * Printing a loaded configuration: the defaulted KubeSchedulerConfiguration
 * in v1 form (what `kube-scheduler --write-config-to` would write for the
 * fields kubesim reads), and each profile's plugins per extension point after
 * multiPoint expansion.
 */

function v1PluginSet(s: PluginSet): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (s.enabled.length > 0) out['enabled'] = s.enabled.map((p) => (p.weight === 0 ? { name: p.name } : { name: p.name, weight: p.weight }));
  if (s.disabled.length > 0) out['disabled'] = s.disabled.map((p) => ({ name: p.name }));
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The defaulted configuration as a kubescheduler.config.k8s.io/v1 object (args with apiVersion and kind). */
export function toV1Object(config: KubeSchedulerConfiguration): Record<string, unknown> {
  return {
    apiVersion: config.apiVersion,
    kind: config.kind,
    parallelism: config.parallelism,
    percentageOfNodesToScore: config.percentageOfNodesToScore,
    podInitialBackoffSeconds: config.podInitialBackoffSeconds,
    podMaxBackoffSeconds: config.podMaxBackoffSeconds,
    profiles: config.profiles.map((p) => {
      const plugins: Record<string, unknown> = {};
      for (const key of PLUGINS_KEYS) {
        const set = v1PluginSet(p.plugins[key]);
        if (set !== undefined) plugins[key] = set;
      }
      const out: Record<string, unknown> = { schedulerName: p.schedulerName };
      if (p.percentageOfNodesToScore !== undefined) out['percentageOfNodesToScore'] = p.percentageOfNodesToScore;
      out['plugins'] = plugins;
      out['pluginConfig'] = p.pluginConfig.map((c) => {
        if (c.name === TIE_BREAK_PLUGIN_CONFIG) return { name: c.name, args: c.args };
        if (c.argsKind === undefined) return c.args === undefined ? { name: c.name } : { name: c.name, args: c.args };
        return { name: c.name, args: { apiVersion: CONFIG_API_VERSION, kind: c.argsKind, ...(c.args as object) } };
      });
      return out;
    }),
  };
}

function tieBreakText(t: TieBreakSpec): string {
  return t.type === 'permutation' ? `permutation (stream ${JSON.stringify(t.stream)})` : t.type;
}

/** One profile's plugins, one extension point a line: `score: TaintToleration×3, NodeAffinity×2, …`. */
export function formatListedPlugins(listed: ListedPlugins, indent = '  '): string {
  const width = Math.max(...EXTENSION_POINTS.map((p) => p.length)) + 1;
  return EXTENSION_POINTS.filter((p) => listed[p].length > 0)
    .map((p) => `${indent}${`${p}:`.padEnd(width)} ${listed[p].map((l) => (l.weight === undefined ? l.name : `${l.name}×${l.weight}`)).join(', ')}`)
    .join('\n');
}

/** Every profile of a loaded configuration: name, percentageOfNodesToScore, tie-break and plugins. */
export function formatLoaded(loaded: LoadedConfiguration): string {
  const c = loaded.config;
  const lines: string[] = [];
  c.profiles.forEach((p, i) => {
    const pct = p.percentageOfNodesToScore ?? c.percentageOfNodesToScore;
    const pctText = pct === 0 ? 'adaptive' : `${pct}%`;
    lines.push(`profile ${p.schedulerName}: percentageOfNodesToScore ${pctText}, tie-break ${tieBreakText(p.tieBreak)}`);
    lines.push(formatListedPlugins(loaded.listed[i]!));
  });
  return lines.join('\n');
}
