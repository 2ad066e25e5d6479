/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), as kubesim
 * reads it: the fields that shape scheduling, in the form they take after
 * decoding and upstream's defaulting (the "internal" config of
 * pkg/scheduler/apis/config, where a nil weight is 0).
 */

/** The only accepted apiVersion (v1beta2/v1beta3 were removed from kube-scheduler before v1.34). */
export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
/** v1.DefaultSchedulerName. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** config.DefaultPercentageOfNodesToScore: 0 means adaptive. */
export const DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0;
export const DEFAULT_PARALLELISM = 16;
export const DEFAULT_POD_INITIAL_BACKOFF_SECONDS = 1;
export const DEFAULT_POD_MAX_BACKOFF_SECONDS = 10;

/**
 * The extension points of a profile's `plugins`, in the order upstream's
 * v1 Plugins struct declares them (the order kubesim prints them in).
 */
export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;

export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

/** `plugins` keys: the extension points and multiPoint. */
export type PluginsKey = ExtensionPoint | 'multiPoint';

/**
 * The order frameworkImpl.getExtensionPoints walks the extension points in;
 * it decides which error NewFramework reports first.
 */
export const FRAMEWORK_EXTENSION_POINT_ORDER: readonly ExtensionPoint[] = [
  'preFilter',
  'filter',
  'postFilter',
  'reserve',
  'preScore',
  'score',
  'preBind',
  'bind',
  'postBind',
  'permit',
  'preEnqueue',
  'queueSort',
];

/** The Go interface name of each extension point, as upstream's errors print it. */
export const EXTENSION_POINT_INTERFACE: Readonly<Record<ExtensionPoint, string>> = {
  preEnqueue: 'PreEnqueuePlugin',
  queueSort: 'QueueSortPlugin',
  preFilter: 'PreFilterPlugin',
  filter: 'FilterPlugin',
  postFilter: 'PostFilterPlugin',
  preScore: 'PreScorePlugin',
  score: 'ScorePlugin',
  reserve: 'ReservePlugin',
  permit: 'PermitPlugin',
  preBind: 'PreBindPlugin',
  bind: 'BindPlugin',
  postBind: 'PostBindPlugin',
};

/** One plugin in an enabled or disabled list (config.Plugin). */
export interface PluginRef {
  name: string;
  /** The weight; 0 when the file leaves it out (upstream's nil pointer converts to 0). */
  weight: number;
  /**
   * The field path this entry came from in the user's file
   * (`profiles[0].plugins.score.enabled[1]`), or undefined for an entry
   * defaulting added. Used to point errors at a line.
   */
  source?: string;
}

/** Enabled and disabled plugins of one extension point (config.PluginSet). */
export interface PluginSet {
  enabled: PluginRef[];
  disabled: PluginRef[];
}

/** The plugins of a profile per extension point, and multiPoint (config.Plugins). */
export type Plugins = Record<PluginsKey, PluginSet>;

/** One pluginConfig entry (config.PluginConfig). */
export interface PluginConfigEntry {
  name: string;
  /**
   * The args after defaulting, without apiVersion/kind. Undefined for a plugin
   * whose args kubesim does not know (an out-of-tree plugin with no module).
   */
  args: unknown;
  /** `apiVersion` and `kind` of the args object, when the plugin has an args kind. */
  argsKind?: string;
  /** The field path of the entry in the user's file, or undefined for a default one. */
  source?: string;
}

/** A kubesim extension: how selectHost breaks ties among the top-scored nodes. */
export type TieBreakSpec =
  /** kube-scheduler's way: uniformly at random from the run's seeded stream (the default). */
  | { type: 'random' }
  /** The node whose name sorts first. */
  | { type: 'nodeName' }
  /** A fixed order: a permutation of the node names seeded from the named random stream. */
  | { type: 'permutation'; stream: string };

/** One profile (config.KubeSchedulerProfile), defaulted. */
export interface KubeSchedulerProfile {
  schedulerName: string;
  /** The profile's own percentageOfNodesToScore, or undefined to use the global one. */
  percentageOfNodesToScore: number | undefined;
  plugins: Plugins;
  pluginConfig: PluginConfigEntry[];
  /** kubesim's tie-break extension (from the `kubesim.io/TieBreak` pluginConfig entry). */
  tieBreak: TieBreakSpec;
}

/** The whole configuration (config.KubeSchedulerConfiguration), defaulted. */
export interface KubeSchedulerConfiguration {
  apiVersion: typeof CONFIG_API_VERSION;
  kind: typeof CONFIG_KIND;
  parallelism: number;
  percentageOfNodesToScore: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  profiles: KubeSchedulerProfile[];
}

/** An empty PluginSet. */
export function emptyPluginSet(): PluginSet {
  return { enabled: [], disabled: [] };
}

/** Plugins with every extension point empty. */
export function emptyPlugins(): Plugins {
  return {
    multiPoint: emptyPluginSet(),
    preEnqueue: emptyPluginSet(),
    queueSort: emptyPluginSet(),
    preFilter: emptyPluginSet(),
    filter: emptyPluginSet(),
    postFilter: emptyPluginSet(),
    preScore: emptyPluginSet(),
    score: emptyPluginSet(),
    reserve: emptyPluginSet(),
    permit: emptyPluginSet(),
    preBind: emptyPluginSet(),
    bind: emptyPluginSet(),
    postBind: emptyPluginSet(),
  };
}

/** The `plugins` keys in the order upstream's defaulting walks them (pluginsNames). */
export const PLUGINS_KEYS: readonly PluginsKey[] = ['multiPoint', ...FRAMEWORK_EXTENSION_POINT_ORDER];
