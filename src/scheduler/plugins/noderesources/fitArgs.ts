/**
 * NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1): defaulting as
 * pkg/scheduler/apis/config/v1/defaults.go and validation as
 * validation_pluginargs.go (ValidateNodeResourcesFitArgs), v1.34.
 */
import { child, index, invalid, notSupported, required, type FieldError } from '../../../api/validation/field.js';
import { isQualifiedName } from '../../../api/validation/identifiers.js';
import type { ArgsError } from '../PluginModule.js';
import { toArgsErrors } from './argsErrors.js';
import type { UtilizationShapePoint } from './requestedToCapacityRatio.js';
import { defaultedResourceSpecs, resourceSpecsFrom, validateResourceWeights, type ResourceSpec } from './ResourceSpec.js';

/** The scoring strategies of NodeResourcesFit (config.ScoringStrategyType). */
export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

const SUPPORTED_STRATEGIES: readonly string[] = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

/** config.ScoringStrategy. `type` stays a string so that validation can reject an unknown one. */
export interface ScoringStrategy {
  type: ScoringStrategyType | string;
  resources: ResourceSpec[];
  requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
}

/** config.NodeResourcesFitArgs. */
export interface NodeResourcesFitArgs {
  /** Extended resources Filter does not check. */
  ignoredResources: string[];
  /** Groups (the part before `/`) of extended resources Filter does not check. */
  ignoredResourceGroups: string[];
  /** Required (defaulting always sets it). */
  scoringStrategy?: ScoringStrategy;
}

function stringList(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.map((x) => String(x)) : [];
}

function shapeFrom(raw: unknown): UtilizationShapePoint[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((p: unknown) => {
    const o = (p ?? {}) as { utilization?: unknown; score?: unknown };
    return { utilization: typeof o.utilization === 'number' ? o.utilization : 0, score: typeof o.score === 'number' ? o.score : 0 };
  });
}

/**
 * SetDefaults_NodeResourcesFitArgs: no scoringStrategy → LeastAllocated over
 * cpu and memory; no resources → cpu and memory; a weight of 0 → 1. A given
 * strategy's type is not defaulted (an empty one fails validation, as upstream).
 */
export function defaultNodeResourcesFitArgs(raw: unknown): NodeResourcesFitArgs {
  const o = (raw ?? {}) as Record<string, unknown>;
  const args: NodeResourcesFitArgs = {
    ignoredResources: stringList(o['ignoredResources']),
    ignoredResourceGroups: stringList(o['ignoredResourceGroups']),
  };
  const s = o['scoringStrategy'];
  if (s === undefined || s === null) {
    args.scoringStrategy = { type: 'LeastAllocated', resources: defaultedResourceSpecs(undefined) };
    return args;
  }
  const so = s as Record<string, unknown>;
  const strategy: ScoringStrategy = {
    type: typeof so['type'] === 'string' ? so['type'] : '',
    resources: defaultedResourceSpecs(resourceSpecsFrom(so['resources'])),
  };
  const rtcr = so['requestedToCapacityRatio'] as Record<string, unknown> | undefined | null;
  if (rtcr !== undefined && rtcr !== null) strategy.requestedToCapacityRatio = { shape: shapeFrom(rtcr['shape']) };
  args.scoringStrategy = strategy;
  return args;
}

/** validateFunctionShape: at least one point, utilisations strictly increasing, utilisation 0..100, score 0..10. */
export function validateFunctionShape(shape: readonly UtilizationShapePoint[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (shape.length === 0) return [required(path, 'at least one point must be specified')];
  for (let i = 1; i < shape.length; i++) {
    if (shape[i - 1]!.utilization >= shape[i]!.utilization) {
      errs.push(invalid(child(index(path, i), 'utilization'), shape[i]!.utilization, 'utilization values must be sorted in increasing order'));
      break;
    }
  }
  shape.forEach((p, i) => {
    if (!(p.utilization >= 0 && p.utilization <= 100)) {
      errs.push(invalid(child(index(path, i), 'utilization'), p.utilization, 'not in valid range [0, 100]'));
    }
    if (!(p.score >= 0 && p.score <= 10)) {
      errs.push(invalid(child(index(path, i), 'score'), p.score, 'not in valid range [0, 10]'));
    }
  });
  return errs;
}

/**
 * ValidateNodeResourcesFitArgs (v1.34): ignoredResources are qualified names;
 * ignoredResourceGroups are qualified names without `/`; the strategy is
 * required, of a supported type, with weights in (0, 100] and, when present,
 * a valid shape (reported under `scoringStrategy.shape`, as upstream does).
 * One addition: RequestedToCapacityRatio without its parameters is rejected
 * (`scoringStrategy.requestedToCapacityRatio: Required value`, the check
 * upstream added after 1.34, where such a config made NewFit dereference nil).
 */
export function validateNodeResourcesFitArgs(args: NodeResourcesFitArgs): ArgsError[] {
  const errs: FieldError[] = [];
  args.ignoredResources.forEach((res, i) => {
    for (const msg of isQualifiedName(res)) errs.push(invalid(index('ignoredResources', i), res, msg));
  });
  args.ignoredResourceGroups.forEach((group, i) => {
    const path = index('ignoredResourceGroups', i);
    if (group.includes('/')) errs.push(invalid(path, group, "resource group name can't contain '/'"));
    for (const msg of isQualifiedName(group)) errs.push(invalid(path, group, msg));
  });
  const strategy = args.scoringStrategy;
  if (strategy === undefined) {
    errs.push(required('scoringStrategy', 'ScoringStrategy field is required'));
  } else {
    if (!SUPPORTED_STRATEGIES.includes(strategy.type)) {
      errs.push(notSupported('scoringStrategy.type', strategy.type, SUPPORTED_STRATEGIES));
    }
    errs.push(...validateResourceWeights(strategy.resources, 'scoringStrategy.resources'));
    if (strategy.requestedToCapacityRatio !== undefined) {
      errs.push(...validateFunctionShape(strategy.requestedToCapacityRatio.shape, 'scoringStrategy.shape'));
    } else if (strategy.type === 'RequestedToCapacityRatio') {
      errs.push(required('scoringStrategy.requestedToCapacityRatio', 'must be specified when type is RequestedToCapacityRatio'));
    }
  }
  return toArgsErrors(errs);
}
