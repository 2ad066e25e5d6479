import { describe, expect, it } from 'vitest';
import { MICROS_PER_MINUTE } from '../../src/engine/time.js';
import { get } from '../../src/kubectl/get.js';
import { runShipped } from './shippedWorkloads.js';

/** The seed document's `kubectl get po -A` of a minikube cluster 88 minutes old, with name suffixes as patterns. */
const SEED_ROWS: [string, RegExp, string, string, string, string][] = [
  ['default', /^hello-minikube-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '1/1', 'Running', '0', '56m'],
  ['kube-system', /^coredns-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '1/1', 'Running', '0', '88m'],
  ['kube-system', /^etcd-minikube$/, '1/1', 'Running', '0', '88m'],
  ['kube-system', /^kube-apiserver-minikube$/, '1/1', 'Running', '0', '88m'],
  ['kube-system', /^kube-controller-manager-minikube$/, '1/1', 'Running', '0', '88m'],
  ['kube-system', /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '1/1', 'Running', '0', '88m'],
  ['kube-system', /^kube-scheduler-minikube$/, '1/1', 'Running', '0', '88m'],
  ['kube-system', /^storage-provisioner$/, '1/1', 'Running', '1 (87m ago)', '88m'],
  ['kubernetes-dashboard', /^dashboard-metrics-scraper-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '1/1', 'Running', '0', '86m'],
  ['kubernetes-dashboard', /^kubernetes-dashboard-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '1/1', 'Running', '0', '86m'],
];

describe('workloads/minikube.yaml', () => {
  const { run, view } = runShipped('minikube.yaml', 88 * MICROS_PER_MINUTE);
  const out = get(view, 'po', { allNamespaces: true });
  const lines = out.stdout.trimEnd().split('\n');

  it("prints the seed's `get po -A` table at 88m: same rows, READY, STATUS, RESTARTS and AGE, and nothing else", () => {
    expect(out.stderr).toBe('');
    expect(lines[0]).toMatch(/^NAMESPACE {14}NAME {2,}READY {3}STATUS {4}RESTARTS {6}AGE$/);
    expect(lines.length).toBe(1 + SEED_ROWS.length);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(/ {3,}/);
      const [ns, name, ready, status, restarts, age] = SEED_ROWS[i]!;
      expect(cells[0]).toBe(ns);
      expect(cells[1]).toMatch(name);
      expect(cells.slice(2)).toEqual([ready, status, restarts, age]);
    });
  });

  it('aligns columns as kubectl tabwriter does (padding 3)', () => {
    const nameWidth = Math.max(...lines.map((l) => l.split(/ {3,}/)[1]!.length));
    for (const line of lines) expect(line.indexOf(line.split(/ {3,}/)[2]!, 23)).toBe(23 + nameWidth + 3);
  });

  it('keeps every invariant', () => {
    expect(run.monitor?.violations).toEqual([]);
  });

  it('is the same byte for byte on a second run with the same seed', () => {
    const again = get(runShipped('minikube.yaml', 88 * MICROS_PER_MINUTE).view, 'po', { allNamespaces: true });
    expect(again.stdout).toBe(out.stdout);
  });
});
