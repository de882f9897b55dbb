import type { DriftReport } from './drift-report.js';
import type { FeatureDrift } from './drift-check.js';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');

const WIDTH = 560;
const HEIGHT = 180;
const PAD = 28;

/** Bin labels: (−∞, e₀], (e₀, e₁], ..., (eₙ, ∞). */
function binLabels(edges: readonly number[]): string[] {
  const e = edges.map((v) => fmt(v, 2));
  return [
    `≤ ${e[0] ?? '∞'}`,
    ...e.slice(1).map((v, i) => `${e[i]}–${v}`),
    ...(e.length ? [`> ${e.at(-1)}`] : []),
  ];
}

/** Reference and recent shares per bin as paired bars, inline SVG. */
export function histogramPairSvg(f: FeatureDrift): string {
  const bins = f.reference_shares.length;
  const top = Math.max(0.01, ...f.reference_shares, ...f.current_shares);
  const slot = (WIDTH - 2 * PAD) / Math.max(1, bins);
  const bar = slot * 0.4;
  const y = (share: number) => HEIGHT - PAD - (share / top) * (HEIGHT - 2 * PAD);
  const labels = binLabels(f.edges);
  const parts: string[] = [];
  for (let i = 0; i < bins; i++) {
    const x = PAD + i * slot;
    const r = f.reference_shares[i] ?? 0;
    const c = f.current_shares[i] ?? 0;
    parts.push(
      `<rect x="${(x + slot * 0.1).toFixed(1)}" y="${y(r).toFixed(1)}" width="${bar.toFixed(1)}" height="${(HEIGHT - PAD - y(r)).toFixed(1)}" fill="#7a9cc6"><title>reference ${(r * 100).toFixed(1)} %</title></rect>`,
      `<rect x="${(x + slot * 0.5).toFixed(1)}" y="${y(c).toFixed(1)}" width="${bar.toFixed(1)}" height="${(HEIGHT - PAD - y(c)).toFixed(1)}" fill="#e07b39"><title>recent ${(c * 100).toFixed(1)} %</title></rect>`,
      `<text x="${(x + slot / 2).toFixed(1)}" y="${HEIGHT - 10}" font-size="8" text-anchor="middle">${esc(labels[i] ?? '')}</text>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${esc(f.feature)}: reference vs recent">` +
    `<line x1="${PAD}" y1="${HEIGHT - PAD}" x2="${WIDTH - PAD}" y2="${HEIGHT - PAD}" stroke="#444"/>` +
    parts.join('') +
    `<text x="${PAD}" y="14" font-size="11"><tspan fill="#7a9cc6">■ reference</tspan> <tspan fill="#e07b39">■ recent</tspan></text>` +
    '</svg>'
  );
}

function reportSection(r: DriftReport): string {
  const all = [...r.features, ...(r.predictions ? [r.predictions] : [])];
  const rows = all
    .map(
      (f) =>
        `<tr class="${f.status}"><td>${esc(f.feature)}</td><td>${fmt(f.psi)}</td><td>${fmt(f.ks)}</td><td>${fmt(f.ks_p_value)}</td><td>${fmt(f.reference_mean, 2)}</td><td>${fmt(f.current_mean, 2)}</td><td>${f.status}</td></tr>`,
    )
    .join('');
  const drifted = all.filter((f) => f.status !== 'ok');
  const charts = drifted
    .map(
      (f) =>
        `<figure><figcaption>${esc(f.feature)} — PSI ${fmt(f.psi)}, KS ${fmt(f.ks)}</figcaption>${histogramPairSvg(f)}</figure>`,
    )
    .join('');
  return (
    `<section><h2>${esc(r.target)}: ${esc(r.model_version)} — ${r.status}</h2>` +
    `<p>Reference ${esc(r.reference.from)} … ${esc(r.reference.to)}; recent ${esc(r.recent.from)} … ${esc(r.recent.to)}; ` +
    `PSI warn ${r.psi_warn}, alert ${r.psi_alert}; ${(r.drifted_share * 100).toFixed(0)} % of features drifted.</p>` +
    `<table><thead><tr><th>feature</th><th>PSI</th><th>KS</th><th>KS p</th><th>ref. mean</th><th>recent mean</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>` +
    (charts || '<p>No feature drifted.</p>') +
    '</section>'
  );
}

/** A self-contained HTML drift report (inline CSS and SVG, no external asset). */
export function renderDriftHtml(reports: readonly DriftReport[], generatedAt: string): string {
  const body =
    reports.length === 0
      ? '<p>No drift report yet: run the check-drift job.</p>'
      : reports.map(reportSection).join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>freshcast drift report</title>' +
    '<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}' +
    'td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}' +
    'tr.warn{background:#fff4d6}tr.alert{background:#fde0dc}figure{margin:1em 0}figcaption{font-weight:600}</style></head>' +
    `<body><h1>Drift report</h1><p>Generated ${esc(generatedAt)}.</p>${body}</body></html>\n`
  );
}
