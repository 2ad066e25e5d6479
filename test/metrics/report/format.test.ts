import { describe, expect, it } from 'vitest';
import { coord, escapeHtml, formatDelta, formatNumber, formatSeeds } from '../../../src/metrics/report/format.js';

describe('report formatting', () => {
  it('escapes every character that matters in text and attributes', () => {
    expect(escapeHtml(`<b class="x">Tom & Jerry's</b>`)).toBe('&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;');
  });

  it('formats numbers with 4 significant digits, a real minus sign, no locale', () => {
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(4.55426)).toBe('4.554');
    expect(formatNumber(-1.70621)).toBe('\u22121.706');
    expect(formatNumber(23.7062)).toBe('23.71');
    expect(formatNumber(1234567)).toBe('1234567');
    expect(formatNumber(0.000123457)).toBe('0.0001235');
    expect(formatNumber(1.5e-7)).toBe('1.5e\u22127');
    expect(formatNumber(2e12)).toBe('2e12');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber('')).toBe('—');
  });

  it('formats deltas with their sign and 3 significant digits', () => {
    expect(formatDelta(-9.09091)).toBe('\u22129.09\u00a0%');
    expect(formatDelta(133.333)).toBe('+133\u00a0%');
    expect(formatDelta(0)).toBe('0\u00a0%');
  });

  it('compresses seeds into ranges', () => {
    expect(formatSeeds([5, 1, 2, 3, 4, 7, 9, 10])).toBe('1–5, 7, 9, 10');
    expect(formatSeeds([1])).toBe('1');
    expect(formatSeeds([])).toBe('');
  });

  it('rounds coordinates to 2 decimals without -0', () => {
    expect(coord(12.3456)).toBe('12.35');
    expect(coord(-0.001)).toBe('0');
  });
});
