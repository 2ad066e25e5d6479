/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field reports them:
 * a field path (`spec.containers[0].resources.requests[cpu]`), an error type
 * and a detail, printed exactly as the API server prints them
 * (`spec.containers[0].name: Required value`).
 *
 * Paths are kept as the strings field.Path.String() gives; {@link child},
 * {@link index} and {@link key} build them the way field.Path does.
 */

/** field.ErrorType, as its String() spells it. */
export type FieldErrorType =
  | 'Not found'
  | 'Required value'
  | 'Duplicate value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Internal error';

/**
 * A value printed verbatim, as Go's `%#v` would print it, for bad values that
 * are not strings, numbers or booleans (for example `[]string{"a", "b"}`).
 */
export class GoLiteral {
  /** @param repr the text printed for the value */
  constructor(readonly repr: string) {}
}

/** Marks a bad value that is not printed (field.omitValue). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

/** One validation failure: field.Error. */
export interface FieldError {
  readonly type: FieldErrorType;
  /** The path of the offending field, `spec.containers[0].name`. */
  readonly field: string;
  /** The offending value; printed by type as Go does. */
  readonly badValue: unknown;
  /** Human-readable detail; may be empty. */
  readonly detail: string;
  /**
   * Where to look for the line in the manifest when `field` is not a path
   * into it (upstream reports labels at the map, node taints under
   * `metadata.taints`); kubesim's addition, not printed.
   */
  readonly linePath?: string;
}

/** field.Path.Child: `parent.name` (or just `name` at the root). */
export function child(parent: string, ...names: string[]): string {
  let out = parent;
  for (const name of names) out = out === '' ? name : `${out}.${name}`;
  return out;
}

/** field.Path.Index: `parent[i]`. */
export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

/** field.Path.Key: `parent[key]`. */
export function key(parent: string, k: string): string {
  return `${parent}[${k}]`;
}

/** Go's strconv.Quote, for the characters that appear in manifests. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\x07':
        out += '\\a';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\v':
        out += '\\v';
        break;
      default:
        if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
        else out += ch;
    }
  }
  return `${out}"`;
}

/** Go's `%#v` of a []string: `[]string{"a", "b"}`, or `[]string(nil)` for a missing list. */
export function goStringSlice(values: readonly string[] | undefined | null): GoLiteral {
  if (values === undefined || values === null) return new GoLiteral('[]string(nil)');
  return new GoLiteral(`[]string{${values.map(goQuote).join(', ')}}`);
}

/** Prints a bad value as field.Error.ErrorBody does. */
function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoLiteral) return value.repr;
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        return goStringSlice(value as string[]).repr;
      }
      return JSON.stringify(value) ?? String(value);
  }
}

/** field.Error.ErrorBody: the error without its field path. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'Required value':
    case 'Forbidden':
    case 'Too long':
    case 'Internal error':
      s = e.type;
      break;
    default:
      s = e.badValue === OMIT_VALUE ? e.type : `${e.type}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail !== '') s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `field: body`. */
export function fieldErrorToString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * errors.NewAggregate(errs).Error(): one message alone, several in brackets
 * separated by ", ".
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const msgs = errors.map(fieldErrorToString);
  if (msgs.length === 1) return msgs[0] ?? '';
  return `[${msgs.join(', ')}]`;
}

/** field.Invalid. */
export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: 'Invalid value', field, badValue, detail };
}

/** field.Required. */
export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, badValue: '', detail };
}

/** field.Forbidden. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, badValue: '', detail };
}

/** field.Duplicate. */
export function duplicate(field: string, badValue: unknown): FieldError {
  return { type: 'Duplicate value', field, badValue, detail: '' };
}

/** field.NotFound. */
export function notFound(field: string, badValue: unknown): FieldError {
  return { type: 'Not found', field, badValue, detail: '' };
}

/** field.NotSupported: `Unsupported value: "Foo": supported values: "Equal", "Exists"`. */
export function notSupported(field: string, badValue: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'Unsupported value', field, badValue, detail };
}

/** field.TooLong: `Too long: may not be more than N bytes`. */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail =
    maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'Too long', field, badValue: OMIT_VALUE, detail };
}

/** field.TooMany: `Too many: 3: must have at most 2 items`. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return { type: 'Too many', field, badValue: actual >= 0 ? actual : OMIT_VALUE, detail };
}

/** field.InternalError. */
export function internalError(field: string, message: string): FieldError {
  return { type: 'Internal error', field, badValue: '', detail: message };
}

/** field.TypeInvalid: a value of the wrong JSON type (printed as "Invalid value", as upstream does). */
export function typeInvalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: 'Invalid value', field, badValue, detail };
}
