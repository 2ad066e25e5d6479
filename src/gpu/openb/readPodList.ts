import { GPU_MILLI, MAX_GPUS_PER_NODE } from '../types.js';
import { CsvTable } from './csvTable.js';
import type { OpenbPod } from './types.js';

/** The columns every openb pod list has (the multigpu files have only these). */
export const POD_LIST_COLUMNS = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'] as const;
/** The further columns of the 11-column pod lists (optional: absent means empty). */
export const POD_LIST_OPTIONAL_COLUMNS = ['gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'] as const;

/** The GPU models a pod's `gpu_spec` may name: those of the node list's nodes. */
export interface KnownModels {
  readonly models: ReadonlySet<string>;
  /** The node list's name, for the error. */
  readonly nodeFile: string;
}

const NO_MODELS: readonly string[] = [];

/**
 * Reads an openb pod list: the 11-column files or the 5-column multigpu
 * ones. Checks: names unique; `num_gpu` 0–8; `gpu_milli` 0 for a CPU-only
 * pod, 1–1000 for a GPU pod and exactly 1000 when `num_gpu` > 1 (only a
 * single-GPU pod shares a GPU); times whole seconds ≥ 0; with `known`, every
 * model in `gpu_spec` is some node's.
 * @param text the file's contents
 * @param file its name, for errors
 * @throws InputError `FILE:LINE: column "x": message` at the first problem
 */
export function readPodList(text: string, file: string, known?: KnownModels): OpenbPod[] {
  const t = CsvTable.parse(text, file, POD_LIST_COLUMNS);
  const seen = new Map<string, number>();
  const specs = new Map<string, readonly string[]>();
  const pods: OpenbPod[] = [];
  for (const r of t.records) {
    const name = t.cell(r, 'name');
    if (name === '') t.fail(r, 'name', 'empty, expected a pod name');
    const first = seen.get(name);
    if (first !== undefined) t.fail(r, 'name', `pod ${JSON.stringify(name)} appears twice (first on line ${first})`);
    seen.set(name, r.line);
    const cpuMilli = t.int(r, 'cpu_milli', 0, Number.MAX_SAFE_INTEGER);
    const memoryMib = t.int(r, 'memory_mib', 0, Number.MAX_SAFE_INTEGER);
    const numGpu = t.int(r, 'num_gpu', 0, MAX_GPUS_PER_NODE);
    const gpuMilli = t.int(r, 'gpu_milli', 0, GPU_MILLI);
    if (numGpu === 0 && gpuMilli !== 0) t.fail(r, 'gpu_milli', `${gpuMilli} for a pod with num_gpu 0, expected 0`);
    if (numGpu > 0 && gpuMilli === 0) t.fail(r, 'gpu_milli', `0 for a pod with num_gpu ${numGpu}, expected 1 to ${GPU_MILLI}`);
    if (numGpu > 1 && gpuMilli !== GPU_MILLI) {
      t.fail(r, 'gpu_milli', `${gpuMilli} for a pod with num_gpu ${numGpu}: only a single-GPU pod may share a GPU (expected ${GPU_MILLI})`);
    }
    const gpuSpec = t.cell(r, 'gpu_spec');
    let models = specs.get(gpuSpec);
    if (models === undefined) {
      models = gpuSpec === '' ? NO_MODELS : gpuSpec.split('|');
      if (models.includes('')) t.fail(r, 'gpu_spec', `${JSON.stringify(gpuSpec)} has an empty model name`);
      specs.set(gpuSpec, models);
    }
    if (known !== undefined) {
      for (const m of models) {
        if (!known.models.has(m)) t.fail(r, 'gpu_spec', `GPU model ${JSON.stringify(m)} is on no node of ${known.nodeFile}`);
      }
    }
    const creationTime = t.optionalInt(r, 'creation_time', 0, Number.MAX_SAFE_INTEGER);
    const deletionTime = t.optionalInt(r, 'deletion_time', 0, Number.MAX_SAFE_INTEGER);
    const scheduledTime = t.optionalInt(r, 'scheduled_time', 0, Number.MAX_SAFE_INTEGER);
    pods.push({
      name,
      cpuMilli,
      memoryMib,
      numGpu,
      gpuMilli,
      models,
      gpuSpec,
      qos: t.cell(r, 'qos'),
      podPhase: t.cell(r, 'pod_phase'),
      ...(creationTime === undefined ? {} : { creationTime }),
      ...(deletionTime === undefined ? {} : { deletionTime }),
      ...(scheduledTime === undefined ? {} : { scheduledTime }),
    });
  }
  return pods;
}
