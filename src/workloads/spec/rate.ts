/**
 * Rates as a workload writes them: a count per unit of time, `2/s`, `30/m`,
 * `10/h`, `0.5/s`, or per any Go duration, `5/10m` (five every ten minutes).
 */
import { durationError, parseDuration } from '../../api/duration.js';
import { MICROS_PER_SECOND } from '../../engine/time.js';

/** The message for a rate that does not parse. */
export const RATE_FORMAT = 'must be a rate such as "2/s", "30/m", "10/h" or "5/10m"';

const COUNT = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const BARE_UNIT = /^(?:ns|us|µs|μs|ms|s|m|h)$/;

/**
 * Parses a rate.
 * @returns events per second, or the reason the text is not a rate
 */
export function parseRate(text: string): number | string {
  const slash = text.indexOf('/');
  if (slash === -1) return RATE_FORMAT;
  const count = text.slice(0, slash).trim();
  let per = text.slice(slash + 1).trim();
  if (!COUNT.test(count)) return RATE_FORMAT;
  if (BARE_UNIT.test(per)) per = `1${per}`;
  if (durationError(per) !== null) return RATE_FORMAT;
  const period = parseDuration(per);
  if (period === 0) return 'the period of a rate must be greater than 0';
  return (Number(count) * MICROS_PER_SECOND) / period;
}
