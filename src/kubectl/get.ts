import type { KubeObject } from '../api/types.js';
import type { ClusterView, CommandOutput, GetOptions } from './ClusterView.js';
import { listObjects, printTable, type TablePrinter } from './listing.js';
import { CLUSTER_SCOPED_KINDS, formatObject, printObjects, withTypeMeta, type ObjectFormat } from './output.js';
import { eventPrinter } from './printEvent.js';
import { jobPrinter } from './printJob.js';
import { nodePrinter } from './printNode.js';
import { podPrinter } from './printPod.js';
import { servicePrinter } from './printService.js';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './printWorkloads.js';

/** The table printer of every kind `kubectl get` knows here, by kind. */
export const TABLE_PRINTERS: Readonly<Record<string, TablePrinter<KubeObject>>> = {
  Pod: podPrinter as TablePrinter<KubeObject>,
  Node: nodePrinter as TablePrinter<KubeObject>,
  Deployment: deploymentPrinter as TablePrinter<KubeObject>,
  ReplicaSet: replicaSetPrinter as TablePrinter<KubeObject>,
  DaemonSet: daemonSetPrinter as TablePrinter<KubeObject>,
  StatefulSet: statefulSetPrinter as TablePrinter<KubeObject>,
  Job: jobPrinter as TablePrinter<KubeObject>,
  Service: servicePrinter as TablePrinter<KubeObject>,
  Event: eventPrinter as TablePrinter<KubeObject>,
};

/** Resource names, plurals and short names as kubectl accepts them, to kinds. */
const RESOURCE_KINDS: Readonly<Record<string, string>> = {
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  node: 'Node', nodes: 'Node', no: 'Node',
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', rs: 'ReplicaSet',
  daemonset: 'DaemonSet', daemonsets: 'DaemonSet', ds: 'DaemonSet',
  statefulset: 'StatefulSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
  job: 'Job', jobs: 'Job',
  service: 'Service', services: 'Service', svc: 'Service',
  event: 'Event', events: 'Event', ev: 'Event',
};

/** The kind a resource argument names (`po`, `pods`, `deploy`, ...), or undefined when kubectl here does not know it. */
export function resourceKind(resource: string): string | undefined {
  const r = resource.toLowerCase();
  return Object.hasOwn(RESOURCE_KINDS, r) ? RESOURCE_KINDS[r] : undefined;
}

/** The group-qualified plural kubectl names a kind by in NotFound errors (`deployments.apps`). */
const QUALIFIED_RESOURCES: Readonly<Record<string, string>> = {
  Pod: 'pods',
  Node: 'nodes',
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  DaemonSet: 'daemonsets.apps',
  StatefulSet: 'statefulsets.apps',
  Job: 'jobs.batch',
  Service: 'services',
  Event: 'events',
};

/** `kubectl get` output: a table, `-o wide`, or `-o yaml|json`. */
export interface GetCommandOptions extends GetOptions {
  /** `-o`: `wide` sets {@link GetOptions.wide}; `yaml` and `json` print objects. */
  output?: 'wide' | ObjectFormat;
  /** `kubectl get <resource> NAME`: one object (printed bare, not in a List, with `-o yaml|json`). */
  name?: string;
}

/** A view holding only the named object of `kind` (namespace-filtered later by the printers). */
function onlyNamed(view: ClusterView, kind: string, name: string): ClusterView {
  return {
    get now() {
      return view.now;
    },
    list: (k) => (k === kind ? view.list(k).filter((o) => o.metadata.name === name) : view.list(k)),
  };
}

/**
 * `kubectl get <resource>`: what it prints for the view.
 * @throws Error for a resource kubectl here does not know (the CLI reports it as kubectl does)
 */
export function get(view: ClusterView, resource: string, options: GetCommandOptions = {}): CommandOutput {
  const kind = resourceKind(resource);
  if (kind === undefined) throw new Error(`the server doesn't have a resource type "${resource}"`);
  if (options.name !== undefined) {
    const named = onlyNamed(view, kind, options.name);
    const found = listObjects(named, kind, !CLUSTER_SCOPED_KINDS.has(kind), { ...options, allNamespaces: false });
    const object = found[0];
    if (object === undefined) return { stdout: '', stderr: `Error from server (NotFound): ${QUALIFIED_RESOURCES[kind] ?? resource} "${options.name}" not found\n` };
    if (options.output === 'yaml' || options.output === 'json') return { stdout: formatObject(withTypeMeta(kind, object), options.output), stderr: '' };
    view = named;
    options = { ...options, allNamespaces: false };
  }
  if (options.output === 'yaml' || options.output === 'json') return printObjects(view, kind, options.output, options);
  const printer = TABLE_PRINTERS[kind];
  if (printer === undefined) throw new Error(`the server doesn't have a resource type "${resource}"`);
  return printTable(view, printer, options.output === 'wide' ? { ...options, wide: true } : options);
}
