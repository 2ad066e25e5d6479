import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerBench } from './commands/bench.js';
import { registerDemo } from './commands/demo.js';
import { registerExplain } from './commands/explain.js';
import { registerGate } from './commands/gate.js';
import { registerKubectl } from './commands/kubectl.js';
import { registerMerge } from './commands/merge.js';
import { registerSweep } from './commands/sweep.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The `kubesim` command line: every command, with errors turned into exceptions instead of exits. */
export function buildProgram(): Command {
  const program = new Command('kubesim')
    .description('a discrete-event simulator of a whole Kubernetes cluster')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  registerBench(program);
  registerDemo(program);
  registerExplain(program);
  registerKubectl(program);
  registerSweep(program);
  registerMerge(program);
  registerGate(program);
  for (const command of program.commands) command.showHelpAfterError().exitOverride();
  return program;
}
