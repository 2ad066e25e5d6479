/** Row-indexed arrays that grow to fit a row, shared by the topology key index and the counters. */

/**
 * A plain array of `size` slots, filled, so that writes at any row keep it in
 * fast (non-dictionary) elements mode.
 */
export function grownArray<T>(a: (T | undefined)[], size: number): (T | undefined)[] {
  if (a.length >= size) return a;
  const b = new Array<T | undefined>(size).fill(undefined);
  for (let i = 0; i < a.length; i++) b[i] = a[i];
  return b;
}

export function grownInt32(a: Int32Array<ArrayBuffer>, n: number, fill = 0): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  let size = Math.max(a.length, 16);
  while (size < n) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
