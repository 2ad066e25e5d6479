/**
 * RandomScore: the FGD paper's "Random" baseline
 * (pkg/simulator/plugin/random_score.go): PreScore draws one feasible node
 * uniformly from the scheduler's seeded stream; it scores 100, every other
 * node 0. With `GpuShare`'s `gpuSelection: Random` the sharing GPU is drawn
 * uniformly too. (The built-in `random` policy reaches the same distribution
 * with EqualScore and selectHost's random tie-break, which it keeps so that
 * its draws for CPU-only pods do not change.)
 */
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { Result } from '../../framework/Status.js';
import type { PluginModule } from '../PluginModule.js';

/** The plugin's name (the paper simulator's). */
export const RANDOM_SCORE = 'RandomScore';
const STATE_KEY = `PreScore${RANDOM_SCORE}`;

/** Gives 100 to one feasible node drawn uniformly at PreScore, 0 to the others. */
export class RandomScorePlugin implements PreScorePlugin, ScorePlugin {
  readonly name = RANDOM_SCORE;

  constructor(private readonly handle: Handle) {}

  preScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[]): Result {
    const chosen = nodes.length === 0 ? undefined : nodes[this.handle.random.int(nodes.length)];
    state.write(STATE_KEY, chosen?.name ?? '');
    return null;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    return state.read<string>(STATE_KEY) === node.name ? 100 : 0;
  }

  scoreNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const chosen = this.handle.snapshot.get(state.read<string>(STATE_KEY) ?? '')?.index ?? -1;
    for (let k = 0; k < count; k++) out[k] = rows[k] === chosen ? 100 : 0;
  }
}

export const RandomScore: PluginModule<undefined> = {
  name: RANDOM_SCORE,
  factory: (_args, handle) => new RandomScorePlugin(handle),
};
