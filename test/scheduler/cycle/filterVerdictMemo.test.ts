/**
 * A pod that failed keeps its Filter verdicts on unchanged nodes for its next
 * attempt. Whatever changes between attempts, an attempt with the memo must
 * give what an attempt without it gives: the same feasible nodes, statuses,
 * reasons and FitError message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from '../../../src/api/types.js';
import type { SchedulerCache } from '../../../src/scheduler/cache/Cache.js';
import { Framework } from '../../../src/scheduler/framework/Framework.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { NodeAffinity } from '../../../src/scheduler/plugins/NodeAffinity.js';
import { NodeResourcesFit } from '../../../src/scheduler/plugins/NodeResourcesFit.js';
import { NodeUnschedulable } from '../../../src/scheduler/plugins/NodeUnschedulable.js';
import { TaintToleration } from '../../../src/scheduler/plugins/TaintToleration.js';
import { attemptOutcome } from './attemptOutcome.js';
import { filterProfile, makeCache, makeHandle, makeNode, makePod } from '../fixtures.js';

function frameworkOf(cache: SchedulerCache): Framework {
  const handle = makeHandle(cache);
  const plugins = [
    NodeUnschedulable.factory(undefined, handle),
    TaintToleration.factory(undefined, handle),
    NodeAffinity.factory(NodeAffinity.defaultArgs!({}), handle),
    NodeResourcesFit.factory(NodeResourcesFit.defaultArgs!({}), handle),
  ];
  return new Framework({ schedulerName: 'default-scheduler', plugins: filterProfile(plugins), percentageOfNodesToScore: 100, tieBreak: { kind: 'random' } });
}

const TAINT: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('FilterVerdictMemo: a retried pod', () => {
  it('gets from the memo exactly what the filters would say, however the nodes change between attempts', () => {
    const nodeArb = fc.record({ cpu: fc.constantFrom('1', '2', '4'), tainted: fc.boolean(), pool: fc.constantFrom('a', 'b'), cordoned: fc.boolean() });
    const stepArb = fc.oneof(
      fc.record({ kind: fc.constant('node' as const), i: fc.nat(), node: nodeArb }),
      fc.record({ kind: fc.constant('bind' as const), i: fc.nat(), cpu: fc.constantFrom('500m', '1') }),
      fc.record({ kind: fc.constant('unbind' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), node: nodeArb }),
      fc.record({ kind: fc.constant('remove' as const), i: fc.nat() }),
      // Updates that share objects with the node or pod they replace, as the kubelet and kubectl write them.
      fc.record({ kind: fc.constant('heartbeat' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('relabel' as const), i: fc.nat(), pool: fc.constantFrom('a', 'b') }),
      fc.record({ kind: fc.constant('retaint' as const), i: fc.nat(), tainted: fc.boolean() }),
      fc.record({ kind: fc.constant('status' as const), i: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 12 }), fc.array(stepArb, { maxLength: 12 }), fc.constantFrom('1500m', '3'), fc.boolean(), fc.nat(), (specs, steps, cpu, tolerates, start) => {
        let seq = 0;
        const mk = (s: { cpu: string; tainted: boolean; pool: string; cordoned: boolean }, name = `n${seq++}`): Node =>
          makeNode(name, { allocatable: { cpu: s.cpu, memory: '8Gi', pods: '10' }, labels: { pool: s.pool }, ...(s.tainted ? { taints: [TAINT] } : {}), unschedulable: s.cordoned });
        const nodes = specs.map((s) => mk(s));
        const cache = makeCache(nodes);
        const fw = frameworkOf(cache);
        const incoming: Pod = makePod('incoming', { requests: { cpu }, nodeSelector: { pool: 'a' }, ...(tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}) });
        const retried = new PodInfo(incoming);
        const bound: Pod[] = [];
        let podSeq = 0;
        for (const step of [null, ...steps]) {
          if (step !== null) {
            switch (step.kind) {
              case 'node': {
                const k = step.i % nodes.length;
                const next = mk(step.node, nodes[k]!.metadata.name);
                cache.updateNode(nodes[k]!, next);
                nodes[k] = next;
                break;
              }
              case 'bind': {
                const p = makePod(`p${podSeq++}`, { requests: { cpu: step.cpu }, nodeName: nodes[step.i % nodes.length]!.metadata.name! });
                bound.push(p);
                cache.addPod(new PodInfo(p));
                break;
              }
              case 'unbind': {
                if (bound.length === 0) break;
                const [p] = bound.splice(step.i % bound.length, 1);
                cache.removePod(p!.metadata.uid!);
                break;
              }
              case 'add': {
                const n = mk(step.node);
                nodes.push(n);
                cache.addNode(n);
                break;
              }
              case 'heartbeat':
              case 'relabel':
              case 'retaint': {
                const k = step.i % nodes.length;
                const n = nodes[k]!;
                const next: Node =
                  step.kind === 'heartbeat'
                    ? { ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: `t${seq++}` }] } }
                    : step.kind === 'relabel'
                      ? { ...n, metadata: { ...n.metadata, labels: { pool: step.pool } } }
                      : { ...n, spec: { ...n.spec, taints: step.tainted ? [TAINT] : [] } };
                cache.updateNode(n, next);
                nodes[k] = next;
                break;
              }
              case 'status': {
                if (bound.length === 0) break;
                const k = step.i % bound.length;
                const p = bound[k]!;
                const next: Pod = { ...p, metadata: { ...p.metadata }, status: { phase: 'Running', startTime: `t${podSeq++}` } };
                cache.updatePod(new PodInfo(next));
                bound[k] = next;
                break;
              }
              case 'remove': {
                if (nodes.length <= 1) break;
                const [n] = nodes.splice(step.i % nodes.length, 1);
                cache.removeNode(n!);
                break;
              }
            }
          }
          const withMemo = attemptOutcome(cache, fw, retried, start);
          const fresh = attemptOutcome(cache, fw, new PodInfo(incoming), start);
          expect(withMemo).toEqual(fresh);
        }
      }),
      { numRuns: 300 },
    );
  });
});
