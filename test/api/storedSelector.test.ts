import { describe, expect, it } from 'vitest';
import { LabelSelectorError, labelSelectorAsSelector, NOTHING } from '../../src/api/labels.js';
import { storedLabelSelector } from '../../src/api/storedSelector.js';
import type { LabelSelector } from '../../src/api/types.js';

describe('storedLabelSelector', () => {
  const sel: LabelSelector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] };

  it('compiles as labelSelectorAsSelector does', () => {
    const s = storedLabelSelector(sel);
    expect(s.toString()).toBe(labelSelectorAsSelector(sel).toString());
    expect(s.matches({ app: 'web', tier: 'b' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'c' })).toBe(false);
  });

  it('compiles a selector object once', () => {
    expect(storedLabelSelector(sel)).toBe(storedLabelSelector(sel));
  });

  it('compiles a new selector object (a written object) afresh', () => {
    const next: LabelSelector = { matchLabels: { app: 'api' } };
    expect(storedLabelSelector(next)).not.toBe(storedLabelSelector(sel));
    expect(storedLabelSelector(next).matches({ app: 'api' })).toBe(true);
  });

  it('a missing selector selects nothing', () => {
    expect(storedLabelSelector(undefined)).toBe(NOTHING);
    expect(storedLabelSelector(null)).toBe(NOTHING);
  });

  it('an invalid selector throws every time', () => {
    const bad = { matchExpressions: [{ key: 'k', operator: 'Near', values: [] }] } as unknown as LabelSelector;
    expect(() => storedLabelSelector(bad)).toThrow(LabelSelectorError);
    expect(() => storedLabelSelector(bad)).toThrow(LabelSelectorError);
  });
});
