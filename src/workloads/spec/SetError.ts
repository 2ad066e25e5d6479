import { ManifestError, splitFieldPath } from '../../api/manifests.js';

/**
 * A problem with a `--set` assignment, or with the value it put into the
 * workload: `--set cluster.nodePools[0].count=x: Invalid value: "x": must be
 * of type int32`. Its file is `--set` and its line 0, so code that reads
 * ManifestError's fields still works.
 */
export class SetError extends ManifestError {
  override readonly name: string = 'SetError';
  /**
   * @param assignment the `--set` argument as given (`a.b=c`)
   * @param fieldPath the workload field the problem is in (`""` when the assignment itself is wrong)
   * @param message what is wrong
   */
  constructor(
    readonly assignment: string,
    fieldPath: string,
    message: string,
  ) {
    super('--set', 0, fieldPath, message);
  }

  /** `--set a.b=c: message`, with the field path when it is not the assignment's own. */
  override toString(): string {
    const eq = this.assignment.indexOf('=');
    const target = eq === -1 ? this.assignment : this.assignment.slice(0, eq);
    const same = splitFieldPath(this.fieldPath).join('\0') === splitFieldPath(target).join('\0');
    const field = this.fieldPath === '' || same ? '' : `${this.fieldPath}: `;
    return `--set ${this.assignment}: ${field}${this.message}`;
  }
}
