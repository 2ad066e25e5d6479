import { InvalidArgumentError } from 'commander';

/** Commander argument parser for a non-negative integer flag value. */
export function parseNonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a non-negative integer');
  }
  return n;
}

/** Commander argument parser for a positive integer flag value. */
export function parsePositiveInteger(value: string): number {
  const n = parseNonNegativeInteger(value);
  if (n === 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Commander argument parser for a positive number flag value. */
export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}
