/**
 * Exponential variates by Marsaglia and Tsang's ziggurat ("The Ziggurat Method
 * for Generating Random Variables", J. Stat. Software 5(8), 2000), 256 strips.
 * About 99 % of draws take one uniform 32-bit integer, one comparison and one
 * multiplication — several times cheaper than −log(U), which matters because
 * every Poisson arrival and every hold event draws one.
 */

const STRIPS = 256;
const TWO_32 = 4294967296;
/** Right edge of the base strip. */
const R = 7.697117470131487;

/** Acceptance thresholds, in units of 2^-32 of the strip's width. */
const ke = new Float64Array(STRIPS);
/** Width of each strip per unit of the 32-bit integer. */
const we = new Float64Array(STRIPS);
/** exp(−x) at each strip's right edge. */
const fe = new Float64Array(STRIPS);

(function setUpTables(): void {
  const v = 3.949659822581572e-3;
  let de = R;
  let te = de;
  const q = v / Math.exp(-de);
  ke[0] = Math.floor((de / q) * TWO_32);
  ke[1] = 0;
  we[0] = q / TWO_32;
  we[STRIPS - 1] = de / TWO_32;
  fe[0] = 1;
  fe[STRIPS - 1] = Math.exp(-de);
  for (let i = STRIPS - 2; i >= 1; i--) {
    de = -Math.log(v / de + Math.exp(-de));
    ke[i + 1] = Math.floor((de / te) * TWO_32);
    te = de;
    fe[i] = Math.exp(-de);
    we[i] = de / TWO_32;
  }
})();

/**
 * A standard exponential variate (mean 1) from `uniform`, a source of numbers
 * in [0, 1) with at least 32 bits of resolution.
 */
export function exponentialZiggurat(uniform: () => number): number {
  let jz = Math.floor(uniform() * TWO_32);
  let iz = jz & (STRIPS - 1);
  if (jz < ke[iz]!) return jz * we[iz]!;
  for (;;) {
    if (iz === 0) return R - Math.log(1 - uniform());
    const x = jz * we[iz]!;
    if (fe[iz]! + uniform() * (fe[iz - 1]! - fe[iz]!) < Math.exp(-x)) return x;
    jz = Math.floor(uniform() * TWO_32);
    iz = jz & (STRIPS - 1);
    if (jz < ke[iz]!) return jz * we[iz]!;
  }
}
