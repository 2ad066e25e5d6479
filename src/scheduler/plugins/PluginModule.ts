import type { Handle, Plugin } from '../framework/interfaces.js';

/** A problem with a plugin's args, at a path relative to the args object (e.g. `scoringStrategy.resources[0].weight`). */
export interface ArgsError {
  path: string;
  message: string;
}

/**
 * What each plugin file exports: the plugin's upstream name, its args'
 * defaulting and validation (as kubescheduler.config.k8s.io/v1 does), and a
 * factory. The registry lists these; the configuration layer applies them.
 */
export interface PluginModule<Args = unknown> {
  readonly name: string;
  /** The args' `kind` in pluginConfig (e.g. `NodeResourcesFitArgs`), when the plugin takes args. */
  readonly argsKind?: string;
  /** Upstream's defaulting: fills what `args` leaves out (args may be undefined). */
  defaultArgs?(args: unknown): Args;
  /** Upstream's validation of defaulted args. */
  validateArgs?(args: Args): ArgsError[];
  /** Builds the plugin for a profile. */
  factory(args: Args, handle: Handle): Plugin;
}
