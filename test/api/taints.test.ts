import { describe, expect, it } from 'vitest';
import {
  doNotScheduleTaintsFilter,
  findMatchingUntoleratedTaint,
  type TaintFilter,
  taintsMatch,
  taintToString,
  tolerates,
  tolerationsMatch,
  tolerationsTolerateTaint,
  tolerationsTolerateTaintsWithFilter,
} from '../../src/api/taints.js';
import type { Taint, Toleration } from '../../src/api/types.js';

describe('tolerates (TestTolerationToleratesTaint)', () => {
  const cases: Array<[string, Toleration, Taint, boolean]> = [
    [
      'same key and effect, Exists, taint without value',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key and effect, Exists, taint with a value',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'empty key and Exists matches all taints of the effect',
      { key: '', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key, effect and value, Equal',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key and effect, different values, Equal',
      { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      { key: 'foo', value: 'value2', effect: 'NoSchedule' },
      false,
    ],
    [
      'same key and value, different effects, Equal',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoExecute' },
      false,
    ],
    ['empty operator means Equal', { key: 'foo', value: 'bar' }, { key: 'foo', value: 'bar', effect: 'NoExecute' }, true],
    ['empty effect matches every effect', { key: 'foo', operator: 'Exists', effect: '' }, { key: 'foo', effect: 'PreferNoSchedule' }, true],
    ['a toleration without a key and operator Exists tolerates everything', { operator: 'Exists' }, { key: 'x', effect: 'NoExecute' }, true],
    ['Equal with missing values on both sides', { key: 'foo', operator: 'Equal' }, { key: 'foo', effect: 'NoSchedule' }, true],
    // v1.34 has no numeric comparison operators: Gt/Lt tolerate nothing.
    [
      'Gt is not supported in v1.34',
      { key: 'sla', operator: 'Gt' as Toleration['operator'], value: '750', effect: 'NoSchedule' },
      { key: 'sla', value: '950', effect: 'NoSchedule' },
      false,
    ],
  ];
  it.each(cases)('%s', (_name, toleration, taint, expected) => {
    expect(tolerates(toleration, taint)).toBe(expected);
  });
});

describe('findMatchingUntoleratedTaint (TestFindMatchingUntoleratedTaint)', () => {
  const all: TaintFilter = () => true;
  const cases: Array<[string, Toleration[], Taint[], TaintFilter | undefined, boolean]> = [
    ['empty tolerations tolerate empty taints', [], [], all, true],
    ['non-empty tolerations tolerate empty taints', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [], all, true],
    [
      'tolerations match all taints, expect tolerated',
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'foo', effect: 'NoSchedule' }],
      all,
      true,
    ],
    [
      "tolerations don't match taints, but no taints apply to the filter, expect tolerated",
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'bar', effect: 'NoSchedule' }],
      () => false,
      true,
    ],
    [
      "no filterFunc indicated, means all taints apply to the filter, tolerations don't match taints, expect untolerated",
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'bar', effect: 'NoSchedule' }],
      undefined,
      false,
    ],
    [
      'tolerations match taints, expect tolerated',
      [{ key: 'foo', operator: 'Exists', effect: 'NoExecute' }],
      [
        { key: 'foo', effect: 'NoExecute' },
        { key: 'bar', effect: 'NoSchedule' },
      ],
      (t) => t.effect === 'NoExecute',
      true,
    ],
  ];
  it.each(cases)('%s', (_name, tolerations, taints, filter, tolerated) => {
    expect(findMatchingUntoleratedTaint(taints, tolerations, filter) === undefined).toBe(tolerated);
    expect(tolerationsTolerateTaintsWithFilter(tolerations, taints, filter)).toBe(tolerated);
  });

  it('returns the first untolerated taint in the node order', () => {
    const taints: Taint[] = [
      { key: 'a', effect: 'PreferNoSchedule' },
      { key: 'b', effect: 'NoSchedule' },
      { key: 'c', effect: 'NoExecute' },
    ];
    expect(findMatchingUntoleratedTaint(taints, [], doNotScheduleTaintsFilter)).toEqual({ key: 'b', effect: 'NoSchedule' });
    expect(findMatchingUntoleratedTaint(taints, [{ key: 'b', operator: 'Exists' }], doNotScheduleTaintsFilter)).toEqual({
      key: 'c',
      effect: 'NoExecute',
    });
    expect(findMatchingUntoleratedTaint(undefined, undefined)).toBeUndefined();
  });
});

describe('taint helpers', () => {
  it('tolerationsTolerateTaint needs one tolerating toleration', () => {
    const taint: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }, { key: 'k', value: 'v' }], taint)).toBe(true);
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }], taint)).toBe(false);
    expect(tolerationsTolerateTaint(undefined, taint)).toBe(false);
  });

  it('prints and compares taints and tolerations as upstream', () => {
    expect(taintToString({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule');
    expect(taintToString({ key: 'k', effect: 'NoExecute' })).toBe('k:NoExecute');
    expect(taintsMatch({ key: 'k', value: 'a', effect: 'NoSchedule' }, { key: 'k', value: 'b', effect: 'NoSchedule' })).toBe(true);
    expect(taintsMatch({ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoExecute' })).toBe(false);
    expect(tolerationsMatch({ key: 'k', operator: 'Exists' }, { key: 'k', operator: 'Exists', effect: '' })).toBe(true);
    expect(tolerationsMatch({ key: 'k', operator: 'Exists' }, { key: 'k', operator: 'Equal' })).toBe(false);
  });
});
