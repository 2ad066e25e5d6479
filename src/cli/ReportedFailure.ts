/**
 * A failure of the run itself whose details the command has already printed
 * (a sweep whose runs crashed): the CLI exits 1 without a stack trace.
 */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
}
