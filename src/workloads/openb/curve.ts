/**
 * curve.csv: the FGD paper's analysis of one placement run. After every
 * arrival the run records the arrived GPU request, the allocated GPU and the
 * fragmentation; the records are binned by integer "arrived %" (arrived
 * milli-GPU / GPU capacity × 100, floored) and averaged within each bin
 * (reference gpu-sharing-policies.md §1 "Metrics").
 */
import type { CurveRow, RunKey } from '../../metrics/types.js';

interface Bin {
  arrivedPct: number;
  n: number;
  allocated: number;
  frag: number;
  ratio: number;
  ratioN: number;
}

/** Six decimals: means of exact milli-GPU ratios need no more. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Collects one run's arrival records and bins them into {@link CurveRow}s. */
export class CurveBinner {
  private readonly bins: Bin[] = [];

  /**
   * @param key the run's workload, policy and seed
   * @param capacityMilli the cluster's GPU capacity in milli-GPU (> 0)
   */
  constructor(
    private readonly key: RunKey,
    readonly capacityMilli: number,
  ) {
    if (!(capacityMilli > 0)) throw new RangeError(`GPU capacity must be positive, got ${capacityMilli}`);
  }

  /**
   * Records the state after one arrival.
   * @param arrivedMilli Σ num_gpu × gpu_milli of the pods arrived so far (this one included, placed or not)
   * @param allocatedMilli Σ num_gpu × gpu_milli of the pods placed
   * @param fragMilli Σ_n F(n), milli-GPU
   */
  record(arrivedMilli: number, allocatedMilli: number, fragMilli: number): void {
    // Integer arithmetic: arrived × 100 / capacity floors exactly at bin edges.
    const arrivedPct = Math.floor((arrivedMilli * 100) / this.capacityMilli);
    let bin = this.bins[this.bins.length - 1];
    if (bin === undefined || bin.arrivedPct !== arrivedPct) {
      bin = { arrivedPct, n: 0, allocated: 0, frag: 0, ratio: 0, ratioN: 0 };
      this.bins.push(bin);
    }
    const cap = this.capacityMilli;
    const idle = cap - allocatedMilli;
    bin.n++;
    bin.allocated += (allocatedMilli / cap) * 100;
    bin.frag += (fragMilli / cap) * 100;
    if (idle > 0) {
      bin.ratio += (fragMilli / idle) * 100;
      bin.ratioN++;
    }
  }

  /** The bins so far, in arrival order (arrived % never decreases), one row each. */
  rows(): CurveRow[] {
    return this.bins.map((b) => {
      const allocated = round6(b.allocated / b.n);
      return {
        ...this.key,
        arrived_pct: b.arrivedPct,
        allocated_gpu_pct: allocated,
        unallocated_gpu_pct: round6(100 - b.allocated / b.n),
        frag_gpu_pct: round6(b.frag / b.n),
        frag_ratio_pct: b.ratioN === 0 ? '' : round6(b.ratio / b.ratioN),
      };
    });
  }
}

/** The row of `curve` at `arrivedPct`, or undefined when no arrival fell in that bin. */
export function curveAt(curve: readonly CurveRow[], arrivedPct: number): CurveRow | undefined {
  return curve.find((r) => r.arrived_pct === arrivedPct);
}
