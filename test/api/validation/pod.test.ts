import { describe, expect, it } from 'vitest';
import { fieldErrorToString } from '../../../src/api/validation/field.js';
import { validatePod } from '../../../src/api/validation/pod.js';

// Cases after TestValidatePodSpec, TestValidateContainers, TestValidateInitContainers,
// TestValidateResourceRequirements, TestValidateTolerations, TestValidateAffinity,
// TestValidateTopologySpreadConstraints and TestValidatePodCreateWithSchedulingGates in
// pkg/apis/core/validation/validation_test.go, with upstream's messages.

type Obj = Record<string, unknown>;

const basePod = (): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'main', image: 'nginx' }] },
});

/** A pod whose spec has `spec` merged in. */
const withSpec = (spec: Obj): Obj => {
  const p = basePod();
  p['spec'] = { ...(p['spec'] as Obj), ...spec };
  return p;
};
const withContainer = (c: Obj): Obj => withSpec({ containers: [{ name: 'main', image: 'nginx', ...c }] });
const errs = (pod: Obj): string[] => validatePod(pod).map(fieldErrorToString);

const CPU_REGEX_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('validatePod: metadata', () => {
  it('accepts a minimal pod', () => {
    expect(errs(basePod())).toEqual([]);
  });

  it('needs a name or generateName', () => {
    const p = basePod();
    p['metadata'] = {};
    expect(errs(p)).toEqual(['metadata.name: Required value: name or generateName is required']);
    p['metadata'] = { generateName: 'web-' };
    expect(errs(p)).toEqual([]);
  });

  it('checks the name, namespace and labels', () => {
    const p = basePod();
    p['metadata'] = { name: 'Web', namespace: 'Team_A', labels: { 'bad key': 'x', ok: 'bad value!' } };
    const e = errs(p);
    expect(e).toHaveLength(4);
    expect(e[0]).toMatch(/^metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of/);
    expect(e[1]).toMatch(/^metadata\.namespace: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of/);
    expect(e[2]).toMatch(/^metadata\.labels: Invalid value: "bad key": name part must consist of/);
    expect(e[3]).toMatch(/^metadata\.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of/);
  });

  it('reports a label value of the wrong JSON type', () => {
    const p = basePod();
    p['metadata'] = { name: 'web', labels: { version: 1 } };
    expect(errs(p)).toEqual(['metadata.labels[version]: Invalid value: 1: must be of type string']);
  });
});

describe('validatePod: containers', () => {
  it('requires containers', () => {
    expect(errs(withSpec({ containers: [] }))).toEqual(['spec.containers: Required value']);
    const p = basePod();
    p['spec'] = {};
    expect(errs(p)).toEqual(['spec.containers: Required value']);
  });

  it('requires a name and an image, and unique names', () => {
    expect(errs(withSpec({ containers: [{}, { name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }))).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].image: Required value',
      'spec.containers[2].name: Duplicate value: "a"',
    ]);
  });

  it('checks the name is a DNS label', () => {
    expect(errs(withContainer({ name: 'Main_1' }))[0]).toMatch(
      /^spec\.containers\[0\]\.name: Invalid value: "Main_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/,
    );
  });

  it('names must be unique across init and app containers', () => {
    expect(errs(withSpec({ initContainers: [{ name: 'main', image: 'busybox' }] }))).toEqual([
      'spec.initContainers[0].name: Duplicate value: "main"',
    ]);
  });

  it('restartPolicy is for init containers, and only Always', () => {
    expect(errs(withContainer({ restartPolicy: 'Always' }))).toEqual([
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    ]);
    expect(errs(withSpec({ initContainers: [{ name: 'i', image: 'x', restartPolicy: 'OnFailure' }] }))).toEqual([
      'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    expect(errs(withSpec({ initContainers: [{ name: 'i', image: 'x', restartPolicy: 'Always', readinessProbe: {} }] }))).toEqual([]);
  });

  it('probes and lifecycle only on sidecar init containers', () => {
    expect(errs(withSpec({ initContainers: [{ name: 'i', image: 'x', livenessProbe: {} }] }))).toEqual([
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('rejects white space around an image', () => {
    expect(errs(withContainer({ image: ' nginx ' }))).toEqual([
      'spec.containers[0].image: Invalid value: " nginx ": must not have leading or trailing whitespace',
    ]);
  });

  it('checks pull and termination message policies when set', () => {
    expect(errs(withContainer({ imagePullPolicy: 'Sometimes', terminationMessagePolicy: 'X' }))).toEqual([
      'spec.containers[0].terminationMessagePolicy: Unsupported value: "X": supported values: "File", "FallbackToLogsOnError"',
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });
});

describe('validatePod: ports', () => {
  it('checks numbers, names and protocols', () => {
    expect(
      errs(
        withContainer({
          ports: [{ containerPort: 0 }, { containerPort: 70000, hostPort: 70001 }, { containerPort: 80, protocol: 'ICMP', name: 'HTTP' }],
        }),
      ),
    ).toEqual([
      'spec.containers[0].ports[0].containerPort: Required value',
      'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].hostPort: Invalid value: 70001: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[2].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[2].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.containers[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('rejects host port conflicts across app containers', () => {
    const p = withSpec({
      containers: [
        { name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] },
      ],
    });
    expect(errs(p)).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });

  it('with hostNetwork, a host port must equal the container port', () => {
    expect(errs(withSpec({ hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 81 }] }] }))).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true',
    ]);
  });
});

describe('validatePod: resources', () => {
  it('reports a quantity that does not parse', () => {
    expect(errs(withContainer({ resources: { requests: { cpu: 'abc' } } }))).toEqual([
      `spec.containers[0].resources.requests[cpu]: Invalid value: "abc": ${CPU_REGEX_MSG}`,
    ]);
    expect(errs(withContainer({ resources: { limits: { memory: '1.5.Gi' } } }))).toEqual([
      `spec.containers[0].resources.limits[memory]: Invalid value: "1.5.Gi": ${CPU_REGEX_MSG}`,
    ]);
    expect(errs(withContainer({ resources: { requests: { memory: '1Gb' } } }))).toEqual([
      `spec.containers[0].resources.requests[memory]: Invalid value: "1Gb": ${CPU_REGEX_MSG}`,
    ]);
    expect(errs(withContainer({ resources: { requests: { memory: '1mi' } } }))).toEqual([
      `spec.containers[0].resources.requests[memory]: Invalid value: "1mi": unable to parse quantity's suffix`,
    ]);
  });

  it('rejects negative quantities', () => {
    expect(errs(withContainer({ resources: { requests: { cpu: '-100m' } } }))).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-100m": must be greater than or equal to 0',
    ]);
  });

  it('requires requests at most limits', () => {
    expect(errs(withContainer({ resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it('extended resources: integer, equal to the limit, and a limit is required', () => {
    expect(errs(withContainer({ resources: { requests: { 'nvidia.com/gpu': '1' } } }))).toEqual([
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
    expect(errs(withContainer({ resources: { requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 2 } } }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ]);
    expect(errs(withContainer({ resources: { limits: { 'nvidia.com/gpu': '500m' } } }))).toEqual([
      'spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer',
    ]);
    expect(errs(withContainer({ resources: { limits: { 'nvidia.com/gpu': 4 }, requests: { 'nvidia.com/gpu': 4 } } }))).toEqual([]);
  });

  it('checks resource names', () => {
    expect(errs(withContainer({ resources: { requests: { foo: '1' } } }))).toEqual([
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers',
    ]);
    expect(errs(withContainer({ resources: { requests: { pods: '1' } } }))).toEqual([
      'spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers',
    ]);
  });

  it('hugepages need cpu or memory and whole pages', () => {
    expect(errs(withContainer({ resources: { limits: { 'hugepages-2Mi': '4Mi' }, requests: { 'hugepages-2Mi': '4Mi' } } }))).toEqual([
      'spec.containers[0].resources: Forbidden: HugePages require cpu or memory',
    ]);
    expect(errs(withContainer({ resources: { limits: { 'hugepages-2Mi': '3Mi', memory: '1Gi' } } }))).toEqual([
      'spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
    ]);
  });

  it('validates overhead as limits (upstream path)', () => {
    expect(errs(withSpec({ overhead: { cpu: '-1' } }))).toEqual(['spec.overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
  });

  it('pod-level resources: supported names, at least the aggregate, limits above container limits', () => {
    expect(errs(withSpec({ resources: { requests: { 'ephemeral-storage': '1Gi' } } }))).toEqual([
      'spec.resources.requests[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"',
    ]);
    const p = withSpec({
      resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
      containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '200m' }, limits: { memory: '2Gi' } } }],
    });
    expect(errs(p)).toEqual([
      'spec.resources.requests[cpu]: Invalid value: "100m": must be greater than or equal to aggregate container requests of 200m',
      'spec.resources.containers[0][memory].limits: Invalid value: "2Gi": must be less than or equal to pod limits of 1Gi',
    ]);
    expect(errs(withSpec({ resources: { requests: { cpu: '100m' } } }))).toEqual([]);
  });
});

describe('validatePod: scheduling fields', () => {
  it('checks restartPolicy, preemptionPolicy and priority', () => {
    expect(errs(withSpec({ restartPolicy: 'Sometimes', preemptionPolicy: 'Maybe', priority: 3_000_000_000 }))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.preemptionPolicy: Unsupported value: "Maybe": supported values: "PreemptLowerPriority", "Never"',
      'spec.priority: Invalid value: 3000000000: must be of type int32',
    ]);
    expect(errs(withSpec({ priority: 1.5 }))).toEqual(['spec.priority: Invalid value: 1.5: must be of type int32']);
    expect(errs(withSpec({ priority: -2147483648, restartPolicy: 'Never' }))).toEqual([]);
  });

  it('checks nodeName and priorityClassName syntax', () => {
    expect(errs(withSpec({ nodeName: 'Node_1', priorityClassName: 'High' })).map((e) => e.split(':')[0])).toEqual([
      'spec.nodeName',
      'spec.priorityClassName',
    ]);
  });

  it('checks the nodeSelector labels', () => {
    expect(errs(withSpec({ nodeSelector: { 'a/b/c': 'x' } }))[0]).toMatch(/^spec\.nodeSelector: Invalid value: "a\/b\/c": a qualified name must consist of/);
  });

  it('scheduling gates: qualified names, no duplicates, no nodeName', () => {
    expect(errs(withSpec({ schedulingGates: [{ name: 'example.com/gate' }, { name: 'example.com/gate' }, { name: '' }] }))).toEqual([
      'spec.schedulingGates[1]: Duplicate value: "example.com/gate"',
      'spec.schedulingGates[2]: Invalid value: "": name part must be non-empty',
      "spec.schedulingGates[2]: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(errs(withSpec({ nodeName: 'n1', schedulingGates: [{ name: 'g' }] }))).toEqual([
      'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ]);
  });
});

describe('validatePod: tolerations (TestValidateTolerations)', () => {
  const tol = (...t: Obj[]): string[] => errs(withSpec({ tolerations: t }));
  it('accepts the usual forms', () => {
    expect(
      tol(
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar' },
        { operator: 'Exists' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'foo', operator: 'Exists', effect: '' },
      ),
    ).toEqual([]);
  });
  it.each([
    [{ key: 'foo', operator: 'Foo' }, 'spec.tolerations[0].operator: Unsupported value: "Foo": supported values: "Equal", "Exists"'],
    [{ key: 'foo', operator: 'Exists', value: 'bar' }, 'spec.tolerations[0].operator: Invalid value: "bar": value must be empty when `operator` is \'Exists\''],
    [{ operator: 'Equal', value: 'bar' }, 'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
    [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 }, 'spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'],
    [{ key: 'foo', operator: 'Exists', effect: 'Never' }, 'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
  ])('%j', (t, message) => {
    expect(tol(t)).toEqual([message]);
  });
  it('checks key and value syntax', () => {
    const e = tol({ key: 'foo bar', value: 'a b' });
    expect(e[0]).toMatch(/^spec\.tolerations\[0\]\.key: Invalid value: "foo bar": name part must consist of/);
    expect(e[1]).toMatch(/^spec\.tolerations\[0\]\.operator: Invalid value: "a b": a valid label must be an empty string/);
  });
});

describe('validatePod: affinity (TestValidateAffinity)', () => {
  const aff = (a: Obj): string[] => errs(withSpec({ affinity: a }));
  const required = (terms: unknown[]): Obj => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
  const P = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';

  it('accepts valid node and pod affinity', () => {
    expect(
      aff({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'gen', operator: 'Gt', values: ['3'] }] },
              { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }],
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, topologyKey: 'zone' } },
          ],
        },
      }),
    ).toEqual([]);
  });

  it.each([
    [[], `${P}.nodeSelectorTerms: Required value: must have at least one node selector term`],
    [[{ matchExpressions: [{ key: 'k', operator: 'In' }] }], `${P}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`],
    [[{ matchExpressions: [{ key: 'k', operator: 'Exists', values: ['v'] }] }], `${P}.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`],
    [[{ matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1', '2'] }] }], `${P}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`],
    [[{ matchExpressions: [{ key: 'k', operator: 'Near', values: ['1'] }] }], `${P}.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator`],
    [[{ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['x'] }] }], `${P}.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "metadata.uid": not a valid field selector key`],
    [[{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }], `${P}.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`],
    [[{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }], `${P}.nodeSelectorTerms[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`],
  ])('required terms %j', (terms, message) => {
    expect(aff(required(terms))).toEqual([message]);
  });

  it('checks preferred weights (1..100)', () => {
    const pref = (weight: number) =>
      aff({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } });
    expect(pref(0)).toEqual(['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100']);
    expect(pref(101)).toEqual(['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100']);
    expect(pref(50)).toEqual([]);
  });

  it('pod affinity terms need a topology key and a valid selector', () => {
    const e = aff({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }] } });
    const P2 = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
    expect(e[0]).toBe(`${P2}.labelSelector.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
    expect(e[1]).toBe(`${P2}.topologyKey: Required value: can not be empty`);
    expect(e[2]).toBe(`${P2}.topologyKey: Invalid value: "": name part must be non-empty`);
    expect(
      aff({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone' } }] } }),
    ).toEqual(['spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100']);
  });

  it('matchLabelKeys need a selector and must not repeat its keys', () => {
    const term = (t: Obj) => aff({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', ...t }] } });
    const P3 = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
    expect(term({ matchLabelKeys: ['app'] })).toEqual([`${P3}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`]);
    expect(term({ matchLabelKeys: ['app'], labelSelector: { matchLabels: { app: 'x' } } })).toEqual([
      `${P3}[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`,
    ]);
    expect(term({ matchLabelKeys: ['a'], mismatchLabelKeys: ['a'], labelSelector: {} })).toEqual([
      `${P3}.matchLabelKeys[0]: Invalid value: "a": exists in both matchLabelKeys and mismatchLabelKeys`,
    ]);
  });
});

describe('validatePod: topologySpreadConstraints (TestValidateTopologySpreadConstraints)', () => {
  const tsc = (...c: Obj[]): string[] => errs(withSpec({ topologySpreadConstraints: c }));
  const ok = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } };
  const P = 'spec.topologySpreadConstraints';

  it('accepts valid constraints', () => {
    expect(tsc(ok, { ...ok, whenUnsatisfiable: 'ScheduleAnyway' }, { ...ok, topologyKey: 'host', minDomains: 3, nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: 'Honor', matchLabelKeys: ['pod-template-hash'] })).toEqual([]);
  });
  it.each([
    [{ ...ok, maxSkew: 0 }, `${P}[0].maxSkew: Invalid value: 0: must be greater than zero`],
    [{ ...ok, topologyKey: '' }, `${P}[0].topologyKey: Required value: can not be empty`],
    [{ ...ok, whenUnsatisfiable: 'Sometimes' }, `${P}[0].whenUnsatisfiable: Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"`],
    [{ ...ok, minDomains: 0 }, `${P}[0].minDomains: Invalid value: 0: must be greater than zero`],
    [{ ...ok, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }, `${P}[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`],
    [{ ...ok, nodeAffinityPolicy: 'Bogus' }, `${P}[0].nodeAffinityPolicy: Unsupported value: "Bogus": supported values: "Honor", "Ignore"`],
    [{ ...ok, labelSelector: undefined, matchLabelKeys: ['a'] }, `${P}[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`],
    [{ ...ok, matchLabelKeys: ['app'] }, `${P}[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`],
    [{ ...ok, labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }, `${P}[0].labelSelector.matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`],
  ])('%j', (c, message) => {
    expect(tsc(c)).toEqual([message]);
  });
  it('rejects a repeated {topologyKey, whenUnsatisfiable}', () => {
    expect(tsc(ok, { ...ok, maxSkew: 2 })).toEqual([`${P}[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"`]);
  });
});
