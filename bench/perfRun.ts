/**
 * Running a scheduler_perf workload against kubesim's scheduler on its own
 * (a StandaloneHost: bindings and deletions apply at once, the default
 * profile): the nodes and initial pods first, scheduled to completion, then
 * the measured pods. Upstream reports the average SchedulingThroughput of the
 * measured phase — pods scheduled per second until the last one is — and so
 * does {@link measure}, with wall time.
 *
 * Churn runs on the virtual clock. Upstream's churn ticks on the wall clock
 * while a real kube-scheduler works at some hundreds of pods per second; here
 * a scheduling cycle takes {@link CHURN_CYCLE} of simulated time, so churn
 * meets the measured pods at the rate it would meet a scheduler doing 1,000
 * pods/s, the same every run.
 */
import type { KubeObject, Node, Pod, Service } from '../src/api/types.js';
import { Simulation } from '../src/engine/Simulation.js';
import { milliseconds, MICROS_PER_SECOND } from '../src/engine/time.js';
import { createScheduler } from '../src/scheduler/createScheduler.js';
import { loadBuiltinPolicy } from '../src/scheduler/policies/resolvePolicy.js';
import type { Scheduler } from '../src/scheduler/Scheduler.js';
import { StandaloneHost } from '../src/scheduler/StandaloneHost.js';
import type { ChurnTemplate, PerfWorkload } from './perfWorkloads.js';

/** Simulated time of one scheduling cycle in workloads with churn. */
export const CHURN_CYCLE = milliseconds(1);
/** The longest simulated time a measured phase may take before it is called stuck. */
const MEASURE_LIMIT = 3600 * MICROS_PER_SECOND;

/** A prepared run: nodes and initial pods scheduled, measured pods not yet created. */
export interface PreparedRun {
  sim: Simulation;
  host: StandaloneHost;
  scheduler: Scheduler;
  workload: PerfWorkload;
}

/** createNodes and the initial createPods, scheduled to completion. */
export function prepare(workload: PerfWorkload, seed = 1): PreparedRun {
  const sim = new Simulation({ seed });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, loadBuiltinPolicy('default'), workload.churn === undefined ? {} : { cycleDuration: CHURN_CYCLE });
  host.attach(scheduler);
  for (const op of workload.nodes) for (let i = 0; i < op.count; i++) scheduler.addNode(op.node(i));
  for (const op of workload.initPods) for (let i = 0; i < op.count; i++) host.create(op.pod(i));
  const want = workload.initPods.reduce((n, op) => n + op.count, 0);
  if (want > 0) sim.run({ stopWhen: () => scheduler.stats.scheduled >= want, until: sim.now + MEASURE_LIMIT });
  if (scheduler.stats.scheduled < want) throw new Error(`${workload.name}: only ${scheduler.stats.scheduled} of ${want} initial pods scheduled`);
  return { sim, host, scheduler, workload };
}

/**
 * The measured phase: starts the churn, creates the measured pods, and runs
 * until all of them are scheduled. Returns how many were (all of them, or it
 * throws).
 */
export function measure(run: PreparedRun): number {
  const { sim, host, scheduler, workload } = run;
  const before = scheduler.stats.scheduled;
  const want = workload.measure.count;
  if (workload.churn !== undefined) startChurn(run);
  for (let i = 0; i < want; i++) host.create(workload.measure.pod(i));
  // Churned pods never fit (9 cpu on 4-cpu nodes), so every binding is a measured pod's.
  sim.run({ stopWhen: () => scheduler.stats.scheduled - before >= want, until: sim.now + MEASURE_LIMIT });
  const scheduled = scheduler.stats.scheduled - before;
  if (scheduled < want) throw new Error(`${workload.name}: only ${scheduled} of ${want} measured pods scheduled`);
  return scheduled;
}

/** upstream's churnOp: a ticker creating (and in recreate mode first deleting) one object per template. */
function startChurn(run: PreparedRun): void {
  const { sim, host, scheduler } = run;
  const churn = run.workload.churn!;
  const live: (KubeObject | undefined)[] = churn.templates.map(() => undefined);
  let tick = 0;
  const kind = sim.on('bench/churn', () => {
    for (const [i, t] of churn.templates.entries()) {
      const previous = live[i];
      if (churn.mode === 'recreate' && previous !== undefined) remove(host, scheduler, t, previous);
      live[i] = add(host, scheduler, t, tick);
    }
    tick++;
    sim.schedule(milliseconds(churn.intervalMs), kind);
  });
  // A Go ticker's first tick comes one interval after it starts.
  sim.schedule(milliseconds(churn.intervalMs), kind);
}

function add(host: StandaloneHost, scheduler: Scheduler, t: ChurnTemplate, k: number): KubeObject {
  switch (t.kind) {
    case 'Node': {
      const node = t.make(k);
      scheduler.addNode(node);
      return node;
    }
    case 'Pod': {
      const pod = t.make(k);
      host.create(pod);
      return pod;
    }
    case 'Service': {
      const service = t.make(k) as Service;
      scheduler.setObject('Service', service);
      return service;
    }
  }
}

function remove(host: StandaloneHost, scheduler: Scheduler, t: ChurnTemplate, object: KubeObject): void {
  switch (t.kind) {
    case 'Node':
      scheduler.deleteNode(object as Node);
      return;
    case 'Pod': {
      const pod = object as Pod;
      const current = host.pods.get(pod.metadata.uid ?? '') ?? pod;
      host.pods.delete(pod.metadata.uid ?? '');
      scheduler.deletePod(current);
      return;
    }
    case 'Service':
      scheduler.deleteObject('Service', object as Service);
      return;
  }
}
