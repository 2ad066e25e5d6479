import type { RandomStream } from '../../engine/RandomStreams.js';
import type { Snapshot } from '../cache/Cache.js';
import type { CycleState } from '../framework/CycleState.js';
import type { Framework } from '../framework/Framework.js';
import type { Nominator } from '../framework/interfaces.js';
import type { NodeToStatus } from '../framework/NodeToStatus.js';
import type { PodInfo } from '../framework/PodInfo.js';

/** Why no node fits: a status per node, and the plugins that rejected (framework.Diagnosis). */
export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

/** What one scheduling cycle needs besides the pod. */
export interface CycleContext {
  framework: Framework;
  snapshot: Snapshot;
  state: CycleState;
  pod: PodInfo;
  nominator: Nominator | null;
  /** The scheduler's global percentageOfNodesToScore. */
  percentageOfNodesToScore: number;
  /** The round-robin position where the scan starts (sched.nextStartNodeIndex). */
  nextStartNodeIndex: number;
  /** For the random tie-break. */
  random: RandomStream;
  /** `kubesim explain`: filter every node and score even a single feasible node. */
  exhaustive?: boolean;
}

