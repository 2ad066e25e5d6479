/**
 * kubescheduler.config.k8s.io/v1 for kubesim: load a KubeSchedulerConfiguration
 * (YAML/JSON) with upstream's defaulting and validation, and turn its
 * profiles into runnable {@link Profile}s.
 */
export { ConfigError, type ConfigIssue } from './ConfigError.js';
export { DEFAULT_MULTI_POINT, getDefaultPlugins, mergePlugins, mergePluginSet } from './defaults.js';
export { buildProfile, implementsPoint, tryBuildProfile, type BuildProfileOptions, type BuiltProfile, type ListedPlugin, type ListedPlugins } from './framework.js';
export {
  buildProfiles,
  dryRunHandle,
  loadConfigFile,
  loadConfiguration,
  loadConfigurationObject,
  type LoadedConfiguration,
  type LoadOptions,
} from './load.js';
export { parseTieBreakFlag, permutationRank, TIE_BREAK_PLUGIN_CONFIG, toTieBreak } from './tieBreak.js';
export * from './types.js';
export { formatListedPlugins, formatLoaded, toV1Object } from './print.js';
