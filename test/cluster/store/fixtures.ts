import type { KubeObject } from '../../../src/api/types.js';

/** A kind the store knows nothing special about. */
export interface ConfigMapLike extends KubeObject {
  data: Record<string, string>;
}
