import type { RandomStream } from '../../engine/RandomStreams.js';
import type { TieBreak } from '../framework/Framework.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { TieBreakSpec } from './types.js';

/**
 * kubesim's tie-break extension to KubeSchedulerConfiguration.
 *
 * A profile says how selectHost breaks ties among the top-scored nodes with a
 * pluginConfig entry under a name no plugin has, so that the same file still
 * passes kube-scheduler's own validation (kube-scheduler ignores pluginConfig
 * entries of plugins that are not enabled):
 *
 * ```yaml
 * pluginConfig:
 * - name: kubesim.io/TieBreak
 *   args:
 *     type: permutation      # random (default) | nodeName | permutation
 *     stream: permutation    # permutation only: the random stream's name
 * ```
 *
 * - `random`: kube-scheduler's way, uniformly among the tied nodes from the
 *   run's seeded stream.
 * - `nodeName`: the tied node whose name sorts first.
 * - `permutation`: a fixed node order drawn once per run, as research
 *   simulators do: every node name gets a uniform key from the named stream
 *   (forked per node name, so a node's rank does not depend on when it joined
 *   or on other draws), and the node with the smallest key wins.
 */
export const TIE_BREAK_PLUGIN_CONFIG = 'kubesim.io/TieBreak';
export const TIE_BREAK_TYPES = ['nodeName', 'permutation', 'random'] as const;
export const DEFAULT_PERMUTATION_STREAM = 'permutation';

/** Parses the args of a `kubesim.io/TieBreak` entry; `path` is the args' field path. */
export function parseTieBreak(args: unknown, path: string): { spec: TieBreakSpec } | { issues: { path: string; message: string }[] } {
  if (args === undefined || args === null) return { spec: { type: 'random' } };
  if (typeof args !== 'object' || Array.isArray(args)) {
    return { issues: [{ path, message: `${path}: Invalid value: ${JSON.stringify(args)}: must be an object with a "type" field` }] };
  }
  const a = args as Record<string, unknown>;
  const issues: { path: string; message: string }[] = [];
  for (const k of Object.keys(a)) {
    if (k !== 'type' && k !== 'stream') issues.push({ path: `${path}.${k}`, message: `strict decoding error: unknown field "${path}.${k}"` });
  }
  const type = a['type'] ?? 'random';
  if (typeof type !== 'string' || !(TIE_BREAK_TYPES as readonly string[]).includes(type)) {
    issues.push({
      path: `${path}.type`,
      message: `${path}.type: Unsupported value: ${JSON.stringify(type)}: supported values: ${TIE_BREAK_TYPES.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  const stream = a['stream'];
  if (stream !== undefined && (typeof stream !== 'string' || stream === '')) {
    issues.push({ path: `${path}.stream`, message: `${path}.stream: Invalid value: ${JSON.stringify(stream)}: must be a non-empty string` });
  } else if (stream !== undefined && type !== 'permutation') {
    issues.push({ path: `${path}.stream`, message: `${path}.stream: Forbidden: only used with type "permutation"` });
  }
  if (issues.length > 0) return { issues };
  if (type === 'permutation') return { spec: { type, stream: typeof stream === 'string' ? stream : DEFAULT_PERMUTATION_STREAM } };
  return { spec: { type: type as 'random' | 'nodeName' } };
}

/** Parses a tie-break given on a command line: `random`, `nodeName`, `permutation` or `permutation:<stream>`. */
export function parseTieBreakFlag(flag: string): TieBreakSpec {
  const [type, stream] = flag.split(':', 2);
  const args: Record<string, unknown> = { type };
  if (stream !== undefined) args['stream'] = stream;
  const r = parseTieBreak(args, 'tieBreak');
  if ('issues' in r) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.spec;
}

/**
 * A rank for each node: a uniform key per node name, forked from `random` under
 * `tie-break/<stream>/<node name>`. Equal seeds give equal ranks; ranks are
 * memoised.
 */
export function permutationRank(random: RandomStream, stream: string): (node: NodeInfo) => number {
  const base = random.fork(`tie-break/${stream}`);
  const ranks = new Map<string, number>();
  // A per-row copy of the ranks, checked by name: selectHost compares ranks on every tie.
  let rowRank = new Float64Array(0);
  const rowName: (string | undefined)[] = [];
  const rankOf = (name: string): number => {
    let r = ranks.get(name);
    if (r === undefined) {
      r = base.fork(name).double();
      ranks.set(name, r);
    }
    return r;
  };
  return (node: NodeInfo): number => {
    const row = node.index;
    const name = node.name;
    if (row < 0) return rankOf(name);
    if (rowName[row] === name) return rowRank[row]!;
    if (row >= rowRank.length) {
      const grown = new Float64Array(Math.max(64, 2 * (row + 1)));
      grown.set(rowRank);
      rowRank = grown;
    }
    const r = rankOf(name);
    rowRank[row] = r;
    rowName[row] = name;
    return r;
  };
}

/** The framework's TieBreak for a spec; `random` seeds the permutation. */
export function toTieBreak(spec: TieBreakSpec, random: RandomStream): TieBreak {
  switch (spec.type) {
    case 'random':
      return { kind: 'random' };
    case 'nodeName':
      return { kind: 'nodeName' };
    case 'permutation':
      return { kind: 'priority', rank: permutationRank(random, spec.stream) };
  }
}
