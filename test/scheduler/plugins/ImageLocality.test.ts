/**
 * ImageLocality: upstream's image_locality_test.go (TestImageLocalityPriority
 * with v1.34's per-container threshold, TestNormalizedImageName), the
 * kube-scheduler-cases.json cases, and fast path = per-node path.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerImage, Node, Pod } from '../../../src/api/types.js';
import { normalizedImageName } from '../../../src/scheduler/cache/Cache.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { calculatePriority, ImageLocality, ImageLocalityPlugin } from '../../../src/scheduler/plugins/ImageLocality.js';
import { loadCases } from '../cases/caseFiles.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { caseCluster, container, node, pod, scoreBoth } from './noderesourcesTestUtil.js';

const mb = 1024 * 1024;

function imagePod(images: string[], initImages: string[] = []): Pod {
  const p = pod(images.map((i) => container(undefined, i)));
  if (initImages.length > 0) p.spec.initContainers = initImages.map((i) => container(undefined, i));
  return p;
}

const img = (sizeMB: number, ...names: string[]): ContainerImage => ({ names, sizeBytes: sizeMB * mb });
const node403002000 = [img(40, 'gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest', 'gcr.io/300:v1'), img(2000, 'gcr.io/2000:latest')];
const node25010 = [img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:latest', 'gcr.io/10:v1')];
const node60040900 = [img(600, 'gcr.io/600:latest'), img(40, 'gcr.io/40:latest'), img(900, 'gcr.io/900:latest')];
const node300600900 = [img(300, 'gcr.io/300:latest'), img(600, 'gcr.io/600:latest'), img(900, 'gcr.io/900:latest')];
const node400030 = [img(4000, 'gcr.io/4000:latest'), img(30, 'gcr.io/30:latest')];
const node203040 = [img(20, 'gcr.io/20:latest'), img(30, 'gcr.io/30:latest'), img(40, 'gcr.io/40:latest')];

const imageNode = (name: string, images?: ContainerImage[]): Node => node(name, {}, images === undefined ? {} : { images });

function scores(p: Pod, nodes: Node[]): number[] {
  const cache = makeCache(nodes);
  const plugin = ImageLocality.factory(undefined, makeHandle(cache)) as ImageLocalityPlugin;
  const state = new CycleState();
  const info = new PodInfo(p);
  const infos = nodes.map((n) => cache.get(n.metadata.name!)!);
  const got = scoreBoth(plugin, state, info, infos);
  // A fresh plugin (nothing remembered) gives the same.
  const fresh = ImageLocality.factory(undefined, makeHandle(cache)) as ImageLocalityPlugin;
  expect(infos.map((n) => fresh.score(state, info, n))).toEqual(got);
  return got;
}

describe('ImageLocality: TestImageLocalityPriority', () => {
  const cases: { name: string; pod: Pod; nodes: Node[]; expected: number[] }[] = [
    {
      name: 'two images spread on two nodes, prefer the larger image one',
      pod: imagePod(['gcr.io/40', 'gcr.io/250']),
      nodes: [imageNode('node1', node403002000), imageNode('node2', node25010)],
      expected: [0, 5],
    },
    {
      name: 'two images on one node, prefer this node',
      pod: imagePod(['gcr.io/40', 'gcr.io/300']),
      nodes: [imageNode('node1', node403002000), imageNode('node2', node25010)],
      expected: [7, 0],
    },
    {
      name: 'if exceed limit, use limit',
      pod: imagePod(['gcr.io/10', 'gcr.io/4000']),
      nodes: [imageNode('node1', node400030), imageNode('node2', node25010)],
      expected: [100, 0],
    },
    {
      name: 'if exceed limit, use limit (with node which has no images present)',
      pod: imagePod(['gcr.io/10', 'gcr.io/4000']),
      nodes: [imageNode('node1', node400030), imageNode('node2', node25010), imageNode('node3')],
      expected: [66, 0, 0],
    },
    {
      name: 'pod with multiple large images, node2 is preferred',
      pod: imagePod(['gcr.io/300', 'gcr.io/600', 'gcr.io/900']),
      nodes: [imageNode('node1', node60040900), imageNode('node2', node300600900), imageNode('node3')],
      expected: [32, 36, 0],
    },
    {
      name: 'pod with multiple small images',
      pod: imagePod(['gcr.io/30', 'gcr.io/40']),
      nodes: [imageNode('node1', node203040), imageNode('node2', node400030)],
      expected: [1, 0],
    },
    {
      name: 'include InitContainers: two images spread on two nodes, prefer the larger image one',
      pod: imagePod(['gcr.io/30'], ['gcr.io/300']),
      nodes: [imageNode('node1', node403002000), imageNode('node2', node203040)],
      expected: [6, 0],
    },
  ];
  for (const c of cases) it(c.name, () => expect(scores(c.pod, c.nodes)).toEqual(c.expected));

  it('one plugin scoring different pods in turn remembers nothing stale', () => {
    const nodes = [imageNode('node1', node403002000), imageNode('node2', node25010)];
    const cache = makeCache(nodes);
    const plugin = ImageLocality.factory(undefined, makeHandle(cache)) as ImageLocalityPlugin;
    const infos = nodes.map((n) => cache.get(n.metadata.name!)!);
    const a = new PodInfo(imagePod(['gcr.io/40', 'gcr.io/300']));
    const b = new PodInfo(imagePod(['gcr.io/40', 'gcr.io/250']));
    expect(scoreBoth(plugin, new CycleState(), a, infos)).toEqual([7, 0]);
    expect(scoreBoth(plugin, new CycleState(), b, infos)).toEqual([0, 5]);
    expect(infos.map((n) => plugin.score(new CycleState(), a, n))).toEqual([7, 0]);
  });

  it('a pod without containers scores 0 everywhere (no division by a zero range)', () => {
    expect(scores(pod([]), [imageNode('node1', node403002000)])).toEqual([0]);
    expect(calculatePriority(0, 0)).toBe(0);
  });
});

describe('ImageLocality: TestNormalizedImageName', () => {
  const digest = `sha256:${createHash('sha256').update('root').digest('hex')}`;
  const cases = [
    { name: 'add :latest postfix 1', input: 'root', output: 'root:latest' },
    { name: 'add :latest postfix 2', input: 'gcr.io:5000/root', output: 'gcr.io:5000/root:latest' },
    { name: 'keep it as is 1', input: 'root:tag', output: 'root:tag' },
    { name: 'keep it as is 2', input: `root@${digest}`, output: `root@${digest}` },
  ];
  for (const c of cases) it(c.name, () => expect(normalizedImageName(c.input)).toBe(c.output));
});

describe('ImageLocality: kube-scheduler-cases.json', () => {
  const all = loadCases()?.filter((c) => c.plugin === 'ImageLocality');
  if (all === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(all.length).toBeGreaterThan(0));
  for (const c of all) {
    it(`${c.id}: ${c.source.name}`, () => {
      const { cache, pod: p, nodes } = caseCluster(c);
      const plugin = ImageLocality.factory(undefined, makeHandle(cache)) as ImageLocalityPlugin;
      const got = scoreBoth(plugin, new CycleState(), p, nodes);
      expect(nodes.map((n, i) => ({ node: n.name, score: got[i] }))).toEqual(c.expected.scores);
    });
  }
});

describe('ImageLocality fast path = per-node path (random clusters)', () => {
  it('scoreNodes agrees with score', () => {
    const names = ['a', 'b:v1', 'c', 'registry:5000/d', 'e'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ name: fc.constantFrom(...names), size: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(...names, 'a:latest', 'zzz'), { maxLength: 4 }),
        fc.array(fc.constantFrom(...names), { maxLength: 2 }),
        (nodeImages, podImages, initImages) => {
          const nodes = nodeImages.map((imgs, i) => imageNode(`n${i}`, imgs.map((x) => img(x.size, x.name))));
          const cache = makeCache(nodes);
          const plugin = ImageLocality.factory(undefined, makeHandle(cache)) as ImageLocalityPlugin;
          const info = new PodInfo(imagePod(podImages, initImages));
          for (const s of scoreBoth(plugin, new CycleState(), info, cache.nodeInfoList())) expect(Number.isInteger(s) && s >= 0 && s <= 100).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ImageLocality memo across cycles (a long-lived cache and plugin)', () => {
  it('scores as a fresh per-node computation while nodes, images and pods change between cycles', () => {
    const names = ['a', 'b:v1', 'c', 'registry:5000/d', 'e'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            op: fc.constantFrom('images', 'heartbeat', 'pod', 'add', 'remove', 'score', 'score'),
            node: fc.nat(9),
            images: fc.array(fc.constantFrom(...names), { maxLength: 3 }),
            pod: fc.nat(3),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (ops) => {
          const podImages = [['a'], ['b:v1', 'c'], ['registry:5000/d', 'a', 'a'], ['e', 'zzz']];
          // One size per image (the cache keeps the size the first node reported; the fresh reference adds nodes in another order).
          const sized = (name: string): ContainerImage => img(300 * (names.indexOf(name) + 1), name);
          const podInfos = podImages.map((images) => new PodInfo(imagePod(images)));
          const nodes = new Map<string, Node>();
          for (let i = 0; i < 5; i++) nodes.set(`n${i}`, imageNode(`n${i}`, [sized(names[i]!)]));
          const cache = makeCache([...nodes.values()]);
          const plugin = ImageLocality.factory(undefined, makeHandle(cache)) as ImageLocalityPlugin;
          let pods = 0;
          for (const { op, node: n, images, pod } of ops) {
            const name = `n${n}`;
            const current = nodes.get(name);
            if (op === 'images' && current !== undefined) {
              const next = imageNode(name, images.map(sized));
              cache.updateNode(current, next);
              nodes.set(name, next);
            } else if (op === 'heartbeat' && current !== undefined) {
              // The kubelet's status heartbeat: a new Node object carrying the same images array.
              const next: Node = { ...current, status: { ...current.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: String(pods) }] } };
              cache.updateNode(current, next);
              nodes.set(name, next);
            } else if (op === 'pod' && current !== undefined) {
              const p = imagePod(['a']);
              p.metadata.name = `p${pods}`;
              p.metadata.uid = `uid-${pods++}`;
              p.spec.nodeName = name;
              cache.addPod(new PodInfo(p));
            } else if (op === 'add' && current === undefined) {
              const next = imageNode(name, images.map(sized));
              cache.addNode(next);
              nodes.set(name, next);
            } else if (op === 'remove' && current !== undefined && nodes.size > 1) {
              cache.removeNode(current);
              nodes.delete(name);
            } else {
              const list = cache.nodeInfoList();
              const rows = Int32Array.from(list, (x) => x.index);
              const out = new Float64Array(list.length);
              plugin.scoreNodes(new CycleState(), podInfos[pod]!, rows, list.length, out);
              // The reference: a cache built afresh from the same nodes, scored node by node.
              const fresh = makeCache([...nodes.values()]);
              const freshPlugin = ImageLocality.factory(undefined, makeHandle(fresh)) as ImageLocalityPlugin;
              const expected = list.map((x) => freshPlugin.score(new CycleState(), podInfos[pod]!, fresh.get(x.name)!));
              expect(Array.from(out)).toEqual(expected);
              for (const image of [...names, 'a:latest', 'zzz']) expect(cache.imageNumNodes(normalizedImageName(image))).toBe(fresh.imageNumNodes(normalizedImageName(image)));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
