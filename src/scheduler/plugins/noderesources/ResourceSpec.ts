/**
 * The resource lists of the noderesources plugins' args (config.ResourceSpec):
 * which resources a scoring strategy looks at, each with a weight.
 */
import { index, child, invalid, type FieldError } from '../../../api/validation/field.js';

/** One resource a scorer looks at, with its weight (config.ResourceSpec). */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** defaultResourceSpec of pkg/scheduler/apis/config/v1/defaults.go: cpu and memory, weight 1 each. */
export function defaultResourceSpecs(): ResourceSpec[] {
  return [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ];
}

/** The args' resource list as given (copied), or undefined when absent or not a list. */
export function resourceSpecsFrom(raw: unknown): ResourceSpec[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.map((r: unknown) => {
    const o = (r ?? {}) as { name?: unknown; weight?: unknown };
    return { name: typeof o.name === 'string' ? o.name : '', weight: typeof o.weight === 'number' ? o.weight : 0 };
  });
}

/** v1 defaulting of a resource list: empty → cpu and memory; a weight of 0 (unset) → 1. */
export function defaultedResourceSpecs(specs: readonly ResourceSpec[] | undefined): ResourceSpec[] {
  if (specs === undefined || specs.length === 0) return defaultResourceSpecs();
  return specs.map((s) => ({ name: s.name, weight: s.weight === 0 ? 1 : s.weight }));
}

/** validateResources of validation_pluginargs.go: every weight in (0, 100]. */
export function validateResourceWeights(specs: readonly ResourceSpec[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  specs.forEach((s, i) => {
    if (!(s.weight > 0 && s.weight <= 100) || !Number.isInteger(s.weight)) {
      errs.push(invalid(child(index(path, i), 'weight'), s.weight, `resource weight of ${s.name} not in valid range (0, 100]`));
    }
  });
  return errs;
}
