/**
 * The openb trace for tests, read with a minimal CSV split (the project's
 * readers are src/gpu/openb; these tests exercise the scheduler side only).
 * The data lives beside the checkout at ../shared/data/openb and is never
 * copied into the repository; tests skip when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node, Pod } from '../../src/api/types.js';
import type { GpuPodShape } from '../../src/gpu/types.js';

/** The openb folder beside the checkout. */
export const OPENB_DIR = path.resolve(import.meta.dirname, '../../../shared/data/openb');
/** True when the trace is present. */
export const OPENB_PRESENT = existsSync(path.join(OPENB_DIR, 'openb_pod_list_default.csv'));
if (!OPENB_PRESENT) console.warn(`openb trace not found at ${OPENB_DIR}: its tests are skipped`);

function rows(file: string): Record<string, string>[] {
  const lines = readFileSync(path.join(OPENB_DIR, file), 'utf8').trim().split(/\r?\n/);
  const head = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** A trace pod: its shape and memory. */
export interface TracePod extends GpuPodShape {
  name: string;
  memoryMib: number;
}

/** The pods of a pod list (default: openb_pod_list_default.csv). */
export function tracePods(file = 'openb_pod_list_default.csv'): TracePod[] {
  return rows(file).map((r) => ({
    name: r['name']!,
    cpuMilli: Number(r['cpu_milli']),
    memoryMib: Number(r['memory_mib']),
    numGpu: Number(r['num_gpu']),
    gpuMilli: Number(r['num_gpu']) === 0 ? 0 : Number(r['gpu_milli']),
    models: (r['gpu_spec'] ?? '') === '' ? [] : r['gpu_spec']!.split('|'),
  }));
}

/** The GPU nodes as Node objects. */
export function traceNodes(file = 'openb_node_list_gpu_node.csv'): Node[] {
  return rows(file).map((r) => {
    const allocatable: Record<string, string> = { cpu: `${r['cpu_milli']}m`, memory: `${r['memory_mib']}Mi`, pods: '1001' };
    if (Number(r['gpu']) > 0) allocatable['nvidia.com/gpu'] = r['gpu']!;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: r['sn']!, labels: r['model'] === '' ? {} : { 'nvidia.com/gpu.product': r['model']! } },
      spec: {},
      status: { allocatable, capacity: allocatable },
    };
  });
}

/** A pending Pod object for a trace pod. */
export function podObject(p: TracePod, suffix = ''): Pod {
  const annotations: Record<string, string> = {};
  if (p.numGpu > 0) {
    annotations['gpu.kubesim.io/count'] = String(p.numGpu);
    annotations['gpu.kubesim.io/milli'] = String(p.gpuMilli);
    if (p.models.length > 0) annotations['gpu.kubesim.io/models'] = p.models.join('|');
  }
  const name = `${p.name}${suffix}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name, annotations },
    spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: `${p.cpuMilli}m`, memory: `${p.memoryMib}Mi` } } }] },
  };
}
