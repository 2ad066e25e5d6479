/**
 * The rows kubesim's outputs are made of (README "Outputs"). Every column
 * name carries its unit (`_s` seconds, `_pct` percent, `_bytes`, `_m`
 * millicores); times are seconds of simulated time since the run began.
 * Deterministic rows (summary, pods, timeseries) hold no wall-clock figure;
 * those are in {@link PerfRow}.
 */

/** Which run a row belongs to. */
export interface RunKey {
  /** The workload's metadata.name. */
  readonly workload: string;
  /** The policy as the user named it (`default`, `most-allocated`, `./my-config.yaml`). */
  readonly policy: string;
  readonly seed: number;
}

/** summary.csv: one row per run. */
export interface SummaryRow extends RunKey {
  /** Nodes at the end of the run. */
  nodes: number;
  pods_created: number;
  /** Pods bound to a node at least once. */
  pods_scheduled: number;
  /** Pods never bound by the end of the run (and not deleted before). */
  pods_unschedulable: number;
  /** Pods that reached phase Succeeded. */
  pods_completed: number;
  /** Pods that reached phase Failed. */
  pods_failed: number;
  /** Scheduling cycles run (a pod retried counts once per attempt). */
  scheduling_attempts: number;
  /** Pods deleted by preemption (victims). */
  preemptions: number;
  /** Pods evicted by the control plane: taint-based eviction, node drain, the cluster-autoscaler. */
  evictions: number;
  /** Percentiles of creation → binding, over bound pods (seconds; empty when none). */
  pending_s_p50: number | '';
  pending_s_p90: number | '';
  pending_s_p99: number | '';
  /** Percentiles of creation → Running, over pods that ran (seconds). */
  startup_s_p50: number | '';
  startup_s_p99: number | '';
  /** Time-weighted mean over the run of Σ requests of bound, unfinished pods / Σ allocatable of Ready nodes. */
  cpu_alloc_pct_mean: number | '';
  mem_alloc_pct_mean: number | '';
  /** The same for `nvidia.com/gpu` (empty when the cluster has no GPU). */
  gpu_alloc_pct_mean: number | '';
  /** The instant the last pod finished (Succeeded/Failed), else the last pod started running. */
  makespan_s: number | '';
  /** Placement studies: unallocated GPU (100 − allocated milli-GPU / capacity × 100) at arrived load 100 %, the paper's bar charts (empty otherwise). */
  unallocated_gpu_pct: number | '';
  /** Placement studies: fragmented GPU (Σ_n F(n) / capacity × 100) at arrived load 100 % (empty otherwise). */
  frag_gpu_pct: number | '';
}

/** pods.csv: one row per pod of a run. Times are empty when the event never happened. */
export interface PodRow extends RunKey {
  namespace: string;
  name: string;
  /** The controller's kind and name (`ReplicaSet`, `web-7c5ddbdf54`), or empty. */
  owner_kind: string;
  owner_name: string;
  node: string;
  created_s: number;
  scheduled_s: number | '';
  started_s: number | '';
  ready_s: number | '';
  finished_s: number | '';
  deleted_s: number | '';
  pending_s: number | '';
  startup_s: number | '';
  /** Scheduling attempts made for the pod. */
  attempts: number;
  /** `Pending`, `Running`, `Succeeded`, `Failed`, or `Deleted` (gone before finishing). */
  final_phase: string;
  cpu_request_m: number;
  memory_request_bytes: number;
  gpu_request: number;
}

/** timeseries.csv: the cluster sampled on the virtual clock. */
export interface TimeseriesRow extends RunKey {
  t_s: number;
  nodes_ready: number;
  pods_pending: number;
  pods_running: number;
  pods_succeeded: number;
  pods_failed: number;
  cpu_alloc_pct: number | '';
  mem_alloc_pct: number | '';
  gpu_alloc_pct: number | '';
}

/** perf.csv: how fast a run went (wall-clock figures: not deterministic). */
export interface PerfRow extends RunKey {
  wall_s: number;
  sim_events: number;
  events_per_s: number;
  sim_s_per_wall_s: number;
  /** Pods bound per wall-clock second. */
  sched_pods_per_s: number;
  peak_rss_bytes: number;
}

/**
 * curve.csv (placement studies): allocation and fragmentation against the
 * load that has arrived, one row per integer percent of arrived GPU request
 * / GPU capacity, each value the mean over the arrivals in that bin (as the
 * FGD paper's analysis does).
 */
export interface CurveRow extends RunKey {
  /** ⌊arrived milli-GPU request / GPU capacity × 100⌋. */
  arrived_pct: number;
  /** Allocated milli-GPU / capacity × 100 (fractional shares count). */
  allocated_gpu_pct: number;
  /** 100 − allocated_gpu_pct. */
  unallocated_gpu_pct: number;
  /** Σ_n F(n) (fragmented milli-GPU) / capacity × 100. */
  frag_gpu_pct: number;
  /** Σ_n F(n) / idle milli-GPU × 100 (empty when no GPU is idle). */
  frag_ratio_pct: number | '';
}

/** compare.csv: one metric of one policy on one workload, over seeds. */
export interface CompareRow {
  workload: string;
  policy: string;
  metric: string;
  mean: number | '';
  ci95_low: number | '';
  ci95_high: number | '';
  n: number;
  /** (mean − baseline mean) / baseline mean × 100; empty for the baseline itself or a zero baseline. */
  delta_pct: number | '';
}

/** Everything one run produces. */
export interface RunResult {
  readonly key: RunKey;
  readonly summary: SummaryRow;
  readonly pods: PodRow[];
  readonly timeseries: TimeseriesRow[];
  readonly perf: PerfRow;
  /** Placement studies only. */
  readonly curve?: CurveRow[];
}

/** Column orders of the CSV files, as written. */
export const SUMMARY_COLUMNS = [
  'workload', 'policy', 'seed', 'nodes', 'pods_created', 'pods_scheduled', 'pods_unschedulable', 'pods_completed', 'pods_failed',
  'scheduling_attempts', 'preemptions', 'evictions', 'pending_s_p50', 'pending_s_p90', 'pending_s_p99', 'startup_s_p50', 'startup_s_p99',
  'cpu_alloc_pct_mean', 'mem_alloc_pct_mean', 'gpu_alloc_pct_mean', 'makespan_s', 'unallocated_gpu_pct', 'frag_gpu_pct',
] as const satisfies readonly (keyof SummaryRow)[];

export const POD_COLUMNS = [
  'workload', 'policy', 'seed', 'namespace', 'name', 'owner_kind', 'owner_name', 'node', 'created_s', 'scheduled_s', 'started_s', 'ready_s',
  'finished_s', 'deleted_s', 'pending_s', 'startup_s', 'attempts', 'final_phase', 'cpu_request_m', 'memory_request_bytes', 'gpu_request',
] as const satisfies readonly (keyof PodRow)[];

export const TIMESERIES_COLUMNS = [
  'workload', 'policy', 'seed', 't_s', 'nodes_ready', 'pods_pending', 'pods_running', 'pods_succeeded', 'pods_failed', 'cpu_alloc_pct', 'mem_alloc_pct', 'gpu_alloc_pct',
] as const satisfies readonly (keyof TimeseriesRow)[];

export const PERF_COLUMNS = [
  'workload', 'policy', 'seed', 'wall_s', 'sim_events', 'events_per_s', 'sim_s_per_wall_s', 'sched_pods_per_s', 'peak_rss_bytes',
] as const satisfies readonly (keyof PerfRow)[];

export const CURVE_COLUMNS = [
  'workload', 'policy', 'seed', 'arrived_pct', 'allocated_gpu_pct', 'unallocated_gpu_pct', 'frag_gpu_pct', 'frag_ratio_pct',
] as const satisfies readonly (keyof CurveRow)[];

export const COMPARE_COLUMNS = ['workload', 'policy', 'metric', 'mean', 'ci95_low', 'ci95_high', 'n', 'delta_pct'] as const satisfies readonly (keyof CompareRow)[];

/** The summary metrics compare.csv and the report compare across policies (the numeric summary columns). */
export const COMPARED_METRICS = SUMMARY_COLUMNS.slice(3) as readonly (keyof SummaryRow)[];
