import type { EnqueueExtensions, Plugin } from '../framework/interfaces.js';
import { SKIP, unschedulable, type Result } from '../framework/Status.js';
import type { ArgsError, PluginModule } from '../plugins/PluginModule.js';

/**
 * The plugins of kube-scheduler's default profile that act on volumes and
 * DRA resource claims, which kubesim does not model. A simulated pod has no
 * PersistentVolumeClaims and no ResourceClaims, and for such a pod each of
 * these plugins does exactly what is written here in v1.34.1:
 *
 * - VolumeRestrictions, NodeVolumeLimits, VolumeZone: PreFilter returns Skip
 *   (so their Filter is not called).
 * - VolumeBinding: PreFilter and PreScore return Skip; Reserve and PreBind
 *   have nothing to do. Its Score weight (none in the default profile) is
 *   coerced to 1, as upstream does, and it contributes nothing.
 * - DynamicResources: PreEnqueue admits the pod, PreFilter returns Skip,
 *   PostFilter returns Unschedulable "no new claims to deallocate" (which is
 *   why kube-scheduler's FailedScheduling events read "… no new claims to
 *   deallocate, preemption: …"), Reserve and PreBind have nothing to do.
 *
 * They stay in the profile so that plugin lists, explanations and failure
 * messages read as kube-scheduler's do.
 */

const noEvents: EnqueueExtensions['eventsToRegister'] = () => [];

function volumePlugin(name: string): PluginModule<undefined> {
  return {
    name,
    factory: (): Plugin =>
      ({
        name,
        preFilter: () => ({ status: SKIP }),
        preFilterExtensions: () => null,
        filter: (): Result => null,
        eventsToRegister: noEvents,
      }) as Plugin,
  };
}

export const VolumeRestrictions = volumePlugin('VolumeRestrictions');
export const NodeVolumeLimits = volumePlugin('NodeVolumeLimits');
export const VolumeZone = volumePlugin('VolumeZone');

/** VolumeBindingArgs (v1), defaulted: bindTimeoutSeconds 600; no shape (StorageCapacityScoring is off in v1.34). */
export interface VolumeBindingArgs {
  bindTimeoutSeconds: number;
  shape?: { utilization: number; score: number }[];
}

export const VolumeBinding: PluginModule<VolumeBindingArgs> = {
  name: 'VolumeBinding',
  argsKind: 'VolumeBindingArgs',
  defaultArgs(args: unknown): VolumeBindingArgs {
    const a = (args ?? {}) as Partial<VolumeBindingArgs>;
    return { ...a, bindTimeoutSeconds: a.bindTimeoutSeconds ?? 600 };
  },
  validateArgs(args: VolumeBindingArgs): ArgsError[] {
    const t = args.bindTimeoutSeconds;
    if (typeof t !== 'number' || !Number.isInteger(t)) return [{ path: 'bindTimeoutSeconds', message: `Invalid value: ${JSON.stringify(t)}: must be an integer` }];
    if (t < 0) return [{ path: 'bindTimeoutSeconds', message: `Invalid value: ${t}: invalid BindTimeoutSeconds, should not be a negative value` }];
    return [];
  },
  factory: (): Plugin =>
    ({
      name: 'VolumeBinding',
      preFilter: () => ({ status: SKIP }),
      preFilterExtensions: () => null,
      filter: (): Result => null,
      preScore: (): Result => SKIP,
      score: () => 0,
      reserve: (): Result => null,
      unreserve: () => undefined,
      preBind: (): Result => null,
      eventsToRegister: noEvents,
    }) as Plugin,
};

/** DynamicResourcesArgs (v1), defaulted: filterTimeout 10s (DRASchedulerFilterTimeout is beta and on in v1.34). */
export interface DynamicResourcesArgs {
  filterTimeout: string;
  bindingTimeout?: string;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$|^0$/;

export const DynamicResources: PluginModule<DynamicResourcesArgs> = {
  name: 'DynamicResources',
  argsKind: 'DynamicResourcesArgs',
  defaultArgs(args: unknown): DynamicResourcesArgs {
    const a = (args ?? {}) as Partial<DynamicResourcesArgs>;
    return { ...a, filterTimeout: a.filterTimeout ?? '10s' };
  },
  validateArgs(args: DynamicResourcesArgs): ArgsError[] {
    const errs: ArgsError[] = [];
    if (typeof args.filterTimeout !== 'string' || !DURATION.test(args.filterTimeout)) {
      errs.push({ path: 'filterTimeout', message: `Invalid value: ${JSON.stringify(args.filterTimeout)}: must be a duration such as "10s"` });
    }
    if (args.bindingTimeout !== undefined) {
      errs.push({ path: 'bindingTimeout', message: 'Forbidden: requires feature gate DRADeviceBindingConditions, which is off in v1.34' });
    }
    return errs;
  },
  factory: (): Plugin =>
    ({
      name: 'DynamicResources',
      preEnqueue: (): Result => null,
      preFilter: () => ({ status: SKIP }),
      preFilterExtensions: () => null,
      filter: (): Result => null,
      postFilter: () => ({ status: unschedulable('no new claims to deallocate') }),
      reserve: (): Result => null,
      unreserve: () => undefined,
      preBind: (): Result => null,
      eventsToRegister: noEvents,
    }) as Plugin,
};

/** Every unmodelled plugin, by name. */
export const UNMODELLED_PLUGINS: readonly PluginModule[] = [VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone, DynamicResources] as PluginModule[];
