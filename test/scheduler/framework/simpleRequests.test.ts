import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podRequests } from '../../../src/api/podRequests.js';
import type { Container, Pod } from '../../../src/api/types.js';
import { simpleRequests } from '../../../src/scheduler/framework/simpleRequests.js';

const quantity = fc.oneof(
  fc.integer({ min: 0, max: 64 }).map(String),
  fc.integer({ min: 0, max: 64_000 }).map((m) => `${m}m`),
  fc.constantFrom('0.5', '1.5', '100m', '0.1m', '1e3', '1Ki', '500Mi', '2Gi', '1.5Gi', '3', '250m'),
);
const requests = fc.dictionary(fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'example.com/gpu', 'hugepages-2Mi'), quantity, { maxKeys: 4 });
const container = fc.record({ requests: fc.option(requests, { nil: undefined }) }).map(
  ({ requests: r }, i = 0): Container => ({ name: `c${i}`, ...(r === undefined ? {} : { resources: { requests: r } }) }),
);

function pod(containers: Container[]): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: containers.map((c, i) => ({ ...c, name: `c${i}` })) } };
}

describe('simpleRequests', () => {
  it('equals PodRequests and its non-zero variant whenever it answers', () => {
    fc.assert(
      fc.property(fc.array(container, { minLength: 0, maxLength: 4 }), (containers) => {
        const p = pod(containers);
        const simple = simpleRequests(p);
        if (simple === null) return;
        const full = podRequests(p);
        const nonZero = podRequests(p, { nonZero: true });
        for (const [name, v] of full) expect(simple.requests.get(name), name).toBe(v);
        expect(simple.nonZeroMilliCPU).toBe(nonZero.get('cpu') ?? 0);
        expect(simple.nonZeroMemory).toBe(nonZero.get('memory') ?? 0);
      }),
      { numRuns: 500 },
    );
  });

  it('declines pods it cannot sum exactly: fractions of a millicore, init containers, overhead', () => {
    expect(simpleRequests(pod([{ name: 'c', resources: { requests: { cpu: '0.1m' } } }]))).toBeNull();
    expect(simpleRequests({ ...pod([]), spec: { containers: [], initContainers: [{ name: 'i' }] } })).toBeNull();
    expect(simpleRequests({ ...pod([]), spec: { containers: [], overhead: { cpu: '10m' } } })).toBeNull();
    expect(simpleRequests(pod([{ name: 'c', resources: { requests: { cpu: '250m', memory: '1Gi' } } }]))).not.toBeNull();
  });
});
