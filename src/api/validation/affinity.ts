/**
 * Validation of label selectors, node selectors and (anti-)affinity, ported
 * from pkg/apis/core/validation (ValidateNodeSelector, ValidateNodeSelectorTerm,
 * ValidatePreferredSchedulingTerms, validatePodAffinityTerm, ...) and
 * metav1 validation (ValidateLabelSelector), v1.34.
 */
import { child, type FieldError, forbidden, index, invalid, required } from './field.js';
import { isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from './identifiers.js';
import { validateLabelName, validateLabels } from './meta.js';
import { type JsonObject, Reader } from './shape.js';

/** LabelSelectorValidationOptions. */
export interface LabelSelectorValidationOptions {
  /** Skip the label-value syntax check of matchExpressions values. */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

/** ValidateLabelSelectorRequirement. */
function validateLabelSelectorRequirement(r: Reader, value: unknown, opts: LabelSelectorValidationOptions, path: string): void {
  const sr: JsonObject = r.object(value, path) ?? {};
  const key = r.string(sr['key'], child(path, 'key'));
  const operator = r.string(sr['operator'], child(path, 'operator'));
  const values = r.stringList(sr['values'], child(path, 'values')) ?? [];
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) r.add(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) r.add(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      r.add(invalid(child(path, 'operator'), operator, 'not a valid selector operator'));
  }
  r.add(...validateLabelName(key, child(path, 'key')));
  if (opts.allowInvalidLabelValueInSelector !== true) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) r.add(invalid(index(child(path, 'values'), i), v, msg));
    });
  }
}

/** metav1 ValidateLabelSelector: matchLabels as labels, each matchExpression as a requirement. A missing selector is valid. */
export function validateLabelSelector(sel: unknown, path: string, opts: LabelSelectorValidationOptions = {}): FieldError[] {
  const r = new Reader();
  const s = r.object(sel, path);
  if (s === undefined) return r.errors;
  r.add(...validateLabels(r.stringMap(s['matchLabels'], child(path, 'matchLabels')), child(path, 'matchLabels')));
  (r.array(s['matchExpressions'], child(path, 'matchExpressions')) ?? []).forEach((e, i) =>
    validateLabelSelectorRequirement(r, e, opts, index(child(path, 'matchExpressions'), i)),
  );
  return r.errors;
}

/** ValidateNodeSelectorRequirement (matchExpressions of a node selector term). */
function validateNodeSelectorRequirement(r: Reader, value: unknown, allowInvalidLabelValue: boolean, path: string): void {
  const rq: JsonObject = r.object(value, path) ?? {};
  const key = r.string(rq['key'], child(path, 'key'));
  const operator = r.string(rq['operator'], child(path, 'operator'));
  const values = r.stringList(rq['values'], child(path, 'values')) ?? [];
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) r.add(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) r.add(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) r.add(required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      r.add(invalid(child(path, 'operator'), operator, 'not a valid selector operator'));
  }
  r.add(...validateLabelName(key, child(path, 'key')));
  if (!allowInvalidLabelValue) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) r.add(invalid(index(child(path, 'values'), i), v, msg));
    });
  }
}

/** ValidateNodeFieldSelectorRequirement (matchFields): `metadata.name` with In/NotIn and one value. */
function validateNodeFieldSelectorRequirement(r: Reader, value: unknown, path: string): void {
  const rq: JsonObject = r.object(value, path) ?? {};
  const key = r.string(rq['key'], child(path, 'key'));
  const operator = r.string(rq['operator'], child(path, 'operator'));
  const values = r.stringList(rq['values'], child(path, 'values')) ?? [];
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1) {
      r.add(required(child(path, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    r.add(invalid(child(path, 'operator'), operator, 'not a valid selector operator'));
  }
  if (key !== 'metadata.name') {
    r.add(invalid(child(path, 'key'), key, 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const msg of nameIsDNSSubdomain(v, false)) r.add(invalid(index(child(path, 'values'), i), v, msg));
    });
  }
}

/** ValidateNodeSelectorTerm. */
function validateNodeSelectorTerm(r: Reader, value: unknown, allowInvalidLabelValue: boolean, path: string): void {
  const term: JsonObject = r.object(value, path) ?? {};
  (r.array(term['matchExpressions'], child(path, 'matchExpressions')) ?? []).forEach((e, j) =>
    validateNodeSelectorRequirement(r, e, allowInvalidLabelValue, index(child(path, 'matchExpressions'), j)),
  );
  (r.array(term['matchFields'], child(path, 'matchFields')) ?? []).forEach((e, j) =>
    validateNodeFieldSelectorRequirement(r, e, index(child(path, 'matchFields'), j)),
  );
}

/** ValidateNodeSelector: at least one term, each term valid. */
export function validateNodeSelector(value: unknown, path: string, allowInvalidLabelValue = false): FieldError[] {
  const r = new Reader();
  const ns: JsonObject = r.object(value, path) ?? {};
  const termsPath = child(path, 'nodeSelectorTerms');
  const terms = r.array(ns['nodeSelectorTerms'], termsPath) ?? [];
  if (terms.length === 0) {
    r.add(required(termsPath, 'must have at least one node selector term'));
    return r.errors;
  }
  terms.forEach((t, i) => validateNodeSelectorTerm(r, t, allowInvalidLabelValue, index(termsPath, i)));
  return r.errors;
}

/** ValidatePreferredSchedulingTerms: weights 1..100; invalid label values are allowed in preferences. */
export function validatePreferredSchedulingTerms(value: unknown, path: string): FieldError[] {
  const r = new Reader();
  (r.array(value, path) ?? []).forEach((v, i) => {
    const p = index(path, i);
    const term: JsonObject = r.object(v, p) ?? {};
    const weight = r.int32(term['weight'], child(p, 'weight')) ?? 0;
    if (weight <= 0 || weight > 100) r.add(invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
    validateNodeSelectorTerm(r, term['preference'], true, child(p, 'preference'));
  });
  return r.errors;
}

/** validateMatchLabelKeysAndMismatchLabelKeys (pod affinity terms). */
function validateMatchLabelKeys(r: Reader, path: string, match: string[], mismatch: string[], selector: JsonObject | undefined): void {
  for (const [name, keys] of [
    ['matchLabelKeys', match],
    ['mismatchLabelKeys', mismatch],
  ] as const) {
    if (keys.length === 0) continue;
    if (selector === undefined) {
      r.add(forbidden(child(path, name), 'must not be specified when labelSelector is not set'));
      continue;
    }
    keys.forEach((k, i) => r.add(...validateLabelName(k, index(child(path, name), i))));
  }
  if (selector !== undefined) {
    // Upstream merges `key In (<pod's value>)` for each matchLabelKey into the
    // selector before validating, then rejects keys the user's selector already
    // names; this checks the user's selector directly. The error is indexed on
    // the term's path, not on matchLabelKeys (an upstream quirk kept as is).
    const selectorKeys = new Set(Object.keys(isRecord(selector['matchLabels']) ? selector['matchLabels'] : {}));
    for (const e of Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : []) {
      if (isRecord(e) && typeof e['key'] === 'string') selectorKeys.add(e['key']);
    }
    match.forEach((k, i) => {
      if (selectorKeys.has(k)) r.add(invalid(index(path, i), k, 'exists in both matchLabelKeys and labelSelector'));
    });
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) r.add(invalid(index(child(path, 'matchLabelKeys'), i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
}

function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** validatePodAffinityTerm. */
function validatePodAffinityTerm(r: Reader, value: unknown, path: string): void {
  const term: JsonObject = r.object(value, path) ?? {};
  r.add(...validateLabelSelector(term['labelSelector'], child(path, 'labelSelector')));
  r.add(...validateLabelSelector(term['namespaceSelector'], child(path, 'namespaceSelector')));
  for (const ns of r.stringList(term['namespaces'], child(path, 'namespaces')) ?? []) {
    // Upstream reports these at `namespace` (singular).
    for (const msg of nameIsDNSLabel(ns, false)) r.add(invalid(child(path, 'namespace'), ns, msg));
  }
  const selector = isRecord(term['labelSelector']) ? term['labelSelector'] : undefined;
  validateMatchLabelKeys(
    r,
    path,
    r.stringList(term['matchLabelKeys'], child(path, 'matchLabelKeys')) ?? [],
    r.stringList(term['mismatchLabelKeys'], child(path, 'mismatchLabelKeys')) ?? [],
    selector,
  );
  const topologyKey = r.string(term['topologyKey'], child(path, 'topologyKey'));
  if (topologyKey.length === 0) r.add(required(child(path, 'topologyKey'), 'can not be empty'));
  r.add(...validateLabelName(topologyKey, child(path, 'topologyKey')));
}

function validatePodAffinityLike(r: Reader, value: unknown, path: string): void {
  const a = r.object(value, path);
  if (a === undefined) return;
  const req = child(path, 'requiredDuringSchedulingIgnoredDuringExecution');
  (r.array(a['requiredDuringSchedulingIgnoredDuringExecution'], req) ?? []).forEach((t, i) => validatePodAffinityTerm(r, t, index(req, i)));
  const pref = child(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  (r.array(a['preferredDuringSchedulingIgnoredDuringExecution'], pref) ?? []).forEach((v, j) => {
    const p = index(pref, j);
    const wt: JsonObject = r.object(v, p) ?? {};
    const weight = r.int32(wt['weight'], child(p, 'weight')) ?? 0;
    if (weight <= 0 || weight > 100) r.add(invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
    validatePodAffinityTerm(r, wt['podAffinityTerm'], child(p, 'podAffinityTerm'));
  });
}

/** validateAffinity: node affinity, pod affinity and pod anti-affinity of a pod spec. */
export function validateAffinity(value: unknown, path: string): FieldError[] {
  const r = new Reader();
  const affinity = r.object(value, path);
  if (affinity === undefined) return r.errors;
  const na = r.object(affinity['nodeAffinity'], child(path, 'nodeAffinity'));
  if (na !== undefined) {
    const naPath = child(path, 'nodeAffinity');
    const required = na['requiredDuringSchedulingIgnoredDuringExecution'];
    if (required !== undefined && required !== null) {
      r.add(...validateNodeSelector(required, child(naPath, 'requiredDuringSchedulingIgnoredDuringExecution')));
    }
    r.add(...validatePreferredSchedulingTerms(na['preferredDuringSchedulingIgnoredDuringExecution'], child(naPath, 'preferredDuringSchedulingIgnoredDuringExecution')));
  }
  validatePodAffinityLike(r, affinity['podAffinity'], child(path, 'podAffinity'));
  validatePodAffinityLike(r, affinity['podAntiAffinity'], child(path, 'podAntiAffinity'));
  return r.errors;
}
