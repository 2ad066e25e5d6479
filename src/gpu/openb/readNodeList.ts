import { MAX_GPUS_PER_NODE } from '../types.js';
import { CsvTable } from './csvTable.js';
import type { OpenbNode } from './types.js';

/** The columns of an openb node list. */
export const NODE_LIST_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;

/**
 * Reads an openb node list (`sn,cpu_milli,memory_mib,gpu,model`). A node
 * with GPUs must name their model and a node without GPUs must not; names
 * are unique.
 * @param text the file's contents
 * @param file its name, for errors
 * @throws InputError `FILE:LINE: column "x": message` at the first problem
 */
export function readNodeList(text: string, file: string): OpenbNode[] {
  const t = CsvTable.parse(text, file, NODE_LIST_COLUMNS);
  const seen = new Map<string, number>();
  const nodes: OpenbNode[] = [];
  for (const r of t.records) {
    const name = t.cell(r, 'sn');
    if (name === '') t.fail(r, 'sn', 'empty, expected a node name');
    const first = seen.get(name);
    if (first !== undefined) t.fail(r, 'sn', `node ${JSON.stringify(name)} appears twice (first on line ${first})`);
    seen.set(name, r.line);
    const cpuMilli = t.int(r, 'cpu_milli', 0, Number.MAX_SAFE_INTEGER);
    const memoryMib = t.int(r, 'memory_mib', 0, Number.MAX_SAFE_INTEGER);
    const gpu = t.int(r, 'gpu', 0, MAX_GPUS_PER_NODE);
    const model = t.cell(r, 'model');
    if (gpu > 0 && model === '') t.fail(r, 'model', `empty for a node with ${gpu} GPUs, expected its GPU model`);
    if (gpu === 0 && model !== '') t.fail(r, 'model', `${JSON.stringify(model)} on a node without GPUs (gpu is 0)`);
    if (model.includes('|')) t.fail(r, 'model', `${JSON.stringify(model)}: a node has GPUs of one model`);
    nodes.push({ name, cpuMilli, memoryMib, gpu, model });
  }
  return nodes;
}
