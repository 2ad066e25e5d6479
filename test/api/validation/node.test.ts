import { describe, expect, it } from 'vitest';
import { fieldErrorToString } from '../../../src/api/validation/field.js';
import { validateNamespace } from '../../../src/api/validation/namespace.js';
import { validateNode } from '../../../src/api/validation/node.js';

// Cases after TestValidateNode, TestValidateNodeTaints (validateNodeTaints) and
// TestValidateNamespace in pkg/apis/core/validation/validation_test.go.

const node = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}, name = 'n1') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'topology.kubernetes.io/zone': 'z1' } },
  spec,
  status,
});
const errs = (n: unknown): string[] => validateNode(n).map(fieldErrorToString);

describe('validateNode', () => {
  it('accepts a typical node', () => {
    expect(
      errs(
        node(
          { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] },
          { capacity: { cpu: '64', memory: '256Gi', pods: '110', 'nvidia.com/gpu': 8 }, allocatable: { cpu: '63500m', memory: '250Gi', pods: 110 } },
        ),
      ),
    ).toEqual([]);
  });

  it('checks the name', () => {
    expect(errs(node({}, {}, 'Node_1'))[0]).toMatch(/^metadata\.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/);
  });

  it('rejects taints repeated by key and effect (reported under metadata.taints, as upstream)', () => {
    expect(errs(node({ taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoSchedule' }] }))).toEqual([
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"x", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
    ]);
  });

  it('requires a valid effect, key and value', () => {
    const e = errs(node({ taints: [{ key: 'a' }, { key: 'b', effect: 'Never' }, { key: 'bad key', value: 'bad value', effect: 'NoSchedule' }] }));
    expect(e[0]).toBe('metadata.taints[0].effect: Required value');
    expect(e[1]).toBe('metadata.taints[1].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
    expect(e[2]).toMatch(/^metadata\.taints\[2\]\.key: Invalid value: "bad key": name part must consist of/);
    expect(e[3]).toMatch(/^metadata\.taints\[2\]\.value: Invalid value: "bad value": a valid label must be an empty string/);
  });

  it('checks capacity and allocatable quantities', () => {
    expect(errs(node({}, { capacity: { cpu: '-4' }, allocatable: { pods: '110.5', 'nvidia.com/gpu': '0.5', memory: 'lots' } }))).toEqual([
      'status.capacity.cpu: Invalid value: "-4": must be greater than or equal to 0',
      'status.allocatable.pods: Invalid value: "110500m": must be an integer',
      'status.allocatable.nvidia.com/gpu: Invalid value: "500m": must be an integer',
      `status.allocatable.memory: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });
});

describe('validateNamespace', () => {
  it('needs a DNS label name', () => {
    expect(validateNamespace({ kind: 'Namespace', metadata: { name: 'team-a' } })).toEqual([]);
    expect(validateNamespace({ kind: 'Namespace', metadata: { name: 'team.a' } }).map(fieldErrorToString)).toEqual([
      'metadata.name: Invalid value: "team.a": must not contain dots',
    ]);
    expect(validateNamespace({ kind: 'Namespace', metadata: { name: 'a'.repeat(64) } }).map(fieldErrorToString)[0]).toMatch(
      /must be no more than 63 characters/,
    );
  });
});
