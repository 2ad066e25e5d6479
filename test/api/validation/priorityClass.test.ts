import { describe, expect, it } from 'vitest';
import { validateFields } from '../../../src/api/validation/index.js';
import { fieldErrorToString } from '../../../src/api/validation/field.js';
import { validatePriorityClass } from '../../../src/api/validation/priorityClass.js';

// After TestValidatePriorityClass in pkg/apis/scheduling/validation/validation_test.go.
const pc = (name: string, value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...extra,
});
const errs = (o: unknown): string[] => validatePriorityClass(o).map(fieldErrorToString);

describe('validatePriorityClass (TestValidatePriorityClass)', () => {
  it.each([
    ['no description', pc('tier1', 100)],
    ['with description', pc('tier1', 200, { description: 'Used for the highest priority pods.' })],
    ['system node critical', pc('system-node-critical', 2000001000)],
    ['system cluster critical', pc('system-cluster-critical', 2000000000, { globalDefault: false })],
    ['preemptionPolicy Never', pc('tier1', 100, { preemptionPolicy: 'Never' })],
    ['negative value', pc('low', -10)],
    ['the highest user value', pc('top', 1000000000)],
  ])('accepts %s', (_n, o) => {
    expect(errs(o)).toEqual([]);
  });

  it('rejects an empty name', () => {
    expect(errs(pc('', 100))).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('rejects an invalid name', () => {
    expect(errs(pc('tier&1', 100))[0]).toMatch(/^metadata\.name: Invalid value: "tier&1": a lowercase RFC 1123 subdomain/);
  });

  it('rejects an unknown system- name', () => {
    expect(errs(pc('system-something', 200))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-something is not a known system priority class",
    ]);
  });

  it('rejects a system class with the wrong value or globalDefault', () => {
    expect(errs(pc('system-node-critical', 100))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
    ]);
    expect(errs(pc('system-cluster-critical', 2000000000, { globalDefault: true }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false",
    ]);
  });

  it('rejects a user value above 1e9', () => {
    expect(errs(pc('tier1', 1000000001))).toEqual(['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  });

  it('rejects an invalid preemption policy', () => {
    expect(errs(pc('tier1', 100, { preemptionPolicy: 'foo' }))).toEqual([
      'preemptionPolicy: Unsupported value: "foo": supported values: "PreemptLowerPriority", "Never"',
    ]);
  });

  it('rejects a non-int32 value; ignores a namespace (the API server clears it on cluster-scoped kinds)', () => {
    const o = pc('tier1', 1.5);
    (o['metadata'] as Record<string, unknown>)['namespace'] = 'default';
    expect(errs(o)).toEqual(['value: Invalid value: 1.5: must be of type int32']);
  });

  it('is reached by validateFields for scheduling.k8s.io/v1', () => {
    expect(validateFields(pc('tier1', 1000000001)).map(fieldErrorToString)).toEqual([
      'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
  });
});
