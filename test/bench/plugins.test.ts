import { describe, expect, it } from 'vitest';
import { GPU_PLUGIN_CASES, gpuScorePass, gpuTable } from '../../bench/gpuPlugins.js';
import { PLUGIN_CASES, scorePass } from '../../bench/plugins.js';
import { pluginTable } from '../../bench/pluginTable.js';
import { UNMODELLED_PLUGINS } from '../../src/scheduler/config/unmodelledPlugins.js';

describe('the plugins suite', () => {
  const scheduler = pluginTable(300);

  it('covers the default profile score plugins (VolumeBinding aside: it always skips, no volumes are modelled) and the three NodeResourcesFit strategies', () => {
    const fw = scheduler.framework('default-scheduler')!;
    const unmodelled = new Set(UNMODELLED_PLUGINS.map((p) => p.name));
    const defaultScores = fw.plugins.score.map((p) => p.plugin.name).filter((name) => !unmodelled.has(name));
    expect(defaultScores).toHaveLength(7);
    const covered = new Set(PLUGIN_CASES.map((c) => c.plugin));
    for (const name of defaultScores) expect(covered.has(name), name).toBe(true);
    expect(PLUGIN_CASES.filter((c) => c.plugin === 'NodeResourcesFit').map((c) => c.name)).toEqual([
      'NodeResourcesFit/LeastAllocated',
      'NodeResourcesFit/MostAllocated',
      'NodeResourcesFit/RequestedToCapacityRatio',
    ]);
  });

  it('gives every plugin real work on the table: PreScore does not Skip, and the normalised scores vary across nodes', () => {
    for (const c of PLUGIN_CASES) {
      const pass = scorePass(scheduler, c);
      expect(pass.nodes).toBe(300);
      const scores = [...pass.run()];
      expect(scores.every((s) => s >= 0 && s <= 100), c.name).toBe(true);
      expect(Math.max(...scores) > Math.min(...scores), c.name).toBe(true);
      // A pass is repeatable: the same state in, the same scores out.
      expect([...pass.run()], c.name).toEqual(scores);
    }
  });

  it('the three NodeResourcesFit strategies score differently', () => {
    const [least, most, ratio] = PLUGIN_CASES.slice(0, 3).map((c) => [...scorePass(scheduler, c).run()]);
    expect(least).not.toEqual(most);
    expect(most).not.toEqual(ratio);
  });
});

describe('the plugins suite, GPU cases', () => {
  const scheduler = gpuTable(200);

  it('covers the six GPU score plugins of the registry', () => {
    expect(GPU_PLUGIN_CASES.map((c) => c.name)).toEqual(['gpu/FGDScore', 'gpu/DotProductScore', 'gpu/GpuClusteringScore', 'gpu/GpuPackingScore', 'gpu/BestFitScore', 'gpu/RandomScore']);
  });

  it('scores every GPU node from an empty memo each pass, within [0, 100], not all alike', () => {
    for (const c of GPU_PLUGIN_CASES) {
      const pass = gpuScorePass(scheduler, c);
      expect(pass.nodes).toBe(200);
      const scores = [...pass.run()];
      expect(scores.every((s) => s >= 0 && s <= 100), c.name).toBe(true);
      expect(Math.max(...scores) > Math.min(...scores), c.name).toBe(true);
      if (c.plugin !== 'RandomScore') expect([...pass.run()], c.name).toEqual(scores);
    }
  });
});
