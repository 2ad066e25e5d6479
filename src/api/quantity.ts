/**
 * Kubernetes resource quantities (`"500m"`, `"1.5Gi"`, `"2e3"`, `4`), ported
 * from k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go,
 * amount.go, scale_int.go) of Kubernetes v1.34.
 *
 * Parsing is exact: a quantity is an arbitrary-precision integer mantissa and
 * a power-of-ten exponent (BigInt), rounded up to nano precision as upstream
 * rounds. {@link Quantity.milliValue} and {@link Quantity.value} round up like
 * upstream's ScaledValue and return JavaScript numbers; a result whose
 * magnitude exceeds 2^53 − 1 throws a {@link QuantityError} instead of losing
 * precision.
 */
import { interpretSuffix, parseDecimal, parseQuantityString } from './quantitySyntax.js';
import type { QuantityText } from './types.js';

/** Upstream's splitREString, quoted in {@link ERR_FORMAT_WRONG}. */
export const QUANTITY_REGEXP = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** resource.ErrFormatWrong's message. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEXP}'`;
/** resource.ErrNumeric's message. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** resource.ErrSuffix's message. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** A quantity that cannot be parsed, or whose value does not fit a JavaScript number exactly. */
export class QuantityError extends Error {
  override readonly name: string = 'QuantityError';
  /**
   * @param message upstream's message (ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX) or a range message
   * @param input the quantity as written
   */
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
  }
}

/** resource.Format: how a quantity was written, and how it prints. */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const pow10Cache: bigint[] = [];
/** 10^n as a BigInt, n ≥ 0. */
function pow10(n: number): bigint {
  if (n < 64) {
    let v = pow10Cache[n];
    if (v === undefined) {
      v = 10n ** BigInt(n);
      pow10Cache[n] = v;
    }
    return v;
  }
  return 10n ** BigInt(n);
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Number of decimal digits of |v| (1 for 0). */
function digitCount(v: bigint): number {
  return abs(v).toString().length;
}

/** A parsed quantity: `unscaled × 10^exp`, exact. */
export class Quantity {
  /**
   * @param unscaled the integer mantissa
   * @param exp the power of ten the mantissa is scaled by
   * @param format the format it was written in (and prints in)
   */
  constructor(
    readonly unscaled: bigint,
    readonly exp: number,
    readonly format: QuantityFormat,
  ) {}

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** True when the quantity is zero. */
  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** Quantity.Cmp: -1, 0 or 1. Exact, whatever the exponents. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const a = this.sign();
    const b = other.sign();
    if (a !== b) return a > b ? 1 : -1;
    if (a === 0) return 0;
    // Same sign, both non-zero: compare magnitudes by their leading digit's position first.
    const magA = digitCount(this.unscaled) + this.exp;
    const magB = digitCount(other.unscaled) + other.exp;
    let c: number;
    if (magA !== magB) {
      c = magA > magB ? 1 : -1;
    } else {
      const e = Math.min(this.exp, other.exp);
      const x = abs(this.unscaled) * pow10(this.exp - e);
      const y = abs(other.unscaled) * pow10(other.exp - e);
      c = x === y ? 0 : x > y ? 1 : -1;
    }
    if (c === 0) return 0;
    return (a > 0 ? c : -c) as -1 | 1;
  }

  /**
   * Quantity.ScaledValue: the value in units of 10^scale, rounded up — away
   * from zero for a negative value (as upstream does since the fix of
   * kubernetes#110653; v1.34 rounded some negative inf.Dec values toward +∞).
   * @throws QuantityError when the result's magnitude exceeds 2^53 − 1
   */
  scaledValue(scale: number): number {
    if (this.unscaled === 0n) return 0;
    const dif = scale - this.exp; // how many decimal digits to drop
    let result: bigint;
    if (dif <= 0) {
      if (digitCount(this.unscaled) - dif > 17) throw this.tooLarge();
      result = this.unscaled * pow10(-dif);
    } else if (dif > digitCount(this.unscaled)) {
      result = this.unscaled < 0n ? -1n : 1n; // |value| < 1 unit: only the rounding unit is left
    } else {
      const divisor = pow10(dif);
      const q = this.unscaled / divisor; // truncates toward zero
      result = this.unscaled % divisor === 0n ? q : this.unscaled > 0n ? q + 1n : q - 1n;
    }
    if (abs(result) > MAX_SAFE) throw this.tooLarge();
    return Number(result);
  }

  /**
   * Quantity.RoundUp: the quantity rounded up (away from zero) to a multiple
   * of 10^scale; itself when no precision is lost.
   */
  roundUp(scale: number): Quantity {
    if (this.exp >= scale || this.unscaled === 0n) return this;
    const drop = scale - this.exp;
    const magnitude = abs(this.unscaled);
    let q: bigint;
    if (drop > digitCount(magnitude)) {
      q = 1n;
    } else {
      const divisor = pow10(drop);
      q = magnitude / divisor + (magnitude % divisor === 0n ? 0n : 1n);
    }
    return new Quantity(this.unscaled < 0n ? -q : q, scale, this.format);
  }

  /** Quantity.Value: the value rounded up to an integer. */
  value(): number {
    return this.scaledValue(0);
  }

  /** Quantity.MilliValue: the value in thousandths, rounded up. */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /**
   * The exact value in units of 10^-9 (every parsed quantity is a whole
   * number of these).
   * @throws QuantityError when the value is beyond 10^30 in magnitude
   */
  nanoValue(): bigint {
    if (this.unscaled === 0n) return 0n;
    if (this.exp + 9 < 0) {
      const divisor = pow10(-(this.exp + 9));
      const q = this.unscaled / divisor;
      return this.unscaled % divisor === 0n ? q : this.unscaled > 0n ? q + 1n : q - 1n;
    }
    if (digitCount(this.unscaled) + this.exp > 30) throw this.tooLarge();
    return this.unscaled * pow10(this.exp + 9);
  }

  /** Quantity.String(): the canonical form (`1536Mi`, `1500m`, `1e3`). */
  toString(): string {
    return canonicalString(this);
  }

  private tooLarge(): QuantityError {
    return new QuantityError(`quantity ${this.toString()} is too large to be represented exactly (beyond 2^53-1)`, this.toString());
  }
}

/** Builds a quantity of `value × 10^scale` (resource.NewScaledQuantity and friends). */
export function newScaledQuantity(value: number | bigint, scale: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return new Quantity(BigInt(value), scale, format);
}

/**
 * resource.ParseQuantity: strict parsing of a quantity string (no surrounding
 * white space).
 * @throws QuantityError with upstream's message
 */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG, str);
  if (str === '0') return new Quantity(0n, 0, 'DecimalSI');
  const split = parseQuantityString(str);
  if (split === undefined) throw new QuantityError(ERR_FORMAT_WRONG, str);
  const { positive, value, num, denom, suffix } = split;
  const interpreted = interpretSuffix(suffix);
  if (interpreted === undefined) throw new QuantityError(ERR_SUFFIX, str);
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 19 - (num.length + denom.length);
  }

  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = BigInt(num + denom);
      if (shifted > MAX_INT64) throw new QuantityError(ERR_NUMERIC, str);
      const result = shifted * mantissa;
      if (result <= MAX_INT64) return new Quantity(positive ? result : -result, scale, format);
    }
  }

  // The inf.Dec path.
  const decimal = parseDecimal(value);
  if (decimal === undefined) throw new QuantityError(ERR_NUMERIC, str);
  let { unscaled, exp } = decimal;
  if (base === 10) exp += exponent;
  else unscaled *= 1n << BigInt(exponent);
  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;
  if (unscaled !== 0n && exp < -9) {
    // Round up (away from zero) to nano precision.
    const drop = -9 - exp;
    if (drop > digitCount(unscaled)) {
      unscaled = 1n;
    } else {
      const divisor = pow10(drop);
      const q = unscaled / divisor;
      unscaled = unscaled % divisor === 0n ? q : q + 1n;
    }
    exp = -9;
  }
  const amount = new Quantity(unscaled, exp, format);
  if (format === 'BinarySI' && amount.cmp(new Quantity(MAX_INT64, 0, format)) > 0) {
    unscaled = MAX_INT64;
    exp = 0;
  }
  if (format === 'BinarySI' && unscaled !== 0n && new Quantity(unscaled, exp, format).cmp(new Quantity(1n, 0, format)) < 0) {
    format = 'DecimalSI';
  }
  return new Quantity(negative ? -unscaled : unscaled, exp, format);
}

const cache = new Map<string, Quantity>();
const CACHE_LIMIT = 16384;

/**
 * A quantity as it arrives in a manifest: a string (surrounding white space
 * trimmed, as Quantity.UnmarshalJSON does) or a JSON number (read from its
 * decimal text, as Go reads the raw JSON bytes). Results are cached by text.
 * @throws QuantityError with upstream's message
 */
export function quantityFromText(q: QuantityText): Quantity {
  let text: string;
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(ERR_FORMAT_WRONG, String(q));
    text = String(q);
  } else if (typeof q === 'string') {
    text = q.trim();
  } else {
    throw new QuantityError(ERR_FORMAT_WRONG, String(q));
  }
  let parsed = cache.get(text);
  if (parsed === undefined) {
    parsed = parseQuantity(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, parsed);
  }
  return parsed;
}

/** Quantity.MilliValue of a manifest quantity: thousandths, rounded up (`"500m"` → 500, `"1"` → 1000). */
export function milliValue(q: QuantityText): number {
  return quantityFromText(q).milliValue();
}

/** Quantity.Value of a manifest quantity: rounded up to an integer (`"1Ki"` → 1024, `"500m"` → 1). */
export function value(q: QuantityText): number {
  return quantityFromText(q).value();
}

/**
 * The number the scheduler keeps for a resource: millicores for `cpu`
 * (MilliValue), the value in base units otherwise (Value).
 */
export function canonicalQuantity(resourceName: string, q: QuantityText): number {
  return resourceName === 'cpu' ? milliValue(q) : value(q);
}

const DECIMAL_SUFFIXES: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIXES: Record<number, string> = { 0: '', 1: 'Ki', 2: 'Mi', 3: 'Gi', 4: 'Ti', 5: 'Pi', 6: 'Ei' };

/** Quantity.CanonicalizeBytes + String: largest exponent, no fraction, same format family. */
function canonicalString(q: Quantity): string {
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = q.cmp(new Quantity(-1024n, 0, 'DecimalSI')) > 0 && q.cmp(new Quantity(1024n, 0, 'DecimalSI')) < 0;
    const integral = q.exp >= 0 || q.unscaled % pow10(-q.exp) === 0n;
    if (small || !integral) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = q.exp >= 0 ? q.unscaled * pow10(q.exp) : q.unscaled / pow10(-q.exp);
    let times = 0;
    while (abs(v) >= 1024n && v % 1024n === 0n) {
      v /= 1024n;
      times++;
    }
    const suffix = BINARY_SUFFIXES[times];
    if (suffix !== undefined) return `${v}${suffix}`;
    format = 'DecimalSI'; // beyond Ei: fall back to a decimal form, as later releases do
  }
  // Decimal: move factors of ten into the exponent, then make it a multiple of three.
  let amount = q.unscaled;
  let exponent = q.exp;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  if (rem !== 0) {
    amount *= pow10(rem);
    exponent -= rem;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DECIMAL_SUFFIXES[exponent];
  return suffix !== undefined ? `${amount}${suffix}` : `${amount}e${exponent}`;
}
