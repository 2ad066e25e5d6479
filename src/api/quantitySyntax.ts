/**
 * The syntax of quantity strings, ported from
 * k8s.io/apimachinery/pkg/api/resource (parseQuantityString, the suffixer):
 * splitting `"-1.5Gi"` into sign, digits and suffix, and reading suffixes.
 * Pure functions; parseQuantity in quantity.ts turns their results
 * into values and errors.
 */
import type { QuantityFormat } from './quantity.js';

const MAX_INT32 = 2147483647;

/** The parts of a quantity string, as upstream's parseQuantityString splits them. */
export interface QuantitySplit {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * parseQuantityString: the fast scanner that splits sign, number and suffix.
 * @returns undefined when the string is malformed (ErrFormatWrong)
 */
export function parseQuantityString(str: string): QuantitySplit | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  // the numerator
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!SUFFIX_CHARS.includes(str[i] ?? '')) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[i])) break;
  }
  return undefined;
}

/** What a suffix means: base, exponent and format. */
export interface QuantitySuffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const SUFFIXES: Record<string, QuantitySuffix> = {
  '': { base: 10, exponent: 0, format: 'DecimalSI' },
  n: { base: 10, exponent: -9, format: 'DecimalSI' },
  u: { base: 10, exponent: -6, format: 'DecimalSI' },
  m: { base: 10, exponent: -3, format: 'DecimalSI' },
  k: { base: 10, exponent: 3, format: 'DecimalSI' },
  M: { base: 10, exponent: 6, format: 'DecimalSI' },
  G: { base: 10, exponent: 9, format: 'DecimalSI' },
  T: { base: 10, exponent: 12, format: 'DecimalSI' },
  P: { base: 10, exponent: 15, format: 'DecimalSI' },
  E: { base: 10, exponent: 18, format: 'DecimalSI' },
  Ki: { base: 2, exponent: 10, format: 'BinarySI' },
  Mi: { base: 2, exponent: 20, format: 'BinarySI' },
  Gi: { base: 2, exponent: 30, format: 'BinarySI' },
  Ti: { base: 2, exponent: 40, format: 'BinarySI' },
  Pi: { base: 2, exponent: 50, format: 'BinarySI' },
  Ei: { base: 2, exponent: 60, format: 'BinarySI' },
};

/**
 * suffixer.interpret. An `e`/`E` exponent outside the int32 range is rejected
 * (v1.34 silently truncated it to 32 bits; later releases reject it).
 */
export function interpretSuffix(suffix: string): QuantitySuffix | undefined {
  if (Object.hasOwn(SUFFIXES, suffix)) return SUFFIXES[suffix];
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(rest)) return undefined;
    const parsed = BigInt(rest);
    if (parsed > BigInt(MAX_INT32) || parsed < -BigInt(MAX_INT32)) return undefined;
    return { base: 10, exponent: Number(parsed), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * Parses the numeric part (`-1.5`, `.5`, `1.`) as an exact decimal:
 * value = unscaled × 10^exp; undefined when it has no digits (ErrNumeric).
 */
export function parseDecimal(text: string): { unscaled: bigint; exp: number } | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  const intPart = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (m === null || intPart.length + frac.length === 0) return undefined;
  const digits = BigInt(intPart + frac);
  return { unscaled: m[1] === '-' ? -digits : digits, exp: -frac.length };
}
