/** Text and number formatting for report.html: escaped, locale-free, deterministic. */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML/SVG text and inside double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** U+2212, the minus sign typography uses (the hyphen reads as a dash in tables). */
const MINUS = '\u2212';

/**
 * A number for people: at most `digits` significant digits, trailing zeros
 * dropped, no exponent between 1e-4 and 1e9, '—' for a missing value.
 */
export function formatNumber(x: number | '', digits = 4): string {
  if (x === '') return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  let text: string;
  if (abs >= 1e9 || abs < 1e-4) {
    text = x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e').replace('e+', 'e');
  } else if (abs >= 10 ** digits) {
    text = String(Math.round(x));
  } else {
    text = String(Number(x.toPrecision(digits)));
  }
  return text.replace(/-/g, MINUS);
}

/** A change in percent with its sign: `+12.3 %`, `−9.09 %`, `0 %`. */
export function formatDelta(pct: number): string {
  const text = formatNumber(pct, 3);
  return `${pct > 0 ? '+' : ''}${text}\u00a0%`;
}

/** Seeds as compact ranges: `1–5, 7, 9–10`. */
export function formatSeeds(seeds: readonly number[]): string {
  const sorted = [...new Set(seeds)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}\u2013${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** An SVG coordinate: two decimals, no -0. */
export function coord(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
}
