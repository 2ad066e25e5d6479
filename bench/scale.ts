import { readFileSync } from 'node:fs';
import { loadWorkload } from '../src/workloads/spec/loadWorkload.js';
import { samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { timeClusterRuns } from './cluster.js';
import { workloadPath } from './paths.js';

/**
 * The scale suite: `workloads/scale-5k-150k.yaml` — Kubernetes' supported
 * envelope, 5,000 nodes and 150,000 pods through their whole lifecycle in a
 * simulated hour under the realistic control plane — as whole runs. About
 * 70 s a sample, so it runs only when named (`kubesim bench scale`), not in
 * the default set (which the committed baseline covers). With `small`, the
 * first ten simulated minutes (case `minutes-10-5k`). Per sample: wall time,
 * simulated seconds per wall second, events per wall second, and the heap
 * in use at the end (after a run it holds the whole cluster).
 */
export const scaleSuite: Suite = {
  name: 'scale',
  description: 'a simulated hour of 5,000 nodes and 150,000 pods (workloads/scale-5k-150k.yaml), realistic control plane; only when named',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = samplesOf(options);
    const small = options.small === true;
    const workload = loadWorkload(readFileSync(workloadPath('scale-5k-150k.yaml'), 'utf8'), 'workloads/scale-5k-150k.yaml', small ? ['duration=10m'] : []);
    const c = small ? 'minutes-10-5k' : 'scale-5k-150k';
    return timeClusterRuns('scale', c, workload, samples, { heap: true });
  },
};
