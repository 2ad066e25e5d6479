/** Past this nesting a value is handed to structuredClone (which also copes with cycles). */
const MAX_DEPTH = 100;

/** Thrown inside {@link deepCopy} to fall back to structuredClone. */
const TOO_DEEP = Symbol('too deep');

/**
 * A deep copy of an API object (Kubernetes' DeepCopy): the result equals
 * `structuredClone(value)` for the values manifests and controllers build —
 * plain objects, arrays and primitives — at a fraction of its cost (it copies
 * property by property instead of serialising). Anything else (a Map, a Date,
 * a class instance, a cycle) is left to structuredClone. Unlike
 * structuredClone it does not keep two references to one object as one copy;
 * API objects never rely on that.
 */
export function deepCopy<T>(value: T): T {
  try {
    return copy(value, 0) as T;
  } catch (error) {
    if (error === TOO_DEEP) return structuredClone(value);
    throw error;
  }
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) {
    // structuredClone refuses functions and symbols: let it say so.
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  if (depth > MAX_DEPTH) throw TOO_DEEP;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key], depth + 1);
  return out;
}
