import { spawn } from 'node:child_process';

/** The V8 flag that keeps garbage collection on the thread that allocates. */
export const SINGLE_THREADED_GC = '--single-threaded-gc';

/**
 * Whether this process should run again under {@link SINGLE_THREADED_GC}:
 * a `compare` sweep keeps every core busy with its own runs, and V8's GC
 * helper threads (one per core) then take CPU from the other runs. Measured
 * on this 2-core machine, a 4-run demo sweep with `--jobs 2`: 26.0 s with
 * the helpers, 24.3 s without; a lone run is no slower without them. V8
 * reads the flag when it sets up the heap, so it has to be on the command
 * line: `v8.setFlagsFromString` afterwards crashes the collector.
 */
export function wantsSingleThreadedGc(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv[2] === 'compare' && !execArgv.includes(SINGLE_THREADED_GC) && env['KUBESIM_GC_THREADS'] !== 'default';
}

/**
 * Runs this command again in a child Node.js process with
 * {@link SINGLE_THREADED_GC}, sharing stdin/stdout/stderr (the progress bar
 * still sees the terminal) and passing on Ctrl-C; resolves to its exit code.
 */
export function rerunWithSingleThreadedGc(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SINGLE_THREADED_GC, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      process.stderr.write(`kubesim: cannot start ${process.execPath}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128 + signalNumber(signal))));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1;
}
