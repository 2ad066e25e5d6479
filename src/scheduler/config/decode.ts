import { CONFIG_API_VERSION, CONFIG_KIND, EXTENSION_POINTS, type PluginRef, type PluginsKey } from './types.js';

/**
 * Strict decoding of kubescheduler.config.k8s.io/v1 data, as kube-scheduler's
 * codec does it (serializer.EnableStrict): unknown fields, duplicate fields
 * and values of the wrong JSON type are errors. The result keeps what the
 * file left out as undefined, so defaulting can tell "absent" from "zero".
 */

/** A decoding problem at a field path. */
export interface DecodeIssue {
  path: string;
  message: string;
}

/** One entry of a decoded enabled/disabled list. */
export type DecodedPluginRef = PluginRef & { source: string };

export interface DecodedPluginSet {
  enabled: DecodedPluginRef[] | undefined;
  disabled: DecodedPluginRef[] | undefined;
}

export interface DecodedPluginConfig {
  name: string;
  /** The args object as written (apiVersion/kind included), or undefined. */
  args: Record<string, unknown> | undefined;
  source: string;
}

export interface DecodedProfile {
  schedulerName: string | undefined;
  percentageOfNodesToScore: number | undefined;
  /** Undefined when the profile has no `plugins` (upstream's nil). */
  plugins: Partial<Record<PluginsKey, DecodedPluginSet>> | undefined;
  pluginConfig: DecodedPluginConfig[];
  source: string;
}

export interface DecodedLeaderElection {
  leaderElect: boolean | undefined;
  resourceLock: string | undefined;
}

export interface DecodedConfig {
  parallelism: number | undefined;
  percentageOfNodesToScore: number | undefined;
  podInitialBackoffSeconds: number | undefined;
  podMaxBackoffSeconds: number | undefined;
  leaderElection: DecodedLeaderElection;
  profiles: DecodedProfile[];
  /** Whether the file lists any extenders (kubesim does not simulate them). */
  hasExtenders: boolean;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The JSON type name Go's encoding/json prints for a value. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  return typeof v;
}

/** Go's message for a value of the wrong type. */
function typeError(path: string, v: unknown, goType: string): DecodeIssue {
  const what = typeof v === 'number' ? `number ${String(v)}` : jsonType(v);
  return { path, message: `${path}: cannot unmarshal ${what} into Go value of type ${goType}` };
}

class Decoder {
  readonly issues: DecodeIssue[] = [];

  private child(parent: string, name: string): string {
    return parent === '' ? name : `${parent}.${name}`;
  }

  /** The object at `path`, checking that it has only `known` keys; undefined when absent or null. */
  object(v: unknown, path: string, known: readonly string[], goType: string): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.issues.push(typeError(path, v, goType));
      return undefined;
    }
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const p = this.child(path, key);
        this.issues.push({ path: p, message: `strict decoding error: unknown field "${p}"` });
      }
    }
    return obj;
  }

  list(v: unknown, path: string, goType: string): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.issues.push(typeError(path, v, goType));
      return undefined;
    }
    return v;
  }

  string(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.issues.push(typeError(path, v, 'string'));
      return undefined;
    }
    return v;
  }

  bool(v: unknown, path: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.issues.push(typeError(path, v, 'bool'));
      return undefined;
    }
    return v;
  }

  int(v: unknown, path: string, bits: 32 | 64): number | undefined {
    if (v === undefined || v === null) return undefined;
    const goType = bits === 32 ? 'int32' : 'int64';
    if (typeof v !== 'number' || !Number.isInteger(v) || (bits === 32 && (v < INT32_MIN || v > INT32_MAX)) || !Number.isSafeInteger(v)) {
      this.issues.push(typeError(path, v, goType));
      return undefined;
    }
    return v;
  }

  number(v: unknown, path: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number') {
      this.issues.push(typeError(path, v, 'float32'));
      return undefined;
    }
    return v;
  }
}

const TOP_FIELDS = [
  'apiVersion',
  'kind',
  'parallelism',
  'leaderElection',
  'clientConnection',
  'enableProfiling',
  'enableContentionProfiling',
  'percentageOfNodesToScore',
  'podInitialBackoffSeconds',
  'podMaxBackoffSeconds',
  'profiles',
  'extenders',
  'delayCacheUntilActive',
] as const;
const LEADER_ELECTION_FIELDS = ['leaderElect', 'leaseDuration', 'renewDeadline', 'retryPeriod', 'resourceLock', 'resourceName', 'resourceNamespace'];
const CLIENT_CONNECTION_FIELDS = ['kubeconfig', 'acceptContentTypes', 'contentType', 'qps', 'burst'];
const PROFILE_FIELDS = ['schedulerName', 'percentageOfNodesToScore', 'plugins', 'pluginConfig'];
const PLUGINS_FIELDS: readonly PluginsKey[] = [...EXTENSION_POINTS, 'multiPoint'];

/**
 * Decodes a KubeSchedulerConfiguration document. Returns the decoded config
 * and the problems found; the config is usable only when there are none.
 */
export function decodeConfiguration(doc: unknown): { config: DecodedConfig; issues: DecodeIssue[] } {
  const d = new Decoder();
  const config: DecodedConfig = {
    parallelism: undefined,
    percentageOfNodesToScore: undefined,
    podInitialBackoffSeconds: undefined,
    podMaxBackoffSeconds: undefined,
    leaderElection: { leaderElect: undefined, resourceLock: undefined },
    profiles: [],
    hasExtenders: false,
  };
  if (doc === undefined || doc === null) {
    d.issues.push({ path: '', message: `Object 'Kind' is missing in the document: expected apiVersion: ${CONFIG_API_VERSION}, kind: ${CONFIG_KIND}` });
    return { config, issues: d.issues };
  }
  const top = d.object(doc, '', TOP_FIELDS, 'config.KubeSchedulerConfiguration');
  if (top === undefined) return { config, issues: d.issues };

  const apiVersion = top['apiVersion'];
  const kind = top['kind'];
  if (kind === undefined || kind === null || kind === '') {
    d.issues.push({ path: 'kind', message: `Object 'Kind' is missing: expected kind: ${CONFIG_KIND}` });
  } else if (kind !== CONFIG_KIND) {
    d.issues.push({ path: 'kind', message: `no kind ${JSON.stringify(String(kind))} is registered for version ${JSON.stringify(String(apiVersion ?? ''))}: expected kind: ${CONFIG_KIND}` });
  }
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
    d.issues.push({ path: 'apiVersion', message: `Object 'apiVersion' is missing: expected apiVersion: ${CONFIG_API_VERSION}` });
  } else if (apiVersion !== CONFIG_API_VERSION) {
    d.issues.push({
      path: 'apiVersion',
      message: `no kind "${CONFIG_KIND}" is registered for version ${JSON.stringify(String(apiVersion))} (kube-scheduler v1.34 reads ${CONFIG_API_VERSION} only)`,
    });
  }

  config.parallelism = d.int(top['parallelism'], 'parallelism', 32);
  config.percentageOfNodesToScore = d.int(top['percentageOfNodesToScore'], 'percentageOfNodesToScore', 32);
  config.podInitialBackoffSeconds = d.int(top['podInitialBackoffSeconds'], 'podInitialBackoffSeconds', 64);
  config.podMaxBackoffSeconds = d.int(top['podMaxBackoffSeconds'], 'podMaxBackoffSeconds', 64);
  d.bool(top['enableProfiling'], 'enableProfiling');
  d.bool(top['enableContentionProfiling'], 'enableContentionProfiling');
  d.bool(top['delayCacheUntilActive'], 'delayCacheUntilActive');

  const le = d.object(top['leaderElection'], 'leaderElection', LEADER_ELECTION_FIELDS, 'v1alpha1.LeaderElectionConfiguration');
  if (le !== undefined) {
    config.leaderElection.leaderElect = d.bool(le['leaderElect'], 'leaderElection.leaderElect');
    config.leaderElection.resourceLock = d.string(le['resourceLock'], 'leaderElection.resourceLock');
    d.string(le['resourceName'], 'leaderElection.resourceName');
    d.string(le['resourceNamespace'], 'leaderElection.resourceNamespace');
    for (const k of ['leaseDuration', 'renewDeadline', 'retryPeriod']) d.string(le[k], `leaderElection.${k}`);
  }
  const cc = d.object(top['clientConnection'], 'clientConnection', CLIENT_CONNECTION_FIELDS, 'v1alpha1.ClientConnectionConfiguration');
  if (cc !== undefined) {
    for (const k of ['kubeconfig', 'acceptContentTypes', 'contentType']) d.string(cc[k], `clientConnection.${k}`);
    d.number(cc['qps'], 'clientConnection.qps');
    d.int(cc['burst'], 'clientConnection.burst', 32);
  }
  const extenders = d.list(top['extenders'], 'extenders', '[]v1.Extender');
  config.hasExtenders = extenders !== undefined && extenders.length > 0;

  const profiles = d.list(top['profiles'], 'profiles', '[]v1.KubeSchedulerProfile') ?? [];
  profiles.forEach((p, i) => {
    const path = `profiles[${i}]`;
    const obj = d.object(p, path, PROFILE_FIELDS, 'v1.KubeSchedulerProfile');
    const profile: DecodedProfile = { schedulerName: undefined, percentageOfNodesToScore: undefined, plugins: undefined, pluginConfig: [], source: path };
    config.profiles.push(profile);
    if (obj === undefined) return;
    profile.schedulerName = d.string(obj['schedulerName'], `${path}.schedulerName`);
    profile.percentageOfNodesToScore = d.int(obj['percentageOfNodesToScore'], `${path}.percentageOfNodesToScore`, 32);
    const plugins = d.object(obj['plugins'], `${path}.plugins`, PLUGINS_FIELDS, 'v1.Plugins');
    if (plugins !== undefined) {
      profile.plugins = {};
      for (const key of PLUGINS_FIELDS) {
        const setPath = `${path}.plugins.${key}`;
        const set = d.object(plugins[key], setPath, ['enabled', 'disabled'], 'v1.PluginSet');
        if (set === undefined) continue;
        profile.plugins[key] = {
          enabled: decodePluginList(d, set['enabled'], `${setPath}.enabled`),
          disabled: decodePluginList(d, set['disabled'], `${setPath}.disabled`),
        };
      }
    }
    const pcs = d.list(obj['pluginConfig'], `${path}.pluginConfig`, '[]v1.PluginConfig') ?? [];
    pcs.forEach((pc, j) => {
      const pcPath = `${path}.pluginConfig[${j}]`;
      const o = d.object(pc, pcPath, ['name', 'args'], 'v1.PluginConfig');
      if (o === undefined) return;
      const name = d.string(o['name'], `${pcPath}.name`) ?? '';
      const rawArgs = o['args'];
      let args: Record<string, unknown> | undefined;
      if (rawArgs !== undefined && rawArgs !== null) {
        if (typeof rawArgs !== 'object' || Array.isArray(rawArgs)) {
          d.issues.push({ path: `${pcPath}.args`, message: `decoding .profiles[${i}].pluginConfig[${j}]: args for plugin ${name} must be an object, got ${jsonType(rawArgs)}` });
        } else {
          args = rawArgs as Record<string, unknown>;
        }
      }
      profile.pluginConfig.push({ name, args, source: pcPath });
    });
  });
  return { config, issues: d.issues };
}

function decodePluginList(d: Decoder, v: unknown, path: string): DecodedPluginRef[] | undefined {
  const items = d.list(v, path, '[]v1.Plugin');
  if (items === undefined) return undefined;
  const out: DecodedPluginRef[] = [];
  items.forEach((item, k) => {
    const p = `${path}[${k}]`;
    const o = d.object(item, p, ['name', 'weight'], 'v1.Plugin');
    if (o === undefined) {
      if (item === null || item === undefined) out.push({ name: '', weight: 0, source: p });
      return;
    }
    const name = d.string(o['name'], `${p}.name`) ?? '';
    const weight = d.int(o['weight'], `${p}.weight`, 32) ?? 0;
    out.push({ name, weight, source: p });
  });
  return out;
}
