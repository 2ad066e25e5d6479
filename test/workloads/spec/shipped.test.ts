import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MICROS_PER_MINUTE } from '../../../src/engine/time.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';

const dir = new URL('../../../workloads/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const load = (name: string, sets: string[] = []) => loadWorkload(readFileSync(new URL(name, dir), 'utf8'), `workloads/${name}`, sets);

describe('shipped workloads', () => {
  it.each(files)('%s loads', (name) => {
    expect(load(name).metadata.name).toBe(name.replace(/\.yaml$/, ''));
  });

  it('node-failure.yaml: parameters reach the operation and the Deployment', () => {
    if (!files.includes('node-failure.yaml')) return;
    const w = load('node-failure.yaml', ['failAt=12m', 'replicas=9']);
    expect(w.operations[0]).toMatchObject({ op: 'node-failure', at: 12 * MICROS_PER_MINUTE, node: 'node-3' });
    expect((w.arrivals[0]!.manifest.object as unknown as { spec: { replicas: number } }).spec.replicas).toBe(9);
  });
});
