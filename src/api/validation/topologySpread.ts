/**
 * topologySpreadConstraints validation, ported from pkg/apis/core/validation
 * (validateTopologySpreadConstraints and helpers), v1.34.
 */
import { validateLabelSelector } from './affinity.js';
import { child, duplicate, type FieldError, forbidden, index, invalid, notSupported, required } from './field.js';
import { validateLabelName } from './meta.js';
import { type JsonObject, Reader } from './shape.js';

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];

/**
 * validateTopologySpreadConstraints: maxSkew > 0; topologyKey set;
 * whenUnsatisfiable DoNotSchedule or ScheduleAnyway; no two constraints with
 * the same {topologyKey, whenUnsatisfiable}; minDomains > 0 and only with
 * DoNotSchedule; node inclusion policies Honor or Ignore; matchLabelKeys
 * valid and not in the selector; the label selector valid.
 */
export function validateTopologySpreadConstraints(value: unknown, path: string): FieldError[] {
  const r = new Reader();
  const list = r.array(value, path) ?? [];
  const read = list.map((v, i) => {
    const p = index(path, i);
    const c: JsonObject = r.object(v, p) ?? {};
    return {
      p,
      c,
      topologyKey: r.string(c['topologyKey'], child(p, 'topologyKey')),
      whenUnsatisfiable: r.string(c['whenUnsatisfiable'], child(p, 'whenUnsatisfiable')),
    };
  });
  read.forEach(({ p, c, topologyKey, whenUnsatisfiable }, i) => {
    const maxSkew = r.int32(c['maxSkew'], child(p, 'maxSkew')) ?? 0;
    if (maxSkew <= 0) r.add(invalid(child(p, 'maxSkew'), maxSkew, 'must be greater than zero'));
    if (topologyKey.length === 0) r.add(required(child(p, 'topologyKey'), 'can not be empty'));
    if (!SCHEDULE_ACTIONS.includes(whenUnsatisfiable)) {
      r.add(notSupported(child(p, 'whenUnsatisfiable'), whenUnsatisfiable, SCHEDULE_ACTIONS));
    }
    for (const rest of read.slice(i + 1)) {
      if (rest.topologyKey === topologyKey && rest.whenUnsatisfiable === whenUnsatisfiable) {
        r.add(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${whenUnsatisfiable}}`));
        break;
      }
    }
    const minDomains = r.int32(c['minDomains'], child(p, 'minDomains'));
    if (minDomains !== undefined) {
      if (minDomains <= 0) r.add(invalid(child(p, 'minDomains'), minDomains, 'must be greater than zero'));
      if (whenUnsatisfiable !== 'DoNotSchedule') {
        r.add(
          invalid(child(p, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${whenUnsatisfiable}`),
        );
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = r.optString(c[policy], child(p, policy));
      if (v !== undefined && !INCLUSION_POLICIES.includes(v)) r.add(notSupported(child(p, policy), v, INCLUSION_POLICIES));
    }
    const keys = r.stringList(c['matchLabelKeys'], child(p, 'matchLabelKeys')) ?? [];
    if (keys.length > 0) {
      const selector = r.object(c['labelSelector'], child(p, 'labelSelector'));
      const selectorKeys = new Set<string>();
      if (selector === undefined) {
        r.add(forbidden(child(p, 'matchLabelKeys'), 'must not be specified when labelSelector is not set'));
      } else {
        const ml = selector['matchLabels'];
        if (typeof ml === 'object' && ml !== null) for (const k of Object.keys(ml)) selectorKeys.add(k);
        const me = selector['matchExpressions'];
        if (Array.isArray(me)) {
          for (const e of me) if (typeof e === 'object' && e !== null && typeof e.key === 'string') selectorKeys.add(e.key);
        }
      }
      keys.forEach((k, j) => {
        r.add(...validateLabelName(k, index(child(p, 'matchLabelKeys'), j)));
        if (selectorKeys.has(k)) r.add(invalid(index(child(p, 'matchLabelKeys'), j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    r.add(...validateLabelSelector(c['labelSelector'], child(p, 'labelSelector')));
  });
  return r.errors;
}
