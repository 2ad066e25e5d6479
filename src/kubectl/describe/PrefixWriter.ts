import { KUBECTL_DESCRIBE_TABWRITER, tabwrite } from '../tabwriter.js';

/** describe.LEVEL_0 .. LEVEL_4: two spaces of indent per level. */
export const LEVEL_0 = 0;
/** One level of indent (two spaces). */
export const LEVEL_1 = 1;
/** Two levels (four spaces). */
export const LEVEL_2 = 2;
/** Three levels (six spaces). */
export const LEVEL_3 = 3;

/**
 * describe.PrefixWriter over tabbedString's tabwriter: every write is
 * prefixed with its level's indent, and the whole text is aligned by Go's
 * tabwriter (minwidth 0, padding 2) when it is read.
 */
export class PrefixWriter {
  private buf = '';

  /** Write(level, text): `text` after the level's indent (text is already formatted). */
  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + text;
  }

  /** WriteLine: the text and a newline, with no indent. */
  writeLine(text: string): void {
    this.buf += `${text}\n`;
  }

  /** The tab-aligned text, as tabbedString returns it. */
  toString(): string {
    return tabwrite(this.buf, KUBECTL_DESCRIBE_TABWRITER);
  }
}
