/**
 * Toleration and taint validation, ported from pkg/apis/core/validation
 * (ValidateTolerations, validateNodeTaints, validateTaintEffect), v1.34.
 */
import { child, duplicate, type FieldError, GoLiteral, goQuote, index, invalid, notSupported, required } from './field.js';
import { isValidLabelValue } from './identifiers.js';
import { validateLabelName } from './meta.js';
import { type JsonObject, Reader } from './shape.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect: one of NoSchedule, PreferNoSchedule, NoExecute (empty allowed for tolerations). */
function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/**
 * ValidateTolerations: a key, when set, is a qualified name; an empty key
 * needs operator Exists; tolerationSeconds needs effect NoExecute; operator
 * Equal (or empty) takes a label value, Exists no value; the effect, when set,
 * is a taint effect.
 */
export function validateTolerations(value: unknown, path: string): FieldError[] {
  const r = new Reader();
  (r.array(value, path) ?? []).forEach((v, i) => {
    const p = index(path, i);
    const t: JsonObject = r.object(v, p) ?? {};
    const key = r.string(t['key'], child(p, 'key'));
    const operator = r.string(t['operator'], child(p, 'operator'));
    const tValue = r.string(t['value'], child(p, 'value'));
    const effect = r.string(t['effect'], child(p, 'effect'));
    const seconds = r.int64(t['tolerationSeconds'], child(p, 'tolerationSeconds'));
    if (key.length > 0) r.add(...validateLabelName(key, child(p, 'key')));
    if (key.length === 0 && operator !== 'Exists') {
      r.add(invalid(child(p, 'operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (seconds !== undefined && effect !== 'NoExecute') {
      r.add(invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case 'Equal':
      case '': {
        const errs = isValidLabelValue(tValue);
        if (errs.length > 0) r.add({ ...invalid(child(p, 'operator'), tValue, errs.join(';')), linePath: child(p, 'value') });
        break;
      }
      case 'Exists':
        if (tValue.length > 0) {
          r.add({ ...invalid(child(p, 'operator'), tValue, "value must be empty when `operator` is 'Exists'"), linePath: child(p, 'value') });
        }
        break;
      default:
        r.add(notSupported(child(p, 'operator'), operator, ['Equal', 'Exists']));
    }
    if (effect.length > 0) r.add(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return r.errors;
}

/**
 * validateNodeTaints: key a qualified name, value a label value, effect
 * required and valid, taints unique by key and effect. Upstream reports them
 * under `metadata.taints` (sic); `linePath` points at `spec.taints`.
 */
export function validateNodeTaints(value: unknown, path: string, linePath: string): FieldError[] {
  const r = new Reader();
  const seen = new Map<string, Set<string>>();
  (r.array(value, linePath) ?? []).forEach((v, i) => {
    const p = index(path, i);
    const lp = index(linePath, i);
    const t: JsonObject = r.object(v, lp) ?? {};
    const key = r.string(t['key'], child(lp, 'key'));
    const tValue = r.string(t['value'], child(lp, 'value'));
    const effect = r.string(t['effect'], child(lp, 'effect'));
    const at = (sub: string) => ({ linePath: child(lp, sub) });
    for (const e of validateLabelName(key, child(p, 'key'))) r.add({ ...e, ...at('key') });
    const valueErrs = isValidLabelValue(tValue);
    if (valueErrs.length > 0) r.add({ ...invalid(child(p, 'value'), tValue, valueErrs.join(';')), ...at('value') });
    for (const e of validateTaintEffect(effect, false, child(p, 'effect'))) r.add({ ...e, ...at('effect') });
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      const repr = `core.Taint{Key:${goQuote(key)}, Value:${goQuote(tValue)}, Effect:${goQuote(effect)}, TimeAdded:<nil>}`;
      r.add({ ...duplicate(p, new GoLiteral(repr)), detail: 'taints must be unique by key and effect pair', linePath: lp });
      return;
    }
    keys.add(key);
    seen.set(effect, keys);
  });
  return r.errors;
}
