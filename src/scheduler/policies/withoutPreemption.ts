/**
 * A loaded configuration with every PostFilter plugin off, for runs where a
 * pod that does not fit is dropped rather than retried (the FGD paper's
 * placement method). With one pod priority, as in the openb trace,
 * DefaultPreemption could never find a victim, so the placements are the
 * same; the saving is the what-if evaluation on every node per failed pod.
 */
import type { LoadedConfiguration } from '../config/load.js';

/** A copy of `loaded` whose profiles disable `'*'` at postFilter (the `listed` view is left as loaded). */
export function withoutPreemption(loaded: LoadedConfiguration): LoadedConfiguration {
  const profiles = loaded.config.profiles.map((p) => ({
    ...p,
    plugins: { ...p.plugins, postFilter: { enabled: [], disabled: [{ name: '*', weight: 0 }] } },
  }));
  return { ...loaded, config: { ...loaded.config, profiles } };
}
