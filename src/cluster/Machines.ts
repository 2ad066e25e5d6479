import type { Node } from '../api/types.js';

/**
 * The machines under the cluster: what the cloud (or a workload's timed
 * operation) does to a node's VM. Booting starts the node's kubelet, which
 * registers the Node object through the API server; shutting down stops the
 * kubelet (no more heartbeats, nothing reported), as a VM that dies does.
 * The kubelet side (cluster/kubelet) implements it; the cloud and the
 * workload's operations call it.
 */
export interface Machines {
  /** Boots a machine whose kubelet registers `node` (name, labels, taints, capacity). */
  boot(node: Node): void;
  /** Stops the kubelet of `nodeName` (machine failure); its Node object stays. */
  stop(nodeName: string): void;
  /** Restarts the kubelet of a stopped machine (recovery). */
  restart(nodeName: string): void;
  /** Deletes the machine: its kubelet stops for good (the Node object is deleted by whoever removes it). */
  terminate(nodeName: string): void;
  /** True while the kubelet of `nodeName` runs. */
  isRunning(nodeName: string): boolean;
}

/** Image sizes the container runtime pulls: by image reference, with a default for images not listed. */
export interface ImageCatalog {
  /** Size in bytes of `image` (as written in the container spec). */
  sizeOf(image: string): number;
  /** Pull bandwidth in bytes per second. */
  readonly bandwidthBytesPerSecond: number;
  /** Fixed cost of a pull (registry round trips, unpack start), in microseconds. */
  readonly pullOverheadMicros: number;
}
