import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/ConfigError.js';
import { loadConfigFile, loadConfiguration, loadConfigurationObject, type LoadedConfiguration } from '../config/load.js';
import { CONFIG_API_VERSION, CONFIG_KIND, DEFAULT_SCHEDULER_NAME } from '../config/types.js';
import type { PluginModule } from '../plugins/PluginModule.js';
import { isPluginModule, mergeRegistry, type Registry } from '../config/pluginRegistry.js';
import { inTreeRegistry } from '../plugins/registry.js';
import { BUILTIN_POLICIES, builtinPolicy, builtinPolicyNames } from './builtins.js';

/**
 * Resolving a `--policy` argument: a built-in name, a KubeSchedulerConfiguration
 * file (.yaml, .yml, .json), or a JavaScript/TypeScript module exporting plugins.
 *
 * A policy module exports (named, or as properties of its default export):
 *
 * ```js
 * export const plugins = [MyPlugin];   // PluginModule[]: name, factory, optional args handling
 * export const config = `...`;         // optional: a KubeSchedulerConfiguration, as YAML text or an object
 * ```
 *
 * Without a `plugins` export, every exported plugin module ({ name, factory })
 * is taken.
 *
 * Without `config`, the module's plugins are added to the default profile
 * through multiPoint (each registers at every extension point it implements;
 * a Score plugin gets weight 1). Give a `config` to set weights, disable
 * default plugins, or configure args.
 *
 * `.js` and `.mjs` modules are imported as they are. A `.ts` (or `.mts`) module
 * is transpiled with the `typescript` package when it is installed (it is a
 * development dependency of kubesim): the output is written next to the source
 * as a hidden `.mjs` file, imported, and deleted, so relative imports of `.js`
 * files keep working; imports of other `.ts` files do not (compile such a
 * module to JavaScript first). Node 20 cannot import TypeScript by itself.
 */

/** What a policy argument resolved to. */
export interface ResolvedPolicy {
  /** The argument as given. */
  readonly spec: string;
  readonly kind: 'builtin' | 'config' | 'module';
  /** The built-in's name, or the file's base name. */
  readonly name: string;
  /** The loaded, validated configuration (its registry includes a module's plugins). */
  readonly loaded: LoadedConfiguration;
}

export interface ResolvePolicyOptions {
  /** Relative paths are resolved against this directory (default: the process's). */
  cwd?: string;
  /** The registry to resolve plugin names in (default: the in-tree registry). */
  registry?: Registry;
}

const MODULE_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'];
const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The error for a policy that is neither a built-in nor a file. */
function unknownPolicy(spec: string): ConfigError {
  return new ConfigError(`policy ${JSON.stringify(spec)}`, [
    {
      path: '',
      message: `unknown policy: not a built-in (${builtinPolicyNames().join(', ')}), nor a KubeSchedulerConfiguration file (.yaml, .yml, .json) or a plugin module (.js, .mjs, .ts) that exists`,
      line: undefined,
    },
  ]);
}

/** Loads a built-in policy by name. Throws {@link ConfigError} for an unknown name. */
export function loadBuiltinPolicy(name: string, registry: Registry = inTreeRegistry()): LoadedConfiguration {
  const p = builtinPolicy(name);
  if (p === undefined) throw unknownPolicy(name);
  return loadConfiguration(p.yaml, { file: `policy ${JSON.stringify(name)}`, registry });
}

/**
 * Resolves a policy argument. Throws {@link ConfigError} (the CLI's exit 2)
 * for an unknown name, a missing file, an invalid configuration or a module
 * that does not load or exports no plugins.
 */
export async function resolvePolicy(spec: string, options: ResolvePolicyOptions = {}): Promise<ResolvedPolicy> {
  const registry = options.registry ?? inTreeRegistry();
  if (builtinPolicy(spec) !== undefined) {
    return { spec, kind: 'builtin', name: spec, loaded: loadBuiltinPolicy(spec, registry) };
  }
  const path = resolve(options.cwd ?? process.cwd(), spec);
  const ext = extname(path).toLowerCase();
  const isFile = existsSync(path) && statSync(path).isFile();
  if (MODULE_EXTENSIONS.includes(ext)) {
    if (!isFile) throw new ConfigError(spec, [{ path: '', message: 'no such file', line: undefined }]);
    return { spec, kind: 'module', name: basename(path), loaded: await loadPolicyModule(path, spec, registry) };
  }
  if (CONFIG_EXTENSIONS.includes(ext) || isFile) {
    if (!isFile) throw new ConfigError(spec, [{ path: '', message: 'no such file', line: undefined }]);
    return { spec, kind: 'config', name: basename(path), loaded: loadConfigFile(path, registry) };
  }
  throw unknownPolicy(spec);
}

let tempCounter = 0;

/** Imports a module file; `.ts`/`.mts` through typescript's transpileModule. */
async function importModule(path: string, display: string): Promise<Record<string, unknown>> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.ts' && ext !== '.mts') return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  let ts: typeof import('typescript');
  try {
    const m = (await import('typescript')) as unknown as { default?: typeof import('typescript') } & typeof import('typescript');
    ts = m.default ?? m;
  } catch {
    throw new ConfigError(display, [
      {
        path: '',
        message: 'a TypeScript policy module needs the "typescript" package at run time (npm install typescript), or compile the module to .js/.mjs',
        line: undefined,
      },
    ]);
  }
  const source = readFileSync(path, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: false },
  });
  const diags = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diags.length > 0) {
    throw new ConfigError(
      display,
      diags.map((d) => ({
        path: '',
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
        line: d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : undefined,
      })),
    );
  }
  const temp = join(dirname(path), `.${basename(path, ext)}.kubesim-${process.pid}-${tempCounter++}.mjs`);
  writeFileSync(temp, out.outputText);
  try {
    return (await import(pathToFileURL(temp).href)) as Record<string, unknown>;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
}

/** Loads a plugin module: its plugins join the registry, its config (or a generated one) is loaded. */
async function loadPolicyModule(path: string, display: string, base: Registry): Promise<LoadedConfiguration> {
  let ns: Record<string, unknown>;
  try {
    ns = await importModule(path, display);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(display, [{ path: '', message: `cannot load the policy module: ${e instanceof Error ? e.message : String(e)}`, line: undefined }]);
  }
  const def = ns['default'];
  const exported = (key: string): unknown => ns[key] ?? (typeof def === 'object' && def !== null ? (def as Record<string, unknown>)[key] : undefined);
  // `plugins`, or else every plugin module the file exports by name.
  const plugins = exported('plugins') ?? Object.values(ns).filter(isPluginModule);
  if (!Array.isArray(plugins) || plugins.length === 0) {
    throw new ConfigError(display, [
      { path: 'plugins', message: 'a policy module must export `plugins`: a non-empty array of plugin modules ({ name, factory }), or export plugin modules by name', line: undefined },
    ]);
  }
  const bad = plugins.findIndex((p) => !isPluginModule(p));
  if (bad >= 0) {
    throw new ConfigError(display, [{ path: `plugins[${bad}]`, message: `plugins[${bad}]: not a plugin module: it needs a string \`name\` and a \`factory\` function`, line: undefined }]);
  }
  let registry: Registry;
  try {
    registry = mergeRegistry(base, plugins as PluginModule[]);
  } catch (e) {
    throw new ConfigError(display, [{ path: 'plugins', message: e instanceof Error ? e.message : String(e), line: undefined }]);
  }
  const config = exported('config');
  const file = `${display} (config)`;
  if (typeof config === 'string') return loadConfiguration(config, { file, registry });
  if (config !== undefined && config !== null) return loadConfigurationObject(config, { file, registry });
  return loadConfigurationObject(
    {
      apiVersion: CONFIG_API_VERSION,
      kind: CONFIG_KIND,
      profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME, plugins: { multiPoint: { enabled: (plugins as PluginModule[]).map((p) => ({ name: p.name })) } } }],
    },
    { file, registry },
  );
}

export { BUILTIN_POLICIES };
