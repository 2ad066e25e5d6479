import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../src/api/types.js';
import type { ClusterView } from '../../src/kubectl/ClusterView.js';
import { ClusterRun, type ClusterRunOptions } from '../../src/workloads/ClusterRun.js';
import { loadWorkload } from '../../src/workloads/spec/loadWorkload.js';

/** Runs a shipped workload file to `until` µs and returns the run and a kubectl view of that instant. */
export function runShipped(file: string, until: number, options: ClusterRunOptions & { set?: string[] } = {}): { run: ClusterRun; view: ClusterView } {
  const path = new URL(`../../workloads/${file}`, import.meta.url);
  const workload = loadWorkload(readFileSync(path, 'utf8'), `workloads/${file}`, options.set ?? []);
  const run = new ClusterRun(workload, options);
  run.runUntil(until);
  const store = run.cluster.store;
  return {
    run,
    view: { now: workload.clock.originMs + Math.floor(until / 1000), list: (kind: string): readonly KubeObject[] => [...store.list(kind)] },
  };
}
