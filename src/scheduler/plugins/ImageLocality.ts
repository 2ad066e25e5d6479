/**
 * ImageLocality (pkg/scheduler/framework/plugins/imagelocality, v1.34.1):
 * favours nodes that already hold the pod's container images, each image's
 * size scaled by the share of nodes holding it (against "node heating"), the
 * sum clamped to [23 MiB, 1000 MiB × containers] and mapped onto 0..100.
 */
import { normalizedImageName } from '../cache/Cache.js';
import type { CycleState } from '../framework/CycleState.js';
import type { Handle, ScorePlugin } from '../framework/interfaces.js';
import type { NodeTable } from '../cache/NodeTable.js';
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

  /**
   * The whole-table Score: nodes without images cost one check each. What a
   * node's score depends on besides the cluster-wide counts — which of the
   * pod's images it holds — is remembered per row for the pod's image list,
   * valid while the row's generation, or else its image-state map (replaced
   * whenever the node's images change, and only then), is the one it was
   * read from; the score of each such set is summed once per cycle.
   */
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
    if (images.length > MAX_MASKED_IMAGES) {
      for (let k = 0; k < count; k++) {
        const states = infos[rows[k]!]!.imageStates;
        out[k] = states.size === 0 ? none : ImageLocalityPlugin.nodeScore(images, total, states);
      }
      return;
    }
    const memo = this.memos.for(images, snapshot.table);
    const table = snapshot.table;
    const gens = table.generation;
    const memoGens = memo.generations;
    const memoStates = memo.states;
    const masks = memo.masks;
    const held = memo.held;
    // The score of each set of held images at this cycle's counts, made on first use.
    const scores = memo.scores;
    scores.fill(-1);
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      let mask: number;
      if (memoGens[row] === gens[row]) mask = masks[row]!;
      else {
        const imageStates = infos[row]!.imageStates;
        if (memoStates[row] === imageStates) mask = masks[row]!;
        else {
          mask = 0;
          if (imageStates.size > 0) {
            for (let j = 0; j < images.length; j++) {
              const st = imageStates.get(images[j]!);
              if (st !== undefined) {
                mask |= 1 << j;
                held[j] = st;
              }
            }
          }
          memoStates[row] = imageStates;
          masks[row] = mask;
        }
        memoGens[row] = gens[row]!;
      }
      let score = scores[mask]!;
      if (score < 0) {
        let sum = 0;
        for (let j = 0; j < images.length; j++) if ((mask & (1 << j)) !== 0) sum += scaledImageScore(held[j]!, total);
        scores[mask] = score = calculatePriority(sum, images.length);
      }
      out[k] = score;
    }
  }

  /** Held-image sets by row, per recent image list. */
  private readonly memos = new ImageMaskMemos();
}

/** At most this many images per pod are scored through the held-set memo (2^n scores per cycle). */
const MAX_MASKED_IMAGES = 8;

/**
 * One image list's memo: per row, the set of the list's images the node holds
 * (bit j: images[j]), with the table generation and the image-state map it
 * was read from. `held[j]` is image j's state, shared by every node holding
 * it (the cache keeps one state per image while any node holds it, so a set
 * bit always refers to the current state).
 */
class ImageMaskMemo {
  generations: Float64Array;
  states: (ReadonlyMap<string, ImageStateSummary> | undefined)[];
  masks: Int32Array;
  readonly held: (ImageStateSummary | undefined)[];
  readonly scores: Float64Array;

  constructor(
    readonly table: NodeTable,
    images: number,
  ) {
    const capacity = table.capacity;
    this.generations = new Float64Array(capacity).fill(-1);
    this.states = new Array<ReadonlyMap<string, ImageStateSummary> | undefined>(capacity).fill(undefined);
    this.masks = new Int32Array(capacity);
    this.held = new Array<ImageStateSummary | undefined>(images).fill(undefined);
    this.scores = new Float64Array(1 << images);
  }
}

/** The memos of the most recently scored image lists (a few deployments and jobs interleave). */
class ImageMaskMemos {
  private readonly memos = new Map<string, ImageMaskMemo>();
  private lastImages: readonly string[] | null = null;
  private last: ImageMaskMemo | null = null;

  /** The memo of `images` over `table`, made (or remade, when the table grew) on demand. */
  for(images: readonly string[], table: NodeTable): ImageMaskMemo {
    let memo = this.lastImages === images ? this.last : null;
    if (memo === null) {
      const key = images.join('\u0000');
      memo = this.memos.get(key) ?? null;
      if (memo !== null) {
        // Most recently used last.
        this.memos.delete(key);
        this.memos.set(key, memo);
      }
      if (memo === null || memo.table !== table || memo.generations.length < table.capacity) {
        memo = new ImageMaskMemo(table, images.length);
        this.memos.set(key, memo);
        if (this.memos.size > MEMO_IMAGE_LISTS) this.memos.delete(this.memos.keys().next().value!);
      }
      this.lastImages = images;
      this.last = memo;
    } else if (memo.table !== table || memo.generations.length < table.capacity) {
      memo = new ImageMaskMemo(table, images.length);
      this.memos.set(images.join('\u0000'), memo);
      this.last = memo;
    }
    return memo;
  }
}

/** How many image lists keep a memo. */
const MEMO_IMAGE_LISTS = 16;

/** ImageLocality's registry entry (no args). */
export const ImageLocality: PluginModule<undefined> = {
  name: IMAGE_LOCALITY,
  factory(_args, handle) {
    return new ImageLocalityPlugin(handle);
  },
};
