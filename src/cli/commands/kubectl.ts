import { InputError } from '../../api/InputError.js';
import { Command, Option } from 'commander';
import { parseDuration } from '../../api/duration.js';
import type { KubeObject } from '../../api/types.js';
import type { ClusterView, CommandOutput } from '../../kubectl/ClusterView.js';
import { describeNode } from '../../kubectl/describe/describeNode.js';
import { describePod } from '../../kubectl/describe/describePod.js';
import { get, resourceKind } from '../../kubectl/get.js';
import { topNodes, topPods } from '../../kubectl/top.js';
import { resolvePolicy } from '../../scheduler/policies/resolvePolicy.js';
import { ClusterRun } from '../../workloads/ClusterRun.js';
import { parseNonNegativeInteger } from '../parse.js';
import { readWorkloadFile } from '../readWorkloadFile.js';
import { UsageError } from '../UsageError.js';

/** Flags every kubectl view shares: which run, and which instant of it. */
interface RunFlags {
  at?: string;
  set: string[];
  seed: number;
  policy: string;
}

interface GetFlags extends RunFlags {
  allNamespaces?: boolean;
  namespace: string;
  output?: 'wide' | 'yaml' | 'json';
}

/** `kubesim get|describe|top`: run a workload to an instant and print what kubectl would print then. */
export function registerKubectl(program: Command): void {
  withRunFlags(
    program
      .command('get')
      .description('run WORKLOAD to an instant and print `kubectl get RESOURCE` as it would be then')
      .argument('<resource>', 'pods|nodes|deployments|replicasets|daemonsets|statefulsets|jobs|services|events (or kubectl short names: po, no, deploy, rs, ds, sts, svc, ev)')
      .argument('<workload>', 'the workload file')
      .option('-A, --all-namespaces', 'list across all namespaces')
      .option('-n, --namespace <ns>', 'the namespace', 'default')
      .addOption(new Option('-o, --output <format>', 'output format').choices(['wide', 'yaml', 'json'])),
  ).action(async (resource: string, workload: string, flags: GetFlags) => {
    if (resourceKind(resource) === undefined) throw new UsageError(`the server doesn't have a resource type "${resource}"`);
    const view = await simulate(workload, flags);
    write(
      get(view, resource, {
        namespace: flags.namespace,
        ...(flags.allNamespaces === true ? { allNamespaces: true } : {}),
        ...(flags.output === undefined ? {} : { output: flags.output }),
      }),
    );
  });

  withRunFlags(
    program
      .command('describe')
      .description('run WORKLOAD to an instant and print `kubectl describe pod|node NAME` as it would be then')
      .argument('<kind>', 'pod or node')
      .argument('<name>', 'the object')
      .argument('<workload>', 'the workload file')
      .option('-n, --namespace <ns>', 'the namespace of a pod', 'default'),
  ).action(async (kind: string, name: string, workload: string, flags: GetFlags) => {
    const k = resourceKind(kind);
    if (k !== 'Pod' && k !== 'Node') throw new UsageError(`describe: "${kind}": only pod and node can be described`);
    const view = await simulate(workload, flags);
    write(k === 'Pod' ? describePod(view, name, flags.namespace) : describeNode(view, name));
  });

  withRunFlags(
    program
      .command('top')
      .description('run WORKLOAD to an instant and print `kubectl top nodes|pods` (usage = requests × the sim.kubesim.io/usage-ratio annotation)')
      .argument('<resource>', 'nodes or pods')
      .argument('<workload>', 'the workload file')
      .option('-A, --all-namespaces', 'list across all namespaces')
      .option('-n, --namespace <ns>', 'the namespace', 'default'),
  ).action(async (resource: string, workload: string, flags: GetFlags) => {
    const k = resourceKind(resource);
    if (k !== 'Pod' && k !== 'Node') throw new UsageError(`top: "${resource}": use nodes or pods`);
    const view = await simulate(workload, flags);
    write(k === 'Node' ? topNodes(view) : topPods(view, { namespace: flags.namespace, ...(flags.allNamespaces === true ? { allNamespaces: true } : {}) }));
  });
}

function withRunFlags(command: Command): Command {
  return command
    .option('--at <duration>', 'the simulated instant to show, as a Go duration (default: the end of the run)')
    .option('--set <name=value>', 'override a parameter or any field by path (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--seed <n>', 'the run seed', parseNonNegativeInteger, 1)
    .option('--policy <policy>', 'the scheduler policy: a built-in name, a KubeSchedulerConfiguration file or a plugin module', 'default');
}

/** Loads the workload, runs it to `--at`, and returns the view of the store at that instant. */
async function simulate(file: string, flags: RunFlags): Promise<ClusterView> {
  let at: number | undefined;
  if (flags.at !== undefined) {
    try {
      at = parseDuration(flags.at);
    } catch (error) {
      throw new UsageError(`--at: ${(error as Error).message}`, { showUsage: false });
    }
  }
  const workload = readWorkloadFile(file, flags.set);
  if (workload.trace !== undefined) {
    // Trace workloads run on the scheduler alone (no API server, no kubelets): there are no objects to show.
    throw new InputError(`${file}: a workload with a trace section (${workload.trace.mode}) has no simulated API server to show; use kubesim run`);
  }
  const policy = await resolvePolicy(flags.policy);
  const run = new ClusterRun(workload, { seed: flags.seed, policy: policy.loaded });
  const until = at ?? workload.duration;
  run.runUntil(until);
  const store = run.cluster.store;
  return {
    now: workload.clock.originMs + Math.floor(until / 1000),
    list: (kind: string): readonly KubeObject[] => [...store.list(kind)],
  };
}

function write(out: CommandOutput): void {
  if (out.stdout !== '') process.stdout.write(out.stdout);
  if (out.stderr !== '') process.stderr.write(out.stderr);
}
