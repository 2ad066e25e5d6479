import type { Node, NodeCondition } from '../../../api/types.js';
import { zoneKey } from '../../../api/zoneKey.js';

/** A zone's health as the node lifecycle controller sees it. */
export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

/** The label that keeps a node out of the zone disruption counts (LabelNodeExcludeDisruption). */
export const LABEL_NODE_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

/**
 * ComputeZoneState: FullDisruption when no node of the zone is Ready;
 * PartialDisruption when more than 2 are not Ready and they are at least
 * `unhealthyZoneThreshold` of the zone; Normal otherwise. Returns the count
 * of not-Ready nodes too. A missing Ready condition counts as not Ready.
 */
export function computeZoneState(readyConditions: readonly (NodeCondition | undefined)[], unhealthyZoneThreshold: number): [number, ZoneState] {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) {
    if (c !== undefined && c.status === 'True') ready++;
    else notReady++;
  }
  return [notReady, zoneStateOf(ready, notReady, unhealthyZoneThreshold)];
}

/** ComputeZoneState from the counts of Ready and not-Ready nodes. */
export function zoneStateOf(ready: number, notReady: number, unhealthyZoneThreshold: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  // Go compares float32(notReady)/float32(total) >= threshold.
  if (notReady > 2 && Math.fround(Math.fround(notReady) / Math.fround(notReady + ready)) >= Math.fround(unhealthyZoneThreshold)) return 'PartialDisruption';
  return 'Normal';
}

/** isNodeExcludedFromDisruptionChecks. */
export function isNodeExcludedFromDisruptionChecks(node: Node): boolean {
  return node.metadata.labels?.[LABEL_NODE_EXCLUDE_DISRUPTION] !== undefined;
}

/**
 * Zone keys by labels object: stored objects are immutable, and a heartbeat
 * shares its labels with the node it replaces, so the key is worked out
 * once per change of labels rather than once per status write.
 */
const zoneKeys = new WeakMap<object, string>();
const NO_LABELS = {};
/** The node's zone key (zoneKey), worked out once per labels object. */
export function zoneOf(node: Node): string {
  const labels = node.metadata.labels ?? NO_LABELS;
  let zone = zoneKeys.get(labels);
  if (zone === undefined) zoneKeys.set(labels, (zone = zoneKey(node)));
  return zone;
}
