import { describe, expect, it } from 'vitest';
import type { Taint } from '../../../src/api/types.js';
import { TaintSets } from '../../../src/scheduler/cache/taintSets.js';

describe('TaintSets', () => {
  const gpu = (): Taint[] => [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }];

  it('gives lists with the same NoSchedule/NoExecute taints one id, whatever the array', () => {
    const sets = new TaintSets();
    const a = sets.idOf(gpu());
    expect(a).toBeGreaterThan(0);
    expect(sets.idOf(gpu())).toBe(a);
    expect(sets.idOf([...gpu(), { key: 'soft', effect: 'PreferNoSchedule' }])).toBe(a);
    expect(sets.lists[a]).toEqual(gpu());
  });

  it('tells apart a different key, value or effect', () => {
    const sets = new TaintSets();
    const ids = [
      sets.idOf(gpu()),
      sets.idOf([{ key: 'nvidia.com/gpu', value: 'absent', effect: 'NoSchedule' }]),
      sets.idOf([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoExecute' }]),
      sets.idOf([{ key: 'dedicated', value: 'present', effect: 'NoSchedule' }]),
    ];
    expect(new Set(ids).size).toBe(4);
  });

  it('gives 0 to a list with no NoSchedule or NoExecute taint', () => {
    const sets = new TaintSets();
    expect(sets.idOf([])).toBe(0);
    expect(sets.idOf([{ key: 'soft', effect: 'PreferNoSchedule' }])).toBe(0);
    expect(sets.lists).toEqual([[]]);
  });
});
