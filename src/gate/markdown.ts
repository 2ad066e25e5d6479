import { passed, type Check, type GateReport, type Verdict } from './Check.js';
import { formatChange, formatP, formatValue } from './format.js';

const MARKS: Readonly<Record<Verdict, string>> = {
  regression: '❌ regression',
  missing: '❌ missing',
  changed: '⚠️ changed',
  improvement: '🚀 improvement',
  new: '🆕 new',
  info: 'ℹ️ info',
  pass: '✅ pass',
  skipped: '⏭️ skipped',
};

/** Which verdicts come first in the report. */
const ORDER: readonly Verdict[] = ['regression', 'missing', 'changed', 'improvement', 'new', 'info', 'pass', 'skipped'];

/**
 * The gate's report in GitHub-flavoured markdown, for the terminal and
 * $GITHUB_STEP_SUMMARY: a verdict line, notes, a table of the checks that
 * need a look (failures first), and the passing ones folded away.
 */
export function gateMarkdown(report: GateReport): string {
  const ok = passed(report);
  const failed = report.checks.filter((c) => c.failed).length;
  const lines: string[] = [];
  lines.push(
    ok
      ? `## kubesim gate: ✅ pass (${report.checks.length} checks)`
      : `## kubesim gate: ❌ FAIL — ${failed} of ${report.checks.length} checks failed`,
  );
  lines.push('');
  const what = report.kind === 'bench' ? 'bench CSV' : `${report.kind}.csv`;
  lines.push(`Compared \`${report.currentFile}\` against the baseline \`${report.baselineFile}\` (${what}); rules: ${report.rulesSource === 'built-in defaults' ? 'built-in defaults' : `\`${report.rulesSource}\``}.`);
  lines.push('');
  for (const note of report.notes) lines.push(`- ${note}`);
  if (report.notes.length > 0) lines.push('');
  const counts = ORDER.map((v) => [v, report.checks.filter((c) => c.verdict === v).length] as const).filter(([, n]) => n > 0);
  lines.push(counts.map(([v, n]) => `${n} ${v}`).join(' · ') || 'no checks');
  lines.push('');
  const sorted = [...report.checks].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  const attention = sorted.filter((c) => c.verdict !== 'pass' && c.verdict !== 'skipped');
  const quiet = sorted.filter((c) => c.verdict === 'pass' || c.verdict === 'skipped');
  const p = report.kind === 'bench';
  if (attention.length > 0) {
    lines.push(header(p, true));
    for (const c of attention) lines.push(row(c, p, true));
    lines.push('');
  }
  if (quiet.length > 0) {
    lines.push(`<details><summary>${quiet.length} passing or skipped checks</summary>`, '');
    lines.push(header(p, false));
    for (const c of quiet) lines.push(row(c, p, false));
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}

function header(withP: boolean, withDetail: boolean): string {
  const columns = ['check', withP ? 'baseline median' : 'baseline', withP ? 'current median' : 'current', 'change', ...(withP ? ['p'] : []), 'verdict', ...(withDetail ? ['detail'] : [])];
  const align = columns.map((c) => (c === 'check' || c === 'verdict' || c === 'detail' ? ':--' : '--:'));
  return `| ${columns.join(' | ')} |\n| ${align.join(' | ')} |`;
}

function row(c: Check, withP: boolean, withDetail: boolean): string {
  const cells = [
    `\`${c.name}\``,
    formatValue(c.baseline, c.unit),
    formatValue(c.current, c.unit),
    c.changePct === undefined ? '—' : formatChange(c.changePct),
    ...(withP ? [c.p === undefined ? '—' : formatP(c.p)] : []),
    MARKS[c.verdict],
    ...(withDetail ? [c.detail] : []),
  ];
  return `| ${cells.map((s) => s.replace(/\|/g, '\\|')).join(' | ')} |`;
}
