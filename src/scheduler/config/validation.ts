import { deepEqual } from '../../api/deepEqual.js';
import { duplicate, fieldErrorToString, forbidden, GoLiteral, goQuote, invalid, required, type FieldError } from '../../api/validation/field.js';
import type { Registry } from './pluginRegistry.js';
import type { DecodedLeaderElection } from './decode.js';
import { CONFIG_API_VERSION, type KubeSchedulerConfiguration, type KubeSchedulerProfile, type PluginSet } from './types.js';

/**
 * ValidateKubeSchedulerConfiguration (pkg/scheduler/apis/config/validation),
 * over a defaulted configuration, with upstream's field paths and messages,
 * in upstream's order. What upstream finds only when it builds the framework
 * (unknown plugins, duplicates, a missing queue sort or binder) is checked by
 * buildProfile; see framework.ts.
 */

/** A validation problem: its field path and its full message (`path: body`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

function issue(e: FieldError): ValidationIssue {
  return { path: e.field, message: fieldErrorToString(e) };
}

/**
 * Plugins removed from kube-scheduler, by the version that removed them
 * (invalidPluginsByVersion). Naming one in an extension point's enabled list
 * or in pluginConfig is an error.
 */
const INVALID_PLUGINS: readonly { version: string; plugins: readonly string[] }[] = [
  { version: CONFIG_API_VERSION, plugins: ['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits'] },
];

function invalidIn(name: string): string | undefined {
  for (const v of INVALID_PLUGINS) if (v.plugins.includes(name)) return v.version;
  return undefined;
}

/** validatePluginConfig's stage list (upstream walks a map; kubesim uses this fixed order). */
const STAGES = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'] as const;

function validatePercentage(path: string, v: number | undefined): ValidationIssue[] {
  if (v !== undefined && (v < 0 || v > 100)) return [issue(invalid(path, v, 'not in valid range [0-100]'))];
  return [];
}

/** Joins an args-relative path to the args' path (`…args` + `scoringStrategy.type`). */
function argsPath(base: string, rel: string): string {
  if (rel === '') return base;
  return rel.startsWith('[') ? `${base}${rel}` : `${base}.${rel}`;
}

function validateProfile(path: string, profile: KubeSchedulerProfile, registry: Registry): ValidationIssue[] {
  const errs: ValidationIssue[] = [];
  if (profile.schedulerName === '') errs.push(issue(required(`${path}.schedulerName`)));
  errs.push(...validatePercentage(`${path}.percentageOfNodesToScore`, profile.percentageOfNodesToScore));

  for (const stage of STAGES) {
    profile.plugins[stage].enabled.forEach((p, i) => {
      const version = invalidIn(p.name);
      if (version !== undefined) {
        errs.push(
          issue(invalid(`${path}.plugins.${stage}.enabled[${i}]`, p.name, `was invalid in version ${goQuote(version)} (KubeSchedulerConfiguration is version ${goQuote(CONFIG_API_VERSION)})`)),
        );
      }
    });
  }

  const seen = new Set<string>();
  profile.pluginConfig.forEach((pc, i) => {
    const pcPath = `${path}.pluginConfig[${i}]`;
    if (seen.has(pc.name)) errs.push(issue(duplicate(pcPath, pc.name)));
    else seen.add(pc.name);
    const version = invalidIn(pc.name);
    if (version !== undefined) {
      errs.push(issue(invalid(pcPath, pc.name, `was invalid in version ${goQuote(version)} (KubeSchedulerConfiguration is version ${goQuote(CONFIG_API_VERSION)})`)));
      return;
    }
    const mod = registry.get(pc.name);
    if (mod?.validateArgs === undefined || pc.args === undefined) return;
    let argErrs;
    try {
      argErrs = mod.validateArgs(pc.args);
    } catch (e) {
      errs.push({ path: `${pcPath}.args`, message: `${pcPath}.args: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    for (const a of argErrs) {
      const p = argsPath(`${pcPath}.args`, a.path);
      errs.push({ path: p, message: `${p}: ${a.message}` });
    }
  });
  return errs;
}

/** A PluginSet as Go's `%#v` prints the internal config.PluginSet (nil for empty lists, as after conversion). */
export function goPluginSet(s: PluginSet): GoLiteral {
  const list = (ps: PluginSet['enabled']): string =>
    ps.length === 0 ? '[]config.Plugin(nil)' : `[]config.Plugin{${ps.map((p) => `config.Plugin{Name:${goQuote(p.name)}, Weight:${p.weight}}`).join(', ')}}`;
  return new GoLiteral(`config.PluginSet{Enabled:${list(s.enabled)}, Disabled:${list(s.disabled)}}`);
}

function samePluginSet(a: PluginSet, b: PluginSet): boolean {
  const eq = (x: PluginSet['enabled'], y: PluginSet['enabled']): boolean =>
    x.length === y.length && x.every((p, i) => p.name === y[i]!.name && p.weight === y[i]!.weight);
  return eq(a.enabled, b.enabled) && eq(a.disabled, b.disabled);
}

/** validateCommonQueueSort: every profile must have the queueSort set and args of the first. */
function validateCommonQueueSort(profiles: readonly KubeSchedulerProfile[]): ValidationIssue[] {
  const errs: ValidationIssue[] = [];
  const first = profiles[0]!;
  const canon = first.plugins.queueSort;
  const queueSortName = canon.enabled[0]?.name ?? '';
  if (canon.enabled.length > 1) {
    errs.push(issue(invalid('profiles[0].plugins.queueSort.Enabled', canon.enabled.length, 'only one queue sort plugin can be enabled')));
  }
  let queueSortArgs: unknown;
  for (const cfg of first.pluginConfig) if (queueSortName !== '' && cfg.name === queueSortName) queueSortArgs = cfg.args;
  for (let i = 1; i < profiles.length; i++) {
    const curr = profiles[i]!;
    if (!samePluginSet(canon, curr.plugins.queueSort)) {
      errs.push(issue(invalid(`profiles[${i}].plugins.queueSort`, goPluginSet(curr.plugins.queueSort), 'must be the same for all profiles')));
    }
    for (const cfg of curr.pluginConfig) {
      if (cfg.name === queueSortName && !deepEqual(queueSortArgs, cfg.args)) {
        errs.push(issue(invalid(`profiles[${i}].pluginConfig.args`, new GoLiteral(JSON.stringify(cfg.args) ?? 'null'), 'queueSort must be the same for all profiles')));
      }
    }
  }
  return errs;
}

/**
 * Validates a defaulted configuration. `leaderElection` and `hasExtenders`
 * come from the decoded file (kubesim keeps no other trace of them).
 */
export function validateConfiguration(
  cc: KubeSchedulerConfiguration,
  registry: Registry,
  extra: { leaderElection?: DecodedLeaderElection; hasExtenders?: boolean } = {},
): ValidationIssue[] {
  const errs: ValidationIssue[] = [];
  const le = extra.leaderElection;
  const leaderElect = le?.leaderElect ?? true;
  const resourceLock = le?.resourceLock === undefined || le.resourceLock === '' ? 'leases' : le.resourceLock;
  if (leaderElect && resourceLock !== 'leases') {
    errs.push(issue(invalid('leaderElection.resourceLock', resourceLock, 'resourceLock value must be "leases"')));
  }
  if (cc.parallelism <= 0) errs.push(issue(invalid('parallelism', cc.parallelism, 'should be an integer value greater than zero')));

  if (cc.profiles.length === 0) {
    errs.push(issue(required('profiles')));
  } else {
    const existing = new Map<string, number>();
    cc.profiles.forEach((profile, i) => {
      const path = `profiles[${i}]`;
      errs.push(...validateProfile(path, profile, registry));
      const idx = existing.get(profile.schedulerName);
      if (idx !== undefined) errs.push(issue(duplicate(`${path}.schedulerName`, new GoLiteral(`profiles[${idx}].schedulerName`))));
      existing.set(profile.schedulerName, i);
    });
    errs.push(...validateCommonQueueSort(cc.profiles));
  }

  errs.push(...validatePercentage('percentageOfNodesToScore', cc.percentageOfNodesToScore));
  if (cc.podInitialBackoffSeconds <= 0) {
    errs.push(issue(invalid('podInitialBackoffSeconds', cc.podInitialBackoffSeconds, 'must be greater than 0')));
  }
  if (cc.podMaxBackoffSeconds < cc.podInitialBackoffSeconds) {
    errs.push(issue(invalid('podMaxBackoffSeconds', cc.podMaxBackoffSeconds, 'must be greater than or equal to PodInitialBackoffSeconds')));
  }
  if (extra.hasExtenders === true) errs.push(issue(forbidden('extenders', 'kubesim does not simulate scheduler extenders')));
  return errs;
}
