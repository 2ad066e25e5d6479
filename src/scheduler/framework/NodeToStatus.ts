import type { CycleState } from './CycleState.js';
import type { FilterPlugin, NodeStatusReader } from './interfaces.js';
import type { NodeInfo } from './NodeInfo.js';
import type { PodInfo } from './PodInfo.js';
import { Code, Status } from './Status.js';

/**
 * The Filter verdicts of one cycle (framework.NodeToStatus): a status per
 * rejected node, and one status for every node that was not checked because
 * PreFilter ruled it out ("absent" nodes).
 *
 * Nodes rejected by a whole-table fast path are recorded as (plugin, code)
 * only; their reasons are asked of the plugin's per-node Filter the first time
 * someone reads them (a FitError message, `kubesim explain`, preemption), so
 * a rejection costs no allocation in the scan itself.
 */
export class NodeToStatus implements NodeStatusReader {
  private readonly explicit = new Map<string, Status | LazyStatus>();
  private absent: Status | null = null;

  /** Number of nodes with an explicit status. */
  get size(): number {
    return this.explicit.size;
  }

  set(nodeName: string, status: Status): void {
    this.explicit.set(nodeName, status);
  }

  /** Records a fast-path rejection whose reasons are computed on first read. */
  setLazy(node: NodeInfo, code: Code, plugin: FilterPlugin, state: CycleState, pod: PodInfo): void {
    this.explicit.set(node.name, { node, code, plugin, state, pod });
  }

  /** The status of every node without an explicit one (PreFilter's rejection). */
  setAbsentNodesStatus(s: Status): void {
    this.absent = s;
  }

  absentNodesStatus(): Status | null {
    return this.absent;
  }

  get(nodeName: string): Status | null {
    const s = this.explicit.get(nodeName);
    if (s === undefined) return this.absent;
    if (s instanceof Status) return s;
    const full = materialize(s);
    this.explicit.set(nodeName, full);
    return full;
  }

  /** The code of a node's status without computing its reasons. */
  codeOf(nodeName: string): Code {
    const s = this.explicit.get(nodeName);
    if (s === undefined) return this.absent?.code ?? Code.Success;
    return s.code;
  }

  rejectedNodes(): readonly string[] {
    return [...this.explicit.keys()];
  }

  /** Every explicit status, materialised, in insertion (scan) order. */
  entries(): [string, Status][] {
    return this.rejectedNodes().map((n) => [n, this.get(n)!]);
  }
}

interface LazyStatus {
  node: NodeInfo;
  code: Code;
  plugin: FilterPlugin;
  state: CycleState;
  pod: PodInfo;
}

function materialize(s: LazyStatus): Status {
  const full = s.plugin.filter(s.state, s.pod, s.node);
  if (full === null || full.code !== s.code) {
    throw new Error(`plugin ${s.plugin.name}: fast path and Filter disagree on node ${s.node.name}`);
  }
  if (full.plugin === '') full.plugin = s.plugin.name;
  return full;
}
