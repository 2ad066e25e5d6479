/**
 * Bad input from the user — a manifest, a configuration, a flag — as opposed to
 * a failure of kubesim itself. The CLI prints the message and exits with code
 * 2; every layer can throw it without knowing about processes.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
