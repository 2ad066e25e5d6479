/**
 * Injecting FGD's target workload into a loaded configuration: a run that
 * knows its trace (the openb placement runner) computes the typical pods
 * (src/gpu/frag.ts typicalPods) and hands them to every FGDScore of the
 * configuration, as the paper's simulator passes its typicalPods to the
 * plugin factory.
 */
import type { TargetShape } from '../../gpu/frag.js';
import type { LoadedConfiguration } from '../config/load.js';
import { FGD_SCORE, type FGDScoreArgs } from '../plugins/gpu/FGDScore.js';

/**
 * A copy of `loaded` whose FGDScore args (in every profile that has an
 * FGDScore pluginConfig entry, which defaulting adds wherever the plugin is
 * enabled) carry `target` as targetWorkload. Other profiles and plugins are
 * shared unchanged.
 */
export function withTargetWorkload(loaded: LoadedConfiguration, target: readonly TargetShape[]): LoadedConfiguration {
  const targetWorkload = target.map((t) => ({ ...t, models: [...t.models] }));
  const profiles = loaded.config.profiles.map((p) => {
    if (!p.pluginConfig.some((c) => c.name === FGD_SCORE)) return p;
    const pluginConfig = p.pluginConfig.map((c) => (c.name === FGD_SCORE ? { ...c, args: { ...(c.args as FGDScoreArgs), targetWorkload } } : c));
    return { ...p, pluginConfig };
  });
  return { ...loaded, config: { ...loaded.config, profiles } };
}
