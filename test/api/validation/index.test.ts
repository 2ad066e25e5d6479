import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../src/api/manifests.js';
import { validateFields, validateObject } from '../../../src/api/validation/index.js';

const text = [
  'apiVersion: v1', // 1
  'kind: Pod', // 2
  'metadata:', // 3
  '  name: web', // 4
  '  labels:', // 5
  '    app: web', // 6
  '    tier: "front end"', // 7
  'spec:', // 8
  '  containers:', // 9
  '  - name: main', // 10
  '    image: nginx', // 11
  '    resources:', // 12
  '      requests:', // 13
  '        cpu: abc', // 14
  '        memory: 1Gi', // 15
  '  tolerations:', // 16
  '  - key: dedicated', // 17
  '    operator: Foo', // 18
  '---', // 19
  'apiVersion: v1', // 20
  'kind: Node', // 21
  'metadata:', // 22
  '  name: n1', // 23
  'spec:', // 24
  '  taints:', // 25
  '  - key: a', // 26
  '    effect: NoSchedule', // 27
  '  - key: a', // 28
  '    effect: NoSchedule', // 29
  'status:', // 30
  '  allocatable:', // 31
  '    nvidia.com/gpu: 0.5', // 32
].join('\n');

describe('validateObject', () => {
  const [pod, node] = loadManifests(text, 'cluster.yaml');

  it('places each error on the line of its field', () => {
    expect(pod && validateObject(pod).map(String)).toEqual([
      'cluster.yaml:7: metadata.labels: Invalid value: "front end": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
      "cluster.yaml:14: spec.containers[0].resources.requests[cpu]: Invalid value: \"abc\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      'cluster.yaml:18: spec.tolerations[0].operator: Unsupported value: "Foo": supported values: "Equal", "Exists"',
    ]);
  });

  it('uses the manifest line for upstream paths that do not exist in it', () => {
    const errors = node === undefined ? [] : validateObject(node);
    expect(errors.map((e) => [e.line, e.fieldPath])).toEqual([
      [28, 'metadata.taints[1]'],
      [32, 'status.allocatable.nvidia.com/gpu'],
    ]);
    expect(errors[1]?.message).toBe('Invalid value: "500m": must be an integer');
  });

  it('requires kind and apiVersion and knows where each kind is served', () => {
    const [a, b, c, d] = loadManifests('metadata: {name: x}\n---\nkind: Pod\nmetadata: {name: x}\n---\napiVersion: apps/v1\nkind: Pod\nmetadata: {name: x}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: x}\n', 'k.yaml');
    expect(a && validateObject(a).map(String)).toEqual(["k.yaml:1: kind: Object 'Kind' is missing"]);
    expect(b && validateObject(b).map(String)).toEqual(["k.yaml:3: apiVersion: Object 'apiVersion' is missing"]);
    expect(c && validateObject(c).map(String)).toEqual(['k.yaml:6: apiVersion: no matches for kind "Pod" in version "apps/v1"']);
    expect(d && validateObject(d)).toEqual([]);
    expect(d && validateObject(d, { rejectUnknownKinds: true }).map(String)).toEqual([
      'k.yaml:11: kind: kind "Widget" is not supported by kubesim',
    ]);
  });

  it('validates objects built in code', () => {
    expect(validateFields({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ok' } })).toEqual([]);
  });
});
