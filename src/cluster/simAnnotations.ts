/**
 * Annotations that tell the simulated container runtime how a pod's
 * containers behave — what a real image would decide. Workload files set
 * them on pod templates; they are ordinary annotations, so they survive
 * `get -o yaml` and round trips through the store.
 */

/** How long a container runs before it exits: a duration distribution (`5m`, `exp(10m)`, ...). Absent: it runs until stopped. */
export const ANNOTATION_RUN_DURATION = 'sim.kubesim.io/run-duration';
/** The exit code when the run ends (default 0, so a Job's pod completes). */
export const ANNOTATION_EXIT_CODE = 'sim.kubesim.io/exit-code';
/** The first N runs of the pod's containers crash (exit code 1) after `failure-after`; later runs behave normally. */
export const ANNOTATION_FAILURES = 'sim.kubesim.io/failures';
/** How long a crashing run lasts (a duration distribution; default 1s). */
export const ANNOTATION_FAILURE_AFTER = 'sim.kubesim.io/failure-after';
/** Delay from container start to Ready, as a readiness probe would gate it (a duration distribution; default 0). */
export const ANNOTATION_READY_AFTER = 'sim.kubesim.io/ready-after';
/** Resource usage as a fraction of requests, for `kubesim top` (default 1: usage equals requests). */
export const ANNOTATION_USAGE_RATIO = 'sim.kubesim.io/usage-ratio';

/** Zone label (well-known). */
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
/** Region label (well-known). */
export const LABEL_REGION = 'topology.kubernetes.io/region';
/** Hostname label (well-known). */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
