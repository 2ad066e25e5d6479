import { readFileSync } from 'node:fs';
import { RandomStreams } from '../../engine/RandomStreams.js';
import { SchedulerCache } from '../cache/Cache.js';
import { FeatureGates } from '../featureGates.js';
import type { Profile } from '../framework/Framework.js';
import type { Handle } from '../framework/interfaces.js';
import type { Registry } from './pluginRegistry.js';
import { ConfigError, type ConfigIssue } from './ConfigError.js';
import { decodeConfiguration } from './decode.js';
import { setDefaults } from './defaults.js';
import { tryBuildProfile, type BuildProfileOptions, type ListedPlugins } from './framework.js';
import { objectSource, parseConfigText, type ConfigSource } from './source.js';
import type { KubeSchedulerConfiguration } from './types.js';
import { validateConfiguration } from './validation.js';

/**
 * Loading a KubeSchedulerConfiguration: parse (YAML or JSON), decode strictly,
 * default, validate, and dry-run the framework construction of every profile
 * so that every mistake kube-scheduler would refuse to start with is reported
 * at load time, with the file, the line and the field path.
 */

/** A configuration that passed every check. */
export interface LoadedConfiguration {
  /** The defaulted configuration. */
  config: KubeSchedulerConfiguration;
  /** The registry the plugins were resolved against. */
  registry: Registry;
  /** Where it came from (file name and line lookup). */
  source: ConfigSource;
  /** Each profile's plugins per extension point after multiPoint expansion (what `kubesim explain` prints). */
  listed: ListedPlugins[];
}

export interface LoadOptions {
  registry: Registry;
  /** The name errors print (a path, or `policy "name"`); default `scheduler configuration`. */
  file?: string;
}

function toIssues(source: ConfigSource, issues: readonly { path: string; message: string }[]): ConfigIssue[] {
  return issues.map((i) => ({ path: i.path, message: i.message, line: source.lineOf(i.path) }));
}

/** A handle for constructing plugins outside a run: an empty cluster, default gates; the framework-backed calls throw. */
export function dryRunHandle(): Handle {
  const unavailable = (): never => {
    throw new Error('not available while validating a configuration');
  };
  return {
    snapshot: new SchedulerCache(),
    featureGates: new FeatureGates(),
    random: new RandomStreams('kubesim-config-dry-run').stream('scheduler'),
    runFilterPluginsWithNominatedPods: unavailable,
    runPreFilterExtensionAddPod: unavailable,
    runPreFilterExtensionRemovePod: unavailable,
    nominator: {
      hasNominatedPods: () => false,
      nominatedPodsForNode: () => [],
      addNominatedPod: unavailable,
      deleteNominatedPodIfExists: unavailable,
    },
    evictPod: unavailable,
    clearNominatedNodeName: unavailable,
  };
}

/** Loads from a parsed source. Throws {@link ConfigError}. */
export function loadFromSource(source: ConfigSource, registry: Registry): LoadedConfiguration {
  const { config: decoded, issues: decodeIssues } = decodeConfiguration(source.value);
  if (decodeIssues.length > 0) throw new ConfigError(source.file, toIssues(source, decodeIssues));

  const { config, issues: defaultIssues } = setDefaults(decoded, registry);
  if (defaultIssues.length > 0) throw new ConfigError(source.file, toIssues(source, defaultIssues));

  const validationIssues = validateConfiguration(config, registry, { leaderElection: decoded.leaderElection, hasExtenders: decoded.hasExtenders });
  if (validationIssues.length > 0) throw new ConfigError(source.file, toIssues(source, validationIssues));

  // profile.NewMap: build every profile (first error of each), then the cross-profile checks.
  const handle = dryRunHandle();
  const frameworkIssues: { path: string; message: string }[] = [];
  const listed: ListedPlugins[] = [];
  let queueSort: { name: string; args: unknown } | undefined;
  config.profiles.forEach((p, i) => {
    const r = tryBuildProfile(p, registry, handle, { index: i });
    if ('issue' in r) {
      frameworkIssues.push({ path: r.issue.path, message: `${r.issue.path}: creating profile for scheduler name ${p.schedulerName}: ${r.issue.message}` });
      return;
    }
    listed.push(r.listed);
    const qs = r.listed.queueSort[0]!.name;
    const args = p.pluginConfig.find((c) => c.name === qs)?.args;
    if (queueSort === undefined) {
      queueSort = { name: qs, args };
    } else if (queueSort.name !== qs) {
      frameworkIssues.push({
        path: `profiles[${i}].plugins`,
        message: `profiles[${i}].plugins: different queue sort plugins for profile ${JSON.stringify(p.schedulerName)}: ${JSON.stringify(qs)}, first: ${JSON.stringify(queueSort.name)}`,
      });
    } else if (JSON.stringify(queueSort.args) !== JSON.stringify(args)) {
      frameworkIssues.push({ path: `profiles[${i}].pluginConfig`, message: `profiles[${i}].pluginConfig: different queue sort plugin args for profile ${JSON.stringify(p.schedulerName)}` });
    }
  });
  if (frameworkIssues.length > 0) throw new ConfigError(source.file, toIssues(source, frameworkIssues));
  return { config, registry, source, listed };
}

/** Loads a configuration from YAML or JSON text. Throws {@link ConfigError}. */
export function loadConfiguration(text: string, options: LoadOptions): LoadedConfiguration {
  const file = options.file ?? 'scheduler configuration';
  const parsed = parseConfigText(text, file);
  if (Array.isArray(parsed)) {
    throw new ConfigError(
      file,
      parsed.map((p) => ({ path: '', message: `error converting YAML to JSON: yaml: ${p.message}`, line: p.line })),
    );
  }
  return loadFromSource(parsed, options.registry);
}

/** Loads a configuration given as data (e.g. a policy module's `config` object). Throws {@link ConfigError}. */
export function loadConfigurationObject(value: unknown, options: LoadOptions): LoadedConfiguration {
  return loadFromSource(objectSource(value, options.file ?? 'scheduler configuration'), options.registry);
}

/** Reads and loads a configuration file. Throws {@link ConfigError} (an unreadable file included). */
export function loadConfigFile(path: string, registry: Registry): LoadedConfiguration {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [{ path: '', message: code === 'ENOENT' ? 'no such file' : `cannot read: ${e instanceof Error ? e.message : String(e)}`, line: undefined }]);
  }
  return loadConfiguration(text, { file: path, registry });
}

/**
 * Builds the runnable profiles of a loaded configuration, each with its own
 * handle (the caller makes the handle, typically one whose framework-backed
 * calls go to the Framework of that profile).
 */
export function buildProfiles(
  loaded: LoadedConfiguration,
  handleFor: (schedulerName: string, index: number) => Handle,
  options: Omit<BuildProfileOptions, 'index'> = {},
): Profile[] {
  return loaded.config.profiles.map((p, i) => {
    const r = tryBuildProfile(p, loaded.registry, handleFor(p.schedulerName, i), { ...options, index: i });
    if ('issue' in r) {
      throw new ConfigError(loaded.source.file, [
        { path: r.issue.path, message: `${r.issue.path}: creating profile for scheduler name ${p.schedulerName}: ${r.issue.message}`, line: loaded.source.lineOf(r.issue.path) },
      ]);
    }
    return r.profile;
  });
}
