/** A copy of `a` grown to length `n`; new elements are `fill`. */
export function grownFloat64(a: Float64Array, n: number, fill = 0): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/** A copy of `a` grown to length `n`; new elements are 0. */
export function grownInt32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
