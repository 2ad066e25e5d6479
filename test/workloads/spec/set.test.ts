import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../src/api/manifests.js';
import { ERR_FORMAT_WRONG } from '../../../src/api/quantity.js';
import { MICROS_PER_HOUR } from '../../../src/engine/time.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';
import { SetError } from '../../../src/workloads/spec/SetError.js';

const FILE = `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: t}
parameters:
  replicas: 3
  zone: zone-a
duration: 1h
cluster:
  nodePools:
    - name: worker
      count: 2
      zones: ["\${zone}", zone-b]
      capacity: {cpu: "4", memory: 16Gi}
arrivals:
  - manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: "web-\${zone}"}
      spec:
        replicas: \${replicas}
        template: {spec: {containers: [{name: web, image: nginx}]}}
operations:
  - {at: 10m, op: node-failure, node: worker-2}
`;

const load = (...sets: string[]) => loadWorkload(FILE, 'w.yaml', sets);
const errorOf = (...sets: string[]): string => {
  try {
    load(...sets);
  } catch (err) {
    if (err instanceof ManifestError) return err.toString();
    throw err;
  }
  throw new Error('expected a ManifestError');
};
const spec = (w: ReturnType<typeof load>) => (w.arrivals[0]!.manifest.object as unknown as { spec: { replicas: unknown } }).spec;

describe('parameters', () => {
  it('substitutes defaults: an exact reference keeps the type, a longer string gets the text', () => {
    const w = load();
    expect(spec(w).replicas).toBe(3);
    expect(w.arrivals[0]!.manifest.object.metadata.name).toBe('web-zone-a');
    expect(w.cluster.nodePools[0]!.zones).toEqual(['zone-a', 'zone-b']);
    expect(w.parameters).toEqual({ replicas: 3, zone: 'zone-a' });
  });

  it('--set name=value sets a declared parameter, read as YAML', () => {
    const w = load('replicas=10', 'zone=zone-z');
    expect(spec(w).replicas).toBe(10);
    expect(w.arrivals[0]!.manifest.object.metadata.name).toBe('web-zone-z');
    expect(w.cluster.nodePools[0]!.nodes).toEqual([
      { name: 'worker-1', zone: 'zone-z' },
      { name: 'worker-2', zone: 'zone-b' },
    ]);
    expect(w.parameters).toEqual({ replicas: 10, zone: 'zone-z' });
    expect(spec(load('parameters.replicas=4'))).toEqual(expect.objectContaining({ replicas: 4 }));
  });

  it('writes $${ as a literal ${', () => {
    const w = loadWorkload(FILE.replace('name: t', () => 'name: t, annotations: {a: "$${zone}", b: "x-$${zone}-${zone}"}'), 'w.yaml');
    expect(w.metadata.annotations).toEqual({ a: '${zone}', b: 'x-${zone}-zone-a' });
  });
});

describe('--set path=value', () => {
  it('sets any field by its path, after substitution', () => {
    const w = load('duration=2h', 'cluster.nodePools[0].count=5', 'arrivals[0].manifest.spec.replicas=7');
    expect(w.duration).toBe(2 * MICROS_PER_HOUR);
    expect(w.cluster.nodePools[0]!.nodes.map((n) => n.name)).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5']);
    expect(spec(w).replicas).toBe(7);
  });

  it('sets map entries by key, dotted or bracketed, and creates missing mappings', () => {
    const w = load('cluster.nodePools[0].capacity[nvidia.com/gpu]=2', 'cluster.nodePools[0].capacity.cpu=8', 'cluster.autoscaler.expander=random');
    expect(w.cluster.nodePools[0]!.capacity).toEqual({ cpu: '8', memory: '16Gi', 'nvidia.com/gpu': '2', pods: '110' });
    expect(w.cluster.autoscaler.expander).toEqual(['random']);
  });

  it('takes YAML values: lists, booleans; a later --set wins', () => {
    const w = load('cluster.nodePools[0].zones=[a, b, c]', 'cluster.autoscaler.enabled=true', 'duration=3h', 'duration=4h');
    expect(w.cluster.nodePools[0]!.zones).toEqual(['a', 'b', 'c']);
    expect(w.cluster.autoscaler.enabled).toBe(true);
    expect(w.duration).toBe(4 * MICROS_PER_HOUR);
  });

  it('a --set value overrides a parameter reference at the same place', () => {
    expect(spec(load('replicas=10', 'arrivals[0].manifest.spec.replicas=1')).replicas).toBe(1);
  });
});

describe('--set errors', () => {
  it('names the assignment, with file --set and line 0', () => {
    let caught: unknown;
    try {
      load('colour=red');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SetError);
    expect((caught as SetError).file).toBe('--set');
    expect((caught as SetError).line).toBe(0);
  });

  it('a target that is neither a parameter nor a field', () => {
    expect(errorOf('colour=red')).toBe(
      '--set colour=red: "colour" is neither a declared parameter nor a field of the workload (declared parameters: replicas, zone)',
    );
    expect(errorOf('noequals')).toBe('--set noequals: expected target=value');
    expect(errorOf('=1')).toBe('--set =1: expected target=value');
    expect(errorOf('cluster.colour=1')).toBe('--set cluster.colour=1: unknown field "colour"');
    expect(errorOf('cluster.nodePools[3].count=1')).toBe('--set cluster.nodePools[3].count=1: cluster.nodePools has 1 item: there is no [3]');
    expect(errorOf('duration.x=1')).toBe('--set duration.x=1: duration is not a mapping or a list');
    expect(errorOf('operations[0].node.x=1')).toBe('--set operations[0].node.x=1: operations[0].node is not a mapping or a list');
    expect(errorOf('objects[0].x=1')).toBe('--set objects[0].x=1: objects has no items');
  });

  it('a value that is wrong for its field', () => {
    expect(errorOf('cluster.nodePools[0].count=x')).toBe('--set cluster.nodePools[0].count=x: Invalid value: "x": must be of type int32');
    expect(errorOf('cluster.nodePools[0].capacity.cpu=4x')).toBe(`--set cluster.nodePools[0].capacity.cpu=4x: Invalid value: "4x": ${ERR_FORMAT_WRONG}`);
    expect(errorOf('duration=soon')).toBe('--set duration=soon: time: invalid duration "soon"');
    expect(errorOf('operations[0].node=worker-9')).toBe(
      '--set operations[0].node=worker-9: Not found: "worker-9": no such node in cluster.nodePools or cluster.nodes',
    );
    expect(errorOf('cluster.nodePools[0].zones=[a, {b: 1}]')).toBe(
      '--set cluster.nodePools[0].zones=[a, {b: 1}]: cluster.nodePools[0].zones[1]: Invalid value: {"b":1}: must be of type string',
    );
  });

  it('a parameter value that is not a scalar, or a value that is not YAML', () => {
    expect(errorOf('replicas=[1]')).toBe('--set replicas=[1]: a parameter value must be a scalar (a string, number or boolean)');
    expect(errorOf('duration="1h')).toMatch(/^--set duration="1h: the value is not valid YAML: /);
  });

  it('a parameter value of the wrong type is reported where it lands in the file', () => {
    expect(errorOf('zone=[')).toMatch(/^--set zone=\[: the value is not valid YAML/);
    expect(errorOf('zone=3')).toBe('w.yaml:12: cluster.nodePools[0].zones[0]: Invalid value: 3: must be of type string');
  });
});
