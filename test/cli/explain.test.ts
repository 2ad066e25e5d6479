import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-explain-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const cluster = file(
  'cluster.yaml',
  `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: small}
  status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: big, labels: {kubesim.io/preferred: "true"}}
  status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: tainted}
  spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
  status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}
- apiVersion: v1
  kind: Pod
  metadata: {name: running, namespace: default}
  spec:
    nodeName: small
    containers: [{name: c, image: nginx, resources: {requests: {cpu: 1500m, memory: 1Gi}}}]
`,
);
const pod = file(
  'pod.yaml',
  `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "1", memory: 1Gi}}}]
`,
);

describe('kubesim explain', () => {
  it('explains Filter verdicts, scores and the pick in JSON', () => {
    const r = kubesim('explain', '--cluster', cluster, '--pod', pod, '-o', 'json');
    expect(r.status).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.pod).toBe('default/web');
    expect(e.profile).toBe('default-scheduler');
    expect(e.numAllNodes).toBe(3);
    expect(e.filter.small).toEqual({ code: 'Unschedulable', plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] });
    expect(e.filter.tainted).toEqual({
      code: 'UnschedulableAndUnresolvable',
      plugin: 'TaintToleration',
      reasons: ["node(s) had untolerated taint {dedicated: gpu}"],
    });
    expect(e.filter.big.code).toBe('Success');
    expect(Object.keys(e.totals)).toEqual(['big']);
    expect(e.selectedNode).toBe('big');
    // LeastAllocated on the one feasible node: cpu (8000-1000)*100/8000 = 87, memory (32-1)*100/32 = 96 → 91.
    expect(e.scores.NodeResourcesFit).toEqual({ big: 91 });
  });

  it('takes a policy module with a user plugin', () => {
    const module = fileURLToPath(new URL('../../examples/policies/prefer-label.mjs', import.meta.url));
    const twoNodes = file(
      'two.yaml',
      `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Node, metadata: {name: a}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
- {apiVersion: v1, kind: Node, metadata: {name: b, labels: {kubesim.io/preferred: "true"}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
`,
    );
    const r = kubesim('explain', '--cluster', twoNodes, '--pod', pod, '--config', module, '-o', 'json');
    expect(r.status).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.scores.PreferLabel).toEqual({ a: 0, b: 100 });
    expect(e.totals.b - e.totals.a).toBe(500);
    expect(e.selectedNode).toBe('b');
  });

  it('prints a table for people, the winner marked', () => {
    const r = kubesim('explain', '--cluster', cluster, '--pod', pod);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^NODE\s+FILTER/m);
    expect(r.stdout).toMatch(/^big\s+Success.*<- selected$/m);
    expect(r.stdout).toMatch(/selected: big/);
  });

  it.each([
    ['a missing file', ['--cluster', join(dir, 'nope.yaml'), '--pod', pod], /nope\.yaml: cannot read file: no such file/],
    ['an invalid manifest', ['--cluster', cluster, '--pod', file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: c, image: i, resources: {requests: {cpu: lots}}}]\n')], /bad\.yaml:5: spec\.containers\[0\]\.resources\.requests\[cpu\]: Invalid value: "lots"/],
    ['an unknown policy', ['--cluster', cluster, '--pod', pod, '--config', 'no-such-policy'], /unknown policy/],
    ['a bad feature gate', ['--cluster', cluster, '--pod', pod, '--feature-gates', 'NoSuchGate=true'], /unrecognized feature gate: NoSuchGate/],
    [
      'an invalid configuration',
      ['--cluster', cluster, '--pod', pod, '--config', file('sched.yaml', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 150\n')],
      /sched\.yaml:3: percentageOfNodesToScore: Invalid value: 150/,
    ],
  ])('rejects %s with a message naming it and exit code 2', (_, args, message) => {
    const r = kubesim('explain', ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
