import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types.js';
import { get } from '../../src/kubectl/get.js';
import { goFloat, goYamlKeyLess, resolvesAsNonString, toGoYaml } from '../../src/kubectl/goYaml.js';
import { toGoJson } from '../../src/kubectl/output.js';
import { viewOf } from './view.js';

const pod: Pod = {
  kind: 'Pod',
  metadata: {
    name: 'web-7c5ddbdf54-x2j4k',
    namespace: 'default',
    creationTimestamp: '2024-06-10T11:00:00Z',
    labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' },
    annotations: { 'sim.kubesim.io/usage-ratio': '0.5' },
    resourceVersion: '42',
    uid: '0b4e6c7e-1111-2222-3333-444455556666',
  },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '250m', memory: '64Mi' } } }], nodeName: 'node-1', priority: 0 },
  status: { phase: 'Running', podIP: '10.244.0.5', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-06-10T11:00:05Z' }] },
};

describe('kubectl get -o yaml', () => {
  it('prints a List with sorted keys, quoted timestamps and ambiguous strings, and indentless sequences', () => {
    expect(get(viewOf([pod]), 'pods', { output: 'yaml' }).stdout).toBe(
      [
        'apiVersion: v1',
        'items:',
        '- apiVersion: v1',
        '  kind: Pod',
        '  metadata:',
        '    annotations:',
        '      sim.kubesim.io/usage-ratio: "0.5"',
        '    creationTimestamp: "2024-06-10T11:00:00Z"',
        '    labels:',
        '      app: web',
        '      pod-template-hash: 7c5ddbdf54',
        '    name: web-7c5ddbdf54-x2j4k',
        '    namespace: default',
        '    resourceVersion: "42"',
        '    uid: 0b4e6c7e-1111-2222-3333-444455556666',
        '  spec:',
        '    containers:',
        '    - image: nginx:1.27',
        '      name: nginx',
        '      resources:',
        '        requests:',
        '          cpu: 250m',
        '          memory: 64Mi',
        '    nodeName: node-1',
        '    priority: 0',
        '  status:',
        '    conditions:',
        '    - lastTransitionTime: "2024-06-10T11:00:05Z"',
        '      status: "True"',
        '      type: Ready',
        '    phase: Running',
        '    podIP: 10.244.0.5',
        'kind: List',
        'metadata:',
        '  resourceVersion: ""',
        '',
      ].join('\n'),
    );
  });

  it('prints an empty List for no objects', () => {
    expect(get(viewOf([]), 'pods', { output: 'yaml' })).toEqual({ stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', stderr: '' });
  });

  it('quotes as go-yaml v2 does: double quotes for values YAML 1.1 reads otherwise, single quotes for indicators', () => {
    expect(toGoYaml({ a: 'true', b: 'yes', c: '0755', d: '1e3', e: '', f: '~', g: 'null', h: '12:30', i: 'on', j: '7c5ddbdf54', k: '2024-01-02' })).toBe(
      'a: "true"\nb: "yes"\nc: "0755"\nd: "1e3"\ne: ""\nf: "~"\ng: "null"\nh: "12:30"\ni: "on"\nj: 7c5ddbdf54\nk: "2024-01-02"\n',
    );
    expect(toGoYaml({ a: '*star', b: 'a: b', c: '- x', d: 'x #y', e: ' lead', f: 'it\'s', g: '{x}', h: 'a:b', i: 'node-role.kubernetes.io/control-plane' })).toBe(
      "a: '*star'\nb: 'a: b'\nc: '- x'\nd: 'x #y'\ne: ' lead'\nf: it's\ng: '{x}'\nh: a:b\ni: node-role.kubernetes.io/control-plane\n",
    );
  });

  it('writes multi-line strings as literal blocks, numbers, booleans, nulls and empty collections (a key `n` is a YAML 1.1 bool, so quoted)', () => {
    expect(toGoYaml({ script: 'echo a\necho b\n', msg: 'one\ntwo', n: 3, f: 0.25, t: true, z: null, l: [], m: {}, nested: [[1, 2], { a: 1 }] })).toBe(
      'f: 0.25\nl: []\nm: {}\nmsg: |-\n  one\n  two\n"n": 3\nnested:\n- - 1\n  - 2\n- a: 1\nscript: |\n  echo a\n  echo b\nt: true\nz: null\n',
    );
  });

  it('folds long plain and single-quoted scalars at a space past column 80, indented two past the key', () => {
    const message = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.';
    expect(toGoYaml({ status: { message } })).toBe(
      "status:\n  message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n    }, 2 Insufficient cpu.'\n",
    );
  });

  it('orders keys as go-yaml does: digit runs by value', () => {
    expect(goYamlKeyLess('node9', 'node10')).toBe(true);
    expect(goYamlKeyLess('apiVersion', 'items')).toBe(true);
    expect(goYamlKeyLess('a', 'a-b')).toBe(true);
    expect(goYamlKeyLess('a-b', 'aB')).toBe(true);
  });

  it('resolves YAML 1.1 scalars like go-yaml v2', () => {
    for (const s of ['1', '-1', '+1', '0x1F', '0b101', '1.5', '.5', '1_000', '.inf', 'Y', 'NO', '2024-06-10T11:00:00Z', '190:20:30']) expect(resolvesAsNonString(s), s).toBe(true);
    for (const s of ['abc', '1.2.3', '10.244.0.5', 'v1.34.0', '250m', '64Mi', '0xZZ', '.', 'nginx:1.27']) expect(resolvesAsNonString(s), s).toBe(false);
  });

  it('formats floats as strconv.FormatFloat(f, g, -1, 64)', () => {
    expect(goFloat(0.25)).toBe('0.25');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(123456.5)).toBe('123456.5');
  });
});

describe('kubectl get -o json', () => {
  it('prints a List indented by four spaces with keys sorted byte-wise', () => {
    const out = get(viewOf([pod]), 'pods', { output: 'json' }).stdout;
    expect(out.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "v1",\n            "kind": "Pod",\n            "metadata": {\n                "annotations": {')).toBe(true);
    expect(out.endsWith('    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')).toBe(true);
    expect(JSON.parse(out).items[0].metadata.name).toBe('web-7c5ddbdf54-x2j4k');
  });

  it('escapes <, > and & as Go does', () => {
    expect(toGoJson({ m: 'a<b>&c' })).toBe('{\n    "m": "a\\u003cb\\u003e\\u0026c"\n}\n');
    expect(toGoJson({ items: [] })).toBe('{\n    "items": []\n}\n');
  });
});

describe('kubectl get <resource> NAME', () => {
  const view = viewOf([pod, { ...pod, metadata: { ...pod.metadata, name: 'other' } }]);
  it('prints one row, or the bare object with -o yaml', () => {
    expect(get(view, 'pod', { name: 'other' }).stdout.split('\n')).toHaveLength(3);
    const yaml = get(view, 'pod', { name: 'web-7c5ddbdf54-x2j4k', output: 'yaml' }).stdout;
    expect(yaml.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n')).toBe(true);
    expect(yaml).not.toContain('kind: List');
  });
  it('reports NotFound with the group-qualified resource', () => {
    expect(get(view, 'pod', { name: 'missing' })).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "missing" not found\n' });
    expect(get(view, 'deploy', { name: 'web' }).stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
    expect(get(view, 'pod', { name: 'other', namespace: 'kube-system' }).stderr).toBe('Error from server (NotFound): pods "other" not found\n');
  });
});

describe('literal block chomping (yaml_emitter_write_block_scalar_hints)', () => {
  it('strips, clips or keeps final line breaks', () => {
    expect(toGoYaml({ a: 'x\n\n' })).toBe('a: |+\n  x\n\n');
    expect(toGoYaml({ a: ' x\ny' })).toBe('a: |2-\n   x\n  y\n');
  });
});
