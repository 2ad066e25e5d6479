/** The median of `values` (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The smallest one-sided exact Mann–Whitney p-value samples of n₁ and n₂ can give: 1 / C(n₁+n₂, n₁). */
export function smallestP(n1: number, n2: number): number {
  let p = 1;
  for (let i = 1; i <= n1; i++) p *= i / (n2 + i);
  return p;
}
