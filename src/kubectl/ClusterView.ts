import type { KubeObject } from '../api/types.js';

/**
 * What the kubectl views read: the cluster's objects at one instant. The
 * printers are pure functions of a view, so the same state prints the same
 * bytes, at any simulated time.
 */
export interface ClusterView {
  /** The instant the view shows, as wall-clock milliseconds since the Unix epoch (AGE is `now − creationTimestamp`). */
  now: number;
  /** Every stored object of `kind` (`Pod`, `Node`, ...), in any order; the printers sort as the API server lists. */
  list(kind: string): readonly KubeObject[];
}

/** The flags `kubectl get` takes that change what it prints. */
export interface GetOptions {
  /** `-n`: the namespace to list (default `default`); ignored for cluster-scoped kinds. */
  namespace?: string;
  /** `-A`: every namespace, with a NAMESPACE column first. */
  allNamespaces?: boolean;
  /** `-o wide`: the priority-1 columns too. */
  wide?: boolean;
}

/** What a kubectl command writes: its standard output and standard error, each as the terminal shows it. */
export interface CommandOutput {
  /** Standard output: lines joined with `\n` and ended with `\n`, or `''`. */
  stdout: string;
  /** Standard error, e.g. `No resources found in default namespace.\n`, or `''`. */
  stderr: string;
}
