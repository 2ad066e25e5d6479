import type { Check } from './Check.js';
import { formatValue } from './format.js';
import type { RunTable } from './readRunTable.js';
import { settingsFor, type GateRules } from './rules.js';
import { DECIMAL } from './csvRecords.js';

/**
 * Compares two deterministic run output tables (summary.csv or compare.csv)
 * cell by cell. The same inputs and seed give the same bytes, so a metric
 * must be equal unless the rules allow an absolute `tolerance` and/or a
 * relative `tolerancePct` (|current − baseline| ≤ tolerance + tolerancePct % ·
 * |baseline|). Beyond it, a change fails the gate unless the rule gives a
 * `direction` and the change goes the good way (an improvement, reported).
 * A run or a metric missing from the current table fails; new ones are noted.
 */
export function compareRunTables(baseline: RunTable, current: RunTable, rules: GateRules): Check[] {
  const checks: Check[] = [];
  const missingColumns = baseline.valueColumns.filter((c) => !current.valueColumns.includes(c));
  for (const column of missingColumns) {
    checks.push({ name: column, group: 'columns', unit: '', verdict: 'missing', failed: true, detail: `column ${column} is missing from ${current.file}` });
  }
  for (const column of current.valueColumns.filter((c) => !baseline.valueColumns.includes(c))) {
    checks.push({ name: column, group: 'columns', unit: '', verdict: 'new', failed: false, detail: `column ${column} is not in ${baseline.file}` });
  }
  const runWord = baseline.kind === 'summary' ? 'run' : 'row';
  for (const [key, row] of baseline.rows) {
    const other = current.rows.get(key);
    if (other === undefined) {
      checks.push({ name: key, group: row.workload, unit: '', verdict: 'missing', failed: true, detail: `${runWord} ${key} is missing from ${current.file}` });
      continue;
    }
    for (const column of baseline.valueColumns) {
      if (missingColumns.includes(column)) continue;
      const name = `${key}/${column}`;
      const settings = settingsFor(rules, name, row.metric ?? column);
      const b = parse(row.cells.get(column)!);
      const c = parse(other.cells.get(column)!);
      const common = { name, group: row.workload, unit: '', baseline: b, current: c };
      if (settings.ignore) {
        checks.push({ ...common, verdict: 'skipped', failed: false, detail: 'ignored by the rules' });
        continue;
      }
      if (typeof b !== 'number' || typeof c !== 'number') {
        checks.push(
          b === c
            ? { ...common, verdict: 'pass', failed: false, detail: 'equal' }
            : { ...common, verdict: 'changed', failed: true, detail: `changed from ${formatValue(b)} to ${formatValue(c)}` },
        );
        continue;
      }
      const difference = c - b;
      const allowed = settings.tolerance + (settings.tolerancePct / 100) * Math.abs(b);
      const changePct = b === 0 ? undefined : (difference / Math.abs(b)) * 100;
      const withPct = { ...common, ...(changePct === undefined ? {} : { changePct }) };
      const bound = allowed === 0 ? 'exact' : `±${formatValue(allowed)}`;
      // A relative epsilon only for a nonzero tolerance: "exact" means equal.
      if (Math.abs(difference) <= allowed * (1 + 1e-9)) {
        checks.push({ ...withPct, verdict: 'pass', failed: false, detail: difference === 0 ? 'equal' : `within ${bound}` });
        continue;
      }
      const direction = settings.direction ?? 'either';
      const moved = `${difference > 0 ? '+' : ''}${formatValue(difference)}, beyond ${bound}`;
      if (direction === 'either') {
        checks.push({ ...withPct, verdict: 'changed', failed: true, detail: `${moved}: changed (update the baseline if intended)` });
      } else if ((direction === 'higher') === difference > 0) {
        checks.push({ ...withPct, verdict: 'improvement', failed: false, detail: `${moved}: improvement (${direction} is better)` });
      } else {
        checks.push({ ...withPct, verdict: 'regression', failed: true, detail: `${moved}: regression (${direction} is better)` });
      }
    }
  }
  for (const [key, row] of current.rows) {
    if (!baseline.rows.has(key)) checks.push({ name: key, group: row.workload, unit: '', verdict: 'new', failed: false, detail: `${runWord} ${key} is not in ${baseline.file}` });
  }
  return checks;
}

/** A cell as a number when it is one, else its text ('' for an event that never happened). */
function parse(text: string): number | string {
  return DECIMAL.test(text) && Number.isFinite(Number(text)) ? Number(text) : text;
}
