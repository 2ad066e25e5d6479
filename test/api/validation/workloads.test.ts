import { describe, expect, it } from 'vitest';
import { fieldErrorToString } from '../../../src/api/validation/field.js';
import { validatePodDisruptionBudget } from '../../../src/api/validation/podDisruptionBudget.js';
import { validateReplicaSet, validateStatefulSet } from '../../../src/api/validation/workloads.js';

// Cases after TestValidateReplicaSet and TestValidateStatefulSet
// (pkg/apis/apps/validation/validation_test.go) and
// TestValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation/validation_test.go).

type Obj = Record<string, unknown>;
const template = (labels: Record<string, string> | undefined, spec: Obj = { containers: [{ name: 'a', image: 'x' }] }): Obj => ({
  metadata: labels === undefined ? {} : { labels },
  spec,
});
const rs = (spec: Obj): Obj => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec });
const sts = (spec: Obj): Obj => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec });
const rsErrs = (o: Obj): string[] => validateReplicaSet(o).map(fieldErrorToString);
const stsErrs = (o: Obj): string[] => validateStatefulSet(o).map(fieldErrorToString);

describe('validateReplicaSet', () => {
  const valid = { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web', tier: 'fe' }) };

  it('accepts a valid replica set', () => {
    expect(rsErrs(rs(valid))).toEqual([]);
    expect(rsErrs(rs({ ...valid, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } }))).toEqual([]);
  });

  it('requires a selector', () => {
    expect(rsErrs(rs({ ...valid, selector: undefined }))).toEqual(['spec.selector: Required value']);
  });

  it('rejects an empty selector (with upstream wording)', () => {
    expect(rsErrs(rs({ ...valid, selector: {} }))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('requires the selector to match the template labels', () => {
    expect(rsErrs(rs({ ...valid, template: template({ app: 'api' }) }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ]);
    expect(rsErrs(rs({ ...valid, template: template(undefined) }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ]);
  });

  it('validates the selector and the template', () => {
    const e = rsErrs(
      rs({
        ...valid,
        replicas: -1,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['x'] }] },
        template: template({ app: 'web' }, { restartPolicy: 'Never', containers: [{ name: 'a' }] }),
      }),
    );
    expect(e).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('reports template label problems at spec.template.labels, as upstream', () => {
    expect(rsErrs(rs({ ...valid, selector: { matchLabels: { 'bad key': 'x' } }, template: template({ 'bad key': 'x' }) }))[0]).toMatch(
      /^spec\.selector\.matchLabels: Invalid value: "bad key"/,
    );
    expect(rsErrs(rs({ ...valid, template: template({ app: 'web', 'bad key': 'x' }) }))[0]).toMatch(/^spec\.template\.labels: Invalid value: "bad key"/);
  });
});

describe('validateStatefulSet', () => {
  const valid = { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } }, template: template({ app: 'db' }) };

  it('accepts a valid stateful set', () => {
    expect(stsErrs(sts(valid))).toEqual([]);
    expect(stsErrs(sts({ ...valid, podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' } }))).toEqual([]);
  });

  it('applies the selector rules', () => {
    expect(stsErrs(sts({ ...valid, selector: undefined }))).toEqual(['spec.selector: Required value']);
    expect(stsErrs(sts({ ...valid, selector: {} }))[0]).toMatch(/empty selector is invalid for statefulset$/);
    expect(stsErrs(sts({ ...valid, template: template({ app: 'other' }) }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    ]);
  });

  it('checks podManagementPolicy and updateStrategy when set', () => {
    expect(stsErrs(sts({ ...valid, podManagementPolicy: 'Random', updateStrategy: { type: 'Blue' } }))).toEqual([
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      "spec.updateStrategy: Invalid value: \"Blue\": must be 'RollingUpdate' or 'OnDelete'",
    ]);
  });
});

describe('validatePodDisruptionBudget', () => {
  const pdb = (spec: Obj): Obj => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec });
  const errs = (spec: Obj): string[] => validatePodDisruptionBudget(pdb(spec)).map(fieldErrorToString);
  const selector = { matchLabels: { app: 'web' } };

  it.each([{ minAvailable: 2 }, { minAvailable: '50%' }, { maxUnavailable: 0 }, { maxUnavailable: '100%' }, {}])('accepts %j', (s) => {
    expect(errs({ ...s, selector })).toEqual([]);
  });

  it('rejects both minAvailable and maxUnavailable', () => {
    expect(errs({ minAvailable: 1, maxUnavailable: 1, selector })).toEqual(['spec: Invalid value: minAvailable and maxUnavailable cannot be both set']);
  });

  it.each([
    [{ minAvailable: -1 }, 'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    [{ maxUnavailable: '120%' }, 'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%'],
    [
      { minAvailable: 'half' },
      "spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ],
    [{ minAvailable: 1.5 }, "spec.minAvailable: Invalid value: \"1.5\": must be an integer or percentage (e.g '5%')"],
  ])('%j', (s, message) => {
    expect(errs({ ...s, selector })).toEqual([message]);
  });

  it('validates the selector', () => {
    expect(errs({ minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } })).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });
});
