/**
 * Formats rows as a plain-text table the way kubectl does: columns left-aligned,
 * separated by three spaces, no trailing spaces.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join(''))
    .join('\n');
}
