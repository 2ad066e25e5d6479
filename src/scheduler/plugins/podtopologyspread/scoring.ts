/**
 * PodTopologySpread's PreScore, Score and NormalizeScore (pkg/scheduler/
 * framework/plugins/podtopologyspread/scoring.go, v1.34.1): ScheduleAnyway
 * constraints (or the defaults), a weight ln(size + 2) per constraint, and a
 * node's score Σ count·weight + (maxSkew − 1), rounded, then reversed and
 * scaled by NormalizeScore so that emptier domains score higher.
 */
import type { NodeScoreList } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import { countPodsMatchSelector, goLog, goRound, LABEL_HOSTNAME, labelValue, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common.js';
import type { SpreadCounter } from './counts.js';
import type { TopologyKeyIndex } from './topologyKeyIndex.js';
import { NAME } from './filtering.js';

/** Where PreScore keeps its state in the CycleState (preScoreStateKey). */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** framework.MaxNodeScore. */
const MAX_NODE_SCORE = 100;

/** topologyNormalizingWeight: ln(size + 2), with Go's math.Log. */
export function topologyNormalizingWeight(size: number): number {
  return goLog(size + 2);
}

/**
 * preScoreState: the ScheduleAnyway constraints, the candidate nodes that
 * miss a required key (scored 0), the matching pods per topology value for
 * non-hostname constraints (by value id) and each constraint's weight.
 * `rowValue` / `rowCount` serve the whole-table Score: each row's value id and
 * matching pods per constraint. Read-only after PreScore, so clones share it.
 */
export class PreScoreState {
  readonly constraints: readonly SpreadConstraint[];
  readonly keys: readonly TopologyKeyIndex[];
  readonly namespace: string;
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint: matching pods per value id (unused for hostname constraints). */
  readonly counts: readonly Int32Array[];
  /** Per constraint: ln(size + 2). */
  readonly weights: readonly number[];
  /** Per constraint: the key is kubernetes.io/hostname (counted per node). */
  readonly hostname: readonly boolean[];
  /** Per constraint: its domains among the candidate nodes (value → count), for tests. */
  readonly domains: readonly ReadonlyMap<string, number>[];
  /** The counter, for the whole-table Score's per-row counts, and its version and the key indexes' at PreScore. */
  readonly counter: SpreadCounter;
  readonly counterVersion: number;
  readonly rowVersions: readonly number[] | undefined;

  constructor(init: {
    constraints: readonly SpreadConstraint[];
    keys: readonly TopologyKeyIndex[];
    namespace: string;
    ignoredNodes: ReadonlySet<string>;
    counts: readonly Int32Array[];
    weights: readonly number[];
    domains: readonly ReadonlyMap<string, number>[];
    counter: SpreadCounter;
  }) {
    this.constraints = init.constraints;
    this.keys = init.keys;
    this.namespace = init.namespace;
    this.ignoredNodes = init.ignoredNodes;
    this.counts = init.counts;
    this.weights = init.weights;
    this.hostname = init.constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
    this.domains = init.domains;
    this.counter = init.counter;
    this.counterVersion = init.counter.version;
    this.rowVersions = init.counter.byPosition ? undefined : init.keys.map((k) => k.version);
  }

  /** The per-row value ids and counts, when neither the key indexes nor the counter moved on since PreScore. */
  liveRows(): { rowValue: Int32Array[]; rowCount: Int32Array[] } | undefined {
    const versions = this.rowVersions;
    if (versions === undefined || this.counter.version !== this.counterVersion) return undefined;
    for (let i = 0; i < versions.length; i++) if (this.keys[i]!.version !== versions[i]) return undefined;
    return { rowValue: this.keys.map((k) => k.rowValue), rowCount: this.counter.rowCount };
  }
}

/**
 * initPreScoreState + PreScore's count: the ignored candidates (missing a key
 * when all are required), the domains of each non-hostname constraint among
 * the other candidates ("" for a missing key), the weights, and the sums over
 * all nodes from the up-to-date counter (whose counts cover every value; only
 * the candidates' domains are ever read, as upstream only sums those).
 */
export function preScoreStateFrom(counter: SpreadCounter, constraints: readonly SpreadConstraint[], filteredNodes: readonly NodeInfo[]): PreScoreState {
  // The counter may have been made for constraints differing only in maxSkew, so they come from the caller.
  const { keys, requireAllTopologies, namespace } = counter.spec;
  const ignoredNodes = new Set<string>();
  const n = constraints.length;
  const hostname = constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
  // Hostname constraints are counted per node at Score: no domains to collect.
  const seen = keys.map((k, i) => new Uint8Array(hostname[i] ? 0 : k.values.length + 1));
  const topoSize = new Array<number>(n).fill(0);
  const domainIds: number[][] = Array.from({ length: n }, () => []);
  for (const node of filteredNodes) {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) {
      ignoredNodes.add(node.name);
      continue;
    }
    for (let i = 0; i < n; i++) {
      if (hostname[i]) continue;
      const key = keys[i]!;
      let id = key.valueIdOf(node);
      if (id < 0) id = key.intern('');
      let mark = seen[i]!;
      if (id >= mark.length) {
        const grown = new Uint8Array(key.values.length + 1);
        grown.set(mark);
        seen[i] = mark = grown;
      }
      if (mark[id] === 0) {
        mark[id] = 1;
        topoSize[i]!++;
        domainIds[i]!.push(id);
      }
    }
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignoredNodes.size : topoSize[i]!),
  );
  const counts = constraints.map((_, i) => (hostname[i] ? new Int32Array(0) : counter.counts[i]!.slice()));
  const domains = constraints.map((_, i) => {
    const m = new Map<string, number>();
    for (const id of domainIds[i]!) m.set(keys[i]!.values[id]!, counter.counts[i]![id] ?? 0);
    return m;
  });
  return new PreScoreState({ constraints, keys, namespace, ignoredNodes, counts, weights, domains, counter });
}

/** Score on one node: 0 when ignored, else round(Σ over the keys it carries of count·weight + (maxSkew − 1)). */
export function scoreNode(s: PreScoreState, node: NodeInfo): number {
  if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(node.name)) return 0;
  const labels = node.labels;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const tpVal = labelValue(labels, c.topologyKey);
    if (tpVal === undefined) continue;
    let cnt: number;
    if (s.hostname[i]) cnt = countPodsMatchSelector(node.pods, c.selector, s.namespace);
    else {
      const id = s.keys[i]!.idOf(tpVal);
      cnt = id === undefined ? 0 : (s.counts[i]![id] ?? 0);
    }
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  }
  return goRound(score);
}

/** Score over node-table rows; the same numbers as {@link scoreNode}. */
export function scoreRows(s: PreScoreState, infos: readonly (NodeInfo | undefined)[], rows: Int32Array, count: number, out: Float64Array): void {
  const live = s.liveRows();
  if (live === undefined) {
    for (let k = 0; k < count; k++) out[k] = scoreNode(s, infos[rows[k]!]!);
    return;
  }
  const { rowValue, rowCount } = live;
  const n = s.constraints.length;
  const checkIgnored = s.ignoredNodes.size > 0;
  const bias = s.constraints.map((c) => c.maxSkew - 1);
  for (let k = 0; k < count; k++) {
    const row = rows[k]!;
    if (checkIgnored && s.ignoredNodes.has(infos[row]!.name)) {
      out[k] = 0;
      continue;
    }
    let score = 0;
    let slow = false;
    for (let i = 0; i < n; i++) {
      const rv = rowValue[i]!;
      if (row >= rv.length) {
        slow = true;
        break;
      }
      const id = rv[row]!;
      if (id < 0) continue;
      const cnt = s.hostname[i] ? rowCount[i]![row]! : (s.counts[i]![id] ?? 0);
      score += cnt * s.weights[i]! + bias[i]!;
    }
    out[k] = slow ? scoreNode(s, infos[row]!) : goRound(score);
  }
}

/**
 * NormalizeScore: ignored nodes get 0; the others
 * `MaxNodeScore * (max + min - s) / max` over the non-ignored (100 when max is 0).
 */
export function normalizeScores(s: PreScoreState, list: NodeScoreList): void {
  const scores = list.scores;
  const n = list.length;
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  const checkIgnored = s.ignoredNodes.size > 0;
  for (let i = 0; i < n; i++) {
    if (checkIgnored && s.ignoredNodes.has(list.nodes[i]!.name)) {
      scores[i] = -1;
      continue;
    }
    const v = scores[i]!;
    if (v < minScore) minScore = v;
    if (v > maxScore) maxScore = v;
  }
  for (let i = 0; i < n; i++) {
    const v = scores[i]!;
    if (v === -1) {
      scores[i] = 0;
      continue;
    }
    if (maxScore === 0) {
      scores[i] = MAX_NODE_SCORE;
      continue;
    }
    scores[i] = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - v)) / maxScore);
  }
}
