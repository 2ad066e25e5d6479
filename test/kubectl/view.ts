import type { KubeObject } from '../../src/api/types.js';
import type { ClusterView } from '../../src/kubectl/ClusterView.js';

/** A fixed instant the tests print at. */
export const NOW = Date.parse('2024-06-10T12:00:00Z');

/** RFC 3339 (whole seconds) of `NOW − seconds`. */
export function ago(seconds: number): string {
  return new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A view over hand-built objects, keyed by their `kind`. */
export function viewOf(objects: readonly KubeObject[], now = NOW): ClusterView {
  return {
    now,
    list: (kind) => objects.filter((o) => o.kind === kind),
  };
}
