import { Command, Option } from 'commander';
import { resolvePolicy } from '../../scheduler/policies/resolvePolicy.js';
import { parseTieBreakFlag } from '../../scheduler/config/tieBreak.js';
import { FeatureGates } from '../../scheduler/featureGates.js';
import { explainCluster } from '../../scheduler/explainCluster.js';
import type { Explanation } from '../../scheduler/explain.js';
import { formatTable } from '../table.js';
import { parseNonNegativeInteger } from '../parse.js';
import { readManifestFile } from '../readManifestFile.js';
import { UsageError } from '../UsageError.js';

interface ExplainFlags {
  cluster: string;
  pod: string;
  config: string;
  profile?: string;
  featureGates?: string;
  output: 'json' | 'table';
  seed: number;
  tieBreak?: string;
  validate: boolean;
}

/** `kubesim explain --cluster FILE --pod FILE`: what the scheduler would do with this pod on this cluster. */
export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show what kube-scheduler would do with a pod on a cluster: every Filter verdict, every score, the pick')
    .requiredOption('--cluster <file>', 'the cluster, as `kubectl get nodes,pods,namespaces,services,replicasets,statefulsets,pdb -A -o yaml` prints it')
    .requiredOption('--pod <file>', 'the pod to place (YAML or JSON)')
    .option('--config <policy>', 'a KubeSchedulerConfiguration file, a built-in policy name, or a plugin module', 'default')
    .option('--profile <name>', "the profile's schedulerName (default: the pod's spec.schedulerName, else the first profile)")
    .option('--feature-gates <list>', 'feature gates, as kube-scheduler takes them: Name=true|false,...')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['json', 'table']).default('table'))
    .option('--seed <n>', 'seed of the random tie-break', parseNonNegativeInteger, 1)
    .option('--tie-break <rule>', 'override the tie-break: random, nodeName, or permutation[:stream]')
    .addOption(new Option('--validate [bool]', 'validate the objects as the API server would (--validate=false to skip, like kubectl)').choices(['true', 'false']).default('true').argParser((v) => v !== 'false'))
    .action(async (flags: ExplainFlags) => {
      let gates: FeatureGates | undefined;
      if (flags.featureGates !== undefined) {
        try {
          gates = FeatureGates.parse(flags.featureGates);
        } catch (error) {
          throw new UsageError(`--feature-gates: ${(error as Error).message}`);
        }
      }
      const policy = await resolvePolicy(flags.config);
      const explanation = explainCluster({
        cluster: readManifestFile(flags.cluster),
        pod: readManifestFile(flags.pod),
        config: policy.loaded,
        seed: flags.seed,
        validate: flags.validate,
        ...(gates === undefined ? {} : { featureGates: gates }),
        ...(flags.profile === undefined ? {} : { profile: flags.profile }),
        ...(flags.tieBreak === undefined ? {} : { tieBreak: parseTieBreak(flags.tieBreak) }),
      });
      process.stdout.write(flags.output === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
    });
}

function parseTieBreak(flag: string): ReturnType<typeof parseTieBreakFlag> {
  try {
    return parseTieBreakFlag(flag);
  } catch (error) {
    throw new UsageError(`--tie-break: ${(error as Error).message}`);
  }
}

/** The table for people: a row per node, a column per score plugin, the winner marked. */
export function formatExplanation(e: Explanation): string {
  const plugins = Object.keys(e.scores);
  const header = ['NODE', 'FILTER', ...plugins.map(shortName), 'TOTAL', ''];
  const rows = Object.entries(e.filter).map(([node, f]) => {
    const verdict = f.code === 'Success' ? 'Success' : `${f.plugin}: ${f.reasons.join(', ')}`;
    const scores = plugins.map((p) => (e.scores[p]![node] === undefined ? '-' : String(e.scores[p]![node])));
    const total = e.totals[node] === undefined ? '-' : String(e.totals[node]);
    return [node, verdict, ...scores, total, node === e.selectedNode ? '<- selected' : ''];
  });
  const skipped = Object.entries(e.preScore)
    .filter(([, s]) => s === 'Skip')
    .map(([p]) => p);
  const lines = [
    `pod ${e.pod}, profile ${e.profile}: ${e.numAllNodes} nodes, numFeasibleNodesToFind ${e.numFeasibleNodesToFind}`,
    formatTable(header, rows).replace(/ +$/gm, ''),
  ];
  if (skipped.length > 0) lines.push(`PreScore skipped: ${skipped.join(', ')}`);
  lines.push(e.selectedNode === null ? 'selected: none (the pod does not fit)' : `selected: ${e.selectedNode}`);
  if (e.error !== undefined) lines.push(`error: ${e.error}`);
  return `${lines.join('\n')}\n`;
}

/** Column titles: the plugin name without the common prefixes, so the table stays narrow. */
function shortName(plugin: string): string {
  return plugin.replace(/^NodeResources/, '').replace(/^PodTopology/, 'Topology');
}
