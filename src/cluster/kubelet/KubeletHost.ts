import type { Micros } from '../../engine/time.js';
import type { Cluster } from '../Cluster.js';
import type { ApiClient } from '../store/ApiServer.js';
import type { Backoff } from './Backoff.js';
import type { ImagePuller } from './ImagePuller.js';

/** The annotation-driven durations a pod's containers draw, one random stream each. */
export type SamplePurpose = 'run-duration' | 'ready-after' | 'failure-after';

/** What a pod worker needs from the kubelet of its node. */
export interface KubeletHost {
  readonly cluster: Cluster;
  /** The kubelet's API client (user agent `kubelet/<node>`). */
  readonly client: ApiClient;
  readonly nodeName: string;
  /** The node's InternalIP (pods' hostIP). */
  readonly hostIP: string;
  /** The node's image store and serial puller. */
  readonly puller: ImagePuller;
  /** The kubelet's container restart back-off (one per kubelet, keyed by pod uid and container). */
  readonly backoff: Backoff;
  /** False once the machine stopped: nothing is written any more. */
  readonly running: boolean;
  /** A free pod IP from the node's pod CIDR. */
  allocatePodIP(): string;
  /** Returns a pod IP to the pool. */
  releasePodIP(ip: string): void;
  /** A new container id, `containerd://<64 hex>`. */
  nextContainerID(): string;
  /** One draw of the duration distribution `text` for `purpose`, or null when it does not parse. */
  sample(purpose: SamplePurpose, text: string): Micros | null;
  /** The node's images changed (a pull finished at `at`): Node.status.images is due. */
  imagesChanged(at: Micros): void;
}
