/**
 * `--set` assignments from the command line: `--set replicas=10` sets a
 * declared parameter; `--set cluster.nodePools[0].count=5` sets any field of
 * the workload by its path, after parameter substitution. The value is read
 * as YAML (1.1, as Kubernetes reads manifests): `5` is a number, `true` a
 * boolean, `nginx:1.27` a string, `[a, b]` a list.
 */
import { isScalar, parseDocument } from 'yaml';
import { kubernetesTags } from '../../api/manifests.js';
import { splitFieldPath } from '../../api/manifests.js';
import type { JsonObject } from '../../api/validation/shape.js';
import { isParameterValue } from './parameters.js';
import { SetError } from './SetError.js';
import type { Override } from './SpecReader.js';
import type { ParameterValue } from './types.js';

/** One `--set target=value`. */
export interface Assignment {
  /** The argument as given. */
  readonly text: string;
  /** The part before the first `=`. */
  readonly target: string;
  /** The value, read as YAML. */
  readonly value: unknown;
}

/** Reads a `--set` value as YAML. @throws SetError when it is not valid YAML */
export function parseSetValue(text: string, assignment = text): unknown {
  const doc = parseDocument(text, { version: '1.1', customTags: kubernetesTags, uniqueKeys: true });
  const err = doc.errors[0];
  if (err !== undefined) throw new SetError(assignment, '', `the value is not valid YAML: ${err.message.split('\n')[0] ?? ''}`);
  if (doc.contents === null) return null;
  if (isScalar(doc.contents)) return doc.contents.value;
  return doc.toJS() as unknown;
}

/** Splits `target=value`. @throws SetError when there is no `=` or no target */
export function parseAssignment(text: string): Assignment {
  const eq = text.indexOf('=');
  if (eq === -1) throw new SetError(text, '', 'expected target=value');
  const target = text.slice(0, eq).trim();
  if (target === '') throw new SetError(text, '', 'expected target=value');
  return { text, target, value: parseSetValue(text.slice(eq + 1), text) };
}

/**
 * The name of the parameter an assignment sets (`name` or
 * `parameters.name`), or undefined when it sets a field.
 */
export function parameterTarget(a: Assignment, declared: ReadonlyMap<string, ParameterValue>): string | undefined {
  if (declared.has(a.target)) return a.target;
  const segments = splitFieldPath(a.target);
  if (segments.length === 2 && segments[0] === 'parameters' && declared.has(segments[1]!)) return segments[1];
  return undefined;
}

/** Sets a parameter. @throws SetError when the value is not a scalar */
export function setParameter(params: Map<string, ParameterValue>, name: string, a: Assignment): void {
  if (!isParameterValue(a.value)) throw new SetError(a.text, '', 'a parameter value must be a scalar (a string, number or boolean)');
  params.set(name, a.value);
}

const INDEX = /^\d+$/;

function isContainer(v: unknown): v is JsonObject | unknown[] {
  return typeof v === 'object' && v !== null;
}

/**
 * Writes an assignment's value into the workload tree at its path, creating
 * missing mappings on the way (never list items).
 * @param topFields the workload's top-level fields a `--set` may write
 * @param declared the declared parameters (named in the error for an unknown target)
 * @returns the override, so errors in the value name the assignment
 * @throws SetError when the path names no field of the workload
 */
export function applyAssignment(
  root: JsonObject,
  a: Assignment,
  topFields: readonly string[],
  declared: ReadonlyMap<string, ParameterValue>,
): Override {
  const segments = splitFieldPath(a.target);
  const first = segments[0] ?? '';
  if (segments.some((s) => s === '')) throw new SetError(a.text, '', `invalid field path ${JSON.stringify(a.target)}`);
  if (!topFields.includes(first)) {
    const params = declared.size === 0 ? 'no parameters are declared' : `declared parameters: ${[...declared.keys()].join(', ')}`;
    throw new SetError(a.text, '', `${JSON.stringify(first)} is neither a declared parameter nor a field of the workload (${params})`);
  }
  let cur: JsonObject | unknown[] = root;
  let at = '';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const here = at === '' ? seg : Array.isArray(cur) || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg) ? `${at}[${seg}]` : `${at}.${seg}`;
    if (Array.isArray(cur)) {
      const idx = INDEX.test(seg) ? Number(seg) : -1;
      if (idx < 0 || idx >= cur.length) {
        throw new SetError(a.text, '', `${at} has ${cur.length} item${cur.length === 1 ? '' : 's'}: there is no [${seg}]`);
      }
      if (last) cur[idx] = a.value;
      else {
        const next: unknown = cur[idx];
        if (!isContainer(next)) throw new SetError(a.text, '', `${here} is not a mapping or a list`);
        cur = next;
      }
    } else {
      if (last) cur[seg] = a.value;
      else {
        let next: unknown = cur[seg];
        if (next === undefined || next === null) {
          if (INDEX.test(segments[i + 1] ?? '')) throw new SetError(a.text, '', `${here} has no items`);
          next = {};
          cur[seg] = next;
        }
        if (!isContainer(next)) throw new SetError(a.text, '', `${here} is not a mapping or a list`);
        cur = next;
      }
    }
    at = here;
  }
  return { segments, assignment: a.text };
}
