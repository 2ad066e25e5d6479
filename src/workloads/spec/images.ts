/**
 * The `images` section: how big images are and how fast they pull, and the
 * container runtime's ImageCatalog built from it.
 */
import { parseImageName } from '../../api/imageReference.js';
import { invalid } from '../../api/validation/field.js';
import type { ImageCatalog } from '../../cluster/Machines.js';
import { MICROS_PER_SECOND } from '../../engine/time.js';
import type { SpecReader } from './SpecReader.js';
import type { ImagesSpec } from './types.js';

const MI = 1024 * 1024;

/** Size of an image the file does not list: 200Mi. */
export const DEFAULT_IMAGE_SIZE = 200 * MI;
/** Pull bandwidth: 50Mi per second. */
export const DEFAULT_PULL_BANDWIDTH = 50 * MI;
/** Fixed cost of a pull: 1s (registry round trips, unpack start). */
export const DEFAULT_PULL_OVERHEAD = MICROS_PER_SECOND;

/** Reads `images`. */
export function readImages(r: SpecReader, value: unknown): ImagesSpec {
  const o = r.object(value, 'images', ['default', 'sizes', 'bandwidth', 'overhead']) ?? {};
  const sizes: Record<string, number> = {};
  for (const [image, v] of Object.entries(r.anyObject(o['sizes'], 'images.sizes') ?? {})) {
    sizes[image] = r.required(r.bytes(v, `images.sizes[${image}]`), `images.sizes[${image}]`);
  }
  const bandwidth = r.bytes(o['bandwidth'], 'images.bandwidth') ?? DEFAULT_PULL_BANDWIDTH;
  if (bandwidth <= 0) r.failWith(invalid('images.bandwidth', o['bandwidth'], 'must be greater than 0'));
  return {
    defaultSize: r.bytes(o['default'], 'images.default') ?? DEFAULT_IMAGE_SIZE,
    sizes,
    bandwidth,
    overhead: r.duration(o['overhead'], 'images.overhead') ?? DEFAULT_PULL_OVERHEAD,
  };
}

/** True when an image reference names a tag or digest (`nginx:1.27`, `x@sha256:...`), not just a repository. */
function hasTagOrDigest(image: string): boolean {
  if (image.includes('@')) return true;
  const lastSlash = image.lastIndexOf('/');
  return image.indexOf(':', lastSlash + 1) !== -1;
}

/**
 * The container runtime's catalog for a workload's images. An image's size
 * is looked up by the reference as written, then normalised
 * (`nginx:1.27` = `docker.io/library/nginx:1.27`), then by repository for
 * entries written without a tag (`nginx` covers every nginx tag), else the
 * default.
 */
export function imageCatalogOf(spec: ImagesSpec): ImageCatalog {
  const byReference = new Map<string, number>();
  const byRepository = new Map<string, number>();
  for (const [image, size] of Object.entries(spec.sizes)) {
    const ref = parseImageName(image);
    if (ref === undefined) continue;
    if (hasTagOrDigest(image)) byReference.set(`${ref.repository}:${ref.tag}@${ref.digest}`, size);
    else byRepository.set(ref.repository, size);
  }
  return {
    bandwidthBytesPerSecond: spec.bandwidth,
    pullOverheadMicros: spec.overhead,
    sizeOf(image: string): number {
      const exact = spec.sizes[image];
      if (exact !== undefined && Object.hasOwn(spec.sizes, image)) return exact;
      const ref = parseImageName(image);
      if (ref === undefined) return spec.defaultSize;
      return byReference.get(`${ref.repository}:${ref.tag}@${ref.digest}`) ?? byRepository.get(ref.repository) ?? spec.defaultSize;
    },
  };
}
