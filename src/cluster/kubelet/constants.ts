import { seconds, type Micros } from '../../engine/time.js';

/**
 * The kubelet's defaults (kubernetes-behaviour.md §1, §2.4; k/k
 * pkg/kubelet/apis/config/v1beta1/defaults.go, pkg/kubelet/kubelet.go).
 */

/** The component name on the kubelet's Events. */
export const KUBELET_COMPONENT = 'kubelet';
/** The version every simulated kubelet reports in nodeInfo. */
export const KUBELET_VERSION = 'v1.34.0';
/** The container runtime every simulated node reports in nodeInfo. */
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.4';

/** `nodeStatusUpdateFrequency`: how often the kubelet computes its node status. */
export const NODE_STATUS_UPDATE_FREQUENCY: Micros = seconds(10);
/** `nodeStatusReportFrequency`: a status that did not change is still written this often. */
export const NODE_STATUS_REPORT_FREQUENCY: Micros = seconds(300);
/** `nodeLeaseDurationSeconds`. */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** The lease is renewed every `nodeLeaseRenewIntervalFraction` (0.25) of its duration: 10s. */
export const NODE_LEASE_RENEW_INTERVAL: Micros = seconds(NODE_LEASE_DURATION_SECONDS * 0.25);
/** The namespace of node heartbeats (v1.NamespaceNodeLease). */
export const NAMESPACE_NODE_LEASE = 'kube-node-lease';
/** `nodeStatusMaxImages`: at most this many images in Node.status.images. */
export const NODE_STATUS_MAX_IMAGES = 50;

/** `backOffPeriod`: the first container restart back-off. */
export const CONTAINER_BACKOFF_INITIAL: Micros = seconds(10);
/** `MaxContainerBackOff`: the longest container restart back-off. */
export const CONTAINER_BACKOFF_MAX: Micros = seconds(300);
