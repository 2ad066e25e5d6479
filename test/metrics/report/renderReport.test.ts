import { describe, expect, it } from 'vitest';
import { compare } from '../../../src/metrics/compare.js';
import { renderReport, type ReportInput } from '../../../src/metrics/report/renderReport.js';
import { runPendingOf } from '../../../src/metrics/report/series.js';
import type { PodRow, SummaryRow, TimeseriesRow } from '../../../src/metrics/types.js';
import { podRow, summaryRow, timeseriesRow } from './fixtures.js';

const policies = ['default', 'most-allocated', '<b>&"x\''];

function sweep(): ReportInput & { readonly summary: readonly SummaryRow[] } {
  const summary: SummaryRow[] = [
    summaryRow('web', 'default', 1, { makespan_s: 10, cpu_alloc_pct_mean: 40, pods_completed: 5 }),
    summaryRow('web', 'default', 2, { makespan_s: 12, cpu_alloc_pct_mean: 44, pods_completed: 5 }),
    summaryRow('web', 'most-allocated', 1, { makespan_s: 9, cpu_alloc_pct_mean: 60, pods_completed: 5 }),
    summaryRow('web', 'most-allocated', 2, { makespan_s: 9, cpu_alloc_pct_mean: 62, pods_completed: 5 }),
    summaryRow('web', '<b>&"x\'', 1, { makespan_s: 30, cpu_alloc_pct_mean: 10, pods_completed: 4 }),
    summaryRow('web', '<b>&"x\'', 2, { makespan_s: 31, cpu_alloc_pct_mean: 11, pods_completed: 4 }),
  ];
  const pods: PodRow[] = [];
  const timeseries: TimeseriesRow[] = [];
  policies.forEach((policy, p) => {
    for (const seed of [1, 2]) {
      for (let i = 0; i < 2000; i++) pods.push(podRow('web', policy, seed, `pod-${i}`, i % 97 === 0 ? '' : ((i * 37) % 1000) / (10 * (p + 1))));
      for (let t = 0; t <= 3600; t += 5) timeseries.push(timeseriesRow('web', policy, seed, t, 30 + p * 10 + (t % 60) / 6, 20 + seed));
    }
  });
  return {
    runJson: { kubesim: '0.1.0', policies, baseline: 'default', seeds: [1, 2], runs: summary.map((r) => ({ workload: r.workload, policy: r.policy, seed: r.seed })) },
    summary,
    compare: compare(summary, { baseline: 'default', policyOrder: policies, workloadOrder: ['web'] }),
    pending: runPendingOf(pods),
    timeseries,
  };
}

/** Checks that `xml` is well-formed: every tag closed in order, attributes quoted, no stray '<' or '&'. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39|nbsp);)/);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [, close, name, , selfClose] = m;
    if (close === '/') expect(stack.pop()).toBe(name);
    else if (selfClose !== '/') stack.push(name!);
    i = tag.lastIndex;
  }
  expect(stack).toEqual([]);
}

describe('renderReport', () => {
  const input = sweep();
  const html = renderReport(input);

  it('is a self-contained page: no network reference, no script, no external style or font', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  });

  it('is deterministic', () => {
    expect(renderReport(sweep())).toBe(html);
  });

  it('names the workloads, policies, baseline, seeds and version in the header', () => {
    expect(html).toContain('<title>kubesim report: web</title>');
    expect(html).toContain('<dt>Policies</dt><dd>default (baseline), most-allocated, &lt;b&gt;&amp;&quot;x&#39;</dd>');
    expect(html).toContain('<dt>Seeds</dt><dd>1, 2 (2 runs per policy)</dd>');
    expect(html).toContain('<dt>kubesim</dt><dd>0.1.0</dd>');
    expect(html).not.toContain('<dt>Runs</dt>');
  });

  it('says how many runs finished when some failed', () => {
    const failed = renderReport({ ...input, summary: input.summary.slice(1) });
    expect(failed).toContain('<dt>Runs</dt><dd>5 of 6 finished</dd>');
  });

  it('escapes user text everywhere', () => {
    expect(html).not.toContain('<b>&"x\'');
    expect(html).toContain('&lt;b&gt;&amp;&quot;x&#39;');
  });

  it('tabulates mean [ci95] and the delta, coloured by direction', () => {
    // makespan_s: default [10, 12] → 11 [−1.706, 23.71]; most-allocated [9, 9] → 9, −18.2 %, better but within the baseline interval.
    const row = html.slice(html.indexOf('<code>makespan_s</code>'), html.indexOf('</tr>', html.indexOf('<code>makespan_s</code>')));
    expect(row).toContain('<span class="mean">11</span> <span class="ci">[\u22121.706, 23.71]</span>');
    expect(row).toContain('<span class="mean">9</span> <span class="ci">[9, 9]</span> <span class="delta better overlap" title="the 95 % intervals overlap">\u221218.2\u00a0% <span class="word">better</span></span>');
    // the third policy: 30.5, +177 %, worse, and its interval [24.15, 36.85] clears the baseline's.
    expect(row).toContain('<span class="delta worse">+177\u00a0% <span class="word">worse</span></span>');
    // cpu_alloc_pct_mean: higher is better. 42 ± 12.706205·2.828427/√2 = [16.59, 67.41] vs 61 (+45.2 %) and 10.5 (−75 %), both overlapping it.
    const cpu = html.slice(html.indexOf('<code>cpu_alloc_pct_mean</code>'), html.indexOf('</tr>', html.indexOf('<code>cpu_alloc_pct_mean</code>')));
    expect(cpu).toContain('<span class="mean">42</span> <span class="ci">[16.59, 67.41]</span>');
    expect(cpu).toContain('<span class="delta better overlap" title="the 95 % intervals overlap">+45.2\u00a0% <span class="word">better</span></span>');
    expect(cpu).toContain('<span class="delta worse overlap" title="the 95 % intervals overlap">\u221275\u00a0% <span class="word">worse</span></span>');
    // A metric without a direction is neither.
    const attempts = html.slice(html.indexOf('<code>scheduling_attempts</code>'), html.indexOf('</tr>', html.indexOf('<code>scheduling_attempts</code>')));
    expect(attempts).not.toMatch(/better|worse/);
    // The exact compare.csv figures are in the cell's tooltip.
    expect(row).toContain('title="mean 11, 95 % interval [-1.70621, 23.7062], n 2, delta —"');
  });

  it('draws well-formed SVG charts: the pending-time CDF and CPU and memory over time, GPU left out when there is none', () => {
    const svgs = html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      assertWellFormed(svg);
      expect(svg).not.toContain('NaN');
      expect(svg).not.toContain('Infinity');
      const lines = svg.match(/<polyline points="[^"]*"/g) ?? [];
      expect(lines).toHaveLength(3);
      for (const line of lines) {
        const points = line.slice('<polyline points="'.length, -1).split(' ');
        expect(points.length).toBeLessThanOrEqual(500);
        for (const p of points) {
          const [x, y] = p.split(',').map(Number);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(640);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(300);
        }
      }
    }
    expect(svgs[0]).toContain('<title id="w0-pending-title">Pending time distribution of web, per policy</title>');
    expect(html).toContain('Pods never bound, not in the curves (over all seeds): default: 42, most-allocated: 42, &lt;b&gt;&amp;&quot;x&#39;: 42.');
    expect(html).not.toContain('GPU allocated over time');
    assertWellFormed(html.slice(html.indexOf('<body>'), html.indexOf('</body>') + '</body>'.length).replace(/<br>/g, '<br/>'));
  });

  it('draws a GPU chart when the cluster has GPUs, and "no data" for an empty chart', () => {
    const withGpu = renderReport({ ...input, timeseries: input.timeseries.map((r) => ({ ...r, gpu_alloc_pct: 50 })) });
    expect(withGpu).toContain('GPU allocated over time');
    const empty = renderReport({ ...input, pending: [], timeseries: [] });
    expect(empty.match(/>no data<\/text>/g)).toHaveLength(3);
  });

  it('gives each workload its own section, table and charts, in the sweep\'s order', () => {
    const more = sweep();
    const summary = [summaryRow('batch', 'default', 1, { makespan_s: 50 }), summaryRow('batch', 'most-allocated', 1, { makespan_s: 40 })];
    const runs = [...summary, ...more.summary].map((r) => ({ workload: r.workload }));
    const two = renderReport({
      ...more,
      runJson: { ...more.runJson, policies: ['default', 'most-allocated'], runs },
      summary: [...summary, ...more.summary],
      compare: [...compare(summary, { baseline: 'default', policyOrder: ['default', 'most-allocated'], workloadOrder: ['batch'] }), ...more.compare],
    });
    expect(two).toContain('<title>kubesim report: batch, web</title>');
    expect(two.indexOf('<h2 id="w0">batch</h2>')).toBeLessThan(two.indexOf('<h2 id="w1">web</h2>'));
    expect(two.match(/<table class="compare">/g)).toHaveLength(2);
    const batch = two.slice(two.indexOf('<h2 id="w0">'), two.indexOf('<h2 id="w1">'));
    expect(batch).toContain('<span class="mean">40</span> <span class="n">n\u00a0=\u00a01</span> <span class="delta better">\u221220\u00a0% <span class="word">better</span></span>');
    expect(batch).toContain('<title id="w0-pending-title">');
    expect(batch).toContain('>no data</text>');
    expect(new Set(two.match(/ id="[^"]+"/g)).size).toBe(two.match(/ id="[^"]+"/g)?.length);
  });

  it('says so when every pod was bound at once', () => {
    const instant = renderReport({ ...input, pending: input.pending.map((r) => ({ ...r, seconds: r.seconds.map((s) => (Number.isNaN(s) ? s : 0)) })) });
    expect(instant).toContain('Every pod was bound at once (0 s)');
    expect(html).not.toContain('Every pod was bound at once');
  });
});
