import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { machineRows } from '../../bench/machine.js';

describe('machine rows', () => {
  it('describe the host in the agreed rows: cpus, memory, cpu_model, node, kubesim, os', () => {
    const rows = machineRows();
    expect(rows.map((r) => [r.suite, r.case, r.metric, r.unit])).toEqual([
      ['machine', 'host', 'cpus', 'count'],
      ['machine', 'host', 'memory', 'bytes'],
      ['machine', 'host', 'cpu_model', 'text'],
      ['machine', 'host', 'node', 'text'],
      ['machine', 'host', 'kubesim', 'text'],
      ['machine', 'host', 'os', 'text'],
    ]);
    const value = (m: string) => rows.find((r) => r.metric === m)!.value;
    expect(value('cpus')).toBe(cpus().length);
    expect(value('memory')).toBe(totalmem());
    expect(value('node')).toBe(process.version);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(value('kubesim')).toBe(pkg.version);
    expect(String(value('os'))).toMatch(/^\w+ \S+/);
  });
});
