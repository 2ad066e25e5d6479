/**
 * PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1): defaulting as
 * SetDefaults_PodTopologySpreadArgs and validation as
 * ValidatePodTopologySpreadArgs (apis/config/validation/validation_pluginargs.go, v1.34.1).
 */
import type { TopologySpreadConstraint } from '../../../api/types.js';
import { child, duplicate, errorBody, forbidden, index, invalid, notSupported, required, type FieldError } from '../../../api/validation/field.js';
import { isQualifiedName } from '../../../api/validation/identifiers.js';
import type { ArgsError } from '../PluginModule.js';

/** How a pod without constraints of its own gets them: the system defaults, or the args' list. */
export type PodTopologySpreadConstraintsDefaulting = 'System' | 'List';

/** PodTopologySpreadArgs, defaulted. */
export interface PodTopologySpreadArgs {
  /** Constraints for pods that define none (defaultingType List); no labelSelector, it is deduced per pod. */
  defaultConstraints: TopologySpreadConstraint[];
  /** System (default): hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway; List: `defaultConstraints`. */
  defaultingType: PodTopologySpreadConstraintsDefaulting;
}

/** SetDefaults_PodTopologySpreadArgs: defaultingType System when unset. */
export function defaultPodTopologySpreadArgs(args: unknown): PodTopologySpreadArgs {
  const a = (args ?? {}) as { defaultConstraints?: TopologySpreadConstraint[] | null; defaultingType?: string };
  return {
    defaultConstraints: a.defaultConstraints ?? [],
    defaultingType: (a.defaultingType === undefined || a.defaultingType === '' ? 'System' : a.defaultingType) as PodTopologySpreadConstraintsDefaulting,
  };
}

/**
 * ValidatePodTopologySpreadArgs: defaultingType System or List (System only
 * with no defaultConstraints); each default constraint with maxSkew > 0, a
 * valid topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, no
 * labelSelector, and no two with the same (topologyKey, whenUnsatisfiable).
 */
export function validatePodTopologySpreadArgs(args: PodTopologySpreadArgs): ArgsError[] {
  const errs: FieldError[] = [];
  const t = args.defaultingType as string;
  if (t !== 'System' && t !== 'List') errs.push(notSupported('defaultingType', t, ['System', 'List']));
  else if (t === 'System' && args.defaultConstraints.length > 0) errs.push(invalid('defaultingType', t, 'when .defaultConstraints are not empty'));
  args.defaultConstraints.forEach((c, i) => {
    const p = index('defaultConstraints', i);
    if (!(c.maxSkew > 0)) errs.push(invalid(child(p, 'maxSkew'), c.maxSkew, 'not in valid range (0, inf)'));
    const key = c.topologyKey ?? '';
    if (key.length === 0) errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    else for (const msg of isQualifiedName(key)) errs.push(invalid(child(p, 'topologyKey'), key, msg));
    const w = (c.whenUnsatisfiable ?? '') as string;
    if (w.length === 0) errs.push(required(child(p, 'whenUnsatisfiable'), 'can not be empty'));
    else if (w !== 'DoNotSchedule' && w !== 'ScheduleAnyway') errs.push(notSupported(child(p, 'whenUnsatisfiable'), w, ['DoNotSchedule', 'ScheduleAnyway']));
    if (c.labelSelector !== undefined && c.labelSelector !== null) {
      errs.push(forbidden(child(p, 'labelSelector'), 'constraint must not define a selector, as they deduced for each pod'));
    }
    for (let j = 0; j < i; j++) {
      const other = args.defaultConstraints[j]!;
      if (c.topologyKey === other.topologyKey && c.whenUnsatisfiable === other.whenUnsatisfiable) {
        errs.push(duplicate(p, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
        break;
      }
    }
  });
  return errs.map((e) => ({ path: e.field, message: errorBody(e) }));
}
