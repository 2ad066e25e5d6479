import { labelSelectorAsSelector } from '../api/labels.js';
import type { Container, LabelSelector } from '../api/types.js';

/** Selector.String() of metav1.LabelSelectorAsSelector (`""` for an empty or missing selector, `<error>` for an invalid one). */
export function selectorString(selector: LabelSelector | null | undefined): string {
  try {
    return labelSelectorAsSelector(selector).toString();
  } catch {
    return '<error>';
  }
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when it selects by nothing. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const s = selectorString(selector);
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: container names and images, each comma-separated (CONTAINERS and IMAGES of `-o wide`). */
export function layoutContainerCells(containers: readonly Container[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
