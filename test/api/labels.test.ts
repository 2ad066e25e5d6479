import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EVERYTHING,
  labelSelectorAsSelector,
  LabelSelectorError,
  type Labels,
  matchesNothing,
  newRequirement,
  newSelector,
  NOTHING,
  Requirement,
  type SelectionOperator,
  selectorFromSet,
  setMatches,
  validatedSelectorFromSet,
} from '../../src/api/labels.js';
import type { LabelSelectorOperator } from '../../src/api/types.js';

const req = (k: string, op: SelectionOperator, vals: string[] = []): Requirement => newRequirement(k, op, vals);

describe('Everything and Nothing', () => {
  // TestEverything, TestNilMapIsValid, TestSetIsEmpty
  it('Everything matches all and is empty', () => {
    expect(EVERYTHING.matches({ x: 'y' })).toBe(true);
    expect(EVERYTHING.empty()).toBe(true);
    expect(selectorFromSet(undefined).empty()).toBe(true);
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(newSelector([]).empty()).toBe(true);
  });

  it('Nothing matches nothing and is not empty', () => {
    expect(NOTHING.matches({})).toBe(false);
    expect(NOTHING.matches({ x: 'y' })).toBe(false);
    expect(NOTHING.empty()).toBe(false);
    expect(NOTHING.requirements()).toBeUndefined();
    expect(matchesNothing(NOTHING)).toBe(true);
    expect(matchesNothing(EVERYTHING)).toBe(false);
  });
});

describe('Requirement (TestRequirementConstructor)', () => {
  it.each([
    ['x', 'in', [], false],
    ['x', 'notin', [], false],
    ['x', 'in', ['foo'], true],
    ['x', 'notin', ['foo'], true],
    ['x', 'exists', [], true],
    ['x', '!', [], true],
    ['1foo', 'in', ['bar'], true],
    ['1234', 'in', ['bar'], true],
    ['y', 'gt', ['1'], true],
    ['z', 'lt', ['6'], true],
    ['foo', 'gt', ['bar'], false],
    ['barz', 'lt', ['blah'], false],
    ['a'.repeat(254), 'exists', [], false], // breaks the name part's 63-character rule
    ['x', 'exists', ['a'], false],
    ['x', '=', ['a', 'b'], false],
    ['x', 'in', ['not a valid value'], false],
  ] as Array<[string, SelectionOperator, string[], boolean]>)('newRequirement(%j, %s, %j) valid=%s', (k, op, vals, ok) => {
    if (ok) expect(() => newRequirement(k, op, vals)).not.toThrow();
    else expect(() => newRequirement(k, op, vals)).toThrow(LabelSelectorError);
  });

  it('reports upstream messages with field paths', () => {
    let error: unknown;
    try {
      newRequirement('x', 'in', []);
    } catch (err) {
      error = err;
    }
    expect((error as LabelSelectorError).message).toBe(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    try {
      newRequirement('invalid key', 'exists', []);
    } catch (err) {
      error = err;
    }
    expect((error as LabelSelectorError).message).toBe(
      `key: Invalid value: "invalid key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  });
});

describe('Selector.toString (TestToString)', () => {
  it.each([
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
  ])('%#', (reqs, out) => {
    expect(newSelector(reqs).toString()).toBe(out);
  });

  it('sorts requirements by key and values in print', () => {
    expect(newSelector([req('b', 'in', ['z', 'a']), req('a', 'exists')]).toString()).toBe('a,b in (a,z)');
  });
});

describe('matching', () => {
  // TestSelectorMatches, expressed with requirements instead of the string parser.
  const cases: Array<[Requirement[], Labels, boolean]> = [
    [[], { x: 'y' }, true],
    [[req('x', '=', ['y'])], { x: 'y' }, true],
    [[req('x', '=', ['y']), req('z', '=', ['w'])], { x: 'y', z: 'w' }, true],
    [[req('x', '!=', ['y']), req('z', '!=', ['w'])], { x: 'z', z: 'a' }, true],
    [[req('notin', '=', ['in'])], { notin: 'in' }, true],
    [[req('x', 'exists')], { x: 'z' }, true],
    [[req('x', '!')], { y: 'z' }, true],
    [[req('x', 'gt', ['1'])], { x: '2' }, true],
    [[req('x', 'lt', ['1'])], { x: '0' }, true],
    [[req('x', '=', ['z'])], {}, false],
    [[req('x', '=', ['y'])], { x: 'z' }, false],
    [[req('x', '=', ['y']), req('z', '=', ['w'])], { x: 'w', z: 'w' }, false],
    [[req('x', '!=', ['y']), req('z', '!=', ['w'])], { x: 'z', z: 'w' }, false],
    [[req('x', 'exists')], { y: 'z' }, false],
    [[req('x', '!')], { x: 'z' }, false],
    [[req('x', 'gt', ['1'])], { x: '0' }, false],
    [[req('x', 'lt', ['1'])], { x: '2' }, false],
    // TestRequirementSelectorMatching
    [[req('x', 'in', ['foo']), req('y', 'notin', ['alpha'])], { x: 'foo', y: 'baz' }, true],
    [[req('x', 'in', ['foo']), req('y', 'in', ['alpha'])], { x: 'foo', y: 'baz' }, false],
    [[req('x', 'notin', ['']), req('y', 'exists')], { y: '' }, true],
    [[req('x', '!'), req('y', 'exists')], { y: '' }, true],
    [[req('x', 'notin', ['']), req('y', '!')], { y: '' }, false],
    [[req('x', 'in', [''])], { y: 'baz' }, false],
    [[req('z', 'gt', ['1'])], { z: '2' }, true],
    [[req('z', 'gt', ['1'])], { z: 'v2' }, false],
  ];
  it.each(cases)('%j on %j is %s', (reqs, labels, expected) => {
    expect(newSelector(reqs).matches(labels)).toBe(expected);
  });

  it('never reads inherited properties as labels', () => {
    expect(newSelector([req('constructor', 'exists')]).matches({})).toBe(false);
    expect(newSelector([req('toString', '!')]).matches({})).toBe(true);
  });

  // TestSetMatches
  it('selectorFromSet matches supersets', () => {
    const labelset = { foo: 'bar', baz: 'blah' };
    expect(selectorFromSet({}).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'bar' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ baz: 'blah' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'bar', baz: 'blah' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'blah' }).matches(labelset)).toBe(false);
    expect(setMatches({ foo: 'bar' }, labelset)).toBe(true);
    expect(setMatches({ foo: 'bar', x: '' }, labelset)).toBe(false);
    expect(selectorFromSet({ b: '1', a: '2' }).toString()).toBe('a=2,b=1');
  });

  it('validatedSelectorFromSet rejects bad values', () => {
    expect(() => validatedSelectorFromSet({ foo: '=blah' })).toThrow(LabelSelectorError);
    expect(validatedSelectorFromSet({ foo: 'bar' }).matches({ foo: 'bar' })).toBe(true);
  });
});

describe('labelSelectorAsSelector (TestLabelSelectorAsSelector)', () => {
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In' as const, values: ['qux', 'norf'] }];

  it('null and undefined compile to Nothing, {} to Everything', () => {
    expect(labelSelectorAsSelector(null)).toBe(NOTHING);
    expect(labelSelectorAsSelector(undefined)).toBe(NOTHING);
    expect(labelSelectorAsSelector({})).toBe(EVERYTHING);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] })).toBe(EVERYTHING);
    expect(labelSelectorAsSelector({}).matches({ any: 'label' })).toBe(true);
    expect(labelSelectorAsSelector(null).matches({ any: 'label' })).toBe(false);
  });

  it.each([
    [{ matchLabels }, 'foo=bar'],
    [{ matchExpressions }, 'baz in (norf,qux)'],
    [{ matchLabels, matchExpressions }, 'baz in (norf,qux),foo=bar'],
  ])('%j compiles to %s', (sel, out) => {
    expect(labelSelectorAsSelector(sel).toString()).toBe(out);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const s = labelSelectorAsSelector({ matchLabels, matchExpressions });
    expect(s.matches({ foo: 'bar', baz: 'qux' })).toBe(true);
    expect(s.matches({ foo: 'bar', baz: 'other' })).toBe(false);
    expect(s.matches({ baz: 'qux' })).toBe(false);
  });

  it.each([
    [{ matchExpressions: [{ key: 'baz', operator: 'Exists' as const, values: ['qux', 'norf'] }] }],
    [{ matchExpressions: [{ key: 'baz', operator: 'In' as const, values: [] }] }],
    [{ matchExpressions: [{ key: 'baz', operator: 'NotIn' as const }] }],
    [{ matchLabels: { 'bad key': 'x' } }],
  ])('rejects %j', (sel) => {
    expect(() => labelSelectorAsSelector(sel)).toThrow(LabelSelectorError);
  });

  it('rejects an unknown operator with upstream wording', () => {
    expect(() =>
      labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt' as LabelSelectorOperator, values: ['1'] }] }),
    ).toThrow('"Gt" is not a valid label selector operator');
  });
});

describe('selectorFromSet (property)', () => {
  it('matches exactly the supersets of the set', () => {
    const labels = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('x', 'y', ''));
    fc.assert(
      fc.property(labels, labels, (set, ls) => {
        const expected = Object.entries(set).every(([k, v]) => Object.hasOwn(ls, k) && ls[k] === v);
        return selectorFromSet(set).matches(ls) === expected && setMatches(set, ls) === expected;
      }),
    );
  });
});
