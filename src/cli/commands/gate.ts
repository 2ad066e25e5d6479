import type { Command } from 'commander';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { passed } from '../../gate/Check.js';
import { runGate, type GateFile } from '../../gate/gate.js';
import { gateJunit } from '../../gate/junit.js';
import { gateMarkdown } from '../../gate/markdown.js';
import { DEFAULT_RULES, parseRules, type GateRules } from '../../gate/rules.js';
import { ReportedFailure } from '../ReportedFailure.js';
import { UsageError } from '../UsageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

interface GateFlags {
  baseline: string;
  current: string;
  rules?: string;
  junit?: string;
  summary?: string;
}

/**
 * `kubesim gate --baseline FILE --current FILE [--rules gates.yaml] [--junit FILE] [--summary FILE]`:
 * compares bench CSVs (statistically, calibrated) or run outputs (exactly or
 * within tolerances), prints a markdown report (also appended to
 * $GITHUB_STEP_SUMMARY), and exits 0 on pass, 1 on a regression, 2 on bad input.
 */
export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('compare a bench CSV or a sweep\'s summary.csv/compare.csv against a baseline; exit 1 on a regression')
    .requiredOption('--baseline <file>', 'the baseline: a bench CSV, a summary.csv or compare.csv, or a sweep folder (its summary.csv)')
    .requiredOption('--current <file>', 'the file to judge, of the same kind as the baseline')
    .option('--rules <file>', 'gates.yaml: thresholds, tolerances and ignores (default: gates.yaml next to the baseline, if any)')
    .option('--junit <file>', 'write JUnit XML, one testcase per check')
    .option('--summary <file>', 'write the markdown report to this file too')
    .action((flags: GateFlags) => {
      const rules = loadRules(flags);
      const report = runGate(readInput(flags.baseline, '--baseline'), readInput(flags.current, '--current'), rules);
      const markdown = gateMarkdown(report);
      process.stdout.write(markdown);
      const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
      if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, markdown);
      if (flags.summary !== undefined) writeFileAtomic(flags.summary, markdown);
      if (flags.junit !== undefined) writeFileAtomic(flags.junit, gateJunit(report));
      if (!passed(report)) {
        const failed = report.checks.filter((c) => c.failed);
        process.stderr.write(`gate: ${failed.length} of ${report.checks.length} checks failed: ${failed.slice(0, 5).map((c) => c.name).join(', ')}${failed.length > 5 ? ', …' : ''}\n`);
        throw new ReportedFailure('gate failed');
      }
    });
}

/** A file, or a sweep output folder standing for its summary.csv. */
function readInput(path: string, flag: string): GateFile {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'summary.csv') : path;
  try {
    return { text: readFileSync(file, 'utf8'), file };
  } catch {
    throw new UsageError(`${flag} ${file}: cannot read the file`);
  }
}

/** --rules, else gates.yaml beside the baseline, else the built-in defaults. */
function loadRules(flags: GateFlags): GateRules {
  const beside = join(existsSync(flags.baseline) && statSync(flags.baseline).isDirectory() ? flags.baseline : dirname(flags.baseline), 'gates.yaml');
  const path = flags.rules ?? (existsSync(beside) ? beside : undefined);
  if (path === undefined) return DEFAULT_RULES;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--rules ${path}: cannot read the file`);
  }
  return parseRules(text, path);
}
