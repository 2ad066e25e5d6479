/**
 * Loading a KubeSchedulerConfiguration file end to end: strict decoding,
 * syntax errors, unknown plugins and fields with their file, line and field
 * path, JSON input, and the expanded default profile.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/api/InputError.js';
import { ConfigError } from '../../../src/scheduler/config/ConfigError.js';
import { buildProfiles, dryRunHandle, loadConfigFile, loadConfiguration, loadConfigurationObject } from '../../../src/scheduler/config/load.js';
import { compact, fakeInTreeRegistry, issuesOf } from './helpers.js';

const registry = fakeInTreeRegistry();
const HEADER = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';
const load = (text: string) => loadConfiguration(text, { file: 'sched.yaml', registry });
const errs = (text: string) => issuesOf(() => load(text));

describe('decoding', () => {
  it('needs apiVersion kubescheduler.config.k8s.io/v1 and kind KubeSchedulerConfiguration', () => {
    expect(errs('profiles: []\n')).toEqual([
      "1: Object 'Kind' is missing: expected kind: KubeSchedulerConfiguration",
      "1: Object 'apiVersion' is missing: expected apiVersion: kubescheduler.config.k8s.io/v1",
    ]);
    expect(errs('apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n')).toEqual([
      '1: no kind "KubeSchedulerConfiguration" is registered for version "kubescheduler.config.k8s.io/v1beta3" (kube-scheduler v1.34 reads kubescheduler.config.k8s.io/v1 only)',
    ]);
  });

  it('rejects unknown fields (strict decoding), with their line', () => {
    expect(errs(`${HEADER}profiles:\n- schedulerName: a\n  tieBreak: random\n  plugins:\n    score:\n      enabeld: []\n`)).toEqual([
      '5: strict decoding error: unknown field "profiles[0].tieBreak"',
      '8: strict decoding error: unknown field "profiles[0].plugins.score.enabeld"',
    ]);
  });

  it('rejects values of the wrong type', () => {
    expect(errs(`${HEADER}percentageOfNodesToScore: "50"\nprofiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeAffinity\n        weight: 1.5\n`)).toEqual([
      '3: percentageOfNodesToScore: cannot unmarshal string into Go value of type int32',
      '9: profiles[0].plugins.score.enabled[0].weight: cannot unmarshal number 1.5 into Go value of type int32',
    ]);
    expect(errs(`${HEADER}parallelism: 3000000000\n`)).toEqual(['3: parallelism: cannot unmarshal number 3000000000 into Go value of type int32']);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(errs(`${HEADER}profiles:\n- schedulerName: a\n  schedulerName: b\n`)[0]).toMatch(/^5: error converting YAML to JSON: yaml: Map keys must be unique/);
    expect(errs(`${HEADER}profiles: [\n`)[0]).toMatch(/^\d+: error converting YAML to JSON: yaml: /);
  });

  it('reads YAML as Kubernetes does (YAML 1.1) and JSON', () => {
    const json = JSON.stringify({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [{ schedulerName: 'j', percentageOfNodesToScore: 20 }] }, null, 2);
    const c = loadConfiguration(json, { file: 'sched.json', registry }).config;
    expect(c.profiles[0]!.schedulerName).toBe('j');
    expect(c.profiles[0]!.percentageOfNodesToScore).toBe(20);
  });

  it('wants a single document', () => {
    expect(errs(`${HEADER}---\n${HEADER}`)).toEqual(['4: error converting YAML to JSON: yaml: expected one KubeSchedulerConfiguration, found 2 documents']);
  });
});

describe('plugin errors name the file, the line and the field path', () => {
  it('an unknown Score plugin', () => {
    const text = `${HEADER}profiles:\n- schedulerName: default-scheduler\n  plugins:\n    score:\n      enabled:\n      - name: Foo\n        weight: 2\n`;
    let err: unknown;
    try {
      load(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(InputError); // the CLI maps it to exit code 2
    const ce = err as ConfigError;
    expect(ce.issues).toEqual([
      {
        path: 'profiles[0].plugins.score.enabled[0]',
        line: 8,
        message: 'profiles[0].plugins.score.enabled[0]: creating profile for scheduler name default-scheduler: ScorePlugin "Foo" does not exist',
      },
    ]);
    expect(ce.message).toBe(
      'sched.yaml:8: profiles[0].plugins.score.enabled[0]: creating profile for scheduler name default-scheduler: ScorePlugin "Foo" does not exist',
    );
  });

  it('a plugin at an extension point it does not implement, and one enabled twice', () => {
    expect(errs(`${HEADER}profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: PrioritySort\n`)).toEqual([
      '7: profiles[0].plugins.filter.enabled[0]: creating profile for scheduler name default-scheduler: plugin "PrioritySort" does not extend FilterPlugin plugin',
    ]);
    // Re-enabling a default plugin replaces it in place (mergePluginSet); naming it twice registers it twice.
    expect(load(`${HEADER}profiles:\n- plugins:\n    multiPoint:\n      enabled:\n      - name: NodeName\n`).listed[0]!.filter[1]).toEqual({ name: 'NodeName' });
    expect(errs(`${HEADER}profiles:\n- plugins:\n    multiPoint:\n      enabled:\n      - name: NodeName\n      - name: NodeName\n`)).toEqual([
      '7: profiles[0].plugins.multiPoint.enabled[0]: creating profile for scheduler name default-scheduler: plugin "NodeName" already registered as "PreFilterPlugin"',
    ]);
  });

  it('an unknown multiPoint plugin', () => {
    expect(errs(`${HEADER}profiles:\n- plugins:\n    multiPoint:\n      enabled:\n      - name: Bar\n`)).toEqual([
      '7: profiles[0].plugins.multiPoint.enabled[0]: creating profile for scheduler name default-scheduler: PreFilterPlugin "Bar" does not exist',
    ]);
  });

  it('no queue sort and no binder', () => {
    expect(errs(`${HEADER}profiles:\n- plugins:\n    multiPoint:\n      disabled:\n      - name: '*'\n`)).toEqual([
      '4: profiles[0].plugins.queueSort: creating profile for scheduler name default-scheduler: only one queue sort plugin required for profile with scheduler name "default-scheduler", but got 0',
    ]);
    expect(errs(`${HEADER}profiles:\n- plugins:\n    bind:\n      disabled:\n      - name: DefaultBinder\n`)).toEqual([
      '5: profiles[0].plugins.bind: creating profile for scheduler name default-scheduler: at least one bind plugin is needed for profile with scheduler name "default-scheduler"',
    ]);
  });

  it('every profile is checked; queue sorts must agree after expansion (profile.NewMap)', () => {
    const text = `${HEADER}profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n    multiPoint:\n      enabled:\n      - name: Qs\n      disabled:\n      - name: PrioritySort\n`;
    const reg = fakeInTreeRegistry([{ name: 'Qs', factory: () => ({ name: 'Qs', less: () => false }) as never }]);
    // upstream's validateCommonQueueSort compares only the queueSort sets, which match here
    // (both have nothing enabled); NewMap then finds two different queue sorts.
    expect(issuesOf(() => loadConfiguration(text, { file: 'x', registry: reg }))).toEqual([
      '6: profiles[1].plugins: different queue sort plugins for profile "b": "Qs", first: "PrioritySort"',
    ]);
  });
});

describe('the default profile', () => {
  it('expands MultiPoint into every extension point, in the default order, with the weights', () => {
    const loaded = load(HEADER);
    expect(compact(loaded.listed[0]!)).toEqual({
      preEnqueue: ['SchedulingGates', 'DynamicResources'],
      queueSort: ['PrioritySort'],
      preFilter: [
        'NodeUnschedulable',
        'NodeName',
        'TaintToleration',
        'NodeAffinity',
        'NodePorts',
        'NodeResourcesFit',
        'VolumeRestrictions',
        'NodeVolumeLimits',
        'VolumeBinding',
        'VolumeZone',
        'PodTopologySpread',
        'InterPodAffinity',
        'DynamicResources',
        'NodeResourcesBalancedAllocation',
        'ImageLocality',
      ],
      filter: [
        'NodeUnschedulable',
        'NodeName',
        'TaintToleration',
        'NodeAffinity',
        'NodePorts',
        'NodeResourcesFit',
        'VolumeRestrictions',
        'NodeVolumeLimits',
        'VolumeBinding',
        'VolumeZone',
        'PodTopologySpread',
        'InterPodAffinity',
        'DynamicResources',
        'NodeResourcesBalancedAllocation',
        'ImageLocality',
      ],
      postFilter: ['DynamicResources', 'DefaultPreemption'],
      preScore: ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality'],
      score: [
        'TaintToleration:3',
        'NodeAffinity:2',
        'NodeResourcesFit:1',
        'VolumeBinding:1',
        'PodTopologySpread:2',
        'InterPodAffinity:2',
        'NodeResourcesBalancedAllocation:1',
        'ImageLocality:1',
      ],
      reserve: ['VolumeBinding', 'DynamicResources'],
      preBind: ['VolumeBinding', 'DynamicResources'],
      bind: ['DefaultBinder'],
    });
  });

  it('builds runnable profiles with the caller’s handle', () => {
    const loaded = load(`${HEADER}percentageOfNodesToScore: 40\nprofiles:\n- schedulerName: a\n  percentageOfNodesToScore: 70\n- schedulerName: b\n`);
    const handles: string[] = [];
    const profiles = buildProfiles(loaded, (name) => {
      handles.push(name);
      return dryRunHandle();
    });
    expect(handles).toEqual(['a', 'b']);
    expect(profiles.map((p) => [p.schedulerName, p.percentageOfNodesToScore])).toEqual([
      ['a', 70],
      ['b', undefined],
    ]);
    expect(loaded.config.percentageOfNodesToScore).toBe(40);
    expect(profiles[0]!.plugins.queueSort.name).toBe('PrioritySort');
    expect(profiles[0]!.plugins.score.map((s) => s.weight)).toEqual([3, 2, 1, 1, 2, 2, 1, 1]);
  });
});

describe('files and objects', () => {
  it('loadConfigFile names the file; a missing file is a ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-config-'));
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, `${HEADER}podMaxBackoffSeconds: 0\n`);
    expect(() => loadConfigFile(path, registry)).toThrow(`${path}:3: podMaxBackoffSeconds: Invalid value: 0: must be greater than or equal to PodInitialBackoffSeconds`);
    expect(() => loadConfigFile(join(dir, 'nope.yaml'), registry)).toThrow(ConfigError);
  });

  it('loadConfigurationObject has no lines', () => {
    expect(issuesOf(() => loadConfigurationObject({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', parallelism: -1 }, { registry }))).toEqual([
      '-: parallelism: Invalid value: -1: should be an integer value greater than zero',
    ]);
  });
});
