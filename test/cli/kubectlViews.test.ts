import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

const workload = (name: string): string => fileURLToPath(new URL(`../../workloads/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kubesim-views-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('kubesim get|describe|top WORKLOAD --at', () => {
  it('prints `get po -A` of minikube at 88m with kubectl columns', () => {
    const r = kubesim('get', 'po', '-A', workload('minikube.yaml'), '--at', '88m');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(r.stdout).toMatch(/\nkube-system +storage-provisioner +1\/1 +Running +1 \(87m ago\) +88m\n/);
  });

  it('prints nodes, -o wide, and the empty message on stderr', () => {
    const nodes = kubesim('get', 'nodes', workload('node-failure.yaml'), '--at', '12m');
    expect(nodes.stdout).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\nnode-1 +Ready +<none> +12m +v1\.34\.0\nnode-2 +Ready +<none> +12m +v1\.34\.0\nnode-3 +NotReady +<none> +12m +v1\.34\.0\n$/);
    const wide = kubesim('get', 'pods', workload('node-failure.yaml'), '--at', '5m', '-o', 'wide');
    expect(wide.stdout.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/);
    const none = kubesim('get', 'jobs', workload('node-failure.yaml'), '--at', '1m');
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('No resources found in default namespace.\n');
    expect(none.status).toBe(0);
  });

  it('prints `-o yaml` that `kubesim explain --cluster` accepts', () => {
    const yaml = kubesim('get', 'nodes', workload('node-failure.yaml'), '--at', '1m', '-o', 'yaml');
    expect(yaml.status).toBe(0);
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nitems:\n/);
    const pods = kubesim('get', 'pods', workload('node-failure.yaml'), '--at', '1m', '-o', 'yaml');
    const cluster = file('cluster.yaml', `${yaml.stdout}---\n${pods.stdout}`);
    const pod = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: extra}\nspec:\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: "1"}}}]\n');
    const explained = kubesim('explain', '--cluster', cluster, '--pod', pod, '-o', 'json');
    expect(explained.stderr).toBe('');
    expect(explained.status).toBe(0);
    const result = JSON.parse(explained.stdout) as { selectedNode: string | null };
    expect(['node-1', 'node-2', 'node-3']).toContain(result.selectedNode);
  });

  it('describes a node and tops the nodes', () => {
    const d = kubesim('describe', 'node', 'node-1', workload('node-failure.yaml'), '--at', '2m');
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/^Name: +node-1\n/);
    const top = kubesim('top', 'nodes', workload('node-failure.yaml'), '--at', '2m');
    expect(top.status).toBe(0);
    expect(top.stdout.split('\n')[0]).toMatch(/^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) *$/);
  });

  it('sets parameters with --set', () => {
    const r = kubesim('get', 'deploy', workload('node-failure.yaml'), '--at', '2m', '--set', 'replicas=3');
    expect(r.stdout).toMatch(/\nweb +3\/3 +3 +3 +2m\n/);
  });
});

describe('kubesim get: bad input', () => {
  it('names the file, line and field of a bad workload, exits 2 and runs nothing', () => {
    const bad = file('bad.yaml', 'apiVersion: kubesim.io/v1alpha1\nkind: Workload\nmetadata: {name: x}\nduration: 10m\ncluster:\n  nodePools:\n    - name: p\n      count: 1\n      capacity: {cpu: "4x"}\n');
    const r = kubesim('get', 'pods', bad, '--at', '1m');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:9: cluster\.nodePools\[0\]\.capacity\[cpu\]: .*quantities must match the regular expression/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown field with its line', () => {
    const bad = file('unknown.yaml', 'apiVersion: kubesim.io/v1alpha1\nkind: Workload\nmetadata: {name: x}\nduration: 10m\nbogus: 1\n');
    const r = kubesim('get', 'pods', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown\.yaml:5: bogus: unknown field "bogus"/);
  });

  it('rejects a bad duration and a missing workload file', () => {
    expect(kubesim('get', 'pods', workload('minikube.yaml'), '--at', '5 minutes').status).toBe(2);
    const missing = kubesim('get', 'pods', join(dir, 'nope.yaml'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read workload file: no such file/);
  });

  it('rejects an unknown resource type as kubectl does', () => {
    const r = kubesim('get', 'widgets', workload('minikube.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the server doesn't have a resource type "widgets"/);
  });
});
