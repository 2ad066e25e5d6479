import { describe, expect, it } from 'vitest';
import type { Lease } from '../../src/api/types.js';
import { seconds } from '../../src/engine/time.js';
import { describeNode } from '../../src/kubectl/describe/describeNode.js';
import { runShipped } from './shippedWorkloads.js';

describe('ClusterRun: node leases as the store holds them after a run', () => {
  it('node-failure.yaml (realistic): the running nodes show their last committed renewal, the stopped one its last before 10m', () => {
    // Leases written at 15ms (node create commit), renewed every 10s; commits 15ms later.
    const { run, view } = runShipped('node-failure.yaml', seconds(12 * 60 + 5));
    const lease = (name: string): string | undefined => run.cluster.store.get<Lease>('Lease', 'kube-node-lease', name)?.spec.renewTime;
    expect(lease('node-1')).toBe('2026-01-01T00:12:00.015000Z');
    expect(lease('node-3')).toBe('2026-01-01T00:09:50.015000Z');
    expect(describeNode(view, 'node-1').stdout).toContain('RenewTime:       Thu, 01 Jan 2026 00:12:00 +0000');
    // A renewal made but not yet committed is not there.
    const early = runShipped('node-failure.yaml', seconds(60) + 20_000).run.cluster.store;
    expect(early.get<Lease>('Lease', 'kube-node-lease', 'node-1')?.spec.renewTime).toBe('2026-01-01T00:00:50.015000Z');
  });
});
