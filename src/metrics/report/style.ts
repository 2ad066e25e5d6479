import { BETTER_COLOR, WORSE_COLOR } from './palette.js';

/** report.html's stylesheet. System fonts only: the page loads nothing. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #57606a; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .75rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.howto { color: #57606a; font-size: .9rem; max-width: 60rem; }
.table-wrap { overflow-x: auto; }
table.compare { border-collapse: collapse; font-variant-numeric: tabular-nums; }
table.compare th, table.compare td { border: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left; vertical-align: top; }
table.compare thead th { background: #f6f8fa; }
table.compare tbody th { font-weight: 500; }
table.compare td.na { color: #8c959f; }
.mean { font-weight: 600; }
.ci, .n { display: block; color: #57606a; font-size: .85rem; }
td .delta { display: block; font-size: .85rem; }
.delta.better { color: ${BETTER_COLOR}; }
.delta.worse { color: ${WORSE_COLOR}; }
.delta.same { color: #57606a; }
.delta.better, .delta.worse { font-weight: 600; }
.delta.overlap { font-weight: 400; }
.word { font-size: .75rem; }
.baseline { font-weight: 400; font-size: .75rem; color: #57606a; border: 1px solid #d0d7de; border-radius: 1em; padding: 0 .4em; }
.dir { color: #57606a; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: .25rem 0; }
ul.legend li { display: flex; align-items: center; gap: .35rem; }
svg.swatch { width: 28px; height: 10px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
figure { margin: 0 0 1rem; }
figcaption { color: #57606a; font-size: .85rem; }
svg.chart { width: 100%; max-width: 760px; height: auto; display: block; }
svg.chart .grid line { stroke: #eaeef2; }
svg.chart .axis line { stroke: #57606a; }
svg.chart text { font-size: 12px; fill: #1f2328; }
svg.chart text.label { font-size: 13px; }
svg.chart text.empty { fill: #8c959f; }
svg.chart polyline { stroke-linejoin: round; }
`.trim();
