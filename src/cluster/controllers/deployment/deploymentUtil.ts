import { deepCopy } from '../../../api/deepCopy.js';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../api/types.js';
import { setPodSpecDefaults } from '../../../api/defaults.js';
import { canonicalJson } from '../../store/names.js';

/** The label that tells a Deployment's ReplicaSets (and their pods) apart. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** The rollout revision of a Deployment and of each of its ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** The Deployment's replicas when the ReplicaSet was last scaled. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** replicas + maxSurge of the Deployment when the ReplicaSet was last scaled. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** intstr.IntOrString as manifests write it: `3` or `"25%"`. */
export type IntOrString = number | string;

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, or a percentage of
 * `total` rounded up or down. Throws on a string that is not `<int>%`.
 */
export function scaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value);
  if (m === null) throw new Error(`invalid value for IntOrString: invalid value "${value}": ${/^-?\d+$/.test(value) ? 'must be a percentage' : 'invalid type: string is not a percentage'}`);
  const percent = Number(m[1]);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and if
 * both come to 0, maxUnavailable becomes 1 (a rollout must be able to move).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [surge: number, unavailable: number] {
  const surge = scaledValueFromIntOrPercent(maxSurge, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** spec.replicas with the API default 1. */
export function deploymentReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

/** spec.replicas of a ReplicaSet with the API default 1. */
export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

/** True for a RollingUpdate Deployment (the default strategy). */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

function rollingParams(d: Deployment): [IntOrString, IntOrString] {
  const r = d.spec.strategy?.rollingUpdate;
  return [r?.maxSurge ?? '25%', r?.maxUnavailable ?? '25%'];
}

/** MaxUnavailable: the resolved maxUnavailable, at most replicas (0 unless RollingUpdate). */
export function maxUnavailable(d: Deployment): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const [surge, unavailable] = rollingParams(d);
  const [, u] = resolveFenceposts(surge, unavailable, replicas);
  return u > replicas ? replicas : u;
}

/** MaxSurge: the resolved maxSurge (0 unless RollingUpdate). */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const [surge, unavailable] = rollingParams(d);
  return resolveFenceposts(surge, unavailable, deploymentReplicas(d))[0];
}

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export function replicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs !== undefined) n += rsReplicas(rs);
  return n;
}

/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export function actualReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs !== undefined) n += rs.status?.replicas ?? 0;
  return n;
}

/** GetReadyReplicaCountForReplicaSets: Σ status.readyReplicas. */
export function readyReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs !== undefined) n += rs.status?.readyReplicas ?? 0;
  return n;
}

/** GetAvailableReplicaCountForReplicaSets: Σ status.availableReplicas. */
export function availableReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs !== undefined) n += rs.status?.availableReplicas ?? 0;
  return n;
}

/**
 * NewRSNewReplicas: the new ReplicaSet's size for this step. RollingUpdate:
 * grow by at most `replicas + maxSurge − Σ spec.replicas`, never past
 * replicas. Recreate: replicas at once.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = scaledValueFromIntOrPercent(rollingParams(d)[0], replicas, true);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return rsReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - rsReplicas(newRS));
  return rsReplicas(newRS) + scaleUp;
}

/** FilterActiveReplicaSets: the ReplicaSets with spec.replicas > 0. */
export function filterActiveReplicaSets<T extends ReplicaSet>(rss: readonly (T | undefined)[]): T[] {
  return rss.filter((rs): rs is T => rs !== undefined && rsReplicas(rs) > 0);
}

/** The template without the pod-template-hash label, for comparison. */
function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const labels = template.metadata?.labels;
  if (labels === undefined || !(POD_TEMPLATE_HASH_LABEL in labels)) return template;
  const rest = { ...labels };
  delete rest[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels: rest } };
}

const normalized = new WeakMap<PodTemplateSpec, string>();

/**
 * The template without the hash label and with the API server's pod spec
 * defaults, as canonical JSON. Defaults are applied because kubesim's API
 * server defaults objects on create but not on update, so a Deployment's
 * edited template may lack defaults its ReplicaSet's template has.
 */
function normalize(template: PodTemplateSpec): string {
  let text = normalized.get(template);
  if (text === undefined) {
    const t = withoutHash(template);
    const spec = deepCopy(t.spec);
    if (spec !== undefined) setPodSpecDefaults(spec);
    text = canonicalJson({ ...t, spec });
    normalized.set(template, text);
  }
  return text;
}

/** EqualIgnoreHash: the two templates are equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return normalize(a) === normalize(b);
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The revision annotation as a number (0 when absent or not a number). */
export function revisionOf(o: { metadata: { annotations?: Record<string, string> } }): number {
  const v = o.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

/** ReplicaSetsByRevision: lowest revision first, ties by creation time. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** MaxRevision: the highest revision among the ReplicaSets. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs));
  return max;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet<T extends ReplicaSet>(d: Deployment, rsList: readonly T[]): T | undefined {
  const sorted = [...rsList].sort(byCreationTimestamp);
  return sorted.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindOldReplicaSets: every ReplicaSet but the new one. */
export function findOldReplicaSets<T extends ReplicaSet>(d: Deployment, rsList: readonly T[]): T[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => newRS === undefined || rs.metadata.uid !== newRS.metadata.uid);
}

/** An integer annotation of the ReplicaSet, if present and valid. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** ReplicasAnnotationsNeedUpdate: desired-replicas or max-replicas differ from these values. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return a?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a?.[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * IsSaturated: the ReplicaSet runs the Deployment's full size, was last
 * scaled for that size, and all of it is available.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const replicas = deploymentReplicas(d);
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  return rsReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * FindActiveOrLatest: the only ReplicaSet with replicas (or the new one, or
 * the newest old one when none has any); undefined when several have some.
 */
export function findActiveOrLatest<T extends ReplicaSet>(newRS: T | undefined, oldRSs: readonly T[]): T | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const all = filterActiveReplicaSets([...newestFirst, newRS]);
  if (all.length === 0) return newRS ?? newestFirst[0];
  if (all.length === 1) return all[0];
  return undefined;
}

/** Go's math.Round: halves away from zero. */
function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * getReplicaSetFraction: the ReplicaSet's share of a proportional scale,
 * from its size relative to the Deployment's max-replicas when last scaled.
 */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = deploymentReplicas(d);
  if (replicas === 0) return -rsReplicas(rs);
  const deploymentMaxReplicas = replicas + maxSurge(d);
  // Without the annotation, fall back to the Deployment's current size.
  const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  const newSize = (rsReplicas(rs) * deploymentMaxReplicas) / annotated;
  return roundHalfAwayFromZero(newSize) - rsReplicas(rs);
}

/** GetProportion: how many of the replicas to add (or remove) go to this ReplicaSet. */
export function proportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (rs === undefined || rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (rsReplicas(a) === rsReplicas(b)) return byCreationTimestamp(b, a);
  return rsReplicas(b) - rsReplicas(a);
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (rsReplicas(a) === rsReplicas(b)) return byCreationTimestamp(a, b);
  return rsReplicas(b) - rsReplicas(a);
}
