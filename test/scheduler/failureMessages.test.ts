/**
 * A host that never reads failure messages (a placement study drops the pod
 * at once) gets FitError's head only; every decision stays the same.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../src/api/types.js';
import { Simulation } from '../../src/engine/Simulation.js';
import { createScheduler } from '../../src/scheduler/createScheduler.js';
import { withoutPreemption } from '../../src/scheduler/policies/withoutPreemption.js';
import { loadBuiltinPolicy } from '../../src/scheduler/policies/resolvePolicy.js';
import type { AttemptRecord } from '../../src/scheduler/Scheduler.js';
import { StandaloneHost } from '../../src/scheduler/StandaloneHost.js';

function node(name: string, cpu: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: { allocatable: { cpu, memory: '8Gi', pods: '110' }, capacity: { cpu, memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, cpu: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { cpu } } }] } };
}

function attempts(failureMessages: boolean, withPreemption: boolean): AttemptRecord[] {
  const sim = new Simulation({ seed: 1 });
  const host = new StandaloneHost(failureMessages);
  const policy = loadBuiltinPolicy('default');
  const scheduler = createScheduler(sim, host, withPreemption ? policy : withoutPreemption(policy));
  host.attach(scheduler);
  const records: AttemptRecord[] = [];
  scheduler.onAttempt = (r) => records.push(r);
  for (const n of [node('a', '2'), node('b', '1')]) scheduler.addNode(n);
  for (const p of [pod('fits', '1500m'), pod('too-big', '3')]) {
    host.create(p);
    sim.run({ until: sim.now });
  }
  return records;
}

describe('SchedulerHost.failureMessages', () => {
  it('by default a failed attempt carries the FitError message with every reason', () => {
    const records = attempts(true, false);
    expect(records.map((r) => r.nodeName)).toEqual(['a', null]);
    expect(records[1]!.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
  });

  it('false: only the head of the message, the same decisions', () => {
    const records = attempts(false, false);
    expect(records.map((r) => r.nodeName)).toEqual(['a', null]);
    expect(records[1]!.message).toBe('0/2 nodes are available.');
  });

  it('is ignored while PostFilter runs: preemption reads the reasons', () => {
    expect(attempts(false, true)[1]!.message).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);
  });
});
