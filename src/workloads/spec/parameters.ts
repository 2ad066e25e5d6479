/**
 * Workload parameters: `parameters: {replicas: 6}` declares a name and its
 * default; `${replicas}` in any string value of the rest of the file is
 * replaced by the value. A string that is exactly `${name}` takes the
 * parameter's type (`replicas: ${replicas}` is the number 6); inside a longer
 * string the value is written as text. `$${` writes a literal `${`.
 */
import { invalid } from '../../api/validation/field.js';
import { describe, type JsonObject } from '../../api/validation/shape.js';
import { indexPath, keyPath, type SpecReader } from './SpecReader.js';
import type { ParameterValue } from './types.js';

/** What a parameter name may look like (no dots or brackets, so `--set name=v` is unambiguous). */
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const EXACT = /^\$\{([^}]*)\}$/;

/** True for a value a parameter may hold: a YAML scalar. */
export function isParameterValue(v: unknown): v is ParameterValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Reads `parameters`: names and default values, in file order. */
export function readParameters(r: SpecReader, value: unknown): Map<string, ParameterValue> {
  const out = new Map<string, ParameterValue>();
  const obj = r.anyObject(value, 'parameters');
  for (const [name, v] of Object.entries(obj ?? {})) {
    const path = `parameters[${name}]`;
    if (!PARAMETER_NAME.test(name)) {
      r.failWith(invalid(path, name, `a parameter name must match the regular expression '${PARAMETER_NAME.source}'`));
    }
    if (!isParameterValue(v)) r.failWith(invalid(path, describe(v), 'a parameter value must be a scalar (a string, number or boolean)'));
    out.set(name, v);
  }
  return out;
}

function unknownParameter(name: string, params: ReadonlyMap<string, ParameterValue>): string {
  const declared = [...params.keys()];
  const known = declared.length === 0 ? 'no parameters are declared' : `declared: ${declared.join(', ')}`;
  return `unknown parameter ${JSON.stringify(name)} (${known})`;
}

function asText(v: ParameterValue): string {
  return v === null ? '' : String(v);
}

/**
 * The value of one string after substitution.
 * @returns the value, or `{error}` naming the problem
 */
export function substituteString(
  text: string,
  params: ReadonlyMap<string, ParameterValue>,
): { value: ParameterValue } | { error: string } {
  if (!text.includes('${')) return { value: text };
  const exact = EXACT.exec(text);
  if (exact !== null) {
    const name = exact[1]!;
    return params.has(name) ? { value: params.get(name)! } : { error: unknownParameter(name, params) };
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$', i);
    if (at === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, at);
    if (text.startsWith('$${', at)) {
      out += '${';
      i = at + 3;
      continue;
    }
    if (!text.startsWith('${', at)) {
      out += '$';
      i = at + 1;
      continue;
    }
    const end = text.indexOf('}', at + 2);
    if (end === -1) return { error: `unterminated parameter reference in ${JSON.stringify(text)}` };
    const name = text.slice(at + 2, end);
    if (!params.has(name)) return { error: unknownParameter(name, params) };
    out += asText(params.get(name)!);
    i = end + 1;
  }
  return { value: out };
}

/**
 * Replaces parameter references in every string value below `node`, in
 * place (the tree is the loader's own copy), except under the keys `skip`
 * of `node` itself.
 */
export function substituteParameters(
  r: SpecReader,
  node: unknown,
  path: string,
  params: ReadonlyMap<string, ParameterValue>,
  skip: readonly string[] = [],
): void {
  const visit = (get: () => unknown, set: (v: unknown) => void, at: string): void => {
    const v = get();
    if (typeof v === 'string') {
      const result = substituteString(v, params);
      if ('error' in result) r.fail(at, result.error);
      else if (result.value !== v) set(result.value);
    } else {
      substituteParameters(r, v, at, params);
    }
  };
  if (Array.isArray(node)) {
    node.forEach((_, i) => visit(() => node[i], (v) => (node[i] = v), indexPath(path, i)));
  } else if (typeof node === 'object' && node !== null) {
    const obj = node as JsonObject;
    for (const k of Object.keys(obj)) if (!skip.includes(k)) visit(() => obj[k], (v) => (obj[k] = v), keyPath(path, k));
  }
}
