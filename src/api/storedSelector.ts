import { labelSelectorAsSelector, type Selector } from './labels.js';
import type { LabelSelector } from './types.js';

const compiled = new WeakMap<LabelSelector, Selector>();

/**
 * labelSelectorAsSelector for the selector of a stored object (a lister's
 * ReplicaSet, Deployment, StatefulSet): such an object is replaced on every
 * write, never changed in place, so its selector is compiled and validated
 * once rather than at every sync. Do not use it on a selector you may change.
 * @throws LabelSelectorError as labelSelectorAsSelector does (nothing is remembered then)
 */
export function storedLabelSelector(sel: LabelSelector | null | undefined): Selector {
  if (sel === null || sel === undefined) return labelSelectorAsSelector(sel);
  let selector = compiled.get(sel);
  if (selector === undefined) compiled.set(sel, (selector = labelSelectorAsSelector(sel)));
  return selector;
}
