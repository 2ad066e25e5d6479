/**
 * Loading Kubernetes objects from a file's text: YAML or JSON, one object, a
 * multi-document YAML stream (`---`), or a `kind: List` (or `PodList`, ...)
 * as `kubectl get ... -o yaml` prints it, whose items are expanded.
 *
 * YAML is read as Kubernetes reads it (sigs.k8s.io/yaml, YAML 1.1 scalars:
 * `yes`/`no`/`on`/`off` are booleans, `0755` is octal, `1e3` a number;
 * timestamps and `10:30` stay strings). Every loaded object keeps its file,
 * the line it starts on and a way to find the line of any field path, so that
 * errors read `FILE:LINE: FIELD.PATH: message`.
 *
 * This module reads text only; the CLI reads the files.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseAllDocuments, type ParsedNode, type Tags } from 'yaml';
import { InputError } from './InputError.js';
import type { KubeObject } from './types.js';

/** An error located in a manifest file. `toString()` gives `file:line: field: message`. */
export class ManifestError extends InputError {
  override readonly name: string = 'ManifestError';
  /**
   * @param file the file name as given to the loader
   * @param line the 1-based line of the offending field (or document)
   * @param fieldPath the field path within the object (`spec.containers[0].name`), or `""`
   * @param message what is wrong, in upstream's words where upstream has them
   */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly fieldPath: string,
    message: string,
  ) {
    super(message);
  }

  /** `file:line: field: message` (`file:line: message` without a field). */
  override toString(): string {
    const where = `${this.file}:${this.line}`;
    return this.fieldPath === '' ? `${where}: ${this.message}` : `${where}: ${this.fieldPath}: ${this.message}`;
  }
}

/** One object read from a manifest file, with where it came from. */
export interface LoadedObject<T extends KubeObject = KubeObject> {
  /** The object, as plain JSON-like data. `metadata` is `{}` when the manifest has none. */
  readonly object: T;
  /** The file name given to the loader. */
  readonly file: string;
  /** The 1-based line where the object starts. */
  readonly line: number;
  /** The position of the object in the file (0-based, after List expansion). */
  readonly index: number;
  /**
   * The line of a field, given its path from the object's root
   * (`spec.containers[0].resources.requests[cpu]`); the line of the deepest
   * part of the path that exists when the rest is missing.
   */
  lineOf(fieldPath: string): number;
}

/** Options for {@link loadManifests}. */
export interface LoadManifestOptions {
  /** Expand `kind: List` (and `*List` kinds with `items`). Default true. */
  expandLists?: boolean;
}

/** Splits `a.b[0].c[key.with/dots]` into `['a', 'b', '0', 'c', 'key.with/dots']`. */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = path.indexOf(']', i + 1);
      const stop = end === -1 ? path.length : end;
      out.push(path.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

function startLine(node: Node | null | undefined, lc: LineCounter, fallback: number): number {
  const start = node?.range?.[0];
  return start === undefined ? fallback : lc.linePos(start).line;
}

/** Finds the line of a field path below `root`. */
function lineOfPath(root: ParsedNode, path: string, lc: LineCounter, rootLine: number): number {
  let node: ParsedNode | null = root;
  let line = rootLine;
  for (const seg of splitFieldPath(path)) {
    if (isMap(node)) {
      const pair: Pair<unknown, unknown> | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (pair === undefined) return line;
      line = startLine(pair.key as Node, lc, line);
      node = (pair.value as ParsedNode | null) ?? null;
    } else if (isSeq(node)) {
      const idx = Number(seg);
      const item = Number.isInteger(idx) ? node.items[idx] : undefined;
      if (item === undefined || item === null) return line;
      line = startLine(item as Node, lc, line);
      node = item as ParsedNode;
    } else {
      return line;
    }
  }
  return line;
}

function describe(node: ParsedNode | null): string {
  if (node === null) return 'an empty value';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `a scalar (${JSON.stringify(node.value)})`;
  return 'a non-mapping value';
}

/**
 * YAML 1.1 tags as Go's YAML reader resolves them: no timestamps, no
 * sexagesimal numbers, and a float needs a digit (Go's ParseFloat refuses
 * `.` or `-.`, so go-yaml keeps them strings; YAML 1.1's own pattern makes them NaN).
 */
export function kubernetesTags(tags: Tags): Tags {
  return tags
    .filter((t) => {
      if (typeof t === 'string') return true;
      return t.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in t && t.format === 'TIME');
    })
    .map((t) => {
      if (typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:float' || t.test === undefined || !t.test.test('.')) return t;
      const test = new RegExp(`^(?=.*[0-9])(?:${t.test.source.replace(/^\^/, '').replace(/\$$/, '')})$`, t.test.flags);
      return { ...t, test };
    });
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function isListKind(kind: unknown, value: Record<string, unknown>): boolean {
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items']);
}

/**
 * Reads every Kubernetes object in a file's text. Empty documents are skipped.
 * @param text the file's contents (YAML or JSON)
 * @param file the name used in error messages and kept on each object
 * @throws ManifestError for a YAML/JSON syntax error (with its line) or a
 *   document (or List item) that is not a mapping
 */
export function loadManifests(text: string, file: string, options: LoadManifestOptions = {}): LoadedObject[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: kubernetesTags,
    lineCounter: lc,
    prettyErrors: true,
    uniqueKeys: true,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: LoadedObject[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err !== undefined) {
      // An error at the end of the input (an unclosed quote or bracket) is
      // reported on the last line with content, as Go's YAML reader does.
      const atEnd = text.slice(err.pos[0]).trim() === '';
      const offset = atEnd ? Math.max(0, text.trimEnd().length - 1) : err.pos[0];
      const line = lc.linePos(offset).line;
      throw new ManifestError(file, line, '', firstLine(err.message));
    }
    const contents = doc.contents as ParsedNode | null;
    const docLine = startLine(contents ?? undefined, lc, lc.linePos(doc.range[0]).line);
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined))) continue;
    if (!isMap(contents)) {
      throw new ManifestError(file, docLine, '', `expected a Kubernetes object (a mapping), found ${describe(contents)}`);
    }
    let value: Record<string, unknown>;
    try {
      value = doc.toJS({ maxAliasCount: 10000 }) as Record<string, unknown>;
    } catch (err) {
      throw new ManifestError(file, docLine, '', err instanceof Error ? err.message : String(err));
    }
    if (options.expandLists !== false && isListKind(value['kind'], value)) {
      const itemsPair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'items');
      const itemsNode = itemsPair?.value as ParsedNode | null | undefined;
      const items = value['items'] as unknown[];
      const itemKind = value['kind'] === 'List' ? undefined : String(value['kind']).slice(0, -'List'.length);
      items.forEach((item, i) => {
        const node = isSeq(itemsNode) ? ((itemsNode.items[i] as ParsedNode | undefined) ?? null) : null;
        const line = startLine(node ?? undefined, lc, docLine);
        if (item === null || typeof item !== 'object' || Array.isArray(item) || !isMap(node)) {
          throw new ManifestError(file, line, `items[${i}]`, `expected a Kubernetes object (a mapping), found ${describe(node)}`);
        }
        const obj = item as Record<string, unknown>;
        if (itemKind !== undefined && obj['kind'] === undefined) obj['kind'] = itemKind;
        if (obj['apiVersion'] === undefined && typeof value['apiVersion'] === 'string' && itemKind !== undefined) {
          obj['apiVersion'] = value['apiVersion'];
        }
        out.push(makeLoaded(obj, file, line, out.length, node, lc));
      });
      continue;
    }
    out.push(makeLoaded(value, file, docLine, out.length, contents, lc));
  }
  return out;
}

function makeLoaded(
  value: Record<string, unknown>,
  file: string,
  line: number,
  index: number,
  node: ParsedNode,
  lc: LineCounter,
): LoadedObject {
  if (value['metadata'] === undefined || value['metadata'] === null) value['metadata'] = {};
  return {
    object: value as unknown as KubeObject,
    file,
    line,
    index,
    lineOf: (fieldPath: string) => lineOfPath(node, fieldPath, lc, line),
  };
}

/**
 * Wraps an object built in code (not read from a file) so it can be validated
 * like a loaded one; every field reports `line`.
 */
export function inMemoryObject<T extends KubeObject>(object: T, file = '<memory>', line = 0): LoadedObject<T> {
  return { object, file, line, index: 0, lineOf: () => line };
}
