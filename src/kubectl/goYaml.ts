/**
 * A YAML emitter that writes JSON-like data the way kubectl's `-o yaml` does
 * (sigs.k8s.io/yaml over go-yaml v2): block style, two-space indent, lists
 * not indented under their key, map keys in go-yaml's natural order, strings
 * quoted only when YAML 1.1 would read them as something else (`"true"`,
 * `"0755"`, timestamps: double quotes) or when a plain scalar cannot hold them
 * (single quotes), multi-line strings as literal blocks, and long scalars
 * folded at spaces past column 80.
 */

/** go-yaml's best_width: a scalar may be folded at a space once the line passes this column. */
const BEST_WIDTH = 80;
const INDENT = 2;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMPS = [
  /^\d{4}-\d{1,2}-\d{1,2}$/,
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/,
];

/** go-yaml v2's resolve(): true when a plain `s` would be read back as something other than a string. */
export function resolvesAsNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const hint = s.charAt(0);
  if (hint === '.') return YAML_STYLE_FLOAT.test(s);
  if (hint === '+' || hint === '-' || (hint >= '0' && hint <= '9')) {
    if (TIMESTAMPS.some((re) => re.test(s))) return true;
    const plain = s.replaceAll('_', '');
    if (GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return BASE60_FLOAT.test(s);
}

/** Characters go-yaml's emitter writes as they are (is_printable). */
function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar, for block context. */
function analyze(value: string): ScalarAnalysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(ch)) specialCharacters = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** The encoder's requested style, then yaml_emitter_select_scalar_style. */
function selectStyle(s: string, simpleKey: boolean): Style {
  let style: Style = s.includes('\n') ? 'literal' : resolvesAsNonString(s) ? 'double' : 'plain';
  const a = analyze(s);
  if (simpleKey && a.multiline) return 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\',
  '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

/** Writes scalars while tracking the column, as the emitter does, so long ones fold like go-yaml's. */
class Line {
  text: string;
  constructor(prefix: string) {
    this.text = prefix;
  }
  get column(): number {
    const nl = this.text.lastIndexOf('\n');
    return [...this.text.slice(nl + 1)].length;
  }
  /** yaml_emitter_write_indent: a line break, then spaces up to `indent`. */
  indent(indent: number): void {
    this.text += `\n${' '.repeat(indent)}`;
  }
}

function writeFolded(line: Line, value: string, indent: number, allowBreaks: boolean, quote: '' | "'" | '"'): void {
  const chars = [...value];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === ' ') {
      const nextIsSpace = chars[i + 1] === ' ';
      const interior = quote === '' || (i > 0 && i < chars.length - 1);
      if (allowBreaks && !spaces && line.column > BEST_WIDTH && interior && (quote === '"' || !nextIsSpace)) {
        line.indent(indent);
        if (quote === '"' && nextIsSpace) line.text += '\\';
      } else {
        line.text += ' ';
      }
      spaces = true;
      continue;
    }
    spaces = false;
    if (quote === "'") {
      line.text += ch === "'" ? "''" : ch;
    } else if (quote === '"') {
      const esc = DOUBLE_ESCAPES[ch];
      if (esc !== undefined) line.text += `\\${esc}`;
      else if (!isPrintable(ch)) {
        const c = ch.codePointAt(0) ?? 0;
        line.text += c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : c <= 0xffff ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
      } else line.text += ch;
    } else {
      line.text += ch;
    }
  }
}

/** Appends scalar `s` (after `key: ` or `- `) with continuation lines at `indent`. */
function writeString(line: Line, s: string, indent: number, simpleKey: boolean): void {
  const style = selectStyle(s, simpleKey);
  const allowBreaks = !simpleKey;
  switch (style) {
    case 'plain':
      writeFolded(line, s, indent, allowBreaks, '');
      return;
    case 'single':
      line.text += "'";
      writeFolded(line, s, indent, allowBreaks, "'");
      line.text += "'";
      return;
    case 'double':
      line.text += '"';
      writeFolded(line, s, indent, allowBreaks, '"');
      line.text += '"';
      return;
    case 'literal': {
      const hint = s.startsWith(' ') || s.startsWith('\n') ? String(INDENT) : '';
      // Strip without a final break, keep when the final break is the only character or follows another.
      const chomp = !s.endsWith('\n') ? '-' : s.length === 1 || s.slice(0, -1).endsWith('\n') ? '+' : '';
      line.text += `|${hint}${chomp}`;
      const body = s.endsWith('\n') ? s.slice(0, -1) : s;
      for (const l of body.split('\n')) line.text += l === '' ? '\n' : `\n${' '.repeat(indent)}${l}`;
      return;
    }
  }
}

/** strconv.FormatFloat(f, 'g', -1, 64) with go-yaml's names for infinities and NaN. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa = '', expText = '0'] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 21 || (exp >= 6 && !Number.isInteger(f))) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

function isMap(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2's keyList.Less for string keys: letters by code point, digit runs by numeric value. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] ?? '';
    const y = br[i] ?? '';
    if (x === y) continue;
    const al = LETTER.test(x);
    const bl = LETTER.test(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j] ?? ''); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai] ?? ''); ai++) an = an * 10 + ((ar[ai] ?? '0').charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi] ?? ''); bi++) bn = bn * 10 + ((br[bi] ?? '0').charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

function sortedKeys(m: { [key: string]: Json }): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}

function scalarText(line: Line, v: Json, indent: number): void {
  if (v === null) line.text += 'null';
  else if (typeof v === 'boolean') line.text += String(v);
  else if (typeof v === 'number') line.text += Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : goFloat(v);
  else if (typeof v === 'string') writeString(line, v, indent, false);
}

function emitMapping(m: { [key: string]: Json }, indent: number, out: string[], firstPrefix?: string): void {
  let first = true;
  for (const key of sortedKeys(m)) {
    const v = m[key] as Json;
    const line = new Line(first && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent));
    first = false;
    writeString(line, key, indent, true);
    line.text += ':';
    emitValue(line, v, indent, out, true);
  }
}

function emitSequence(a: Json[], indent: number, out: string[], firstPrefix?: string): void {
  let first = true;
  for (const item of a) {
    const prefix = `${first && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent)}-`;
    first = false;
    const line = new Line(prefix);
    emitValue(line, item, indent, out, false);
  }
}

/** Emits `v` after a `key:` or `-` already on `line`; block mappings in a mapping nest two deeper, sequences do not. */
function emitValue(line: Line, v: Json, indent: number, out: string[], inMapping: boolean): void {
  if (isMap(v) && sortedKeys(v).length > 0) {
    if (inMapping) {
      out.push(line.text);
      emitMapping(v, indent + INDENT, out);
    } else {
      emitMapping(v, indent + INDENT, out, `${line.text} `);
    }
  } else if (Array.isArray(v) && v.length > 0) {
    if (inMapping) {
      out.push(line.text);
      emitSequence(v, indent, out);
    } else {
      emitSequence(v, indent + INDENT, out, `${line.text} `);
    }
  } else {
    line.text += ' ';
    if (isMap(v)) line.text += '{}';
    else if (Array.isArray(v)) line.text += '[]';
    else scalarText(line, v, indent + INDENT);
    out.push(line.text);
  }
}

/**
 * yaml.Marshal of JSON-like data as kubectl prints it (`-o yaml`), ending
 * with a newline. `undefined` members are left out, as JSON leaves them.
 */
export function toGoYaml(value: unknown): string {
  const v = JSON.parse(JSON.stringify(value ?? null)) as Json;
  const out: string[] = [];
  if (isMap(v) && sortedKeys(v).length > 0) emitMapping(v, 0, out);
  else if (Array.isArray(v) && v.length > 0) emitSequence(v, 0, out);
  else {
    const line = new Line('');
    if (isMap(v)) line.text += '{}';
    else if (Array.isArray(v)) line.text += '[]';
    else scalarText(line, v, 0);
    out.push(line.text);
  }
  return `${out.join('\n')}\n`;
}
