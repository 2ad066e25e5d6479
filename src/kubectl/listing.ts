import type { KubeObject } from '../api/types.js';
import type { ClusterView, CommandOutput, GetOptions } from './ClusterView.js';
import { formatTable } from './tabwriter.js';

/** The namespace `kubectl` uses without `-n`. */
export const DEFAULT_NAMESPACE = 'default';

/** Byte-wise string order, as etcd keys and Go's sort.Strings compare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The objects of `kind` in list order (namespace, then name: the API server
 * lists by etcd key), limited to `options.namespace` (default `default`)
 * unless `allNamespaces`; cluster-scoped kinds ignore the namespace.
 */
export function listObjects<T extends KubeObject>(view: ClusterView, kind: string, namespaced: boolean, options: GetOptions = {}): T[] {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const items = (view.list(kind) as readonly T[]).filter((o) => !namespaced || options.allNamespaces === true || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === namespace);
  return [...items].sort(
    (a, b) => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
}

/** kubectl's message for an empty list, written to standard error. */
export function noResourcesFound(namespaced: boolean, options: GetOptions = {}): string {
  if (!namespaced || options.allNamespaces === true) return 'No resources found\n';
  return `No resources found in ${options.namespace ?? DEFAULT_NAMESPACE} namespace.\n`;
}

/** How one kind prints as a `kubectl get` table (a port of its printers.go handler). */
export interface TablePrinter<T extends KubeObject> {
  /** The kind as stored (`Pod`). */
  readonly kind: string;
  /** False for cluster-scoped kinds (Node): no namespace filter, no NAMESPACE column. */
  readonly namespaced: boolean;
  /** Column headers, upper-cased as kubectl prints them. */
  readonly columns: readonly string[];
  /** The priority-1 columns `-o wide` appends. */
  readonly wideColumns: readonly string[];
  /** The whole `-o wide` header, for kinds whose wide columns are not all at the end (events). */
  readonly wideHeader?: readonly string[];
  /** The row's cells (wide cells appended when `wide`). */
  row(object: T, nowMillis: number, wide: boolean): string[];
}

/** Prints the table `kubectl get <kind>` shows for the view (NAMESPACE first with `-A`). */
export function printTable<T extends KubeObject>(view: ClusterView, printer: TablePrinter<T>, options: GetOptions = {}): CommandOutput {
  const items = listObjects<T>(view, printer.kind, printer.namespaced, options);
  if (items.length === 0) return { stdout: '', stderr: noResourcesFound(printer.namespaced, options) };
  const wide = options.wide === true;
  const withNamespace = printer.namespaced && options.allNamespaces === true;
  const columns = wide ? (printer.wideHeader ?? [...printer.columns, ...printer.wideColumns]) : printer.columns;
  const header = [...(withNamespace ? ['NAMESPACE'] : []), ...columns];
  const rows = items.map((o) => [...(withNamespace ? [o.metadata.namespace ?? ''] : []), ...printer.row(o, view.now, wide)]);
  return { stdout: formatTable(header, rows), stderr: '' };
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-separated; `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}
