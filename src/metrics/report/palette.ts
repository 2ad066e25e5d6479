/**
 * How each policy is drawn in report.html: the Okabe–Ito palette (readable
 * with every common colour-vision deficiency, and ≥ 3:1 against white except
 * where a dash pattern also tells lines apart).
 */

/** Okabe & Ito (2008), "Color Universal Design", without yellow (too pale on white). */
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

/** Dash patterns for the second, third, ... round through the palette. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;

/** The stroke of one policy's lines. */
export interface PolicyStyle {
  readonly color: string;
  /** An SVG stroke-dasharray, '' for a solid line. */
  readonly dash: string;
}

/** The style of the `index`-th policy (0-based, in the report's policy order). */
export function policyStyle(index: number): PolicyStyle {
  return {
    color: COLORS[index % COLORS.length]!,
    dash: DASHES[Math.floor(index / COLORS.length) % DASHES.length]!,
  };
}

/** Text colours of a change for the better and for the worse (WCAG AA on white and on their tints). */
export const BETTER_COLOR = '#1a6e2e';
/** See {@link BETTER_COLOR}. */
export const WORSE_COLOR = '#b3261e';
