/**
 * kubectl's views of the simulated cluster: `get` tables (normal, `-o wide`,
 * `-A`), `-o yaml|json`, `describe pod|node` and `top nodes|pods`, printed
 * byte for byte as kubectl v1.34 prints them. Pure functions of a
 * {@link ClusterView}.
 */
export type { ClusterView, CommandOutput, GetOptions } from './ClusterView.js';
export { humanDuration, since } from './humanDuration.js';
export { tabwrite, formatTable, KUBECTL_GET_TABWRITER, KUBECTL_DESCRIBE_TABWRITER, type TabwriterConfig } from './tabwriter.js';
export { printTable, listObjects, noResourcesFound, type TablePrinter } from './listing.js';
export { get, resourceKind, TABLE_PRINTERS, type GetCommandOptions } from './get.js';
export { podPrinter, podRow } from './printPod.js';
export { nodePrinter, nodeStatus, findNodeRoles } from './printNode.js';
export { deploymentPrinter, replicaSetPrinter, daemonSetPrinter, statefulSetPrinter } from './printWorkloads.js';
export { jobPrinter, jobStatus, jobCompletions, jobDuration } from './printJob.js';
export { servicePrinter } from './printService.js';
export { eventPrinter } from './printEvent.js';
export { printObjects, formatObject, toList, toGoJson, withTypeMeta, type ObjectFormat } from './output.js';
export { toGoYaml } from './goYaml.js';
export { describePod, describePodText } from './describe/describePod.js';
export { describeNode, describeNodeText } from './describe/describeNode.js';
export { viewOfCluster } from './fromCluster.js';
export { topNodes, topPods, podUsage, usageRatio } from './top.js';
