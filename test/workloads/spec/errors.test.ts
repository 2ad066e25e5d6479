import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../src/api/manifests.js';
import { ERR_FORMAT_WRONG } from '../../../src/api/quantity.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';

/** The error a text gives, as the CLI prints it. */
const errorOf = (text: string, sets: string[] = []): string => {
  try {
    loadWorkload(text, 'w.yaml', sets);
  } catch (err) {
    if (err instanceof ManifestError) return err.toString();
    throw err;
  }
  throw new Error('expected a ManifestError');
};

// Lines 1–4.
const HEAD = `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: t}
duration: 1h
`;

// Lines 5–8: one pool of three nodes in two zones.
const POOL = `cluster:
  nodePools:
    - {name: worker, count: 3, zones: [zone-a, zone-b], capacity: {cpu: "4", memory: 16Gi}}
`;

// Lines 8–17: a Deployment web arriving once, a Job batch arriving by Poisson.
const ARRIVALS = `arrivals:
  - manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec: {template: {spec: {containers: [{name: web, image: nginx}]}}}
  - manifest: {apiVersion: batch/v1, kind: Job, metadata: {name: batch}}
    poisson: {rate: 1/m, count: 5}
`;

describe('loadWorkload errors: the file itself', () => {
  it('reports YAML syntax errors with their line', () => {
    expect(errorOf(`${HEAD}cluster: {nodePools: [}\n`)).toMatch(/^w\.yaml:5: /);
  });

  it('wants one document', () => {
    expect(errorOf(`${HEAD}---\n${HEAD}`)).toBe('w.yaml:6: a workload file holds one document');
    expect(errorOf('# nothing\n')).toBe('w.yaml:1: the file holds no workload');
  });

  it('checks apiVersion, kind, metadata.name and duration', () => {
    expect(errorOf(HEAD.replace('kubesim.io/v1alpha1', 'v1'))).toBe(
      'w.yaml:1: apiVersion: Unsupported value: "v1": supported values: "kubesim.io/v1alpha1"',
    );
    expect(errorOf(HEAD.replace('kind: Workload', 'kind: Pod'))).toBe('w.yaml:2: kind: Unsupported value: "Pod": supported values: "Workload"');
    expect(errorOf(HEAD.replace('kind: Workload\n', ''))).toBe('w.yaml:1: kind: Required value');
    expect(errorOf(HEAD.replace('{name: t}', '{}'))).toBe('w.yaml:3: metadata.name: Required value');
    expect(errorOf(HEAD.replace('duration: 1h\n', ''))).toBe('w.yaml:1: duration: Required value');
  });
});

describe('loadWorkload errors: unknown fields', () => {
  it('at the top, in the cluster, in a pool, in an arrival process and in an operation', () => {
    expect(errorOf(`${HEAD}colour: red\n`)).toBe('w.yaml:5: colour: unknown field "colour"');
    expect(errorOf(`${HEAD}cluster: {pools: []}\n`)).toBe('w.yaml:5: cluster.pools: unknown field "pools"');
    expect(errorOf(POOL.replace('count: 3', 'count: 3, colour: red').replace(/^/, HEAD))).toBe(
      'w.yaml:7: cluster.nodePools[0].colour: unknown field "colour"',
    );
    expect(errorOf(`${HEAD}${POOL}${ARRIVALS.replace('count: 5', 'count: 5, every: 1m')}`)).toBe(
      'w.yaml:15: arrivals[1].poisson.every: unknown field "every"',
    );
    expect(errorOf(`${HEAD}${POOL}operations:\n  - {at: 1m, op: cordon, node: worker-1, replicas: 3}\n`)).toBe(
      'w.yaml:9: operations[0].replicas: unknown field "replicas"',
    );
  });
});

describe('loadWorkload errors: wrong types and values', () => {
  it('reports the type a field must have', () => {
    expect(errorOf(HEAD + POOL.replace('count: 3', 'count: three'))).toBe(
      'w.yaml:7: cluster.nodePools[0].count: Invalid value: "three": must be of type int32',
    );
    expect(errorOf(HEAD + POOL.replace('[zone-a, zone-b]', 'zone-a'))).toBe(
      'w.yaml:7: cluster.nodePools[0].zones: Invalid value: "zone-a": must be of type array',
    );
    expect(errorOf(`${HEAD}cluster: {nodePools: {name: x}}\n`)).toBe(
      'w.yaml:5: cluster.nodePools: Invalid value: {"name":"x"}: must be of type array',
    );
    expect(errorOf(`${HEAD}controlPlane: fast\n`)).toBe(
      'w.yaml:5: controlPlane: Unsupported value: "fast": supported values: "ideal", "realistic"',
    );
    expect(errorOf(HEAD + POOL.replace('count: 3', 'count: -1'))).toBe(
      'w.yaml:7: cluster.nodePools[0].count: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('reports a bad quantity in upstream words', () => {
    expect(errorOf(HEAD + POOL.replace('cpu: "4"', 'cpu: 4x'))).toBe(
      `w.yaml:7: cluster.nodePools[0].capacity[cpu]: Invalid value: "4x": ${ERR_FORMAT_WRONG}`,
    );
    expect(errorOf(HEAD + POOL.replace('memory: 16Gi', 'memory: -16Gi'))).toBe(
      'w.yaml:7: cluster.nodePools[0].capacity[memory]: Invalid value: "-16Gi": must be greater than or equal to 0',
    );
    expect(errorOf(HEAD + POOL.replace('memory: 16Gi', 'pods: 1500m'))).toBe(
      'w.yaml:7: cluster.nodePools[0].capacity[pods]: Invalid value: "1500m": must be an integer',
    );
    expect(errorOf(HEAD + POOL.replace('memory: 16Gi', 'cpus: "4"'))).toBe(
      'w.yaml:7: cluster.nodePools[0].capacity[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
    );
    expect(errorOf(`${HEAD}images: {sizes: {nginx: 70MM}}\n`)).toBe(
      "w.yaml:5: images.sizes[nginx]: Invalid value: \"70MM\": unable to parse quantity's suffix",
    );
  });

  it("reports a bad duration in Go's words", () => {
    expect(errorOf(HEAD.replace('duration: 1h', 'duration: 1x'))).toBe('w.yaml:4: duration: time: unknown unit "x" in duration "1x"');
    expect(errorOf(HEAD.replace('duration: 1h', 'duration: soon'))).toBe('w.yaml:4: duration: time: invalid duration "soon"');
    expect(errorOf(HEAD.replace('duration: 1h', 'duration: 0s'))).toBe('w.yaml:4: duration: Invalid value: "0s": must be greater than 0');
    expect(errorOf(`${HEAD}${POOL}${ARRIVALS}    runDuration: exp(10x)\n`)).toBe(
      'w.yaml:16: arrivals[1].runDuration: time: unknown unit "x" in duration "10x"',
    );
  });

  it('reports a bad rate, taint, label or zone', () => {
    expect(errorOf(`${HEAD}${POOL}${ARRIVALS.replace('1/m', '1/week')}`)).toBe(
      'w.yaml:15: arrivals[1].poisson.rate: Invalid value: "1/week": must be a rate such as "2/s", "30/m", "10/h" or "5/10m"',
    );
    expect(errorOf(HEAD + POOL.replace('count: 3', 'count: 3, taints: [{key: a, effect: Sometimes}]'))).toBe(
      'w.yaml:7: cluster.nodePools[0].taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(errorOf(HEAD + POOL.replace('count: 3', 'count: 3, labels: {"a b": x}'))).toMatch(
      /^w\.yaml:7: cluster\.nodePools\[0\]\.labels: Invalid value: "a b": name part must consist of alphanumeric characters/,
    );
  });
});

describe('loadWorkload errors: parameters', () => {
  it('reports a reference to an undeclared parameter at the field', () => {
    expect(errorOf(`${HEAD}parameters: {replicas: 3}\ncontrolPlane: "\${plane}"\n`)).toBe(
      'w.yaml:6: controlPlane: unknown parameter "plane" (declared: replicas)',
    );
    expect(errorOf(`${HEAD}metadata: {name: "x-\${n}"}\n`.replace('metadata: {name: t}\n', ''))).toBe(
      'w.yaml:4: metadata.name: unknown parameter "n" (no parameters are declared)',
    );
    expect(errorOf(`${HEAD}parameters: {n: 1}\ncontrolPlane: "a-\${n"\n`)).toBe(
      'w.yaml:6: controlPlane: unterminated parameter reference in "a-${n"',
    );
  });

  it('checks parameter names and values', () => {
    expect(errorOf(`${HEAD}parameters: {a.b: 1}\n`)).toBe(
      "w.yaml:5: parameters[a.b]: Invalid value: \"a.b\": a parameter name must match the regular expression '^[A-Za-z_][A-Za-z0-9_-]*$'",
    );
    expect(errorOf(`${HEAD}parameters: {a: [1]}\n`)).toBe(
      'w.yaml:5: parameters[a]: Invalid value: [1]: a parameter value must be a scalar (a string, number or boolean)',
    );
  });
});

describe('loadWorkload errors: references to what does not exist', () => {
  it('a node, a zone', () => {
    expect(errorOf(`${HEAD}${POOL}operations:\n  - {at: 10m, op: node-failure, node: worker-9}\n`)).toBe(
      'w.yaml:9: operations[0].node: Not found: "worker-9": no such node in cluster.nodePools or cluster.nodes',
    );
    expect(errorOf(`${HEAD}${POOL}operations:\n  - {at: 10m, op: zone-outage, zone: zone-c}\n`)).toBe(
      'w.yaml:9: operations[0].zone: Not found: "zone-c": no node of the cluster is in this zone',
    );
  });

  it('an object to scale, roll out or delete, or a Service to send traffic to', () => {
    const ops = (op: string) => `${HEAD}${POOL}${ARRIVALS}operations:\n  - ${op}\n`;
    expect(errorOf(ops('{at: 5m, op: scale, kind: Deployment, name: api, replicas: 3}'))).toBe(
      'w.yaml:17: operations[0].name: Not found: "api": no Deployment in namespace "default" among objects or arrivals',
    );
    expect(errorOf(ops('{at: 5m, op: scale, kind: Deployment, namespace: prod, name: web, replicas: 3}'))).toBe(
      'w.yaml:17: operations[0].name: Not found: "web": no Deployment in namespace "prod" among objects or arrivals',
    );
    expect(errorOf(ops('{at: 5m, op: scale, kind: Job, name: batch, replicas: 3}'))).toBe(
      'w.yaml:17: operations[0].kind: Unsupported value: "Job": supported values: "Deployment", "ReplicaSet", "StatefulSet"',
    );
    expect(errorOf(ops('{at: 5m, op: rollout, kind: Deployment, name: web, container: sidecar, image: nginx:2}'))).toBe(
      'w.yaml:17: operations[0].container: Unsupported value: "sidecar": supported values: "web"',
    );
    expect(errorOf(ops('{at: 5m, op: delete, kind: Job, name: batch-6}'))).toBe(
      'w.yaml:17: operations[0].name: Not found: "batch-6": no Job in namespace "default" among objects or arrivals',
    );
    expect(errorOf(`${HEAD}traffic:\n  - {service: web, rate: 10/s}\n`)).toBe(
      'w.yaml:6: traffic[0].service: Not found: "web": no Service in namespace "default" among objects or arrivals',
    );
  });

  it('a namespace or a PriorityClass', () => {
    expect(errorOf(`${HEAD}${ARRIVALS.replace('{name: batch}', '{name: batch, namespace: jobs}')}`)).toBe(
      'w.yaml:11: arrivals[1].manifest.metadata.namespace: Not found: "jobs": no Namespace of this name among objects or arrivals',
    );
    expect(errorOf(`${HEAD}${ARRIVALS.replace('{containers:', '{priorityClassName: high, containers:')}`)).toBe(
      'w.yaml:10: arrivals[0].manifest.spec.template.spec.priorityClassName: no PriorityClass with name high was found',
    );
  });
});

describe('loadWorkload errors: duplicates', () => {
  it('pool names, node names, object names', () => {
    const twoPools = `${HEAD}cluster:\n  nodePools:\n    - {name: a, capacity: {cpu: "1"}}\n    - {name: a, capacity: {cpu: "1"}}\n`;
    expect(errorOf(twoPools)).toBe('w.yaml:8: cluster.nodePools[1].name: Duplicate value: "a"');
    const clash = `${HEAD}cluster:\n  nodePools:\n    - {name: a, count: 2, capacity: {cpu: "1"}}\n    - {name: b, names: [b-1, a-2], capacity: {cpu: "1"}}\n`;
    expect(errorOf(clash)).toBe('w.yaml:8: cluster.nodePools[1].names[1]: Duplicate value: "a-2"');
    const twice = `${HEAD}objects:\n  - {apiVersion: v1, kind: Service, metadata: {name: web}}\n  - {apiVersion: v1, kind: Service, metadata: {name: web}}\n`;
    expect(errorOf(twice)).toBe('w.yaml:7: objects[1].metadata.name: Duplicate value: "web"');
  });
});

describe('loadWorkload errors: embedded manifests and arrivals', () => {
  const one = (manifest: string) => `${HEAD}arrivals:\n  - manifest: ${manifest}\n`;

  it('checks kind, apiVersion and name lightly', () => {
    expect(errorOf(one('{apiVersion: v1, metadata: {name: x}}'))).toBe("w.yaml:6: arrivals[0].manifest.kind: Object 'Kind' is missing");
    expect(errorOf(one('{kind: Pod, metadata: {name: x}}'))).toBe("w.yaml:6: arrivals[0].manifest.apiVersion: Object 'apiVersion' is missing");
    expect(errorOf(one('{apiVersion: v1, kind: Deployment, metadata: {name: x}}'))).toBe(
      'w.yaml:6: arrivals[0].manifest.apiVersion: no matches for kind "Deployment" in version "v1"',
    );
    expect(errorOf(one('{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}'))).toMatch(
      /^w\.yaml:6: arrivals\[0\]\.manifest\.kind: Unsupported value: "ConfigMap": supported values: "Namespace", "PriorityClass", /,
    );
    expect(errorOf(one('{apiVersion: v1, kind: Pod, metadata: {}}'))).toBe(
      'w.yaml:6: arrivals[0].manifest.metadata.name: Required value: name or generateName is required',
    );
    expect(errorOf(`${HEAD}arrivals:\n  - at: 5m\n`)).toBe('w.yaml:6: arrivals[0].manifest: Required value');
  });

  it('allows one process, and runtime fields only on kinds with pods', () => {
    expect(errorOf(`${HEAD}${ARRIVALS}    at: 5m\n`)).toBe(
      'w.yaml:12: arrivals[1].poisson: Forbidden: may not be given with at: an arrival has one of at, poisson, burst or diurnal',
    );
    expect(errorOf(`${one('{apiVersion: v1, kind: Service, metadata: {name: s}}')}    runDuration: 5m\n`)).toBe(
      'w.yaml:7: arrivals[0].runDuration: Forbidden: a Service has no pods',
    );
    expect(errorOf(`${one('{apiVersion: v1, kind: Pod, metadata: {name: p}}')}    burst: {count: 2, times: 3}\n`)).toBe(
      'w.yaml:7: arrivals[0].burst.every: Required value: needed when times is more than 1',
    );
    expect(errorOf(`${one('{apiVersion: v1, kind: Pod, metadata: {name: p}}')}    poisson: {rate: 1/s, start: 10m, end: 5m}\n`)).toBe(
      'w.yaml:7: arrivals[0].poisson.end: Invalid value: "5m": must not be before start',
    );
    expect(errorOf(`${one('{apiVersion: v1, kind: Pod, metadata: {name: p}}')}    diurnal: {meanRate: 1/s, amplitude: 1.5}\n`)).toBe(
      'w.yaml:7: arrivals[0].diurnal.amplitude: Invalid value: 1.5: must be between 0 and 1, inclusive',
    );
    expect(errorOf(`${one('{apiVersion: v1, kind: Pod, metadata: {name: p}}')}    exitCode: 256\n`)).toBe(
      'w.yaml:7: arrivals[0].exitCode: Invalid value: 256: must be between 0 and 255, inclusive',
    );
  });
});

describe('loadWorkload errors: more of the cluster', () => {
  it('a clock origin that is not RFC 3339', () => {
    expect(errorOf(`${HEAD}clock: {origin: "2026-01-01 00:00"}\n`)).toBe(
      'w.yaml:5: clock.origin: Invalid value: "2026-01-01 00:00": must be an RFC 3339 timestamp such as "2026-01-01T00:00:00Z"',
    );
  });

  it('a pool without capacity, count against names or autoscaling bounds, zones against a zone label', () => {
    const pool = (fields: string) => `${HEAD}cluster:\n  nodePools:\n    - {name: p, ${fields}}\n`;
    expect(errorOf(pool('count: 1'))).toBe('w.yaml:7: cluster.nodePools[0].capacity: Required value');
    expect(errorOf(pool('count: 3, names: [a, b], capacity: {cpu: "1"}'))).toBe(
      'w.yaml:7: cluster.nodePools[0].count: Invalid value: 3: must equal the number of names (2)',
    );
    expect(errorOf(pool('count: 12, autoscaling: {max: 10}, capacity: {cpu: "1"}'))).toBe(
      'w.yaml:7: cluster.nodePools[0].count: Invalid value: 12: must be between 0 and 10, inclusive (autoscaling.min and max)',
    );
    expect(errorOf(pool('autoscaling: {min: 3, max: 2}, capacity: {cpu: "1"}'))).toBe(
      'w.yaml:7: cluster.nodePools[0].autoscaling.min: Invalid value: 3: must be less than or equal to max (2)',
    );
    expect(errorOf(pool('zones: [a], labels: {topology.kubernetes.io/zone: b}, capacity: {cpu: "1"}'))).toBe(
      'w.yaml:7: cluster.nodePools[0].zones: may not be given with labels[topology.kubernetes.io/zone]',
    );
    expect(errorOf(pool('name: P, capacity: {cpu: "1"}').replace('{name: p, ', '{'))).toMatch(
      /^w\.yaml:7: cluster\.nodePools\[0\]\.name: Invalid value: "P": a lowercase RFC 1123 subdomain/,
    );
  });

  it('zones of literal nodes and pool labels count; literal node names are unique', () => {
    const text = `${HEAD}cluster:
  nodePools:
    - {name: p, labels: {topology.kubernetes.io/zone: z1}, capacity: {cpu: "1"}}
  nodes:
    - {apiVersion: v1, kind: Node, metadata: {name: edge, labels: {topology.kubernetes.io/zone: z2}}}
operations:
  - {at: 1m, op: zone-outage, zone: z1}
  - {at: 1m, op: zone-outage, zone: z2}
`;
    expect(loadWorkload(text, 'w.yaml').operations.map((o) => ('zone' in o ? o.zone : ''))).toEqual(['z1', 'z2']);
    expect(errorOf(text.replace('name: edge', 'name: p-1'))).toBe('w.yaml:9: cluster.nodes[0].metadata.name: Duplicate value: "p-1"');
  });

  it('an instance beyond what a bounded process makes', () => {
    const text = `${HEAD}arrivals:
  - manifest: {apiVersion: v1, kind: Pod, metadata: {name: p}}
    burst: {count: 2, every: 1m, times: 3}
operations:
  - {at: 1m, op: delete, kind: Pod, name: p-6}
  - {at: 1m, op: delete, kind: Pod, name: p-7}
`;
    expect(errorOf(text)).toBe('w.yaml:10: operations[1].name: Not found: "p-7": no Pod in namespace "default" among objects or arrivals');
    expect(errorOf(text.replace('p-6}', 'p}'))).toBe('w.yaml:9: operations[0].name: Not found: "p": no Pod in namespace "default" among objects or arrivals');
  });
});

