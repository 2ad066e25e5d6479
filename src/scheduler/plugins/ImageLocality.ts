/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality, v1.34.1):
 * favours nodes that already hold the pod's container images, each image's
 * size scaled by the share of nodes holding it (against "node heating"), the
 * sum clamped to [23 MiB, 1000 MiB × containers] and mapped onto 0..100.
 */
import { normalizedImageName } from '../cache/Cache.js';
import type { CycleState } from '../framework/CycleState.js';
import type { Handle, PreScorePlugin, ScorePlugin } from '../framework/interfaces.js';
import type { ImageStateSummary, NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import type { Result } from '../framework/Status.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.ImageLocality). */
export const IMAGE_LOCALITY = 'ImageLocality';
/** CycleState key of this implementation's per-cycle state (not an upstream key: upstream has no PreScore). */
export const IMAGE_LOCALITY_STATE_KEY = 'PreScore' + IMAGE_LOCALITY;

const MB = 1024 * 1024;
/** minThreshold: 23 MiB. */
export const MIN_THRESHOLD = 23 * MB;
/** maxContainerThreshold: 1000 MiB per container. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;
const MAX_NODE_SCORE = 100;

/** What Score needs of the pod: its normalised image names (init then app containers) and the snapshot's node count. */
interface ImageLocalityState {
  readonly images: readonly string[];
  readonly totalNumNodes: number;
}

/** scaledImageScore: int64(float64(size) × (float64(numNodes) / float64(totalNumNodes))). */
export function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  const spread = state.numNodes / totalNumNodes;
  return Math.trunc(state.size * spread);
}

/** calculatePriority: 100 × (clamp(sum, min, max) − min) / (max − min), max = 1000 MiB × numContainers. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let sum = sumScores;
  if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD;
  else if (sum > maxThreshold) sum = maxThreshold;
  // `+ 0` turns the −0 of 0 / (a negative range, for a pod without containers) into Go's 0.
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD)) + 0;
}

/** The ImageLocality plugin. */
export class ImageLocalityPlugin implements PreScorePlugin, ScorePlugin {
  readonly name = IMAGE_LOCALITY;
  private readonly handle: Handle;

  constructor(handle: Handle) {
    this.handle = handle;
  }

  private stateFor(pod: PodInfo): ImageLocalityState {
    const images: string[] = [];
    for (const c of pod.pod.spec.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''));
    for (const c of pod.pod.spec.containers) images.push(normalizedImageName(c.image ?? ''));
    return { images, totalNumNodes: this.handle.snapshot.nodeInfoList().length };
  }

  /** Normalises the pod's image names once per cycle (an optimisation; never Skips, as upstream has no PreScore). */
  preScore(state: CycleState, pod: PodInfo): Result {
    state.write(IMAGE_LOCALITY_STATE_KEY, this.stateFor(pod));
    return null;
  }

  private read(state: CycleState, pod: PodInfo): ImageLocalityState {
    return state.read<ImageLocalityState>(IMAGE_LOCALITY_STATE_KEY) ?? this.stateFor(pod);
  }

  private static nodeScore(s: ImageLocalityState, imageStates: ReadonlyMap<string, ImageStateSummary>): number {
    let sum = 0;
    if (imageStates.size > 0) {
      for (const image of s.images) {
        const st = imageStates.get(image);
        if (st !== undefined) sum += scaledImageScore(st, s.totalNumNodes);
      }
    }
    return calculatePriority(sum, s.images.length);
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return ImageLocalityPlugin.nodeScore(this.read(state, pod), node.imageStates);
  }

  /** The whole-table Score: nodes without images cost one check each. */
  scoreNodes(state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = this.read(state, pod);
    const infos = this.handle.snapshot.table.infos;
    const none = calculatePriority(0, s.images.length);
    for (let k = 0; k < count; k++) {
      const states = infos[rows[k]!]!.imageStates;
      out[k] = states.size === 0 ? none : ImageLocalityPlugin.nodeScore(s, states);
    }
  }
}

/** ImageLocality's registry entry (no args). */
export const ImageLocality: PluginModule<undefined> = {
  name: IMAGE_LOCALITY,
  factory(_args, handle) {
    return new ImageLocalityPlugin(handle);
  },
};
