import type { PluginModule } from '../plugins/PluginModule.js';

/**
 * Registries of plugin modules (frameworkruntime.Registry): plugin name →
 * module. The in-tree registry is in plugins/registry.ts; this file holds
 * what does not need the plugins themselves.
 */

/** Plugin name → module. */
export type Registry = ReadonlyMap<string, PluginModule>;

/** True for an object that looks like a PluginModule (a string `name` and a `factory` function). */
export function isPluginModule(v: unknown): v is PluginModule {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { name?: unknown }).name === 'string' &&
    typeof (v as { factory?: unknown }).factory === 'function'
  );
}

/** Builds a registry from modules; a name registered twice is an error (Registry.Register). */
export function makeRegistry(modules: readonly PluginModule[]): Registry {
  return mergeRegistry(new Map(), modules);
}

/**
 * `base` plus `modules` (Registry.Merge): a module whose name is already
 * registered is an error, `a plugin named X already exists`.
 */
export function mergeRegistry(base: Registry, modules: readonly PluginModule[]): Registry {
  const m = new Map(base);
  for (const mod of modules) {
    if (m.has(mod.name)) throw new Error(`a plugin named ${mod.name} already exists`);
    m.set(mod.name, mod);
  }
  return m;
}
