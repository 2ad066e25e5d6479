import type { Check, GateReport } from './Check.js';
import { formatChange, formatP, formatValue } from './format.js';

/**
 * The gate's report as JUnit XML: one testsuite per group (bench suite or
 * workload), one testcase per check, a `<failure>` for each failed check and
 * `<skipped>` for ignored ones, so CI test reporters show regressions as
 * failing tests.
 */
export function gateJunit(report: GateReport): string {
  const groups = new Map<string, Check[]>();
  for (const c of report.checks) {
    const list = groups.get(c.group);
    if (list === undefined) groups.set(c.group, [c]);
    else list.push(c);
  }
  const count = (checks: readonly Check[]): string =>
    `tests="${checks.length}" failures="${checks.filter((c) => c.failed).length}" errors="0" skipped="${checks.filter((c) => c.verdict === 'skipped').length}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="kubesim gate" ${count(report.checks)}>`];
  for (const [group, checks] of groups) {
    out.push(`  <testsuite name="${xml(`gate.${group}`)}" ${count(checks)}>`);
    for (const c of checks) {
      const open = `    <testcase classname="${xml(`gate.${group}`)}" name="${xml(c.name)}" time="0"`;
      const facts = describe(c, report.kind === 'bench');
      if (c.failed) {
        out.push(`${open}>`, `      <failure type="${c.verdict}" message="${xml(`${c.verdict}: ${c.detail}`)}">${xml(facts)}</failure>`, '    </testcase>');
      } else if (c.verdict === 'skipped') {
        out.push(`${open}>`, `      <skipped message="${xml(c.detail)}"/>`, '    </testcase>');
      } else {
        out.push(`${open}>`, `      <system-out>${xml(`${c.verdict}: ${facts}`)}</system-out>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function describe(c: Check, bench: boolean): string {
  const parts = [
    `baseline${bench ? ' median' : ''} ${formatValue(c.baseline, c.unit)}`,
    `current${bench ? ' median' : ''} ${formatValue(c.current, c.unit)}`,
    ...(c.changePct === undefined ? [] : [`change ${formatChange(c.changePct)}`]),
    ...(c.p === undefined ? [] : [`p ${formatP(c.p)}`]),
  ];
  return `${parts.join(', ')}; ${c.detail}`;
}

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
