/**
 * The `trace` section: a recorded cluster and its pods (the Alibaba openb
 * trace) instead of `cluster` and `arrivals`.
 *
 * ```yaml
 * trace:
 *   format: openb                             # the only format
 *   dir: ${traceDir}                          # the folder of the CSV files
 *   nodeList: openb_node_list_gpu_node.csv    # default
 *   podList: openb_pod_list_default.csv
 *   tune: 1.3                                 # default; 0 keeps the trace as recorded
 *   mode: placement                           # default; or replay
 * ```
 *
 * The loader checks the fields but does not open the files: a run reads them
 * (src/gpu/openb/readTrace.ts), so a workload loads without its data.
 */
import { isAbsolute, resolve } from 'node:path';
import { invalid } from '../../api/validation/field.js';
import type { JsonObject } from '../../api/validation/shape.js';
import type { SpecReader } from './SpecReader.js';
import type { TraceFormat, TraceMode, TraceSpec } from './types.js';

/** The fields of `trace`. */
export const TRACE_FIELDS: readonly string[] = ['format', 'dir', 'nodeList', 'podList', 'tune', 'mode'];
/** The trace formats. */
export const TRACE_FORMATS: readonly TraceFormat[] = ['openb'];
/** The trace modes. */
export const TRACE_MODES: readonly TraceMode[] = ['placement', 'replay'];
/** The node list a trace uses by default: the 1,213 GPU nodes of the paper's experiments. */
export const DEFAULT_NODE_LIST = 'openb_node_list_gpu_node.csv';
/** The default inflation: 1.3 × the GPU capacity, as in the paper. */
export const DEFAULT_TRACE_TUNE = 1.3;
/** Sections a trace replaces: the trace gives the nodes and the pods. */
export const TRACE_EXCLUSIVE_FIELDS: readonly string[] = ['cluster', 'images', 'objects', 'arrivals', 'operations', 'traffic'];

/** Where relative paths resolve. */
export interface TraceBases {
  /** The workload file's folder (for a `dir` written in the file). */
  readonly workloadDir: string;
  /** The current directory (for a `dir` given on the command line). */
  readonly cwd: string;
  /** True when `trace.dir`'s value came from a `--set` (of a parameter or of the field). */
  readonly dirFromCommandLine: boolean;
}

function fileName(r: SpecReader, value: unknown, path: string, fallback?: string): string {
  const s = fallback === undefined ? r.requiredString(value, path) : (r.string(value, path) ?? fallback);
  if (s === '') r.fail(path, 'must not be empty');
  return s;
}

/**
 * Reads `trace` (undefined when absent). A trace replaces `cluster`,
 * `images`, `objects`, `arrivals`, `operations` and `traffic`: any of them
 * present is an error at its line.
 */
export function readTraceSection(r: SpecReader, root: JsonObject, bases: TraceBases): TraceSpec | undefined {
  const o = r.object(root['trace'], 'trace', TRACE_FIELDS);
  if (o === undefined) return undefined;
  for (const f of TRACE_EXCLUSIVE_FIELDS) {
    if (root[f] !== undefined && root[f] !== null) r.fail(f, 'not allowed with trace: the trace gives the cluster and its pods');
  }
  const format = r.enumValue(o['format'], 'trace.format', TRACE_FORMATS) ?? 'openb';
  const dirText = fileName(r, o['dir'], 'trace.dir');
  const dir = isAbsolute(dirText) ? dirText : resolve(bases.dirFromCommandLine ? bases.cwd : bases.workloadDir, dirText);
  const nodeList = fileName(r, o['nodeList'], 'trace.nodeList', DEFAULT_NODE_LIST);
  const podList = fileName(r, o['podList'], 'trace.podList');
  const tune = r.number(o['tune'], 'trace.tune', { min: 0 }) ?? DEFAULT_TRACE_TUNE;
  if (tune > 100) r.failWith(invalid('trace.tune', tune, 'must be at most 100 (a multiple of the GPU capacity)'));
  const mode = r.enumValue(o['mode'], 'trace.mode', TRACE_MODES) ?? 'placement';
  return { format, dir, nodeList, podList, tune, mode };
}
