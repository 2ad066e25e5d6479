import { describe, expect, it } from 'vitest';
import * as api from '../../src/api/index.js';

describe('api index', () => {
  it('exports the public surface', () => {
    expect(api.milliValue('250m')).toBe(250);
    expect(api.value('1Ki')).toBe(1024);
    expect(api.canonicalQuantity('cpu', 1)).toBe(1000);
    expect(typeof api.podRequests).toBe('function');
    expect(typeof api.calculateResource).toBe('function');
    expect(typeof api.labelSelectorAsSelector).toBe('function');
    expect(typeof api.RequiredNodeAffinity.fromPod).toBe('function');
    expect(typeof api.PreferredSchedulingTerms.create).toBe('function');
    expect(typeof api.tolerates).toBe('function');
    expect(typeof api.findMatchingUntoleratedTaint).toBe('function');
    expect(typeof api.loadManifests).toBe('function');
    expect(typeof api.validateObject).toBe('function');
    expect(typeof api.validation.validatePod).toBe('function');
    expect(new api.ManifestError('f', 1, 'a', 'b').toString()).toBe('f:1: a: b');
  });

  it('loads and validates a manifest end to end', () => {
    const objs = api.loadManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    resources: {requests: {cpu: 1500m}}\n', 'p.yaml');
    expect(objs.flatMap((o) => api.validateObject(o))).toEqual([]);
    const pod = objs[0]?.object as api.Pod;
    expect(api.podRequests(pod).get('cpu')).toBe(1500);
  });
});
