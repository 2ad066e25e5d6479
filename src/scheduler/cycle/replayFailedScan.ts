import type { FilterPlugin } from '../framework/interfaces.js';
import { materialize } from '../framework/NodeToStatus.js';
import type { Code, Status } from '../framework/Status.js';
import type { CycleContext, Diagnosis } from './CycleContext.js';
import { runFilterCascade } from './filterCascade.js';
import { scratch } from './filterScratch.js';
import { tally, type FilterVerdicts } from './FilterVerdictMemo.js';

/**
 * A retried pod whose last attempt rejected every node: only the nodes changed
 * since are filtered again. When they are all rejected too, the attempt's
 * outcome is the last one's with those nodes' verdicts replaced — the same
 * statuses, in the same scan order from the same start, as a full scan would
 * record — and it is recorded in one pass, with FitError's reason counts
 * carried over rather than recounted over every node. An unschedulable pod is
 * retried after every event its plugins care about, tens of thousands of
 * times in a busy run, and between two attempts only a few nodes change.
 *
 * Returns false, having recorded nothing in `diagnosis`, when a changed node
 * passes (the caller then scans as usual: the memo holds the new verdicts).
 * The caller has checked that the verdicts describe a failed scan of the same
 * node list, that no pod is nominated anywhere, and that `diagnosis` is empty.
 */
export function replayFailedScan(
  ctx: CycleContext,
  rows: Int32Array,
  v: FilterVerdicts,
  filters: readonly FilterPlugin[],
  diagnosis: Diagnosis,
  sharedRejection: (plugin: FilterPlugin, p: number, code: Code) => Status | null,
): boolean {
  const { state, pod } = ctx;
  const table = ctx.snapshot.table;
  const generation = table.generation;
  const infos = table.infos;
  const n = rows.length;
  scratch.ensure(n);
  const { liveRows, livePos, codes, failedBy } = scratch;
  // The changed rows, once each, keep their list in `scratch.rows` (the cascade reorders liveRows):
  // from the table's change log when it holds them, else by comparing every row's stamp.
  // A collected row's stamp is taken at once (so a row logged twice is collected once); both
  // outcomes below write its verdict.
  const changed = scratch.rows;
  let count = table.lastStamp - v.stamp <= n ? table.changedSince(v.stamp, changed) : -1;
  if (count < 0) {
    count = 0;
    for (let i = 0; i < n; i++) changed[count++] = rows[i]!;
  }
  let kept = 0;
  for (let q = 0; q < count; q++) {
    const row = changed[q]!;
    if (v.generation[row] === generation[row]) continue;
    v.generation[row] = generation[row]!;
    changed[kept++] = row;
  }
  count = kept;
  v.stamp = table.lastStamp;
  for (let q = 0; q < count; q++) {
    liveRows[q] = changed[q]!;
    livePos[q] = q;
    codes[q] = 0;
    failedBy[q] = -1;
  }
  runFilterCascade(filters, state, pod, infos, count);
  let passed = false;
  for (let q = 0; q < count && !passed; q++) passed = codes[q] === 0;
  if (passed) {
    for (let q = 0; q < count; q++) {
      const row = changed[q]!;
      v.code[row] = codes[q]!;
      v.failedBy[row] = failedBy[q]!;
      v.status[row] = null;
    }
    v.failedScan = null;
    return false;
  }
  for (let q = 0; q < count; q++) {
    const row = changed[q]!;
    const p = failedBy[q]!;
    const code = codes[q]! as Code;
    const s = sharedRejection(filters[p]!, p, code) ?? materialize(infos[row]!, code, filters[p]!, state, pod);
    const old = v.status[row]!;
    if (old !== s || v.failedBy[row] !== p) {
      // Statuses are interned: a node rejected for the same reasons as before changes no count.
      tally(v, old, v.failedBy[row]!, -1);
      tally(v, s, p, 1);
    }
    v.code[row] = code;
    v.failedBy[row] = p;
    v.status[row] = s;
  }
  diagnosis.nodeToStatus.setFailedScan(v.failedScan!, infos, rows, ctx.nextStartNodeIndex % n, v.code, v.status, v.reasonCounts);
  for (let p = 0; p < filters.length; p++) if (v.rejections[p]! > 0) diagnosis.unschedulablePlugins.add(filters[p]!.name);
  return true;
}
