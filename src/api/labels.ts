/**
 * Label selectors, ported from k8s.io/apimachinery/pkg/labels (selector.go:
 * Requirement, internalSelector, Everything, Nothing, SelectorFromSet) and
 * metav1.LabelSelectorAsSelector (v1.34).
 *
 * The distinction upstream draws matters to the scheduler: a missing (null)
 * LabelSelector becomes {@link NOTHING} (matches no object), an empty one `{}`
 * becomes {@link EVERYTHING} (matches every object, and is {@link Selector.empty}).
 */
import type { LabelSelector } from './types.js';
import {
  aggregateMessage,
  child,
  type FieldError,
  goQuote,
  goStringSlice,
  index,
  invalid,
  notSupported,
} from './validation/field.js';
import { isQualifiedName, isValidLabelValue } from './validation/identifiers.js';

/** A set of labels. */
export type Labels = Readonly<Record<string, string>>;

/** selection.Operator. */
export type SelectionOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

const VALID_OPERATORS: readonly string[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];

function lookup(labels: Labels, k: string): string | undefined {
  return Object.hasOwn(labels, k) ? labels[k] : undefined;
}

/** labels.Requirement: a key, an operator and values. */
export class Requirement {
  /**
   * Builds a requirement without validating it; use {@link newRequirement} for
   * upstream's checks.
   */
  constructor(
    readonly key: string,
    readonly operator: SelectionOperator,
    readonly values: readonly string[],
  ) {}

  /** Requirement.Matches. */
  matches(labels: Labels): boolean {
    switch (this.operator) {
      case 'in':
      case '=':
      case '==': {
        const v = lookup(labels, this.key);
        return v !== undefined && this.values.includes(v);
      }
      case 'notin':
      case '!=': {
        const v = lookup(labels, this.key);
        return v === undefined || !this.values.includes(v);
      }
      case 'exists':
        return Object.hasOwn(labels, this.key);
      case '!':
        return !Object.hasOwn(labels, this.key);
      case 'gt':
      case 'lt': {
        const v = lookup(labels, this.key);
        if (v === undefined) return false;
        const lsValue = parseInt64(v);
        if (lsValue === undefined || this.values.length !== 1) return false;
        const rValue = parseInt64(this.values[0] ?? '');
        if (rValue === undefined) return false;
        return this.operator === 'gt' ? lsValue > rValue : lsValue < rValue;
      }
      default:
        return false;
    }
  }

  /** Requirement.String: `x in (a,b)`, `x!=a`, `!x`, `x>1`. */
  toString(): string {
    let s = this.operator === '!' ? `!${this.key}` : this.key;
    switch (this.operator) {
      case '=':
        s += '=';
        break;
      case '==':
        s += '==';
        break;
      case '!=':
        s += '!=';
        break;
      case 'in':
        s += ' in ';
        break;
      case 'notin':
        s += ' notin ';
        break;
      case 'gt':
        s += '>';
        break;
      case 'lt':
        s += '<';
        break;
      default:
        return s;
    }
    const vals = this.values.length === 1 ? (this.values[0] ?? '') : [...this.values].sort().join(',');
    return this.operator === 'in' || this.operator === 'notin' ? `${s}(${vals})` : `${s}${vals}`;
  }
}

/** strconv.ParseInt(s, 10, 64) as a BigInt, or undefined when it fails. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/** labels.Selector: matches label sets. */
export interface Selector {
  /** True when the labels satisfy every requirement. */
  matches(labels: Labels): boolean;
  /** True when the selector does not restrict anything (Everything); false for Nothing. */
  empty(): boolean;
  /** The requirements, sorted by key; undefined for Nothing (selectable = false). */
  requirements(): readonly Requirement[] | undefined;
  /** Selector.String: requirements joined by commas (`""` for Everything and Nothing). */
  toString(): string;
}

class InternalSelector implements Selector {
  constructor(private readonly reqs: readonly Requirement[]) {}

  matches(labels: Labels): boolean {
    for (const r of this.reqs) if (!r.matches(labels)) return false;
    return true;
  }

  empty(): boolean {
    return this.reqs.length === 0;
  }

  requirements(): readonly Requirement[] {
    return this.reqs;
  }

  toString(): string {
    return this.reqs.map((r) => r.toString()).join(',');
  }
}

class NothingSelector implements Selector {
  matches(): boolean {
    return false;
  }

  empty(): boolean {
    return false;
  }

  requirements(): undefined {
    return undefined;
  }

  toString(): string {
    return '';
  }
}

/** labels.Everything(): matches every label set. */
export const EVERYTHING: Selector = new InternalSelector([]);
/** labels.Nothing(): matches no label set. */
export const NOTHING: Selector = new NothingSelector();

/** labels.MatchesNothing: true only for {@link NOTHING}. */
export function matchesNothing(selector: Selector): boolean {
  return selector === NOTHING;
}

/** Sorts by key, stably, as internalSelector.Add does. */
function byKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** labels.NewSelector().Add(reqs...): a selector ANDing the requirements. */
export function newSelector(reqs: readonly Requirement[]): Selector {
  return new InternalSelector(byKey([...reqs]));
}

/** An invalid selector or requirement; `errors` holds upstream's field errors. */
export class LabelSelectorError extends Error {
  override readonly name: string = 'LabelSelectorError';
  /**
   * @param errors the field errors, in upstream's order
   * @param message the message, when upstream's is not the errors' aggregate
   */
  constructor(
    readonly errors: readonly FieldError[],
    message?: string,
  ) {
    super(message ?? aggregateMessage(errors));
  }
}

/**
 * labels.NewRequirement's checks: the key is a qualified name; In/NotIn need
 * values; =, ==, != exactly one; Exists/DoesNotExist none; Gt/Lt exactly one
 * integer; every value a valid label value. `path` prefixes the error fields
 * (`key`, `values`, `values[0]`, `operator`).
 */
export function validateRequirement(k: string, op: string, vals: readonly string[] | undefined, path = ''): FieldError[] {
  const errs: FieldError[] = [];
  for (const msg of isQualifiedName(k)) errs.push(invalid(child(path, 'key'), k, msg));
  const valuePath = child(path, 'values');
  const n = vals?.length ?? 0;
  switch (op) {
    case 'in':
    case 'notin':
      if (n === 0) errs.push(invalid(valuePath, goStringSlice(vals), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (n !== 1) errs.push(invalid(valuePath, goStringSlice(vals), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (n !== 0) errs.push(invalid(valuePath, goStringSlice(vals), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (n !== 1) errs.push(invalid(valuePath, goStringSlice(vals), "for 'Gt', 'Lt' operators, exactly one value is required"));
      (vals ?? []).forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(index(valuePath, i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(notSupported(child(path, 'operator'), op, VALID_OPERATORS));
  }
  (vals ?? []).forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(index(valuePath, i), v, msg));
  });
  return errs;
}

/**
 * labels.NewRequirement: a validated requirement.
 * @throws LabelSelectorError with upstream's field errors
 */
export function newRequirement(k: string, op: SelectionOperator, vals: readonly string[] = [], path = ''): Requirement {
  const errs = validateRequirement(k, op, vals, path);
  if (errs.length > 0) throw new LabelSelectorError(errs);
  return new Requirement(k, op, [...vals]);
}

/**
 * labels.SelectorFromSet: `key = value` for every label, without validation.
 * An empty or missing set gives {@link EVERYTHING}.
 */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  if (set === null || set === undefined) return EVERYTHING;
  const keys = Object.keys(set);
  if (keys.length === 0) return EVERYTHING;
  return new InternalSelector(byKey(keys.map((k) => new Requirement(k, '=', [set[k] ?? '']))));
}

/**
 * labels.ValidatedSelectorFromSet: like {@link selectorFromSet} but each pair
 * must be a valid key and value.
 * @throws LabelSelectorError
 */
export function validatedSelectorFromSet(set: Labels | null | undefined): Selector {
  if (set === null || set === undefined || Object.keys(set).length === 0) return EVERYTHING;
  return newSelector(Object.keys(set).map((k) => newRequirement(k, '=', [set[k] ?? ''])));
}

const OPERATORS: Record<string, SelectionOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: compiles a LabelSelector. null/undefined →
 * {@link NOTHING}; `{}` (no matchLabels, no matchExpressions) → {@link EVERYTHING};
 * otherwise matchLabels (as `=`) ANDed with matchExpressions.
 * @throws LabelSelectorError for an unknown operator or a requirement upstream rejects
 */
export function labelSelectorAsSelector(sel: LabelSelector | null | undefined): Selector {
  if (sel === null || sel === undefined) return NOTHING;
  const matchLabels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels);
  if (labelKeys.length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const k of labelKeys) reqs.push(newRequirement(k, '=', [matchLabels[k] ?? '']));
  for (const expr of exprs) {
    const op = Object.hasOwn(OPERATORS, expr.operator) ? OPERATORS[expr.operator] : undefined;
    if (op === undefined) {
      throw new LabelSelectorError(
        [invalid('operator', expr.operator, 'is not a valid label selector operator')],
        `${goQuote(String(expr.operator))} is not a valid label selector operator`,
      );
    }
    reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])]));
  }
  return newSelector(reqs);
}

/**
 * `selectorFromSet(set).matches(labels)` without building a selector: every
 * key of `set` is in `labels` with the same value (a pod's nodeSelector test).
 */
export function setMatches(set: Labels, labels: Labels): boolean {
  for (const k of Object.keys(set)) if (lookup(labels, k) !== set[k]) return false;
  return true;
}
