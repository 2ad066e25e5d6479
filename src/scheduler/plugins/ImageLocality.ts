/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality, v1.34.1):
 * favours nodes that already hold the pod's container images, each image's
 * size scaled by the share of nodes holding it (against "node heating"), the
 * sum clamped to [23 MiB, 1000 MiB × containers] and mapped onto 0..100.
 */
import { normalizedImageName } from '../cache/Cache.js';
import type { CycleState } from '../framework/CycleState.js';
import type { Handle, ScorePlugin } from '../framework/interfaces.js';
import type { ImageStateSummary, NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.ImageLocality). */
export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
/** minThreshold: 23 MiB. */
export const MIN_THRESHOLD = 23 * MB;
/** maxContainerThreshold: 1000 MiB per container. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;
const MAX_NODE_SCORE = 100;

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

/**
 * The ImageLocality plugin. Score-only, as upstream (no PreScore): the pod's
 * normalised image names are computed once per pod and remembered for the
 * pod's next calls.
 */
export class ImageLocalityPlugin implements ScorePlugin {
  readonly name = IMAGE_LOCALITY;
  private readonly handle: Handle;
  private lastPod: PodInfo | null = null;
  private lastImages: readonly string[] = [];

  constructor(handle: Handle) {
    this.handle = handle;
  }

  /** The pod's normalised image names, init containers then app containers (PodInfo is immutable, so one per PodInfo). */
  private images(pod: PodInfo): readonly string[] {
    if (this.lastPod !== pod) {
      const images: string[] = [];
      for (const c of pod.pod.spec.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''));
      for (const c of pod.pod.spec.containers) images.push(normalizedImageName(c.image ?? ''));
      this.lastPod = pod;
      this.lastImages = images;
    }
    return this.lastImages;
  }

  private static nodeScore(images: readonly string[], totalNumNodes: number, imageStates: ReadonlyMap<string, ImageStateSummary>): number {
    let sum = 0;
    if (imageStates.size > 0) {
      for (const image of images) {
        const st = imageStates.get(image);
        if (st !== undefined) sum += scaledImageScore(st, totalNumNodes);
      }
    }
    return calculatePriority(sum, images.length);
  }

  /** calculatePriority(sumImageScores(node), init + app containers). */
  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return ImageLocalityPlugin.nodeScore(this.images(pod), this.handle.snapshot.nodeInfoList().length, node.imageStates);
  }

  /** The whole-table Score: nodes without images cost one check each. */
  scoreNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const images = this.images(pod);
    const total = this.handle.snapshot.nodeInfoList().length;
    const infos = this.handle.snapshot.table.infos;
    const none = calculatePriority(0, images.length);
    // When no node in the cluster holds any of the pod's images, every node scores the same.
    const snapshot = this.handle.snapshot;
    if (images.every((image) => snapshot.imageNumNodes(image) === 0)) {
      out.fill(none, 0, count);
      return;
    }
    for (let k = 0; k < count; k++) {
      const states = infos[rows[k]!]!.imageStates;
      out[k] = states.size === 0 ? none : ImageLocalityPlugin.nodeScore(images, total, states);
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
