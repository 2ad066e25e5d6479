/**
 * Every case of ../shared/reference/kube-scheduler-cases.json (worked examples
 * transcribed from upstream's unit tests) through `kubesim explain`: the case
 * becomes a cluster file, a pod file and a KubeSchedulerConfiguration that runs
 * only the plugin under test; the JSON output must give the expected Filter
 * codes, reasons, PreScore status and normalised scores.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../../src/scheduler/explain.js';
import { kubesim } from '../../cli/run.js';
import { caseFiles, loadCases, nodeName, type SchedulerCase } from './caseFiles.js';

const cases = loadCases();
const dir = mkdtempSync(join(tmpdir(), 'kubesim-cases-'));

function explainCase(c: SchedulerCase, files = caseFiles(c)): Explanation {
  const base = join(dir, c.id);
  mkdirSync(base, { recursive: true });
  writeFileSync(join(base, 'cluster.json'), files.cluster);
  writeFileSync(join(base, 'pod.json'), files.pod);
  writeFileSync(join(base, 'config.json'), files.config);
  const r = kubesim(
    'explain',
    '--cluster',
    join(base, 'cluster.json'),
    '--pod',
    join(base, 'pod.json'),
    '--config',
    join(base, 'config.json'),
    '-o',
    'json',
    ...files.flags,
  );
  if (r.status !== 0) throw new Error(`kubesim explain failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Explanation;
}

/** numFeasibleNodesToFind cases: a cluster of N identical nodes and the given percentages. */
function numFeasibleCase(c: SchedulerCase): Explanation {
  const args = c.args as { globalPercentageOfNodesToScore: number; profilePercentageOfNodesToScore: number | null; numAllNodes: number };
  const items = Array.from({ length: args.numAllNodes }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${i}` },
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
  }));
  const profile: Record<string, unknown> = { schedulerName: 'default-scheduler' };
  if (args.profilePercentageOfNodesToScore !== null) profile['percentageOfNodesToScore'] = args.profilePercentageOfNodesToScore;
  return explainCase(c, {
    cluster: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    pod: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'pause' }] } }),
    config: JSON.stringify({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      percentageOfNodesToScore: args.globalPercentageOfNodesToScore,
      profiles: [profile],
    }),
    flags: [],
  });
}

describe.skipIf(cases === null)('kube-scheduler-cases.json through kubesim explain', () => {
  for (const c of cases ?? []) {
    const title = `${c.id}: ${c.plugin} ${c.phase} — ${c.source.test ?? 'derived'} "${c.source.name}"`;
    if (c.plugin === 'helper.BuildBrokenLinearFunction') continue; // a pure helper: see brokenLinearFunction.test.ts
    it(title, () => {
      if (c.plugin === 'numFeasibleNodesToFind') {
        expect(numFeasibleCase(c).numFeasibleNodesToFind).toBe(c.expected.numNodes);
        return;
      }
      const e = explainCase(c);
      if (c.expected.filter !== undefined) {
        for (const [node, code] of Object.entries(c.expected.filter)) expect(e.filter[nodeName(node)]?.code, `node ${node}`).toBe(code);
        if (c.expected.reasons !== undefined && c.expected.reasons.length > 0) {
          const rejected = Object.values(e.filter).filter((f) => f.code !== 'Success');
          expect(rejected.map((f) => f.reasons)).toContainEqual(c.expected.reasons);
        }
      }
      if (c.expected.preScoreStatus !== undefined) expect(e.preScore[c.plugin]).toBe(c.expected.preScoreStatus);
      if (c.expected.scores !== undefined) {
        // A plugin whose PreScore skipped is not scored: it contributes 0, which is what upstream's test asserts.
        const skipped = e.preScore[c.plugin] === 'Skip';
        const got = c.expected.scores.map(({ node }) => ({ node, score: e.scores[c.plugin]?.[nodeName(node)] ?? (skipped ? 0 : undefined) }));
        expect(got).toEqual(c.expected.scores);
      }
    });
  }
});

describe.skipIf(cases !== null)('kube-scheduler-cases.json', () => {
  it('is absent: the reference cases are skipped (expected at ../shared/reference/kube-scheduler-cases.json)', () => {
    expect(cases).toBeNull();
  });
});
