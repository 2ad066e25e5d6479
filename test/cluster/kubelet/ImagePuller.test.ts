import { describe, expect, it } from 'vitest';
import { ImagePuller } from '../../../src/cluster/kubelet/ImagePuller.js';
import { nodeImages } from '../../../src/cluster/kubelet/nodeStatus.js';

const MB = 1024 * 1024;
const catalog = { sizeOf: (image: string) => (image.startsWith('big') ? 100 * MB : 10 * MB), bandwidthBytesPerSecond: 10 * MB, pullOverheadMicros: 1_000_000 };

describe('ImagePuller.images', () => {
  it('answers the same list while nothing changes, and a new one when a pull completes or starts', () => {
    const puller = new ImagePuller(catalog);
    puller.preload('small:1');
    const first = puller.images(0, 50);
    expect(first).toEqual([{ names: ['small:1'], sizeBytes: 10 * MB }]);
    expect(puller.images(5_000_000, 50)).toBe(first);
    // big:1 takes 1s + 10s: done at 11s.
    const pull = puller.pull('big:1', 0);
    expect(pull.finishedAt).toBe(11_000_000);
    const queued = puller.images(5_000_000, 50);
    expect(queued).toEqual(first);
    expect(puller.images(10_999_999, 50)).toBe(queued);
    const done = puller.images(11_000_000, 50);
    expect(done).toEqual([
      { names: ['big:1'], sizeBytes: 100 * MB },
      { names: ['small:1'], sizeBytes: 10 * MB },
    ]);
    expect(puller.images(20_000_000, 50)).toBe(done);
    expect(puller.images(20_000_000, 1)).toEqual([{ names: ['big:1'], sizeBytes: 100 * MB }]);
    puller.abandonQueued(20_000_000);
    expect(puller.images(20_000_000, 50)).toEqual(done);
  });

  it('nodeImages gives the same Node.status.images for the same list', () => {
    const puller = new ImagePuller(catalog);
    puller.preload('nginx:1.27');
    const a = nodeImages(puller.images(0, 50));
    expect(a).toEqual([{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 10 * MB }]);
    expect(nodeImages(puller.images(1, 50))).toBe(a);
    puller.preload('busybox');
    expect(nodeImages(puller.images(1, 50))).not.toBe(a);
  });
});
