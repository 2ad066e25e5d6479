import { describe, expect, it } from 'vitest';
import { AllocationTracker } from '../../../src/metrics/collector/Allocation.js';

describe('AllocationTracker', () => {
  it('integrates the piecewise-constant ratio exactly, over the time capacity existed', () => {
    const a = new AllocationTracker(0);
    expect(a.ratio(0)).toBeUndefined();
    a.advance(100); // no capacity yet: not part of the mean
    a.setNode('n1', true, [4000, 8, 0]);
    a.setNode('n2', true, [4000, 8, 0]);
    a.addPod('n1', [2000, 4, 0], 1);
    expect(a.ratio(0)).toBe(0.25);
    a.advance(400);
    a.addPod('n1', [2000, 4, 0], -1);
    a.advance(700);
    expect(a.meanRatio(0)).toBe(0.125);
    expect(a.meanRatio(1)).toBe(0.125);
    expect(a.meanRatio(2)).toBeUndefined();
    expect(a.nodeCount).toBe(2);
    expect(a.readyNodeCount).toBe(2);
  });

  it('leaves a NotReady node and its pods out, and brings them back when Ready again', () => {
    const a = new AllocationTracker(0);
    a.setNode('n1', true, [1000, 0, 0]);
    a.setNode('n2', true, [1000, 0, 0]);
    a.addPod('n2', [1000, 0, 0], 1);
    expect(a.ratio(0)).toBe(0.5);
    a.setNode('n2', false, [1000, 0, 0]);
    expect(a.ratio(0)).toBe(0);
    expect(a.readyNodeCount).toBe(1);
    a.setNode('n2', true, [1000, 0, 0]);
    expect(a.ratio(0)).toBe(0.5);
    a.removeNode('n2');
    expect(a.ratio(0)).toBe(0);
    expect(a.nodeCount).toBe(1);
  });

  it('tells a node\'s readiness as last set, and nothing for a node not known to exist', () => {
    const a = new AllocationTracker(0);
    a.addPod('n1', [500, 0, 0], 1);
    expect(a.readiness('n1')).toBeUndefined();
    a.setNode('n1', false, [1000, 0, 0]);
    expect(a.readiness('n1')).toBe(false);
    a.setNode('n1', true, [1000, 0, 0]);
    expect(a.readiness('n1')).toBe(true);
    a.removeNode('n1');
    expect(a.readiness('n1')).toBeUndefined();
  });

  it('keeps the requests of pods bound to a node before the node is seen', () => {
    const a = new AllocationTracker(0);
    a.addPod('late-node', [500, 0, 0], 1);
    expect(a.ratio(0)).toBeUndefined();
    a.setNode('late-node', true, [1000, 0, 0]);
    expect(a.ratio(0)).toBe(0.5);
  });

  it('never integrates backwards', () => {
    const a = new AllocationTracker(10);
    a.setNode('n', true, [1, 0, 0]);
    a.advance(5);
    expect(a.meanRatio(0)).toBeUndefined();
    a.advance(20);
    expect(a.meanRatio(0)).toBe(0);
  });
});
