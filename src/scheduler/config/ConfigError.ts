import { InputError } from '../../api/InputError.js';

/** One problem in a scheduler configuration: where it is and what is wrong. */
export interface ConfigIssue {
  /** The field path, as upstream prints it (`profiles[0].plugins.score.enabled[0]`); '' for the whole document. */
  readonly path: string;
  /** The message without the location: upstream's own text where it has one (`profiles[0].schedulerName: Required value`). */
  readonly message: string;
  /** The 1-based line in the file, when known. */
  readonly line: number | undefined;
}

/**
 * A scheduler configuration or policy that cannot be used: a YAML syntax
 * error, an unknown field, a value that fails upstream's validation, an
 * unknown plugin, a policy module that does not load. Every issue names the
 * file, the line and the field path:
 *
 *     sched.yaml:12: profiles[0].plugins.score.enabled[0]: ScorePlugin "Foo" does not exist
 *
 * It is an {@link InputError}, so the CLI prints it and exits with code 2.
 */
export class ConfigError extends InputError {
  /** The file (or `policy "name"`) the issues are in. */
  readonly file: string;
  readonly issues: readonly ConfigIssue[];

  constructor(file: string, issues: readonly ConfigIssue[]) {
    super(formatIssues(file, issues));
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

function formatIssues(file: string, issues: readonly ConfigIssue[]): string {
  if (issues.length === 0) return `${file}: invalid scheduler configuration`;
  const lines = issues.map((i) => `${file}${i.line === undefined ? '' : `:${i.line}`}: ${i.message}`);
  return lines.length === 1 ? lines[0]! : `invalid scheduler configuration:\n  ${lines.join('\n  ')}`;
}
