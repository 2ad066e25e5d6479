/**
 * Reading the workload's own schema field by field: each reader checks one
 * field's type and value and throws a ManifestError at the field's line
 * (`file:line: field.path: message`) on the first problem. A field a `--set`
 * assignment wrote reports a {@link SetError} naming the assignment instead.
 */
import { ManifestError, splitFieldPath } from '../../api/manifests.js';
import { parseDurationDistribution } from '../../api/distribution.js';
import { durationError, parseDuration } from '../../api/duration.js';
import { QuantityError, quantityFromText, value as quantityValue } from '../../api/quantity.js';
import { errorBody, type FieldError, invalid, notSupported, required, typeInvalid } from '../../api/validation/field.js';
import { inclusiveRangeError } from '../../api/validation/identifiers.js';
import { validateResourceQuantityValue } from '../../api/validation/resources.js';
import { describe, isObject, type JsonObject } from '../../api/validation/shape.js';
import type { Micros } from '../../engine/time.js';
import { parseRate } from './rate.js';
import { SetError } from './SetError.js';

/** A field written by a `--set` assignment. */
export interface Override {
  /** The field's path, split (`['cluster', 'nodePools', '0', 'count']`). */
  readonly segments: readonly string[];
  /** The assignment as given (`cluster.nodePools[0].count=5`). */
  readonly assignment: string;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The path of `key` under `parent`: `parent.key`, or `parent[key]` for keys with dots, slashes, ... */
export function keyPath(parent: string, key: string): string {
  if (!SIMPLE_KEY.test(key)) return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** The path of item `i` of the list at `parent`. */
export function indexPath(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  if (prefix.length > of.length) return false;
  return prefix.every((s, i) => of[i] === s);
}

/** Integer bounds of {@link SpecReader.int}. */
export interface IntBounds {
  readonly min?: number;
  readonly max?: number;
}

/** Reads fields of one workload file, throwing at the first problem. */
export class SpecReader {
  /**
   * @param file the file name errors carry
   * @param lineOfPath the line of a field path in the file
   * @param overrides the fields `--set` wrote, in the order given
   */
  constructor(
    readonly file: string,
    private readonly lineOfPath: (fieldPath: string) => number,
    private readonly overrides: readonly Override[] = [],
  ) {}

  /** The line of `fieldPath` in the file. */
  lineOf(fieldPath: string): number {
    return this.lineOfPath(fieldPath);
  }

  /** The error for `path`: a ManifestError at its line, or a SetError when a `--set` wrote it. */
  error(path: string, message: string, linePath: string = path): ManifestError {
    const segments = splitFieldPath(linePath);
    for (let i = this.overrides.length - 1; i >= 0; i--) {
      const o = this.overrides[i]!;
      if (isPrefix(o.segments, segments)) return new SetError(o.assignment, path, message);
    }
    return new ManifestError(this.file, this.lineOfPath(linePath), path, message);
  }

  /** Throws {@link error}. */
  fail(path: string, message: string, linePath: string = path): never {
    throw this.error(path, message, linePath);
  }

  /** Throws a field error, printed as the API server prints it. */
  failWith(e: FieldError): never {
    return this.fail(e.field, errorBody(e), e.linePath ?? e.field);
  }

  /** Throws the first of `errors`, if any. */
  check(errors: readonly FieldError[]): void {
    const first = errors[0];
    if (first !== undefined) this.failWith(first);
  }

  /** Throws `Required value` at `path` when `value` is undefined. */
  required<T>(value: T | undefined, path: string): T {
    if (value === undefined) this.failWith(required(path));
    return value;
  }

  private wrongType(value: unknown, path: string, type: string): never {
    return this.failWith(typeInvalid(path, describe(value), `must be of type ${type}`));
  }

  /**
   * A mapping with the given fields; any other field is an error
   * (`unknown field "x"`). Undefined when absent or null.
   */
  object(value: unknown, path: string, fields: readonly string[]): JsonObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.wrongType(value, path, 'object');
    for (const k of Object.keys(value)) {
      if (!fields.includes(k)) this.fail(keyPath(path, k), `unknown field ${JSON.stringify(k)}`);
    }
    return value;
  }

  /** A mapping of any fields (checked elsewhere). */
  anyObject(value: unknown, path: string): JsonObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) return this.wrongType(value, path, 'object');
    return value;
  }

  /** A list; undefined when absent or null. */
  list(value: unknown, path: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.wrongType(value, path, 'array');
    return value;
  }

  /** A string; undefined when absent or null. */
  string(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.wrongType(value, path, 'string');
    return value;
  }

  /** A non-empty string. */
  requiredString(value: unknown, path: string): string {
    const s = this.required(this.string(value, path), path);
    if (s === '') this.failWith(required(path));
    return s;
  }

  /** A boolean; undefined when absent or null. */
  bool(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.wrongType(value, path, 'boolean');
    return value;
  }

  /** An int32 within `bounds`; undefined when absent or null. */
  int(value: unknown, path: string, bounds: IntBounds = {}): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2147483647) {
      return this.wrongType(value, path, 'int32');
    }
    this.inRange(value, path, bounds);
    return value;
  }

  /** A number within `bounds`; undefined when absent or null. */
  number(value: unknown, path: string, bounds: IntBounds = {}): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.wrongType(value, path, 'number');
    this.inRange(value, path, bounds);
    return value;
  }

  private inRange(value: number, path: string, { min, max }: IntBounds): void {
    if (min !== undefined && max !== undefined && (value < min || value > max)) {
      this.failWith(invalid(path, value, inclusiveRangeError(min, max)));
    }
    if (min !== undefined && value < min) this.failWith(invalid(path, value, `must be greater than or equal to ${min}`));
    if (max !== undefined && value > max) this.failWith(invalid(path, value, `must be less than or equal to ${max}`));
  }

  /** One of `values`; undefined when absent or null. */
  enumValue<T extends string>(value: unknown, path: string, values: readonly T[]): T | undefined {
    const s = this.string(value, path);
    if (s === undefined) return undefined;
    if (!(values as readonly string[]).includes(s)) this.failWith(notSupported(path, s, values));
    return s as T;
  }

  /**
   * A Go duration (`90s`, `1h30m`; the number 0 is accepted too) in µs;
   * Go's message when it does not parse.
   */
  duration(value: unknown, path: string): Micros | undefined {
    if (value === undefined || value === null) return undefined;
    if (value === 0) return 0;
    if (typeof value !== 'string') return this.wrongType(value, path, 'string');
    const err = durationError(value);
    if (err !== null) this.fail(path, err);
    return parseDuration(value);
  }

  /** A duration that must be more than zero. */
  positiveDuration(value: unknown, path: string): Micros | undefined {
    const d = this.duration(value, path);
    if (d === 0) this.failWith(invalid(path, value, 'must be greater than 0'));
    return d;
  }

  /** A duration distribution (`5m`, `exp(10m)`, `uniform(1m,5m)`, ...), kept as text. */
  distribution(value: unknown, path: string): string | undefined {
    if (value === 0) return '0';
    const s = this.string(value, path);
    if (s === undefined) return undefined;
    try {
      parseDurationDistribution(s);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.fail(path, err.message);
    }
    return s;
  }

  /**
   * A quantity, kept as text (a number becomes its decimal text); with a
   * resource name, also checked as a resource value (non-negative, whole for
   * integer resources).
   */
  quantity(value: unknown, path: string, resourceName?: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return this.wrongType(value, path, 'string');
    try {
      const q = quantityFromText(value);
      if (resourceName !== undefined) this.check(validateResourceQuantityValue(resourceName, q, path));
    } catch (err) {
      if (!(err instanceof QuantityError)) throw err;
      this.failWith(invalid(path, value, err.message));
    }
    return String(value);
  }

  /** A quantity of bytes (`200Mi`), as a whole number of bytes (rounded up). */
  bytes(value: unknown, path: string): number | undefined {
    const text = this.quantity(value, path);
    if (text === undefined) return undefined;
    try {
      const bytes = quantityValue(text);
      if (bytes < 0) this.failWith(invalid(path, value, 'must be greater than or equal to 0'));
      return bytes;
    } catch (err) {
      if (!(err instanceof QuantityError)) throw err;
      return this.failWith(invalid(path, value, err.message));
    }
  }

  /** A rate (`2/s`, `30/m`, `10/h`, `3/10m`), in events per second. */
  rate(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.wrongType(value, path, 'string');
    const r = parseRate(value);
    if (typeof r === 'string') this.failWith(invalid(path, value, r));
    return r;
  }

  /** A map of strings (labels, annotations); undefined when absent. */
  stringMap(value: unknown, path: string): Record<string, string> | undefined {
    const obj = this.anyObject(value, path);
    if (obj === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v !== 'string') this.wrongType(v, `${path}[${k}]`, 'string');
      out[k] = v;
    }
    return out;
  }

  /** A list of strings; undefined when absent. */
  stringList(value: unknown, path: string): string[] | undefined {
    const arr = this.list(value, path);
    if (arr === undefined) return undefined;
    return arr.map((v, i) => {
      if (typeof v !== 'string') return this.wrongType(v, indexPath(path, i), 'string');
      return v;
    });
  }
}
