import { loadManifests, ManifestError } from '../../api/manifests.js';

/**
 * A parsed configuration text (YAML, or JSON, which is YAML) with a lookup
 * from a field path (`profiles[0].plugins.score.enabled[1]`) to the line it
 * is on, so that errors can name the file and the line. The text is read by
 * the manifests loader, as Kubernetes reads YAML (YAML 1.1 scalars, unique keys).
 */
export interface ConfigSource {
  /** The name errors print: a file path, or `policy "most-allocated"`. */
  readonly file: string;
  /** The document as plain data. */
  readonly value: unknown;
  /**
   * The 1-based line of the field at `path`, or of its nearest ancestor the
   * text has (a defaulted field has no line of its own); undefined without text.
   */
  lineOf(path: string): number | undefined;
}

/** A syntax problem: where and what. */
export interface SyntaxProblem {
  line: number | undefined;
  message: string;
}

/**
 * Parses `text` as one YAML (or JSON) document. Returns the source, or the
 * syntax problem (duplicate keys included, as upstream's strict decoding
 * rejects them).
 */
export function parseConfigText(text: string, file: string): ConfigSource | SyntaxProblem[] {
  let docs;
  try {
    docs = loadManifests(text, file, { expandLists: false });
  } catch (e) {
    if (e instanceof ManifestError) return [{ line: e.line, message: e.fieldPath === '' ? e.message : `${e.fieldPath}: ${e.message}` }];
    throw e;
  }
  if (docs.length !== 1) {
    return [{ line: docs[1]?.line ?? 1, message: docs.length === 0 ? 'the file holds no document' : `expected one KubeSchedulerConfiguration, found ${docs.length} documents` }];
  }
  const doc = docs[0]!;
  const value = { ...(doc.object as unknown as Record<string, unknown>) };
  // The loader gives every object a metadata; a KubeSchedulerConfiguration has none.
  const meta = value['metadata'];
  if (typeof meta === 'object' && meta !== null && Object.keys(meta).length === 0) delete value['metadata'];
  return { file, value, lineOf: (path: string) => doc.lineOf(path) };
}

/** A source over data that has no text (a config object given in code): no lines. */
export function objectSource(value: unknown, file: string): ConfigSource {
  return { file, value, lineOf: () => undefined };
}
