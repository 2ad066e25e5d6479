/**
 * JSON-shape checks: what Go's strict decoder rejects before validation runs
 * (a string where a list belongs, 1.5 in an int32 field, a number as a label
 * value). Manifests arrive as untyped data, so validators read fields through
 * these helpers and report a wrong type as a field error instead of crashing.
 */
import { type FieldError, GoLiteral, goQuote, typeInvalid } from './field.js';

/** A JSON object (a mapping), as opposed to a list or a scalar. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects errors while reading fields. */
export class Reader {
  /** The errors found so far. */
  readonly errors: FieldError[] = [];

  /** Records an error. */
  add(...errs: FieldError[]): void {
    this.errors.push(...errs);
  }

  /** An object field: undefined when absent or null, reported when not a mapping. */
  object(value: unknown, path: string): JsonObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (isObject(value)) return value;
    this.add(typeInvalid(path, describe(value), 'must be of type object'));
    return undefined;
  }

  /** A list field: undefined when absent or null, reported when not a list. */
  array(value: unknown, path: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.add(typeInvalid(path, describe(value), 'must be of type array'));
    return undefined;
  }

  /** A string field: `''` when absent or null (Go's zero value), reported when not a string. */
  string(value: unknown, path: string): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    this.add(typeInvalid(path, describe(value), 'must be of type string'));
    return '';
  }

  /** An optional string field: undefined when absent or null. */
  optString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    return this.string(value, path);
  }

  /** A boolean field: undefined when absent or null. */
  bool(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.add(typeInvalid(path, describe(value), 'must be of type boolean'));
    return undefined;
  }

  /** An int32 field: undefined when absent, null or not an int32 (reported). */
  int32(value: unknown, path: string): number | undefined {
    return this.integer(value, path, 'int32', -2147483648, 2147483647);
  }

  /** An int64 field: undefined when absent, null or not a (safe) integer (reported). */
  int64(value: unknown, path: string): number | undefined {
    return this.integer(value, path, 'int64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  private integer(value: unknown, path: string, type: string, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.add(typeInvalid(path, describe(value), `must be of type ${type}`));
    return undefined;
  }

  /** A map of strings (labels, nodeSelector): undefined when absent; entries of other types are reported and dropped. */
  stringMap(value: unknown, path: string, keyed = true): Record<string, string> | undefined {
    const obj = this.object(value, path);
    if (obj === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string') out[k] = v;
      else if (v === null) out[k] = '';
      else this.add(typeInvalid(keyed ? `${path}[${k}]` : path, describe(v), 'must be of type string'));
    }
    return out;
  }

  /** A list of strings: undefined when absent; non-string items are reported and dropped. */
  stringList(value: unknown, path: string): string[] | undefined {
    const arr = this.array(value, path);
    if (arr === undefined) return undefined;
    const out: string[] = [];
    arr.forEach((v, i) => {
      if (typeof v === 'string') out.push(v);
      else this.add(typeInvalid(`${path}[${i}]`, describe(v), 'must be of type string'));
    });
    return out;
  }
}

/** A value as a bad value to print: scalars as themselves, lists and objects as JSON. */
export function describe(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return new GoLiteral(JSON.stringify(value) ?? String(value));
}

/** Go's `%#v` of a map[string]string: keys sorted, `map[string]string(nil)` when missing. */
export function goStringMap(m: Readonly<Record<string, string>> | undefined): GoLiteral {
  if (m === undefined) return new GoLiteral('map[string]string(nil)');
  const keys = Object.keys(m).sort();
  return new GoLiteral(`map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`);
}

/** Go's `%#v` of an intstr.IntOrString (PDB minAvailable/maxUnavailable). */
export function goIntOrString(v: number | string): GoLiteral {
  return typeof v === 'number'
    ? new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`)
    : new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
}
