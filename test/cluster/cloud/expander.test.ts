import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { bestOption, leastWaste, mostPods, wastedScore, type ExpansionOption } from '../../../src/cluster/cloud/expander.js';
import type { NodeGroup } from '../../../src/cluster/cloud/NodeGroup.js';
import { RandomStreams } from '../../../src/engine/RandomStreams.js';

const cpuPerPod = 500;
const memoryPerPod = 1000 * 1024 * 1024;

function group(name: string, milliCpu: number, memory: number): NodeGroup {
  return { name, minSize: 1, maxSize: 2, provisioningDelay: 0, template: { capacity: { cpu: `${milliCpu}m`, memory, pods: 100 } } };
}

const pod: Pod = {
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', resources: { requests: { cpu: `${cpuPerPod}m`, memory: memoryPerPod } } }] },
};

describe('least-waste expander (expander/waste TestLeastWaste)', () => {
  const balanced: ExpansionOption = { group: group('balanced', 16 * cpuPerPod, 16 * memoryPerPod), nodeCount: 1, pods: [] };

  it('returns the only option when there is no pod', () => {
    expect(leastWaste([balanced])).toEqual([balanced]);
  });

  it('prefers the balanced node to the high-memory one for one pod', () => {
    const b = { ...balanced, pods: [pod] };
    const highmem: ExpansionOption = { group: group('highmem', 16 * cpuPerPod, 32 * memoryPerPod), nodeCount: 1, pods: [pod] };
    expect(wastedScore(b)).toBeCloseTo(15 / 16 + 15 / 16, 12);
    expect(wastedScore(highmem)).toBeCloseTo(15 / 16 + 31 / 32, 12);
    expect(leastWaste([b, highmem])).toEqual([b]);
  });

  it('prefers the low-cpu node among balanced, high-memory and low-cpu', () => {
    const b = { ...balanced, pods: [pod] };
    const highmem: ExpansionOption = { group: group('highmem', 16 * cpuPerPod, 32 * memoryPerPod), nodeCount: 1, pods: [pod] };
    const lowcpu: ExpansionOption = { group: group('lowcpu', 8 * cpuPerPod, 16 * memoryPerPod), nodeCount: 1, pods: [pod] };
    expect(leastWaste([b, highmem, lowcpu])).toEqual([lowcpu]);
  });

  it('keeps every option tied for least waste, for the random fallback', () => {
    const a: ExpansionOption = { group: group('a', 1000, 1000), nodeCount: 2, pods: [] };
    const b: ExpansionOption = { group: group('b', 1000, 1000), nodeCount: 1, pods: [] };
    expect(leastWaste([a, b])).toEqual([a, b]);
  });
});

describe('most-pods expander', () => {
  it('keeps the options that schedule the most pods', () => {
    const a: ExpansionOption = { group: group('a', 1000, 1000), nodeCount: 1, pods: [pod] };
    const b: ExpansionOption = { group: group('b', 1000, 1000), nodeCount: 1, pods: [pod, pod] };
    const c: ExpansionOption = { group: group('c', 1000, 1000), nodeCount: 3, pods: [pod, pod] };
    expect(mostPods([a, b, c])).toEqual([b, c]);
  });
});

describe('bestOption', () => {
  const a: ExpansionOption = { group: group('a', 1000, 1000), nodeCount: 1, pods: [pod] };
  const b: ExpansionOption = { group: group('b', 1000, 1000), nodeCount: 1, pods: [pod, pod] };
  const c: ExpansionOption = { group: group('c', 1000, 1000), nodeCount: 1, pods: [pod, pod] };

  it('applies the chain, then picks at random among what is left', () => {
    const random = new RandomStreams(3).stream('expander');
    const picks = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const o = bestOption([a, b, c], ['most-pods'], random)!;
      picks.set(o.group.name, (picks.get(o.group.name) ?? 0) + 1);
    }
    expect(picks.get('a')).toBeUndefined();
    expect(picks.get('b')! + picks.get('c')!).toBe(2000);
    expect(Math.abs(picks.get('b')! - 1000)).toBeLessThan(100);
  });

  it('random alone picks uniformly among all options', () => {
    const random = new RandomStreams(3).stream('expander');
    const counts = [0, 0, 0];
    const options = [a, b, c];
    for (let i = 0; i < 3000; i++) counts[options.indexOf(bestOption(options, ['random'], random)!)]!++;
    for (const n of counts) expect(Math.abs(n - 1000)).toBeLessThan(100);
  });

  it('gives undefined without options', () => {
    expect(bestOption([], ['least-waste'], new RandomStreams(1).stream('x'))).toBeUndefined();
  });
});
