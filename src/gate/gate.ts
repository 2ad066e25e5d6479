import { InputError } from '../api/InputError.js';
import type { GateReport } from './Check.js';
import { compareBench } from './compareBench.js';
import { compareRunTables } from './compareSummary.js';
import { KIND_NAMES, readGateInput } from './readGateInput.js';
import type { GateRules } from './rules.js';

/** One input of the gate: its text and the name to call it by. */
export interface GateFile {
  readonly text: string;
  readonly file: string;
}

/**
 * Compares `current` against `baseline` under `rules`: bench CSVs
 * statistically, run output tables exactly or within tolerances. Files of
 * different kinds, or malformed ones, are {@link InputError}s.
 */
export function runGate(baseline: GateFile, current: GateFile, rules: GateRules): GateReport {
  const b = readGateInput(baseline.text, baseline.file);
  const c = readGateInput(current.text, current.file);
  const common = { kind: b.kind, baselineFile: baseline.file, currentFile: current.file, rulesSource: rules.source };
  if (b.kind === 'bench' && c.kind === 'bench') {
    const { notes, checks } = compareBench(b.bench, c.bench, rules);
    return { ...common, notes, checks };
  }
  if (b.kind !== 'bench' && c.kind !== 'bench' && c.kind === b.kind) {
    return { ...common, notes: [], checks: compareRunTables(b.table, c.table, rules) };
  }
  throw new InputError(`the files are of different kinds: baseline ${baseline.file} is ${KIND_NAMES[b.kind]}, current ${current.file} is ${KIND_NAMES[c.kind]}`);
}
