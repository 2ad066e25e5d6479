import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../../api/InputError.js';
import { readNodeList } from './readNodeList.js';
import { readPodList } from './readPodList.js';
import type { OpenbTrace } from './types.js';

/** Where a trace's files are. */
export interface TraceFiles {
  /** The folder relative file names are in. */
  readonly dir: string;
  /** The node list: a file name in `dir`, or an absolute path. */
  readonly nodeList: string;
  /** The pod list: a file name in `dir`, or an absolute path. */
  readonly podList: string;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read ${what}${code === 'ENOENT' ? ': no such file' : code === undefined ? '' : ` (${code})`}`);
  }
}

/**
 * Reads and checks a node list and a pod list; every GPU model a pod's
 * gpu_spec names must be on some node.
 * @throws InputError (exit 2 in the CLI) naming file, line and column
 */
export function readTrace(files: TraceFiles): OpenbTrace {
  const nodeFile = isAbsolute(files.nodeList) ? files.nodeList : join(files.dir, files.nodeList);
  const podFile = isAbsolute(files.podList) ? files.podList : join(files.dir, files.podList);
  const nodes = readNodeList(readText(nodeFile, 'node list'), nodeFile);
  const models = new Set(nodes.filter((n) => n.gpu > 0).map((n) => n.model));
  const pods = readPodList(readText(podFile, 'pod list'), podFile, { models, nodeFile });
  return { nodeFile, podFile, nodes, pods };
}

const cache = new Map<string, OpenbTrace>();

function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * {@link readTrace}, memoised per thread on the files' paths, sizes and
 * modification times: the runs of a sweep that share a trace parse it once.
 * The trace is immutable; callers must not change it.
 */
export function readTraceCached(files: TraceFiles): OpenbTrace {
  const nodeFile = isAbsolute(files.nodeList) ? files.nodeList : join(files.dir, files.nodeList);
  const podFile = isAbsolute(files.podList) ? files.podList : join(files.dir, files.podList);
  const key = `${nodeFile}\0${stamp(nodeFile)}\0${podFile}\0${stamp(podFile)}`;
  let trace = cache.get(key);
  if (trace === undefined) {
    trace = readTrace(files);
    cache.set(key, trace);
  }
  return trace;
}
