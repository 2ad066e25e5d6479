/**
 * Durations as Kubernetes writes them: Go's time.ParseDuration syntax
 * (`90s`, `1h30m`, `1.5h`, `500ms`, `0`), converted to integer microseconds
 * (the virtual clock's unit; a sub-microsecond remainder is rounded to the
 * nearest microsecond).
 */

const UNIT_MICROS: Readonly<Record<string, number>> = {
  ns: 0.001,
  us: 1,
  µs: 1,
  μs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

const PART = /([0-9]*(?:\.[0-9]*)?)([a-zµμ]+)/y;

/** Why a duration text is invalid, or null when it is valid. */
export function durationError(text: string): string | null {
  return parseOrError(text).error;
}

/**
 * Parses a Go duration into microseconds.
 * @throws RangeError `time: invalid duration "x"` (Go's message) when it does not parse or is negative
 */
export function parseDuration(text: string): number {
  const { micros, error } = parseOrError(text);
  if (error !== null) throw new RangeError(error);
  return micros;
}

function parseOrError(text: string): { micros: number; error: string | null } {
  const bad = { micros: 0, error: `time: invalid duration "${text}"` };
  let s = text.trim();
  if (s === '0') return { micros: 0, error: null };
  if (s.startsWith('-')) return { micros: 0, error: `negative duration "${text}"` };
  if (s.startsWith('+')) s = s.slice(1);
  if (s === '') return bad;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const at = PART.lastIndex;
    const m = PART.exec(s);
    if (m === null || m.index !== at) return bad;
    const [, number, unit] = m;
    if (number === undefined || number === '' || number === '.') return bad;
    const scale = UNIT_MICROS[unit ?? ''];
    if (scale === undefined) return { micros: 0, error: `time: unknown unit "${unit}" in duration "${text}"` };
    total += Number(number) * scale;
  }
  if (!Number.isFinite(total) || total > Number.MAX_SAFE_INTEGER) return bad;
  return { micros: Math.round(total), error: null };
}

/**
 * Go's Duration.String for a whole number of microseconds: `1h30m0s`,
 * `1m30s`, `1.5s`, `500ms`, `0s`.
 */
export function formatDuration(micros: number): string {
  if (micros === 0) return '0s';
  if (micros < 1_000_000) {
    if (micros < 1_000) return `${micros}µs`;
    return `${trimFraction(micros / 1_000)}ms`;
  }
  const hours = Math.floor(micros / 3_600_000_000);
  const minutes = Math.floor((micros % 3_600_000_000) / 60_000_000);
  const secondsMicros = micros % 60_000_000;
  const secs = `${trimFraction(secondsMicros / 1_000_000)}s`;
  if (hours > 0) return `${hours}h${minutes}m${secs}`;
  if (minutes > 0) return `${minutes}m${secs}`;
  return secs;
}

function trimFraction(x: number): string {
  return String(Number(x.toFixed(6)));
}
