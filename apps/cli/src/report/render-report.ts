import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { reportClientScript } from './report-client.js';
import type { ReportData } from './report-data.js';

let echartsBundle: string | undefined;

/** The full echarts browser bundle (inlined into every report, so the page works offline). */
export function echartsSource(): string {
  echartsBundle ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min'), 'utf8');
  return echartsBundle;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(5)));
}

function bestSection(data: ReportData): string {
  if (data.bestTrial === null) return '<p class="muted">No complete trial yet.</p>';
  const params = Object.entries(data.bestParams ?? {})
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(typeof v === 'number' ? fmt(v) : JSON.stringify(v))}</td></tr>`)
    .join('');
  const rows = data.bestEquations
    .map(
      (e) => `<tr><td>${escapeHtml(e.id)}</td><td><code>${escapeHtml(e.formula ?? '')}</code></td><td><code>${escapeHtml(e.bestExpression ?? '–')}</code></td><td>${fmt(e.metric)}</td><td>${fmt(e.medianTestR2)}</td><td>${e.exactRecoveries}/${e.runs}</td><td>${fmt(e.medianComplexity)}</td><td>${fmt(e.medianWallS)}</td><td>${e.errors}</td></tr>`,
    )
    .join('');
  const table =
    data.bestEquations.length === 0
      ? '<p class="muted">This trial recorded no per-equation results.</p>'
      : `<table class="equations"><thead><tr><th>equation</th><th>true formula</th><th>discovered formula (best run)</th><th>${escapeHtml(data.metricNames[0] ?? 'metric')}</th><th>median test R²</th><th>exact</th><th>median complexity</th><th>median time (s)</th><th>errors</th></tr></thead><tbody>${rows}</tbody></table>`;
  return `<p>Best trial <strong>#${data.bestTrial}</strong>: ${data.metricNames.map((m, i) => `${escapeHtml(m)} = <strong>${fmt(data.bestValues?.[i])}</strong>`).join(', ')}</p>
<table class="params"><tbody>${params}</tbody></table>
<h3>Per-equation results</h3>${table}`;
}

/** Renders the self-contained report page: inline echarts, inline data, no network requests. */
export function renderReportHtml(data: ReportData): string {
  const counts = Object.entries(data.counts)
    .map(([state, n]) => `${n} ${escapeHtml(state.toLowerCase())}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; color: #1d2330; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
.muted { color: #6b7587; } .chart { width: 100%; height: 380px; } .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.chart.empty { display: flex; align-items: center; justify-content: center; color: #6b7587; background: #f6f7f9; height: 120px; }
table { border-collapse: collapse; font-size: 13px; } th, td { border-bottom: 1px solid #e6e9ef; padding: 4px 10px; text-align: left; vertical-align: top; }
table.equations td:nth-child(n+4) { text-align: right; } code { font-size: 12px; } pre { background: #f6f7f9; padding: 12px; overflow: auto; font-size: 12px; }
</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="muted">Study <strong>${escapeHtml(data.studyName)}</strong> · ${data.trials.length} trial(s): ${counts} · directions: ${escapeHtml(data.directions.join(', '))} · generated ${escapeHtml(data.generatedAt)}</p>
<h2>Best trial</h2>
${bestSection(data)}
<h2>Optimization history</h2>
<div id="chart-history" class="chart"></div>
<h2>Intermediate values</h2>
<div id="chart-intermediate" class="chart"></div>
<h2>Hyperparameters</h2>
<div class="grid"><div id="chart-importance" class="chart"></div><div id="chart-parallel" class="chart"></div></div>
<p class="muted">Importances: ${escapeHtml(data.importanceMethod)}</p>
<h2>Study settings</h2>
<pre>${escapeHtml(JSON.stringify(data.settings, null, 2))}</pre>
<script id="report-data" type="application/json">${scriptJson(data)}</script>
<script>${echartsSource()}</script>
<script>${reportClientScript}</script>
</body>
</html>
`;
}
