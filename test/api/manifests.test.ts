import { describe, expect, it } from 'vitest';
import { inMemoryObject, loadManifests, ManifestError, splitFieldPath } from '../../src/api/manifests.js';

const errorOf = (text: string, file = 'bad.yaml'): ManifestError => {
  try {
    loadManifests(text, file);
  } catch (err) {
    if (err instanceof ManifestError) return err;
    throw err;
  }
  throw new Error('expected a ManifestError');
};

describe('loadManifests', () => {
  it('reads one YAML object with its file and line', () => {
    const [o, ...rest] = loadManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n', 'pod.yaml');
    expect(rest).toHaveLength(0);
    expect(o?.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [] } });
    expect(o?.file).toBe('pod.yaml');
    expect(o?.line).toBe(1);
    expect(o?.index).toBe(0);
  });

  it('reads a multi-document stream and skips empty documents', () => {
    const text = [
      '# leading comment',
      'kind: Node',
      'metadata: {name: n1}',
      '---',
      '# only a comment',
      '---',
      '---',
      'kind: Node',
      'metadata:',
      '  name: n2',
      '---',
      '',
    ].join('\n');
    const objs = loadManifests(text, 'nodes.yaml');
    expect(objs.map((o) => [o.line, o.index, o.object.metadata.name])).toEqual([
      [2, 0, 'n1'],
      [8, 1, 'n2'],
    ]);
  });

  it('reads JSON, with lines', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {\n    "name": "team-a"\n  }\n}\n';
    const [o] = loadManifests(text, 'ns.json');
    expect(o?.object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(o?.lineOf('metadata.name')).toBe(5);
  });

  it('expands kind: List as kubectl get -o yaml prints it', () => {
    const text = [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    name: a',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    name: b',
      'kind: List',
      'metadata:',
      '  resourceVersion: ""',
    ].join('\n');
    const objs = loadManifests(text, 'list.yaml');
    expect(objs.map((o) => [o.object.kind, o.object.metadata.name, o.line])).toEqual([
      ['Pod', 'a', 3],
      ['Pod', 'b', 7],
    ]);
    expect(objs[1]?.lineOf('metadata.name')).toBe(10);
  });

  it('fills kind and apiVersion of typed lists (PodList) into their items', () => {
    const text = 'apiVersion: v1\nkind: NodeList\nitems:\n- metadata: {name: x}\n';
    const [o] = loadManifests(text, 'l.yaml');
    expect(o?.object).toEqual({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' } });
  });

  it('keeps a List unexpanded on request', () => {
    const objs = loadManifests('kind: List\nitems: []\n', 'l.yaml', { expandLists: false });
    expect(objs).toHaveLength(1);
    expect(objs[0]?.object.kind).toBe('List');
  });

  it('gives objects without metadata an empty one', () => {
    const [o] = loadManifests('kind: Pod\n', 'p.yaml');
    expect(o?.object.metadata).toEqual({});
  });

  it('reads scalars as Kubernetes does (YAML 1.1 via sigs.k8s.io/yaml)', () => {
    const text = ['kind: X', 'metadata: {name: x}', 'a: yes', 'b: off', 'c: 0755', 'd: 1e3', 'e: 10:30', 'f: 2001-12-14', 'g: "yes"', 'h: 1.5'].join('\n');
    const o = loadManifests(text, 'x.yaml')[0]?.object as unknown as Record<string, unknown>;
    expect(o['a']).toBe(true);
    expect(o['b']).toBe(false);
    expect(o['c']).toBe(493);
    expect(o['d']).toBe(1000);
    expect(o['e']).toBe('10:30');
    expect(o['f']).toBe('2001-12-14');
    expect(o['g']).toBe('yes');
    expect(o['h']).toBe(1.5);
  });

  it('keeps `.` and `-.` strings, as Go\'s ParseFloat refuses them, and still reads .5, 1., .inf and .nan', () => {
    const text = ['kind: X', 'metadata: {name: x}', 'a: .', 'b: -.', 'c: .5', 'd: 1.', 'e: .inf', 'f: .nan'].join('\n');
    const o = loadManifests(text, 'x.yaml')[0]?.object as unknown as Record<string, unknown>;
    expect(o['a']).toBe('.');
    expect(o['b']).toBe('-.');
    expect(o['c']).toBe(0.5);
    expect(o['d']).toBe(1);
    expect(o['e']).toBe(Infinity);
    expect(o['f']).toBeNaN();
  });
});

describe('lineOf', () => {
  const text = [
    'apiVersion: v1', // 1
    'kind: Pod', // 2
    'metadata:', // 3
    '  name: web', // 4
    '  labels:', // 5
    '    app.kubernetes.io/name: web', // 6
    'spec:', // 7
    '  containers:', // 8
    '  - name: main', // 9
    '    image: nginx', // 10
    '    resources:', // 11
    '      requests:', // 12
    '        cpu: 500m', // 13
    '        nvidia.com/gpu: 1', // 14
    '  - name: side', // 15
    '    image: envoy', // 16
  ].join('\n');
  const [pod] = loadManifests(text, 'web.yaml');

  it.each([
    ['metadata.name', 4],
    ['metadata.labels[app.kubernetes.io/name]', 6],
    ['spec.containers[0]', 9],
    ['spec.containers[0].resources.requests[cpu]', 13],
    ['spec.containers[0].resources.requests[nvidia.com/gpu]', 14],
    ['spec.containers[1].image', 16],
    ['spec.containers[1].resources.requests[cpu]', 15], // deepest existing part: the container
    ['spec.containers[7].name', 8],
    ['spec.nodeSelector', 7],
    ['', 1],
  ])('%s is on line %d', (path, line) => {
    expect(pod?.lineOf(path)).toBe(line);
  });

  it('splits field paths as field.Path prints them', () => {
    expect(splitFieldPath('spec.containers[0].resources.requests[nvidia.com/gpu]')).toEqual([
      'spec',
      'containers',
      '0',
      'resources',
      'requests',
      'nvidia.com/gpu',
    ]);
    expect(splitFieldPath('[0].matchFields[0].values')).toEqual(['0', 'matchFields', '0', 'values']);
  });
});

describe('ManifestError', () => {
  it('prints file:line: field: message', () => {
    const e = new ManifestError('p.yaml', 12, 'spec.containers[0].name', 'Required value');
    expect(e.toString()).toBe('p.yaml:12: spec.containers[0].name: Required value');
    expect(String(e)).toBe('p.yaml:12: spec.containers[0].name: Required value');
    expect(e.message).toBe('Required value');
    expect(new ManifestError('p.yaml', 3, '', 'boom').toString()).toBe('p.yaml:3: boom');
  });

  it('reports YAML syntax errors with their line', () => {
    const e = errorOf('kind: Pod\nmetadata:\n  name: "unterminated\n');
    expect(e.file).toBe('bad.yaml');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/quote/i);
  });

  it('reports duplicate keys', () => {
    const e = errorOf('kind: Pod\nkind: Node\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/unique/);
  });

  it('reports bad indentation', () => {
    expect(errorOf('a:\n  b: 1\n c: 2\n').line).toBe(3);
  });

  it('rejects non-object documents', () => {
    const list = errorOf('- 1\n- 2\n');
    expect(list.line).toBe(1);
    expect(list.message).toBe('expected a Kubernetes object (a mapping), found a list');
    const scalar = errorOf('kind: Pod\n---\nhello\n');
    expect(scalar.line).toBe(3);
    expect(scalar.message).toBe('expected a Kubernetes object (a mapping), found a scalar ("hello")');
  });

  it('rejects List items that are not objects, at the item', () => {
    const e = errorOf('kind: List\nitems:\n- kind: Pod\n- 3\n');
    expect(e.toString()).toBe('bad.yaml:4: items[1]: expected a Kubernetes object (a mapping), found a scalar (3)');
  });

  it('reports an unresolved alias', () => {
    const e = errorOf('kind: Pod\nmetadata: *missing\n');
    expect(e).toBeInstanceOf(ManifestError);
  });
});

describe('inMemoryObject', () => {
  it('wraps an object built in code', () => {
    const o = inMemoryObject({ kind: 'Pod', metadata: { name: 'x' } });
    expect(o.file).toBe('<memory>');
    expect(o.lineOf('metadata.name')).toBe(0);
  });
});
