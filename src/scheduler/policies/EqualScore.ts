import type { Plugin, ScorePlugin } from '../framework/interfaces.js';
import type { PluginModule } from '../plugins/PluginModule.js';

/**
 * kubesim's EqualScore plugin: every node gets the same score (0).
 *
 * The `random` policy uses it instead of having no Score plugin at all:
 * kube-scheduler stops filtering after the first feasible node when a profile
 * has no Score plugin (findNodesThatPassFilters sets numNodesToFind to 1), so
 * "no Score plugins" would place each pod on the first feasible node of the
 * round-robin scan, not on a random one. With one Score plugin that ties every
 * node, the scheduler finds the feasible nodes as usual and selectHost picks
 * among them uniformly at random from the run's seeded stream.
 */
export const EQUAL_SCORE = 'EqualScore';

class EqualScorePlugin implements ScorePlugin {
  readonly name = EQUAL_SCORE;

  score(): number {
    return 0;
  }

  scoreNodes(_state: unknown, _pod: unknown, _rows: Int32Array, count: number, out: Float64Array): void {
    out.fill(0, 0, count);
  }
}

export const EqualScore: PluginModule<undefined> = {
  name: EQUAL_SCORE,
  factory: (): Plugin => new EqualScorePlugin(),
};
