import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/api/types.js';
import { SimulatedNode } from '../../../src/cluster/cloud/SimulatedNode.js';
import { pod } from './fakes.js';

function node(extra: Partial<Node['spec']> = {}, labels: Record<string, string> = {}): Node {
  return { metadata: { name: 'n', labels }, spec: { ...extra }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: 3 } } };
}

describe('SimulatedNode', () => {
  it('fits pods while requests stay within allocatable, pods count included', () => {
    const n = new SimulatedNode(node());
    expect(n.fits(pod('a', '1500m', '1Gi'))).toBe(true);
    n.addPod(pod('a', '1500m', '1Gi'));
    expect(n.fits(pod('b', '600m', '1Gi'))).toBe(false);
    expect(n.fits(pod('b', '500m', '3Gi'))).toBe(true);
    n.addPod(pod('b', '500m', '3Gi'));
    expect(n.fits(pod('c', '0', '0'))).toBe(true);
    n.addPod(pod('c', '0', '0'));
    expect(n.fits(pod('d', '0', '0'))).toBe(false); // pods: 3
    expect(n.utilization()).toBe(1);
  });

  it('utilisation is the larger of the cpu and memory fractions', () => {
    const n = new SimulatedNode(node());
    n.addPod(pod('a', '500m', '3Gi'));
    expect(n.utilization()).toBe(0.75);
    const b = pod('b', '1', '0');
    n.addPod(b);
    expect(n.utilization()).toBe(0.75);
    expect(n.removePod({ ...b, metadata: { name: 'b' } })).toBe(false); // another object, no uid
    expect(n.removePod(b)).toBe(true);
    expect(n.requested.get('cpu')).toBe(500);
  });

  it('checks nodeSelector, taints and spec.unschedulable', () => {
    const p = pod('a', '100m', '10Mi');
    expect(new SimulatedNode(node({ taints: [{ key: 'k', effect: 'NoSchedule' }] })).fits(p)).toBe(false);
    expect(new SimulatedNode(node({ taints: [{ key: 'k', effect: 'PreferNoSchedule' }] })).fits(p)).toBe(true);
    expect(new SimulatedNode(node({ unschedulable: true })).fits(p)).toBe(false);
    const selective: Pod = { ...p, spec: { ...p.spec, nodeSelector: { disk: 'ssd' } } };
    expect(new SimulatedNode(node()).fits(selective)).toBe(false);
    expect(new SimulatedNode(node({}, { disk: 'ssd' })).fits(selective)).toBe(true);
    const tolerant: Pod = { ...p, spec: { ...p.spec, tolerations: [{ key: 'k', operator: 'Exists' }] } };
    expect(new SimulatedNode(node({ taints: [{ key: 'k', effect: 'NoExecute' }] })).fits(tolerant)).toBe(true);
  });
});
