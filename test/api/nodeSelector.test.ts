import { describe, expect, it } from 'vitest';
import { NOTHING } from '../../src/api/labels.js';
import {
  LazyErrorNodeSelector,
  matchNodeSelectorTerms,
  newNodeSelector,
  type NodeLike,
  NodeSelectorError,
  nodeSelectorRequirementsAsSelector,
  PreferredSchedulingTerms,
  RequiredNodeAffinity,
} from '../../src/api/nodeSelector.js';
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../src/api/types.js';

const node = (name: string | undefined, labels?: Record<string, string>): NodeLike => ({
  metadata: { ...(name !== undefined ? { name } : {}), ...(labels !== undefined ? { labels } : {}) },
});
const expr = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorRequirement => ({
  key,
  operator,
  ...(values !== undefined ? { values } : {}),
});
const nameIn = (...values: string[]): NodeSelectorRequirement => expr('metadata.name', 'In', values);
const REGEX_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('newNodeSelector (TestNodeSelectorMatch)', () => {
  it('a missing node matches nothing', () => {
    expect(newNodeSelector({ nodeSelectorTerms: [] }).match(undefined)).toBe(false);
  });

  it('reports the parse errors of every term', () => {
    const ns: NodeSelector = {
      nodeSelectorTerms: [
        { matchFields: [nameIn('host_1', 'host_2')] },
        { matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] },
        { matchExpressions: [expr('invalid key', 'In', ['label_value'])] },
      ],
    };
    let error: unknown;
    try {
      newNodeSelector(ns);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NodeSelectorError);
    const errs = (error as NodeSelectorError).errors;
    expect(errs.map((e) => [e.type, e.field, e.detail])).toEqual([
      ['Invalid value', 'nodeSelectorTerms[0].matchFields[0].values', 'must have one element'],
      ['Invalid value', 'nodeSelectorTerms[2].matchExpressions[0].key', REGEX_MSG],
    ]);
    expect((error as NodeSelectorError).message).toBe(
      `[nodeSelectorTerms[0].matchFields[0].values: Invalid value: []string{"host_1", "host_2"}: must have one element, nodeSelectorTerms[2].matchExpressions[0].key: Invalid value: "invalid key": ${REGEX_MSG}]`,
    );
  });

  it.each([
    [
      'node matches field selector, but not labels',
      [{ matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] }],
      node('host_1'),
      false,
    ],
    [
      'node matches field selector and label selector',
      [{ matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] }],
      node('host_1', { label_1: 'label_1_val' }),
      true,
    ],
    [
      'second term matches',
      [{ matchExpressions: [expr('label_1', 'In', ['label_1_val'])] }, { matchFields: [nameIn('host_1')] }],
      node('host_1'),
      true,
    ],
  ] as Array<[string, NodeSelectorTerm[], NodeLike, boolean]>)('%s', (_name, terms, n, expected) => {
    expect(newNodeSelector({ nodeSelectorTerms: terms }).match(n)).toBe(expected);
  });
});

describe('PreferredSchedulingTerms (TestPreferredSchedulingTermsScore)', () => {
  it('reports the parse errors with index paths', () => {
    const terms: PreferredSchedulingTerm[] = [
      { weight: 1, preference: { matchFields: [nameIn('host_1', 'host_2')] } },
      { weight: 1, preference: { matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] } },
      { weight: 1, preference: { matchExpressions: [expr('invalid key', 'In', ['label_value'])] } },
    ];
    let error: unknown;
    try {
      PreferredSchedulingTerms.create(terms);
    } catch (err) {
      error = err;
    }
    expect((error as NodeSelectorError).errors.map((e) => e.field)).toEqual(['[0].matchFields[0].values', '[2].matchExpressions[0].key']);
  });

  it('invalid field selector but no weight: error not reported', () => {
    const t = PreferredSchedulingTerms.create([{ weight: 0, preference: { matchFields: [nameIn('host_1', 'host_2')] } }]);
    expect(t.score(node('host_1'))).toBe(0);
    expect(t.length).toBe(0);
  });

  it('first and third term match', () => {
    const t = PreferredSchedulingTerms.create([
      { weight: 5, preference: { matchFields: [nameIn('host_1')] } },
      { weight: 7, preference: { matchExpressions: [expr('unknown_label', 'In', ['unknown_label_val'])] } },
      { weight: 11, preference: { matchExpressions: [expr('label_1', 'In', ['label_1_val'])] } },
    ]);
    expect(t.score(node('host_1', { label_1: 'label_1_val' }))).toBe(16);
  });

  it('drops terms with an empty preference', () => {
    const t = PreferredSchedulingTerms.create([{ weight: 5, preference: {} }, { weight: 3, preference: { matchExpressions: [] } }]);
    expect(t.length).toBe(0);
    expect(t.score(node('n'))).toBe(0);
  });
});

describe('nodeSelectorRequirementsAsSelector (TestNodeSelectorRequirementsAsSelector)', () => {
  it('empty compiles to Nothing', () => {
    expect(nodeSelectorRequirementsAsSelector(undefined)).toBe(NOTHING);
    expect(nodeSelectorRequirementsAsSelector([])).toBe(NOTHING);
  });
  it.each([
    [[expr('foo', 'In', ['bar', 'baz'])], 'foo in (bar,baz)'],
    [[expr('foo', 'Gt', ['1'])], 'foo>1'],
    [[expr('bar', 'Lt', ['7'])], 'bar<7'],
  ])('%j compiles to %s', (reqs, out) => {
    expect(nodeSelectorRequirementsAsSelector(reqs, 'root').toString()).toBe(out);
  });
  it('Exists with values is an error at root[0].values', () => {
    let error: unknown;
    try {
      nodeSelectorRequirementsAsSelector([expr('foo', 'Exists', ['bar', 'baz'])], 'root');
    } catch (err) {
      error = err;
    }
    const errs = (error as NodeSelectorError).errors;
    expect(errs).toHaveLength(1);
    expect(errs[0]?.field).toBe('root[0].values');
    expect(errs[0]?.detail).toBe('values set must be empty for exists and does not exist');
  });
  it('an unknown operator is Unsupported', () => {
    let error: unknown;
    try {
      nodeSelectorRequirementsAsSelector([expr('foo', 'Foo' as NodeSelectorRequirement['operator'], ['x'])]);
    } catch (err) {
      error = err;
    }
    expect((error as NodeSelectorError).message).toBe(
      '[0].operator: Unsupported value: "Foo": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"',
    );
  });
});

describe('RequiredNodeAffinity (TestPodMatchesNodeSelectorAndAffinityTerms)', () => {
  const podWith = (nodeSelector?: Record<string, string>, required?: NodeSelector | null): Pod => ({
    metadata: { name: 'p' },
    spec: {
      containers: [],
      ...(nodeSelector !== undefined ? { nodeSelector } : {}),
      ...(required !== undefined
        ? { affinity: { nodeAffinity: required === null ? {} : { requiredDuringSchedulingIgnoredDuringExecution: required } } }
        : {}),
    },
  });
  const terms = (...t: NodeSelectorTerm[]): NodeSelector => ({ nodeSelectorTerms: t });

  const cases: Array<[string, Pod, Record<string, string> | undefined, string, boolean]> = [
    ['no selector', podWith(), undefined, '', true],
    ['missing labels', podWith({ foo: 'bar' }), undefined, '', false],
    ['same labels', podWith({ foo: 'bar' }), { foo: 'bar' }, '', true],
    ['node labels are superset', podWith({ foo: 'bar' }), { foo: 'bar', baz: 'blah' }, '', true],
    ['node labels are subset', podWith({ foo: 'bar', baz: 'blah' }), { foo: 'bar' }, '', false],
    ['matchExpressions In matches', podWith(undefined, terms({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] })), { foo: 'bar' }, '', true],
    ['matchExpressions Gt matches', podWith(undefined, terms({ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] })), { 'kernel-version': '0206' }, '', true],
    ['matchExpressions NotIn matches', podWith(undefined, terms({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] })), { 'mem-type': 'DDR3' }, '', true],
    ['matchExpressions Exists matches', podWith(undefined, terms({ matchExpressions: [expr('GPU', 'Exists')] })), { GPU: 'NVIDIA-GRID-K1' }, '', true],
    ["affinity that doesn't match node's labels", podWith(undefined, terms({ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] })), { foo: 'bar' }, '', false],
    ['nil []NodeSelectorTerm', podWith(undefined, { nodeSelectorTerms: [] }), { foo: 'bar' }, '', false],
    ['empty MatchExpressions matches no objects', podWith(undefined, terms({ matchExpressions: [] })), { foo: 'bar' }, '', false],
    ['no Affinity', podWith(), { foo: 'bar' }, '', true],
    ['Affinity but nil NodeSelector', podWith(undefined, null), { foo: 'bar' }, '', true],
    ['multiple matchExpressions ANDed, match', podWith(undefined, terms({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] })), { GPU: 'NVIDIA-GRID-K1' }, '', true],
    ['multiple matchExpressions ANDed, no match', podWith(undefined, terms({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] })), { GPU: 'NVIDIA-GRID-K1' }, '', false],
    [
      'multiple NodeSelectorTerms ORed',
      podWith(undefined, terms({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] })),
      { foo: 'bar' },
      '',
      true,
    ],
    ['Affinity and nodeSelector both satisfied', podWith({ foo: 'bar' }, terms({ matchExpressions: [expr('foo', 'Exists')] })), { foo: 'bar' }, '', true],
    ['Affinity matches but nodeSelector not', podWith({ foo: 'bar' }, terms({ matchExpressions: [expr('foo', 'Exists')] })), { foo: 'barrrrrr' }, '', false],
    ['invalid value in Affinity term', podWith(undefined, terms({ matchExpressions: [expr('foo', 'NotIn', ['invalid value: ___@#$%^'])] })), { foo: 'bar' }, '', false],
    ['matchFields In matches', podWith(undefined, terms({ matchFields: [nameIn('node_1')] })), undefined, 'node_1', true],
    ['matchFields In does not match', podWith(undefined, terms({ matchFields: [nameIn('node_1')] })), undefined, 'node_2', false],
    [
      'two terms: matchFields does not match, matchExpressions matches',
      podWith(undefined, terms({ matchFields: [nameIn('node_1')] }, { matchExpressions: [expr('foo', 'In', ['bar'])] })),
      { foo: 'bar' },
      'node_2',
      true,
    ],
    [
      'one term: matchFields does not match, matchExpressions matches',
      podWith(undefined, terms({ matchFields: [nameIn('node_1')], matchExpressions: [expr('foo', 'In', ['bar'])] })),
      { foo: 'bar' },
      'node_2',
      false,
    ],
    [
      'one term: both match',
      podWith(undefined, terms({ matchFields: [nameIn('node_1')], matchExpressions: [expr('foo', 'In', ['bar'])] })),
      { foo: 'bar' },
      'node_1',
      true,
    ],
    [
      'two terms: neither matches',
      podWith(undefined, terms({ matchFields: [nameIn('node_1')] }, { matchExpressions: [expr('foo', 'In', ['not-match-to-bar'])] })),
      { foo: 'bar' },
      'node_2',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, p, labels, nodeName, expected) => {
    expect(RequiredNodeAffinity.fromPod(p).match(node(nodeName, labels))).toBe(expected);
  });

  it('reports lazy errors only when no term matched', () => {
    const a = RequiredNodeAffinity.fromPod(
      podWith(undefined, terms({ matchExpressions: [expr('bad key', 'Exists')] }, { matchExpressions: [expr('foo', 'Exists')] })),
    );
    expect(a.matchWithErrors(node('n', { foo: '1' }))).toEqual({ matched: true, errors: [] });
    const miss = a.matchWithErrors(node('n', {}));
    expect(miss.matched).toBe(false);
    expect(miss.errors.map((e) => e.field)).toEqual(['nodeSelectorTerms[0].matchExpressions[0].key']);
    expect(RequiredNodeAffinity.fromPod(podWith()).isEmpty()).toBe(true);
  });
});

describe('matchNodeSelectorTerms (TestMatchNodeSelectorTerms)', () => {
  const sel = (...t: NodeSelectorTerm[]): NodeSelector => ({ nodeSelectorTerms: t });
  const cases: Array<[string, NodeSelector | undefined, NodeLike | undefined, boolean]> = [
    ['nil terms', undefined, undefined, false],
    ['node label matches matchExpressions terms', sel({ matchExpressions: [expr('label_1', 'In', ['label_1_val'])] }), node(undefined, { label_1: 'label_1_val' }), true],
    ['node field matches matchFields terms', sel({ matchFields: [nameIn('host_1')] }), node('host_1'), true],
    ['invalid node field requirement', sel({ matchFields: [nameIn('host_1', 'host_2')] }), node('host_1'), false],
    ['fieldSelectorTerm with node labels', sel({ matchFields: [nameIn('host_1')] }), node('not_host_1', { 'metadata.name': 'host_1' }), false],
    ['labelSelectorTerm with node fields', sel({ matchExpressions: [expr('metadata.name', 'In', ['host_1'])] }), node('host_1'), false],
    [
      'labelSelectorTerm and fieldSelectorTerm was set, but only node fields',
      sel({ matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] }),
      node('host_1'),
      false,
    ],
    [
      'labelSelectorTerm and fieldSelectorTerm, both node fields and labels (both matched)',
      sel({ matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] }),
      node('host_1', { label_1: 'label_1_val' }),
      true,
    ],
    [
      'labelSelectorTerm and fieldSelectorTerm, both node fields and labels (one mismatched)',
      sel({ matchExpressions: [expr('label_1', 'In', ['label_1_val'])], matchFields: [nameIn('host_1')] }),
      node('host_1', { label_1: 'label_1_val-failed' }),
      false,
    ],
    [
      'multi-selector was set, both node fields and labels (one mismatched)',
      sel({ matchExpressions: [expr('label_1', 'In', ['label_1_val'])] }, { matchFields: [nameIn('host_1')] }),
      node('host_1', { label_1: 'label_1_val-failed' }),
      true,
    ],
  ];
  it.each(cases)('%s', (_name, ns, n, expected) => {
    expect(matchNodeSelectorTerms(n, ns)).toBe(expected);
  });

  // TestMatchNodeSelectorTermsStateless: matching never reorders the caller's values.
  it('does not modify the selector', () => {
    const ns = sel({ matchExpressions: [expr('label_1', 'In', ['label_2_val', 'label_1_val'])], matchFields: [nameIn('host_1')] });
    const before = JSON.stringify(ns);
    matchNodeSelectorTerms(node('host_1', { label_1: 'label_1_val' }), ns);
    expect(JSON.stringify(ns)).toBe(before);
  });

  it('NotIn on matchFields excludes one node; fields are skipped for a nameless node', () => {
    const lazy = new LazyErrorNodeSelector(sel({ matchFields: [expr('metadata.name', 'NotIn', ['a'])] }));
    expect(lazy.match(node('a')).matched).toBe(false);
    expect(lazy.match(node('b')).matched).toBe(true);
    expect(lazy.match(node(undefined)).matched).toBe(true);
  });
});
