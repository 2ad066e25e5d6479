/**
 * Go's `sort.Slice` (Go ≥ 1.19: pattern-defeating quicksort, `pdqsort_func`
 * in src/sort/zsortfunc.go), ported step for step.
 *
 * Preemption sorts victims with `sort.Slice`, which is not stable: pods that
 * compare equal (same priority, same start time) end up in an order decided by
 * the algorithm itself. Which of them are reprieved, and so which are evicted,
 * follows from that order, so kubesim reproduces the algorithm rather than
 * using `Array.prototype.sort` (stable). Slices of up to 12 elements are
 * insertion-sorted, which is stable; longer ones go through pdqsort's
 * partitions, pivot choices and (seeded, deterministic) pattern breaking.
 */

/** `less(a, b)`: a sorts before b. */
export type Less<T> = (a: T, b: T) => boolean;

const INCREASING_HINT = 1;
const DECREASING_HINT = 2;
const UNKNOWN_HINT = 0;

/** sort.Slice(data, less): sorts `data` in place exactly as Go does. */
export function goSortSlice<T>(data: T[], less: Less<T>): void {
  const length = data.length;
  const s = new Sorter(data, less);
  s.pdqsort(0, length, bitsLen(length));
}

/** bits.Len: the number of bits needed to represent x (0 for 0). */
function bitsLen(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

const MASK64 = (1n << 64n) - 1n;

/** The xorshift generator breakPatterns seeds with the slice length. */
class XorShift {
  private r: bigint;
  constructor(seed: number) {
    this.r = BigInt(seed) & MASK64;
  }
  next(): bigint {
    this.r ^= (this.r << 13n) & MASK64;
    this.r ^= this.r >> 7n;
    this.r ^= (this.r << 17n) & MASK64;
    return this.r;
  }
}

class Sorter<T> {
  constructor(
    private readonly data: T[],
    private readonly lessFn: Less<T>,
  ) {}

  private less(i: number, j: number): boolean {
    return this.lessFn(this.data[i]!, this.data[j]!);
  }

  private swap(i: number, j: number): void {
    const d = this.data;
    const t = d[i]!;
    d[i] = d[j]!;
    d[j] = t;
  }

  private insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) {
      for (let j = i; j > a && this.less(j, j - 1); j--) this.swap(j, j - 1);
    }
  }

  private siftDown(lo: number, hi: number, first: number): void {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && this.less(first + child, first + child + 1)) child++;
      if (!this.less(first + root, first + child)) return;
      this.swap(first + root, first + child);
      root = child;
    }
  }

  private heapSort(a: number, b: number): void {
    const first = a;
    const lo = 0;
    const hi = b - a;
    for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) this.siftDown(i, hi, first);
    for (let i = hi - 1; i >= 0; i--) {
      this.swap(first, first + i);
      this.siftDown(lo, i, first);
    }
  }

  pdqsort(a: number, b: number, limit: number): void {
    const maxInsertion = 12;
    let wasBalanced = true;
    let wasPartitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= maxInsertion) {
        this.insertionSort(a, b);
        return;
      }
      if (limit === 0) {
        this.heapSort(a, b);
        return;
      }
      if (!wasBalanced) {
        this.breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = this.choosePivot(a, b);
      if (hint === DECREASING_HINT) {
        this.reverseRange(a, b);
        pivot = b - 1 - (pivot - a);
        hint = INCREASING_HINT;
      }
      if (wasBalanced && wasPartitioned && hint === INCREASING_HINT) {
        if (this.partialInsertionSort(a, b)) return;
      }
      if (a > 0 && !this.less(a - 1, pivot)) {
        a = this.partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, alreadyPartitioned] = this.partition(a, b, pivot);
      wasPartitioned = alreadyPartitioned;
      const leftLen = mid - a;
      const rightLen = b - mid;
      const balanceThreshold = Math.trunc(length / 8);
      if (leftLen < rightLen) {
        wasBalanced = leftLen >= balanceThreshold;
        this.pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        wasBalanced = rightLen >= balanceThreshold;
        this.pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  private partition(a: number, b: number, pivot: number): [number, boolean] {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    while (i <= j && this.less(i, a)) i++;
    while (i <= j && !this.less(j, a)) j--;
    if (i > j) {
      this.swap(j, a);
      return [j, true];
    }
    this.swap(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && this.less(i, a)) i++;
      while (i <= j && !this.less(j, a)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    this.swap(j, a);
    return [j, false];
  }

  private partitionEqual(a: number, b: number, pivot: number): number {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    for (;;) {
      while (i <= j && !this.less(a, i)) i++;
      while (i <= j && this.less(a, j)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    return i;
  }

  private partialInsertionSort(a: number, b: number): boolean {
    const maxSteps = 5;
    const shortestShifting = 50;
    let i = a + 1;
    for (let step = 0; step < maxSteps; step++) {
      while (i < b && !this.less(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < shortestShifting) return false;
      this.swap(i, i - 1);
      if (i - a >= 2) {
        for (let j = i - 1; j >= 1; j--) {
          if (!this.less(j, j - 1)) break;
          this.swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (let j = i + 1; j < b; j++) {
          if (!this.less(j, j - 1)) break;
          this.swap(j, j - 1);
        }
      }
    }
    return false;
  }

  private breakPatterns(a: number, b: number): void {
    const length = b - a;
    if (length < 8) return;
    const random = new XorShift(length);
    const modulus = 1n << BigInt(bitsLen(length));
    const base = a + Math.trunc(length / 4) * 2;
    for (let idx = base - 1; idx <= base + 1; idx++) {
      let other = Number(random.next() & (modulus - 1n));
      if (other >= length) other -= length;
      this.swap(idx, a + other);
    }
  }

  private choosePivot(a: number, b: number): [number, number] {
    const shortestNinther = 50;
    const maxSwaps = 4 * 3;
    const l = b - a;
    const swaps = { n: 0 };
    const q = Math.trunc(l / 4);
    let i = a + q * 1;
    let j = a + q * 2;
    let k = a + q * 3;
    if (l >= 8) {
      if (l >= shortestNinther) {
        i = this.medianAdjacent(i, swaps);
        j = this.medianAdjacent(j, swaps);
        k = this.medianAdjacent(k, swaps);
      }
      j = this.median(i, j, k, swaps);
    }
    if (swaps.n === 0) return [j, INCREASING_HINT];
    if (swaps.n === maxSwaps) return [j, DECREASING_HINT];
    return [j, UNKNOWN_HINT];
  }

  private order2(a: number, b: number, swaps: { n: number }): [number, number] {
    if (this.less(b, a)) {
      swaps.n++;
      return [b, a];
    }
    return [a, b];
  }

  private median(a: number, b: number, c: number, swaps: { n: number }): number {
    [a, b] = this.order2(a, b, swaps);
    [b, c] = this.order2(b, c, swaps);
    [a, b] = this.order2(a, b, swaps);
    return b;
  }

  private medianAdjacent(a: number, swaps: { n: number }): number {
    return this.median(a - 1, a, a + 1, swaps);
  }

  private reverseRange(a: number, b: number): void {
    let i = a;
    let j = b - 1;
    while (i < j) {
      this.swap(i, j);
      i++;
      j--;
    }
  }
}
