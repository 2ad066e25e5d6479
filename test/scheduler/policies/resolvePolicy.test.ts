/**
 * resolvePolicy: built-in names, KubeSchedulerConfiguration files, and
 * plugin modules (.mjs, .js, .ts), with the errors a user sees.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/scheduler/config/ConfigError.js';
import { resolvePolicy } from '../../../src/scheduler/policies/resolvePolicy.js';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-policy-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function rejection(spec: string, cwd = dir): Promise<ConfigError> {
  try {
    await resolvePolicy(spec, { cwd });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

/** A user plugin: a filter that accepts every node and a score that prefers node "c". */
const PLUGIN_JS = `
export const PreferC = {
  name: 'PreferC',
  factory: () => ({
    name: 'PreferC',
    filter: () => null,
    score: (_state, _pod, node) => (node.name === 'c' ? 100 : 0),
  }),
};
`;

describe('resolvePolicy', () => {
  it('resolves a built-in name', async () => {
    const r = await resolvePolicy('most-allocated');
    expect(r.kind).toBe('builtin');
    expect(r.name).toBe('most-allocated');
    expect(r.loaded.source.file).toBe('policy "most-allocated"');
  });

  it('an unknown name lists the built-ins', async () => {
    const e = await rejection('mostallocated');
    expect(e.message).toBe(
      'policy "mostallocated": unknown policy: not a built-in (default, least-allocated, most-allocated, balanced-allocation, requested-to-capacity-ratio, random, dot-product, gpu-clustering, gpu-packing, best-fit, fgd), nor a KubeSchedulerConfiguration file (.yaml, .yml, .json) or a plugin module (.js, .mjs, .ts) that exists',
    );
  });

  it('loads a KubeSchedulerConfiguration file, relative to cwd', async () => {
    file('sched.yaml', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: mine\n');
    const r = await resolvePolicy('sched.yaml', { cwd: dir });
    expect(r.kind).toBe('config');
    expect(r.name).toBe('sched.yaml');
    expect(r.loaded.config.profiles[0]!.schedulerName).toBe('mine');
  });

  it('reports a bad file with its path and line', async () => {
    const p = file('bad.yaml', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- plugins:\n    score:\n      enabled:\n      - name: Nope\n');
    const e = await rejection(p);
    expect(e.message).toBe(`${p}:7: profiles[0].plugins.score.enabled[0]: creating profile for scheduler name default-scheduler: ScorePlugin "Nope" does not exist`);
    expect((await rejection('missing.yaml')).message).toBe('missing.yaml: no such file');
  });

  it('a module with plugins only: they join the default profile through multiPoint', async () => {
    const p = file('prefer-c.mjs', PLUGIN_JS);
    const r = await resolvePolicy(p);
    expect(r.kind).toBe('module');
    const listed = r.loaded.listed[0]!;
    expect(listed.filter.at(-1)).toEqual({ name: 'PreferC' });
    expect(listed.score.at(-1)).toEqual({ name: 'PreferC', weight: 1 });
    expect(r.loaded.registry.has('PreferC')).toBe(true);
  });

  it('a module with a config (YAML text) that weights its plugin and turns default scores off', async () => {
    const p = file(
      'prefer-c-config.mjs',
      `${PLUGIN_JS}
export const plugins = [PreferC];
export const config = \`
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled:
      - name: '*'
      enabled:
      - name: PreferC
        weight: 5
  pluginConfig:
  - name: kubesim.io/TieBreak
    args:
      type: nodeName
\`;
`,
    );
    const r = await resolvePolicy(p);
    expect(r.loaded.listed[0]!.score).toEqual([{ name: 'PreferC', weight: 5 }]);
    expect(r.loaded.config.profiles[0]!.tieBreak).toEqual({ type: 'nodeName' });
  });

  it('a module with a config object and a default export', async () => {
    const p = file(
      'default-export.js',
      `${PLUGIN_JS}
export default {
  plugins: [PreferC],
  config: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [{ plugins: { multiPoint: { enabled: [{ name: 'PreferC', weight: 3 }] } } }] },
};
`,
    );
    const r = await resolvePolicy(p);
    expect(r.loaded.listed[0]!.score.at(-1)).toEqual({ name: 'PreferC', weight: 3 });
  });

  it('a TypeScript module is transpiled with the typescript package and its temporary file removed', async () => {
    const p = file(
      'typed.ts',
      `interface Named { readonly name: string }
const name: string = 'Typed';
export const plugins: Named[] = [{ name, factory: (): Named & { filter: () => null } => ({ name, filter: () => null }) } as Named];
`,
    );
    const before = readdirSync(dir).length;
    const r = await resolvePolicy(p);
    expect(r.loaded.listed[0]!.filter.at(-1)).toEqual({ name: 'Typed' });
    expect(readdirSync(dir).length).toBe(before);
    expect(readdirSync(dir).some((f) => f.includes('.kubesim-'))).toBe(false);
  });

  it('module errors: no plugins, not a plugin, a name clash, a config that fails, a module that throws', async () => {
    expect((await rejection(file('empty.mjs', 'export const x = 1;\n'))).issues[0]!.message).toBe(
      'a policy module must export `plugins`: a non-empty array of plugin modules ({ name, factory }), or export plugin modules by name',
    );
    expect((await rejection(file('notplugin.mjs', 'export const plugins = [{ name: "X" }];\n'))).issues[0]!.message).toBe(
      'plugins[0]: not a plugin module: it needs a string `name` and a `factory` function',
    );
    expect((await rejection(file('clash.mjs', 'export const plugins = [{ name: "NodeName", factory: () => ({ name: "NodeName" }) }];\n'))).issues[0]!.message).toBe(
      'a plugin named NodeName already exists',
    );
    const bad = await rejection(file('badconfig.mjs', `${PLUGIN_JS}\nexport const plugins = [PreferC];\nexport const config = 'apiVersion: kubescheduler.config.k8s.io/v1\\nkind: KubeSchedulerConfiguration\\nparallelism: 0\\n';\n`));
    expect(bad.message).toMatch(/badconfig\.mjs \(config\):3: parallelism: Invalid value: 0: should be an integer value greater than zero$/);
    expect((await rejection(file('throws.mjs', 'throw new Error("boom");\n'))).issues[0]!.message).toBe('cannot load the policy module: boom');
    expect(existsSync(join(dir, 'throws.mjs'))).toBe(true);
  });
});
