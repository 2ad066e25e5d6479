import { describe, expect, it } from 'vitest';
import { loadConfigurationObject } from '../../../src/scheduler/config/load.js';
import { formatLoaded, toV1Object } from '../../../src/scheduler/config/print.js';
import { inTreeRegistry } from '../../../src/scheduler/plugins/registry.js';
import { BUILTIN_POLICIES } from '../../../src/scheduler/policies/builtins.js';
import { loadBuiltinPolicy } from '../../../src/scheduler/policies/resolvePolicy.js';

/** The config without the field paths that record where entries came from. */
function strip(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'source' ? undefined : x)));
}

describe('printing', () => {
  for (const p of BUILTIN_POLICIES) {
    it(`${p.name}: the v1 form loads back to the same configuration and plugins`, () => {
      const loaded = loadBuiltinPolicy(p.name);
      const again = loadConfigurationObject(toV1Object(loaded.config), { registry: inTreeRegistry() });
      expect(strip(again.config)).toEqual(strip(loaded.config));
      expect(again.listed).toEqual(loaded.listed);
    });
  }

  it('formats each profile with its plugins per extension point', () => {
    const text = formatLoaded(loadBuiltinPolicy('random'));
    expect(text.split('\n')[0]).toBe('profile default-scheduler: percentageOfNodesToScore 100%, tie-break random');
    expect(text).toContain('  score:      EqualScore×1');
    expect(text).toContain('  queueSort:  PrioritySort');
    expect(formatLoaded(loadBuiltinPolicy('default'))).toContain(
      '  score:      TaintToleration×3, NodeAffinity×2, NodeResourcesFit×1, VolumeBinding×1, PodTopologySpread×2, InterPodAffinity×2, NodeResourcesBalancedAllocation×1, ImageLocality×1',
    );
  });
});
