/**
 * The result of a plugin at an extension point, as kube-scheduler's
 * framework.Status. Success is `null` everywhere on the hot path, so that a
 * passing node costs no allocation; a Status object is made only to say no.
 */

/** framework.Code, with upstream's numbering. */
export enum Code {
  Success = 0,
  Error = 1,
  Unschedulable = 2,
  UnschedulableAndUnresolvable = 3,
  Wait = 4,
  Skip = 5,
  Pending = 6,
}

/** Upstream's names of the codes, as `kubesim explain` prints them. */
export const CODE_NAMES: readonly string[] = [
  'Success',
  'Error',
  'Unschedulable',
  'UnschedulableAndUnresolvable',
  'Wait',
  'Skip',
  'Pending',
];

/** A non-success result: its code, its reasons (kube-scheduler's own strings) and the plugin that gave it. */
export class Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that returned it; set by the framework when the plugin did not. */
  plugin: string;

  constructor(code: Code, reasons: readonly string[] = [], plugin = '') {
    this.code = code;
    this.reasons = reasons;
    this.plugin = plugin;
  }

  /** The reasons joined as upstream's Status.Message(). */
  message(): string {
    return this.reasons.join(', ');
  }

  /** True for Unschedulable and UnschedulableAndUnresolvable: the pod does not fit (as opposed to an error). */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
}

/** A result: `null` for Success, a {@link Status} otherwise. */
export type Result = Status | null;

/** Status with code Unschedulable. */
export function unschedulable(...reasons: string[]): Status {
  return new Status(Code.Unschedulable, reasons);
}

/** Status with code UnschedulableAndUnresolvable: preemption cannot help on this node. */
export function unresolvable(...reasons: string[]): Status {
  return new Status(Code.UnschedulableAndUnresolvable, reasons);
}

/** The shared Skip status: the plugin has nothing to do for this pod. */
export const SKIP = new Status(Code.Skip);

/** Status with code Error. */
export function errorStatus(message: string): Status {
  return new Status(Code.Error, [message]);
}

/** The code of a result. */
export function codeOf(r: Result): Code {
  return r === null ? Code.Success : r.code;
}
