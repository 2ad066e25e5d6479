/**
 * Node selection, ported from
 * k8s.io/component-helpers/scheduling/corev1/nodeaffinity (v1.34):
 * NodeSelector terms are ORed, the requirements of a term ANDed; a term with
 * neither matchExpressions nor matchFields matches nothing; matchExpressions
 * take In, NotIn, Exists, DoesNotExist, Gt and Lt (integers); matchFields
 * take `metadata.name` with In/NotIn and exactly one value.
 */
import { newSelector, Requirement, type Selector, type SelectionOperator, validateRequirement, NOTHING } from './labels.js';
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from './types.js';
import { aggregateMessage, child, type FieldError, goStringSlice, index, invalid, notSupported } from './validation/field.js';

/** What node matching reads of a Node: its name and labels. `Node` satisfies it. */
export interface NodeLike {
  readonly metadata: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
}

/** The field name matchFields may use. */
export const OBJECT_NAME_FIELD = 'metadata.name';

const VALID_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const VALID_FIELD_SELECTOR_OPERATORS = ['In', 'NotIn'];
const OPERATOR_MAP: Record<string, SelectionOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

/** A node selector (or preferred terms) that does not parse; `errors` holds upstream's field errors. */
export class NodeSelectorError extends Error {
  override readonly name: string = 'NodeSelectorError';
  /** @param errors the field errors, in upstream's order */
  constructor(readonly errors: readonly FieldError[]) {
    super(aggregateMessage(errors));
  }
}

/** A fields.Selector of `field = value` / `field != value` terms, ANDed. */
interface FieldTerm {
  readonly field: string;
  readonly value: string;
  readonly equal: boolean;
}

/**
 * nodeSelectorRequirementsAsSelector: compiles label requirements, pushing
 * parse errors onto `errs`; undefined when any requirement failed.
 */
function parseRequirements(exprs: readonly NodeSelectorRequirement[], path: string, errs: FieldError[]): Selector | undefined {
  const reqs: Requirement[] = [];
  const before = errs.length;
  exprs.forEach((expr, i) => {
    const p = index(path, i);
    const op = Object.hasOwn(OPERATOR_MAP, expr.operator) ? OPERATOR_MAP[expr.operator] : undefined;
    if (op === undefined) {
      errs.push(notSupported(child(p, 'operator'), expr.operator, VALID_SELECTOR_OPERATORS));
      return;
    }
    const reqErrs = validateRequirement(expr.key, op, expr.values, p);
    if (reqErrs.length > 0) errs.push(...reqErrs);
    else reqs.push(new Requirement(expr.key, op, [...(expr.values ?? [])]));
  });
  return errs.length > before ? undefined : newSelector(reqs);
}

/** A parsed NodeSelectorTerm. */
class ParsedTerm {
  matchLabels: Selector | undefined;
  matchFields: readonly FieldTerm[] | undefined;
  readonly parseErrs: FieldError[] = [];

  constructor(term: NodeSelectorTerm, path: string) {
    const exprs = term.matchExpressions ?? [];
    if (exprs.length > 0) this.matchLabels = parseRequirements(exprs, child(path, 'matchExpressions'), this.parseErrs);
    const fields = term.matchFields ?? [];
    if (fields.length > 0) this.matchFields = this.parseFields(fields, child(path, 'matchFields'));
  }

  private parseFields(exprs: readonly NodeSelectorRequirement[], path: string): FieldTerm[] | undefined {
    const terms: FieldTerm[] = [];
    const before = this.parseErrs.length;
    exprs.forEach((expr, i) => {
      const p = index(path, i);
      if (expr.operator === 'In' || expr.operator === 'NotIn') {
        const values = expr.values ?? [];
        if (values.length !== 1) {
          this.parseErrs.push(invalid(child(p, 'values'), goStringSlice(expr.values), 'must have one element'));
        } else {
          terms.push({ field: expr.key, value: values[0] ?? '', equal: expr.operator === 'In' });
        }
      } else {
        this.parseErrs.push(notSupported(child(p, 'operator'), expr.operator, VALID_FIELD_SELECTOR_OPERATORS));
      }
    });
    return this.parseErrs.length > before ? undefined : terms;
  }

  /** nodeSelectorTerm.match: labels, then fields (fields are skipped for a node without a name). */
  match(labels: Readonly<Record<string, string>>, nodeName: string): boolean {
    if (this.matchLabels !== undefined && !this.matchLabels.matches(labels)) return false;
    if (this.matchFields !== undefined && nodeName !== '') {
      for (const t of this.matchFields) {
        const v = t.field === OBJECT_NAME_FIELD ? nodeName : '';
        if ((v === t.value) !== t.equal) return false;
      }
    }
    return true;
  }
}

function isEmptyTerm(term: NodeSelectorTerm): boolean {
  return (term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0;
}

/** The outcome of a lazy match: parse errors are reported only when no term matched. */
export interface LazyMatchResult {
  readonly matched: boolean;
  readonly errors: readonly FieldError[];
}

/**
 * nodeaffinity.LazyErrorNodeSelector: matches terms ORed and reports the
 * parse errors of broken terms only when no other term matched.
 */
export class LazyErrorNodeSelector {
  private readonly terms: ParsedTerm[] = [];

  /**
   * @param ns the selector; a missing one matches nothing
   * @param path the field path error messages start from (`""`: `nodeSelectorTerms[0]...`)
   */
  constructor(ns: NodeSelector | null | undefined, path = '') {
    const termsPath = child(path, 'nodeSelectorTerms');
    (ns?.nodeSelectorTerms ?? []).forEach((term, i) => {
      if (!isEmptyTerm(term)) this.terms.push(new ParsedTerm(term, index(termsPath, i)));
    });
  }

  /** The parse errors of every term. */
  parseErrors(): FieldError[] {
    return this.terms.flatMap((t) => t.parseErrs);
  }

  /** True if any well-formed term matches (no allocation; terms with parse errors never match). */
  matches(labels: Readonly<Record<string, string>>, nodeName: string): boolean {
    for (const term of this.terms) {
      if (term.parseErrs.length === 0 && term.match(labels, nodeName)) return true;
    }
    return false;
  }

  /** LazyErrorNodeSelector.Match: true if any term matches; errors only when none did. */
  match(node: NodeLike | null | undefined): LazyMatchResult {
    if (node === null || node === undefined) return { matched: false, errors: [] };
    const labels = node.metadata.labels ?? {};
    const name = node.metadata.name ?? '';
    const errors: FieldError[] = [];
    for (const term of this.terms) {
      if (term.parseErrs.length > 0) {
        errors.push(...term.parseErrs);
        continue;
      }
      if (term.match(labels, name)) return { matched: true, errors: [] };
    }
    return { matched: false, errors };
  }
}

/**
 * nodeaffinity.NodeSelector: a node selector whose every term parses.
 * Build it with {@link newNodeSelector}.
 */
export class NodeSelectorMatcher {
  /** @param lazy the parsed terms, known to be free of parse errors */
  constructor(private readonly lazy: LazyErrorNodeSelector) {}

  /** NodeSelector.Match: terms ORed; a missing node matches nothing. */
  match(node: NodeLike | null | undefined): boolean {
    if (node === null || node === undefined) return false;
    return this.lazy.matches(node.metadata.labels ?? {}, node.metadata.name ?? '');
  }
}

/**
 * nodeaffinity.NewNodeSelector.
 * @throws NodeSelectorError aggregating every term's parse errors
 */
export function newNodeSelector(ns: NodeSelector, path = ''): NodeSelectorMatcher {
  const lazy = new LazyErrorNodeSelector(ns, path);
  const errs = lazy.parseErrors();
  if (errs.length > 0) throw new NodeSelectorError(errs);
  return new NodeSelectorMatcher(lazy);
}

/**
 * corev1 helpers' MatchNodeSelectorTerms: whether the node matches the
 * selector's terms (ORed); a broken term simply does not match.
 */
export function matchNodeSelectorTerms(node: NodeLike | null | undefined, nodeSelector: NodeSelector | null | undefined): boolean {
  if (node === null || node === undefined) return false;
  return new LazyErrorNodeSelector(nodeSelector).match(node).matched;
}

/** nodeaffinity.PreferredSchedulingTerms: weighted terms for NodeAffinity's score. */
export class PreferredSchedulingTerms {
  private constructor(private readonly terms: ReadonlyArray<{ term: ParsedTerm; weight: number }>) {}

  /**
   * NewPreferredSchedulingTerms: terms with weight 0 or an empty preference
   * are dropped (and not parsed).
   * @throws NodeSelectorError aggregating the parse errors of the kept terms
   */
  static create(terms: readonly PreferredSchedulingTerm[] | null | undefined, path = ''): PreferredSchedulingTerms {
    const parsed: Array<{ term: ParsedTerm; weight: number }> = [];
    const errs: FieldError[] = [];
    (terms ?? []).forEach((t, i) => {
      if (t.weight === 0 || isEmptyTerm(t.preference)) return;
      const term = new ParsedTerm(t.preference, index(path, i));
      if (term.parseErrs.length > 0) errs.push(...term.parseErrs);
      else parsed.push({ term, weight: t.weight });
    });
    if (errs.length > 0) throw new NodeSelectorError(errs);
    return new PreferredSchedulingTerms(parsed);
  }

  /** The number of terms kept. */
  get length(): number {
    return this.terms.length;
  }

  /** PreferredSchedulingTerms.Score: the sum of the weights of the terms the node matches. */
  score(node: NodeLike): number {
    const labels = node.metadata.labels ?? {};
    const name = node.metadata.name ?? '';
    let score = 0;
    for (const { term, weight } of this.terms) if (term.match(labels, name)) score += weight;
    return score;
  }
}

/**
 * nodeaffinity.RequiredNodeAffinity: a pod's `spec.nodeSelector` (every label
 * equal) AND its required node affinity terms. Build it once per pod with
 * {@link RequiredNodeAffinity.fromPod} and match it against each node.
 */
export class RequiredNodeAffinity {
  /**
   * @param nodeSelector the pod's nodeSelector labels (none: no constraint)
   * @param affinity the required terms (none: no constraint)
   */
  constructor(
    private readonly nodeSelector: Readonly<Record<string, string>> | undefined,
    private readonly affinity: LazyErrorNodeSelector | undefined,
  ) {
    this.selectorEntries = nodeSelector === undefined ? [] : Object.entries(nodeSelector);
  }

  private readonly selectorEntries: ReadonlyArray<readonly [string, string]>;

  private selectorMatches(labels: Readonly<Record<string, string>>): boolean {
    for (const [k, v] of this.selectorEntries) if (labels[k] !== v || !Object.hasOwn(labels, k)) return false;
    return true;
  }

  /** GetRequiredNodeAffinity. */
  static fromPod(pod: Pod): RequiredNodeAffinity {
    const sel = pod.spec.nodeSelector;
    const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return new RequiredNodeAffinity(
      sel !== undefined && Object.keys(sel).length > 0 ? sel : undefined,
      required !== undefined ? new LazyErrorNodeSelector(required) : undefined,
    );
  }

  /** True when the pod has neither a nodeSelector nor required node affinity. */
  isEmpty(): boolean {
    return this.nodeSelector === undefined && this.affinity === undefined;
  }

  /** RequiredNodeAffinity.Match, with the lazy parse errors of its terms. */
  matchWithErrors(node: NodeLike): LazyMatchResult {
    if (!this.selectorMatches(node.metadata.labels ?? {})) return { matched: false, errors: [] };
    if (this.affinity !== undefined) return this.affinity.match(node);
    return { matched: true, errors: [] };
  }

  /** RequiredNodeAffinity.Match: whether the pod may run on the node (errors count as no match). */
  match(node: NodeLike): boolean {
    const labels = node.metadata.labels ?? {};
    if (!this.selectorMatches(labels)) return false;
    return this.affinity === undefined || this.affinity.matches(labels, node.metadata.name ?? '');
  }
}

/**
 * nodeSelectorRequirementsAsSelector: the label Selector that node selector
 * requirements compile to ({@link NOTHING} when there are none).
 * @throws NodeSelectorError with upstream's field errors, paths under `path`
 */
export function nodeSelectorRequirementsAsSelector(reqs: readonly NodeSelectorRequirement[] | null | undefined, path = ''): Selector {
  if (reqs === null || reqs === undefined || reqs.length === 0) return NOTHING;
  const errs: FieldError[] = [];
  const sel = parseRequirements(reqs, path, errs);
  if (sel === undefined) throw new NodeSelectorError(errs);
  return sel;
}
