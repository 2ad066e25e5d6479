import { errorBody, type FieldError } from '../../../api/validation/field.js';
import type { ArgsError } from '../PluginModule.js';

/** Field errors as the plugin registry reports them: the path and upstream's message (`Invalid value: 0: ...`). */
export function toArgsErrors(errors: readonly FieldError[]): ArgsError[] {
  return errors.map((e) => ({ path: e.field, message: errorBody(e) }));
}

/** Throws when the args do not validate, as upstream's plugin constructors return the validation error. */
export function assertValidArgs(plugin: string, errors: readonly ArgsError[]): void {
  if (errors.length === 0) return;
  throw new Error(`initializing plugin "${plugin}": ${errors.map((e) => `${e.path}: ${e.message}`).join(', ')}`);
}
