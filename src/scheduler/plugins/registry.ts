/**
 * The in-tree registry (frameworkruntime.Registry with
 * plugins.NewInTreeRegistry): plugin name → PluginModule.
 *
 * It holds kube-scheduler's plugins that kubesim implements, the volume and
 * DRA plugins of the default profile that kubesim does not model (inert for
 * pods without volumes or claims; see config/unmodelledPlugins.ts), and
 * kubesim's own plugins that built-in policies use. A user's policy module
 * adds its plugins with {@link mergeRegistry}.
 */
import { UNMODELLED_PLUGINS } from '../config/unmodelledPlugins.js';
import { EqualScore } from '../policies/EqualScore.js';
import { isPluginModule, makeRegistry, type Registry } from '../config/pluginRegistry.js';
import type { PluginModule } from './PluginModule.js';

export { isPluginModule, makeRegistry, mergeRegistry, type Registry } from '../config/pluginRegistry.js';

import * as DefaultBinderFile from './DefaultBinder.js';
import * as DefaultPreemptionFile from './DefaultPreemption.js';
import * as ImageLocalityFile from './ImageLocality.js';
import * as InterPodAffinityFile from './InterPodAffinity.js';
import * as NodeAffinityFile from './NodeAffinity.js';
import * as NodeNameFile from './NodeName.js';
import * as NodePortsFile from './NodePorts.js';
import * as NodeResourcesBalancedAllocationFile from './NodeResourcesBalancedAllocation.js';
import * as NodeResourcesFitFile from './NodeResourcesFit.js';
import * as NodeUnschedulableFile from './NodeUnschedulable.js';
import * as PodTopologySpreadFile from './PodTopologySpread.js';
import * as PrioritySortFile from './PrioritySort.js';
import * as SchedulingGatesFile from './SchedulingGates.js';
import * as TaintTolerationFile from './TaintToleration.js';
import { BestFitScore } from './gpu/BestFitScore.js';
import { DotProductScore } from './gpu/DotProductScore.js';
import { FGDScore } from './gpu/FGDScore.js';
import { GpuClusteringScore } from './gpu/GpuClusteringScore.js';
import { GpuPackingScore } from './gpu/GpuPackingScore.js';
import { GpuShare } from './gpu/GpuShare.js';
import { RandomScore } from './gpu/RandomScore.js';

/** The PluginModule called `name` among a plugin file's exports (named or default). */
function moduleNamed(file: Record<string, unknown>, name: string): PluginModule {
  for (const v of Object.values(file)) if (isPluginModule(v) && v.name === name) return v;
  throw new Error(`internal error: src/scheduler/plugins/${name}.ts exports no PluginModule named "${name}"`);
}

/** kube-scheduler's plugins that kubesim implements, in the default profile's order. */
export const UPSTREAM_PLUGINS: readonly PluginModule[] = [
  moduleNamed(SchedulingGatesFile, 'SchedulingGates'),
  moduleNamed(PrioritySortFile, 'PrioritySort'),
  moduleNamed(NodeUnschedulableFile, 'NodeUnschedulable'),
  moduleNamed(NodeNameFile, 'NodeName'),
  moduleNamed(TaintTolerationFile, 'TaintToleration'),
  moduleNamed(NodeAffinityFile, 'NodeAffinity'),
  moduleNamed(NodePortsFile, 'NodePorts'),
  moduleNamed(NodeResourcesFitFile, 'NodeResourcesFit'),
  moduleNamed(PodTopologySpreadFile, 'PodTopologySpread'),
  moduleNamed(InterPodAffinityFile, 'InterPodAffinity'),
  moduleNamed(DefaultPreemptionFile, 'DefaultPreemption'),
  moduleNamed(NodeResourcesBalancedAllocationFile, 'NodeResourcesBalancedAllocation'),
  moduleNamed(ImageLocalityFile, 'ImageLocality'),
  moduleNamed(DefaultBinderFile, 'DefaultBinder'),
];

/**
 * kubesim's own plugins, usable by name in any configuration: EqualScore, and
 * the GPU-sharing filter and the six score plugins of the FGD paper's
 * simulator (src/scheduler/plugins/gpu/).
 */
export const KUBESIM_PLUGINS: readonly PluginModule[] = [
  EqualScore as PluginModule,
  GpuShare as PluginModule,
  FGDScore as PluginModule,
  RandomScore as PluginModule,
  DotProductScore as PluginModule,
  GpuClusteringScore as PluginModule,
  GpuPackingScore as PluginModule,
  BestFitScore as PluginModule,
];

/** Every plugin of the in-tree registry. */
export const IN_TREE_PLUGINS: readonly PluginModule[] = [...UPSTREAM_PLUGINS, ...UNMODELLED_PLUGINS, ...KUBESIM_PLUGINS];

let inTree: Registry | undefined;

/** The in-tree registry (built once). */
export function inTreeRegistry(): Registry {
  return (inTree ??= makeRegistry(IN_TREE_PLUGINS));
}
