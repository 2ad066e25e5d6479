import { UsageError } from '../UsageError.js';

/**
 * Parses a seed list: `5`, `1..10` (inclusive), or a comma list of either
 * (`1,3,7..9`). Seeds are non-negative integers; a range must not run
 * backwards; duplicates are refused, so every run of a sweep is distinct.
 */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const p = part.trim();
    const range = /^(\d+)\.\.(\d+)$/.exec(p);
    if (range !== null) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new UsageError(`--seeds: "${p}": seeds must be integers below 2^53`);
      if (to < from) throw new UsageError(`--seeds: "${p}": the range runs backwards (write ${to}..${from})`);
      if (to - from >= 100_000) throw new UsageError(`--seeds: "${p}": more than 100000 seeds`);
      for (let s = from; s <= to; s++) seeds.push(s);
    } else if (/^\d+$/.test(p) && Number.isSafeInteger(Number(p))) {
      seeds.push(Number(p));
    } else {
      throw new UsageError(`--seeds: "${p}": expected a seed (7), a range (1..10) or a comma list of them`);
    }
  }
  const seen = new Set<number>();
  for (const s of seeds) {
    if (seen.has(s)) throw new UsageError(`--seeds: seed ${s} is listed twice`);
    seen.add(s);
  }
  return seeds;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new UsageError(`--shard: "${text}": expected i/n, such as 1/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard: "${text}": need 1 <= i <= n`);
  return { index, count };
}
