import { InputError } from './InputError.js';
import type { ManifestError } from './manifests.js';

/** Several located manifest errors reported together, one `file:line: field: message` per line. */
export class ManifestErrors extends InputError {
  readonly errors: readonly ManifestError[];

  constructor(errors: readonly ManifestError[]) {
    super(errors.map((e) => e.toString()).join('\n'));
    this.name = 'ManifestErrors';
    this.errors = errors;
  }
}
