/**
 * Workload files: the schema, the loader with located errors, parameters and
 * `--set`, arrival processes, and the objects and nodes a workload makes.
 */
export * from './types.js';
export { loadWorkload, WORKLOAD_FIELDS, CONTROL_PLANES, DEFAULT_CLOCK_ORIGIN } from './loadWorkload.js';
export { SetError } from './SetError.js';
export { arrivalInstants, arrivalTimes, type ArrivalRandom } from './arrivalTimes.js';
export { hasInstances, instanceManifest, instanceName, LABEL_INSTANCE } from './instances.js';
export { LABEL_NODE_POOL, nodeFromPool, poolNodes, zoneOfPoolNode } from './poolNodes.js';
export { imageCatalogOf, DEFAULT_IMAGE_SIZE, DEFAULT_PULL_BANDWIDTH, DEFAULT_PULL_OVERHEAD } from './images.js';
export { parseRate } from './rate.js';
export { WORKLOAD_KINDS, type KindInfo, namespaceOf } from './embedded.js';
export { DEFAULT_KUBELET_VERSION, DEFAULT_MAX_PODS, DEFAULT_PROVISIONING_DELAY, EXPANDERS } from './cluster.js';
export { OPERATION_NAMES, ROLLOUT_KINDS, SCALE_KINDS } from './operations.js';
export { ROUTINGS } from './traffic.js';
export { DEFAULT_NODE_LIST, DEFAULT_TRACE_TUNE, TRACE_EXCLUSIVE_FIELDS, TRACE_FIELDS, TRACE_FORMATS, TRACE_MODES } from './trace.js';
