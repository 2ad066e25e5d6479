import { MICROS_PER_MINUTE, seconds, type Micros } from '../../engine/time.js';
import { DEFAULT_EXPANDER, type ExpanderName } from './expander.js';

/** cluster-autoscaler flags kubesim models (kubernetes-behaviour.md §5), times in µs. */
export interface AutoscalingOptions {
  /** `--scan-interval` (10s). */
  readonly scanInterval: Micros;
  /** `--expander` chain (least-waste). */
  readonly expander: readonly ExpanderName[];
  /** `--max-node-provision-time` (15m): a machine not Ready by then is removed. */
  readonly maxNodeProvisionTime: Micros;
  /** `--max-nodes-total` (0: unset). */
  readonly maxNodesTotal: number;
  /** `--scale-down-enabled` (true). */
  readonly scaleDownEnabled: boolean;
  /** `--scale-down-utilization-threshold` (0.5). */
  readonly scaleDownUtilizationThreshold: number;
  /** `--scale-down-unneeded-time` (10m). */
  readonly scaleDownUnneededTime: Micros;
  /** `--scale-down-delay-after-add` (10m). */
  readonly scaleDownDelayAfterAdd: Micros;
  /** `--scale-down-non-empty-candidates-count` (30): non-empty nodes whose drain is simulated per scan. */
  readonly scaleDownNonEmptyCandidatesCount: number;
  /** `--max-empty-bulk-delete` (10). */
  readonly maxEmptyBulkDelete: number;
  /** `--max-graceful-termination-sec` (600s): how long a drain waits for evicted pods. */
  readonly maxGracefulTermination: Micros;
}

/** The defaults of cluster-autoscaler's flags. */
export const DEFAULT_AUTOSCALING_OPTIONS: AutoscalingOptions = Object.freeze({
  scanInterval: seconds(10),
  expander: DEFAULT_EXPANDER,
  maxNodeProvisionTime: 15 * MICROS_PER_MINUTE,
  maxNodesTotal: 0,
  scaleDownEnabled: true,
  scaleDownUtilizationThreshold: 0.5,
  scaleDownUnneededTime: 10 * MICROS_PER_MINUTE,
  scaleDownDelayAfterAdd: 10 * MICROS_PER_MINUTE,
  scaleDownNonEmptyCandidatesCount: 30,
  maxEmptyBulkDelete: 10,
  maxGracefulTermination: seconds(600),
});
