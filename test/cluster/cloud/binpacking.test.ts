import { describe, expect, it } from 'vitest';
import { estimateNodes } from '../../../src/cluster/cloud/binpacking.js';
import { nodeFromTemplate, type NodeGroup } from '../../../src/cluster/cloud/NodeGroup.js';
import { SimulatedNode } from '../../../src/cluster/cloud/SimulatedNode.js';
import { pod } from './fakes.js';

const group: NodeGroup = { name: 'g', minSize: 0, maxSize: 10, provisioningDelay: 0, template: { capacity: { cpu: '2', memory: '4Gi', pods: 110 } } };

describe('estimateNodes (first-fit decreasing)', () => {
  const pods = ['500m', '1500m', '500m', '1500m', '500m', '1500m'].map((cpu, i) => pod(`p${i}`, cpu, '100Mi'));

  it('packs the largest pods first: 3 × (1.5 + 0.5) on 2-cpu nodes', () => {
    const e = estimateNodes(pods, new SimulatedNode(nodeFromTemplate(group, 't')), 10);
    expect(e.nodeCount).toBe(3);
    expect(e.pods.map((p) => p.metadata.name)).toEqual(['p1', 'p3', 'p5', 'p0', 'p2', 'p4']);
  });

  it('stops opening nodes at the limit and leaves the rest out', () => {
    const e = estimateNodes(pods, new SimulatedNode(nodeFromTemplate(group, 't')), 2);
    expect(e.nodeCount).toBe(2);
    expect(e.pods.map((p) => p.metadata.name)).toEqual(['p1', 'p3', 'p0', 'p2']);
  });

  it('respects allocatable pods', () => {
    const small = { ...group, template: { capacity: { cpu: '64', memory: '256Gi', pods: 2 } } };
    const many = Array.from({ length: 7 }, (_, i) => pod(`p${i}`, '100m', '10Mi'));
    expect(estimateNodes(many, new SimulatedNode(nodeFromTemplate(small, 't')), 10).nodeCount).toBe(4);
  });

  it('counts what the template already holds (DaemonSet pods)', () => {
    const template = new SimulatedNode(nodeFromTemplate(group, 't'));
    template.addPod(pod('ds', '600m', '100Mi'));
    // 1.4 + 0.6 fills a node; 0.5 needs a second; 1.5 fits no template node at all.
    const e = estimateNodes([pod('x', '1400m', '1Mi'), pod('y', '500m', '1Mi'), pod('z', '1500m', '1Mi')], template, 10);
    expect(e.nodeCount).toBe(2);
    expect(e.pods.map((p) => p.metadata.name)).toEqual(['x', 'y']);
  });
});
