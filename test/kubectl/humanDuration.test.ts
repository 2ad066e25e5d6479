import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../src/kubectl/humanDuration.js';

const S = 1_000_000;
const MS = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

// apimachinery/pkg/util/duration/duration_test.go TestHumanDuration.
const humanDurationTable: [number, string][] = [
  [S, '1s'],
  [70 * S, '70s'],
  [190 * S, '3m10s'],
  [70 * M, '70m'],
  [47 * H, '47h'],
  [49 * H, '2d1h'],
  [(8 * 24 + 2) * H, '8d'],
  [367 * 24 * H, '367d'],
  [(365 * 2 * 24 + 25) * H, '2y1d'],
  [(365 * 8 * 24 + 2) * H, '8y'],
];

// TestHumanDurationBoundaries (time.Millisecond and 1ns steps become 1ms and 1µs).
const boundaries: [number, string][] = [
  [-2 * S, '<invalid>'],
  [-2 * S + 1, '0s'],
  [0, '0s'],
  [S - MS, '0s'],
  [2 * M - MS, '119s'],
  [2 * M, '2m'],
  [2 * M + S, '2m1s'],
  [10 * M - MS, '9m59s'],
  [10 * M, '10m'],
  [10 * M + S, '10m'],
  [3 * H - MS, '179m'],
  [3 * H, '3h'],
  [3 * H + M, '3h1m'],
  [8 * H - MS, '7h59m'],
  [8 * H, '8h'],
  [8 * H + 59 * M, '8h'],
  [2 * D - MS, '47h'],
  [2 * D, '2d'],
  [2 * D + H, '2d1h'],
  [8 * D - MS, '7d23h'],
  [8 * D, '8d'],
  [8 * D + 23 * H, '8d'],
  [2 * 365 * D - MS, '729d'],
  [2 * 365 * D, '2y'],
  [2 * 365 * D + 23 * H, '2y'],
  [2 * 365 * D + 23 * H + 59 * M, '2y'],
  [2 * 365 * D + 24 * H - MS, '2y'],
  [2 * 365 * D + 24 * H, '2y1d'],
  [3 * 365 * D, '3y'],
  [4 * 365 * D, '4y'],
  [5 * 365 * D, '5y'],
  [6 * 365 * D, '6y'],
  [7 * 365 * D, '7y'],
  [8 * 365 * D - MS, '7y364d'],
  [8 * 365 * D, '8y'],
  [8 * 365 * D + 364 * D, '8y'],
  [9 * 365 * D, '9y'],
];

describe('humanDuration (duration.HumanDuration)', () => {
  it.each(humanDurationTable)('%d µs → %s', (d, want) => {
    expect(humanDuration(d)).toBe(want);
  });
  it.each(boundaries)('boundary %d µs → %s', (d, want) => {
    expect(humanDuration(d)).toBe(want);
  });
  it('prints the AGE values of the minikube listing', () => {
    expect(humanDuration(56 * M + 30 * S)).toBe('56m');
    expect(humanDuration(88 * M)).toBe('88m');
    expect(humanDuration(59 * S)).toBe('59s');
  });
});
