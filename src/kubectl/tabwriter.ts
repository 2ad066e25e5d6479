/**
 * Go's text/tabwriter, as kubectl configures it: cells are tab-terminated,
 * a column block is a run of consecutive lines that have a cell in that
 * column, each column is as wide as its widest cell plus padding (at least
 * minwidth), and the text after a line's last tab is not part of any column
 * (so it is never padded). Only left alignment and a non-tab pad character
 * are supported, which is all kubectl uses.
 */

/** tabwriter.Writer settings. */
export interface TabwriterConfig {
  /** Minimal cell width including any padding. */
  readonly minwidth: number;
  /** Padding added to a cell before computing its width. */
  readonly padding: number;
  /** The character cells are padded with. */
  readonly padchar: string;
}

/** cli-runtime printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, pad ' ' (`kubectl get`, `kubectl top`). */
export const KUBECTL_GET_TABWRITER: TabwriterConfig = { minwidth: 6, padding: 3, padchar: ' ' };

/** describe.tabbedString: minwidth 0, tabwidth 8, padding 2, pad ' ' (`kubectl describe`). */
export const KUBECTL_DESCRIBE_TABWRITER: TabwriterConfig = { minwidth: 0, padding: 2, padchar: ' ' };

/** utf8.RuneCountInString: the width tabwriter gives a cell. */
function cellWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Formats `text` (lines separated by `\n`, cells by `\t`) as Go's tabwriter
 * would after a Flush.
 */
export function tabwrite(text: string, config: TabwriterConfig): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      let s = '';
      for (let j = 0; j < line.length; j++) {
        const cell = line[j] ?? '';
        s += cell;
        const w = widths[j];
        if (j < widths.length && w !== undefined) s += config.padchar.repeat(Math.max(0, w - cellWidth(cell)));
      }
      out.push(s);
    }
  };

  // tabwriter.format: recursive over column blocks.
  const format = (line0In: number, line1: number): void => {
    let line0 = line0In;
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= (lines[t]?.length ?? 0) - 1) continue;
      // This line has a cell in this column: a column block begins.
      writeLines(line0, t);
      line0 = t;
      let width = config.minwidth;
      for (; t < line1; t++) {
        const line = lines[t] ?? [];
        if (column >= line.length - 1) break;
        const w = cellWidth(line[column] ?? '') + config.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

/**
 * A table as `kubectl get` prints it: header and rows, cells joined with
 * tabs (the last cell of a row is not tab-terminated), through the kubectl
 * tabwriter, ending with a newline.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const text = [header, ...rows].map((r) => r.join('\t')).join('\n');
  return `${tabwrite(text, KUBECTL_GET_TABWRITER)}\n`;
}
