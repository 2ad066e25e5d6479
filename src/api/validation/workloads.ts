/**
 * ReplicaSet and StatefulSet validation, ported from
 * pkg/apis/apps/validation (ValidateReplicaSetSpec,
 * ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec), v1.34.
 * Both validate their pod template as a PodTemplateSpec.
 */
import { labelSelectorAsSelector, LabelSelectorError, type Selector } from '../labels.js';
import type { LabelSelector } from '../types.js';
import { validateLabelSelector } from './affinity.js';
import { child, type FieldError, forbidden, GoLiteral, goQuote, invalid, notSupported, required } from './field.js';
import { nameIsDNSSubdomain } from './identifiers.js';
import { validateObjectMeta } from './meta.js';
import { type PodSpecValidationOptions, validatePodTemplateSpec } from './podSpec.js';
import { goStringMap, isObject, type JsonObject, Reader } from './shape.js';

/** Go's `%#v` of a metav1.LabelSelector, as upstream prints an invalid selector. */
export function goLabelSelector(sel: JsonObject): GoLiteral {
  const ml = isObject(sel['matchLabels']) ? (sel['matchLabels'] as Record<string, string>) : undefined;
  const me = Array.isArray(sel['matchExpressions']) ? sel['matchExpressions'] : undefined;
  const exprs =
    me === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${me
          .map((e) => {
            const o = isObject(e) ? e : {};
            const vals = Array.isArray(o['values']) ? `[]string{${o['values'].map((v) => goQuote(String(v))).join(', ')}}` : '[]string(nil)';
            return `v1.LabelSelectorRequirement{Key:${goQuote(String(o['key'] ?? ''))}, Operator:${goQuote(String(o['operator'] ?? ''))}, Values:${vals}}`;
          })
          .join(', ')}}`;
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${goStringMap(ml).repr}, MatchExpressions:${exprs}}`);
}

/**
 * The selector rules shared by ReplicaSet and StatefulSet: required,
 * valid, non-empty, and matching the template's labels.
 */
function validateSelectorAndTemplate(
  r: Reader,
  spec: JsonObject,
  kindWord: string,
  opts: PodSpecValidationOptions,
): void {
  const selPath = 'spec.selector';
  const sel = r.object(spec['selector'], selPath);
  let selector: Selector | undefined;
  if (sel === undefined) {
    r.add(required(selPath));
  } else {
    const errs = validateLabelSelector(sel, selPath);
    r.add(...errs);
    const ml = isObject(sel['matchLabels']) ? Object.keys(sel['matchLabels']).length : 0;
    const me = Array.isArray(sel['matchExpressions']) ? sel['matchExpressions'].length : 0;
    if (ml + me === 0) r.add(invalid(selPath, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
    if (errs.length === 0) {
      try {
        selector = labelSelectorAsSelector(sel as LabelSelector);
      } catch (err) {
        if (!(err instanceof LabelSelectorError)) throw err;
        r.add(invalid(selPath, goLabelSelector(sel), 'invalid label selector'));
      }
    }
  }
  const tPath = 'spec.template';
  const template: JsonObject = r.object(spec['template'], tPath) ?? {};
  const meta = isObject(template['metadata']) ? template['metadata'] : {};
  const labels = isObject(meta['labels']) ? (meta['labels'] as Record<string, string>) : undefined;
  if (selector !== undefined && !selector.empty() && !selector.matches(labels ?? {})) {
    r.add(invalid(child(tPath, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  r.add(...validatePodTemplateSpec(template, tPath, opts));
  const tSpec = isObject(template['spec']) ? template['spec'] : {};
  const restart = typeof tSpec['restartPolicy'] === 'string' ? tSpec['restartPolicy'] : 'Always';
  if (restart !== 'Always') r.add(notSupported(child(tPath, 'spec', 'restartPolicy'), restart, ['Always']));
  if (tSpec['activeDeadlineSeconds'] !== undefined && tSpec['activeDeadlineSeconds'] !== null) {
    const which = kindWord === 'statefulset' ? 'StatefulSet' : 'ReplicaSet';
    r.add(forbidden(child(tPath, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${which} is not Supported`));
  }
}

function nonNegative(r: Reader, spec: JsonObject, field: string): void {
  const v = r.int32(spec[field], child('spec', field));
  if (v !== undefined && v < 0) r.add(invalid(child('spec', field), v, 'must be greater than or equal to 0'));
}

/**
 * ValidateReplicaSet: metadata, replicas and minReadySeconds non-negative,
 * selector required and non-empty and matching the template labels, the
 * template a valid pod template with restartPolicy Always.
 */
export function validateReplicaSet(rs: unknown, opts: PodSpecValidationOptions = {}): FieldError[] {
  const o = isObject(rs) ? rs : {};
  const r = new Reader();
  r.add(...validateObjectMeta(o['metadata'], { namespaced: true, nameFn: nameIsDNSSubdomain }));
  const spec: JsonObject = r.object(o['spec'], 'spec') ?? {};
  nonNegative(r, spec, 'replicas');
  nonNegative(r, spec, 'minReadySeconds');
  // Upstream's message says "deployment" for ReplicaSets too.
  validateSelectorAndTemplate(r, spec, 'deployment', opts);
  return r.errors;
}

/**
 * ValidateStatefulSet: metadata, podManagementPolicy and updateStrategy
 * (when set), replicas and minReadySeconds non-negative, selector rules as
 * for ReplicaSets, the template with restartPolicy Always.
 */
export function validateStatefulSet(sts: unknown, opts: PodSpecValidationOptions = {}): FieldError[] {
  const o = isObject(sts) ? sts : {};
  const r = new Reader();
  r.add(...validateObjectMeta(o['metadata'], { namespaced: true, nameFn: nameIsDNSSubdomain }));
  const spec: JsonObject = r.object(o['spec'], 'spec') ?? {};
  const pmp = r.optString(spec['podManagementPolicy'], 'spec.podManagementPolicy');
  if (pmp !== undefined && pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    r.add(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = r.object(spec['updateStrategy'], 'spec.updateStrategy');
  const sType = strategy === undefined ? undefined : r.optString(strategy['type'], 'spec.updateStrategy.type');
  if (sType !== undefined && sType !== 'RollingUpdate' && sType !== 'OnDelete') {
    r.add(invalid('spec.updateStrategy', sType, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  nonNegative(r, spec, 'replicas');
  nonNegative(r, spec, 'minReadySeconds');
  r.string(spec['serviceName'], 'spec.serviceName');
  validateSelectorAndTemplate(r, spec, 'statefulset', opts);
  return r.errors;
}
