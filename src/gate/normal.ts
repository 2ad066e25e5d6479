/** ln(√(2π)): the normal density's constant, in the exponent. */
const LOG_SQRT_2PI = 0.91893853320467274178;

/**
 * The standard normal survival function P(Z ≥ z), to about 1e-15 absolute
 * and better than 1e-12 relative in the upper tail: Marsaglia's Taylor series
 * ("Evaluating the Normal Distribution", JSS 2004) near the centre, the
 * continued fraction of Mills' ratio (Laplace) beyond |z| = 3, where the
 * series would lose the tail's relative precision.
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 1 - normalSf(-z);
  if (z < 3) {
    // Φ(z) − ½ = φ(z)·(z + z³/3 + z⁵/(3·5) + …).
    let sum = z;
    let previous = 0;
    let term = z;
    const q = z * z;
    for (let i = 1; sum !== previous; ) {
      previous = sum;
      i += 2;
      term *= q / i;
      sum = previous + term;
    }
    return 0.5 - sum * Math.exp(-0.5 * q - LOG_SQRT_2PI);
  }
  // Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))), evaluated from the bottom.
  let fraction = z;
  for (let k = 60; k >= 1; k--) fraction = z + k / fraction;
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / fraction;
}

/** The z with P(Z ≥ z) = p, for 0 < p < 1 (bisection on {@link normalSf}; exact to double precision). */
export function normalIsf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalIsf: p must be in (0, 1), got ${p}`);
  let low = -40;
  let high = 40;
  for (let i = 0; i < 200 && high - low > 1e-15 * Math.max(1, Math.abs(low)); i++) {
    const mid = (low + high) / 2;
    if (normalSf(mid) > p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
