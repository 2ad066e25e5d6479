/**
 * `kubesim compare` runs itself again under --single-threaded-gc, so that
 * V8's GC helper threads do not take CPU from the sweep's own runs.
 */
import { describe, expect, it } from 'vitest';
import { SINGLE_THREADED_GC, wantsSingleThreadedGc } from '../../src/cli/singleThreadedGc.js';

describe('wantsSingleThreadedGc', () => {
  const argv = (cmd: string): string[] => ['node', 'main.js', cmd, 'workloads/demo.yaml'];

  it('asks for a rerun of compare started without the flag', () => {
    expect(wantsSingleThreadedGc(argv('compare'), [], {})).toBe(true);
  });

  it('not once the flag is on (the rerun itself), nor when the user keeps the default GC', () => {
    expect(wantsSingleThreadedGc(argv('compare'), [SINGLE_THREADED_GC], {})).toBe(false);
    expect(wantsSingleThreadedGc(argv('compare'), [], { KUBESIM_GC_THREADS: 'default' })).toBe(false);
  });

  it('not for other commands: a lone run and the benchmarks keep V8 as it is', () => {
    for (const cmd of ['run', 'bench', 'merge', 'gate', 'get']) expect(wantsSingleThreadedGc(argv(cmd), [], {})).toBe(false);
  });
});
