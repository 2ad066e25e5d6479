import type { Micros } from '../../engine/time.js';
import type { ImageCatalog } from '../Machines.js';

/** The catalog used when the cluster gives none: 64 MiB images at 32 MiB/s plus 1s a pull (≈3s, a small image per §2.4). */
export const DEFAULT_IMAGE_CATALOG: ImageCatalog = Object.freeze({
  sizeOf: () => 64 * 1024 * 1024,
  bandwidthBytesPerSecond: 32 * 1024 * 1024,
  pullOverheadMicros: 1_000_000,
});

/** One pull's times: when it was asked for, when it started, when it finished, and the image size. */
export interface PullResult {
  requestedAt: Micros;
  startedAt: Micros;
  finishedAt: Micros;
  sizeBytes: number;
}

/**
 * A node's image store and its serial image puller (`serializeImagePulls`
 * true, the default): pulls run one at a time in the order asked, each taking
 * the catalog's overhead plus size/bandwidth. An image already stored (or
 * pulled by an earlier request still in the queue) costs only the overhead,
 * as a registry round trip that finds every layer present.
 */
export class ImagePuller {
  /** Image → the instant its pull completes (in the future while queued). */
  private readonly readyAt = new Map<string, Micros>();
  /** Image → size, for Node.status.images. */
  private readonly sizes = new Map<string, number>();
  /** When the puller is free again. */
  private freeAt: Micros = 0;
  /**
   * The last {@link images} answer and what it holds for: the same list is
   * answered again until a pull, preload or abandon, or a queued pull
   * completing (`validUntil`), can change it.
   */
  private last: { list: { names: string[]; sizeBytes: number }[]; max: number; from: Micros; validUntil: Micros } | null = null;

  constructor(private readonly catalog: ImageCatalog) {}

  /** True when `image` is on the node at `now`. */
  isPresent(image: string, now: Micros): boolean {
    const t = this.readyAt.get(image);
    return t !== undefined && t <= now;
  }

  /** Queues a pull of `image` at `now` and answers when it will be done. */
  pull(image: string, now: Micros): PullResult {
    const sizeBytes = this.catalog.sizeOf(image);
    const startedAt = Math.max(now, this.freeAt);
    const layersPresent = this.readyAt.has(image);
    const duration = this.catalog.pullOverheadMicros + (layersPresent ? 0 : Math.round((sizeBytes / this.catalog.bandwidthBytesPerSecond) * 1_000_000));
    const finishedAt = startedAt + duration;
    this.freeAt = finishedAt;
    const known = this.readyAt.get(image);
    if (known === undefined || known > finishedAt) this.readyAt.set(image, finishedAt);
    this.sizes.set(image, sizeBytes);
    this.last = null;
    return { requestedAt: now, startedAt, finishedAt, sizeBytes };
  }

  /** Forgets queued pulls (the machine stopped); stored images stay on disk. */
  abandonQueued(now: Micros): void {
    for (const [image, t] of this.readyAt) if (t > now) this.readyAt.delete(image);
    this.freeAt = now;
    this.last = null;
  }

  /** Adds an image already on the machine's disk (a pre-pulled image). */
  preload(image: string): void {
    this.readyAt.set(image, 0);
    this.sizes.set(image, this.catalog.sizeOf(image));
    this.last = null;
  }

  /**
   * The images on the node at `now`, largest first, at most `max`
   * (Node.status.images). Unchanged images answer the same (read-only) list.
   */
  images(now: Micros, max: number): { names: string[]; sizeBytes: number }[] {
    const last = this.last;
    if (last !== null && last.max === max && now >= last.from && now < last.validUntil) return last.list;
    const list: { names: string[]; sizeBytes: number }[] = [];
    let validUntil = Infinity;
    for (const [image, t] of this.readyAt) {
      if (t <= now) list.push({ names: [image], sizeBytes: this.sizes.get(image) ?? 0 });
      else if (t < validUntil) validUntil = t;
    }
    // The kubelet sorts by size, largest first (a stable sort keeps pull order among equals).
    list.sort((a, b) => b.sizeBytes - a.sizeBytes);
    const answer = list.length > max ? list.slice(0, max) : list;
    this.last = { list: answer, max, from: now, validUntil };
    return answer;
  }
}
