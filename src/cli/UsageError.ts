import { InputError } from '../api/InputError.js';

/**
 * A mistake in what the user asked for — an unknown suite, a bad flag value, an
 * unreadable input. The CLI prints its message (and usage where that helps)
 * and exits with code 2, never with a stack trace.
 */
export class UsageError extends InputError {
  /** Print the command's usage after the message. */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.showUsage = options.showUsage ?? false;
  }
}

/** Exit code for bad input or usage. */
export const EXIT_USAGE = 2;
