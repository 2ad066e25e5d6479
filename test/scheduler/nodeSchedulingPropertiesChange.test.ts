import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types.js';
import { ActionType } from '../../src/scheduler/framework/events.js';
import { nodeSchedulingPropertiesChange, sameJson } from '../../src/scheduler/nodeSchedulingPropertiesChange.js';

const node = (over: Partial<Node> = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1', labels: { zone: 'a' }, annotations: { x: '1' } },
  spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
  status: {
    allocatable: { cpu: '4', memory: '8Gi' },
    conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
  },
  ...over,
});

describe('sameJson', () => {
  it('answers as comparing JSON.stringify outputs does (random JSON values)', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, value, (a, b) => {
        // Top-level undefined has no JSON; the callers always pass objects or arrays.
        const x = { v: a };
        const y = { v: b };
        expect(sameJson(x, y)).toBe(JSON.stringify(x) === JSON.stringify(y));
        expect(sameJson(x, structuredClone(x))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is key-order sensitive, as the serialised comparison is', () => {
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([1, undefined], [1, null])).toBe(true);
    expect(sameJson([], {})).toBe(false);
  });
});

describe('nodeSchedulingPropertiesChange', () => {
  it('a heartbeat (only lastHeartbeatTime) is no event, as upstream strips conditions to type → status; the same node is none', () => {
    const old = node();
    const beat = node({ status: { ...old.status, conditions: [{ ...old.status!.conditions![0]!, lastHeartbeatTime: '2026-01-01T00:05:00Z' }] } });
    expect(nodeSchedulingPropertiesChange(old, beat)).toBe(0);
    expect(nodeSchedulingPropertiesChange(old, { ...old })).toBe(0);
  });

  it("a condition's status changing, or a condition appearing, is UpdateNodeCondition", () => {
    const old = node();
    const ready = old.status!.conditions![0]!;
    const notReady = node({ status: { ...old.status, conditions: [{ ...ready, status: 'Unknown' }] } });
    expect(nodeSchedulingPropertiesChange(old, notReady)).toBe(ActionType.UpdateNodeCondition);
    const pressure = node({ status: { ...old.status, conditions: [ready, { type: 'MemoryPressure', status: 'False' }] } });
    expect(nodeSchedulingPropertiesChange(old, pressure)).toBe(ActionType.UpdateNodeCondition);
    // The same types and statuses in another order: no change (a map in upstream).
    const two = node({ status: { ...old.status, conditions: [ready, { type: 'DiskPressure', status: 'False' }] } });
    const swapped = node({ status: { ...old.status, conditions: [{ type: 'DiskPressure', status: 'False' }, { ...ready, reason: 'x' }] } });
    expect(nodeSchedulingPropertiesChange(two, swapped)).toBe(0);
  });

  it('only uncordoning counts (as UpdateNodeTaint); cordoning alone is no event', () => {
    const old = node();
    const cordoned = node({ spec: { ...old.spec, unschedulable: true } });
    expect(nodeSchedulingPropertiesChange(old, cordoned)).toBe(0);
    expect(nodeSchedulingPropertiesChange(cordoned, old)).toBe(ActionType.UpdateNodeTaint);
  });

  it('sets one bit per changed property', () => {
    const old = node();
    expect(nodeSchedulingPropertiesChange(old, node({ metadata: { ...old.metadata, labels: { zone: 'b' } } }))).toBe(ActionType.UpdateNodeLabel);
    expect(nodeSchedulingPropertiesChange(old, node({ metadata: { ...old.metadata, annotations: {} } }))).toBe(ActionType.UpdateNodeAnnotation);
    expect(nodeSchedulingPropertiesChange(old, node({ spec: {} }))).toBe(ActionType.UpdateNodeTaint);
    expect(nodeSchedulingPropertiesChange(old, node({ status: { ...old.status, allocatable: { cpu: '3', memory: '8Gi' } } }))).toBe(ActionType.UpdateNodeAllocatable);
    // Equal content in new objects is no change.
    expect(nodeSchedulingPropertiesChange(old, structuredClone(old))).toBe(0);
  });
});
