import type { Diagnosis } from './CycleContext.js';

/** "0/N nodes are available: …" — upstream's FitError message. */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    d.nodeToStatus.countReasons(reasons);
    const absent = d.nodeToStatus.absentNodesStatus();
    if (d.nodeToStatus.size < numAllNodes && absent !== null) {
      for (const r of absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - d.nodeToStatus.size);
    }
    const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}.`;
  return msg;
}
