import { drawBarChart, drawForecastChart, drawHorizonChart } from '../shared/forecast-chart';
import type { ReportData } from '../../src/common/report-data.types';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const fmt = (v: number | null, d = 3): string => (v === null ? '–' : v.toFixed(d));

function leaderboard(root: HTMLElement, data: ReportData): void {
  if (data.leaderboard.length === 0) return;
  const section = el('section');
  section.append(el('h2', 'Leaderboard'));
  const chart = el('div', undefined, 'chart');
  section.append(chart);
  const table = el('table');
  table.append(el('caption', 'Lower WAPE is better; the seasonal naive baseline is marked'));
  const head = el('tr');
  for (const h of ['Model', 'WAPE', 'MASE', 'Bias', 'P10–P90 coverage']) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const r of data.leaderboard) {
    const tr = el('tr', undefined, r.baseline ? 'baseline' : '');
    tr.append(el('td', r.baseline ? `${r.name} (baseline)` : r.name));
    for (const v of [r.wape, r.mase, r.bias, r.coverage]) tr.append(el('td', fmt(v), 'num'));
    table.tBodies[0].append(tr);
  }
  section.append(table);
  root.append(section);
  drawBarChart(
    chart,
    'WAPE by model',
    data.leaderboard.map((r) => r.name),
    data.leaderboard.map((r) => r.wape),
    data.leaderboard.map((r) => r.baseline),
  );
}

function horizons(root: HTMLElement, data: ReportData): void {
  if (data.horizons.length === 0) return;
  const section = el('section');
  section.append(el('h2', 'Residuals by horizon'));
  root.append(section);
  for (const h of data.horizons) {
    const chart = el('div', undefined, 'chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', `${h.metric} by days ahead`);
    section.append(chart);
    drawHorizonChart(chart, h.metric, h.metric, h.steps, h.lines);
  }
}

function items(root: HTMLElement, data: ReportData): void {
  if (data.items.length === 0) return;
  const section = el('section');
  section.append(el('h2', 'Forecasts per item'));
  root.append(section);
  for (const item of data.items) {
    const chart = el('div', undefined, 'chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', `${item.title}: history and forecast`);
    section.append(chart);
    drawForecastChart(
      chart,
      {
        title: item.title,
        unit: item.unit,
        days: item.days,
        forecast: item.forecast,
        past: item.past,
      },
      900,
      240,
    );
  }
}

const source = document.getElementById('report-data');
const root = document.getElementById('report');
if (source && root) {
  const data = JSON.parse(source.textContent ?? '{}') as ReportData;
  document.title = data.title;
  root.append(
    el('h1', data.title),
    el('p', `${data.subtitle} · generated ${data.generated_at}`, 'muted'),
  );
  leaderboard(root, data);
  horizons(root, data);
  items(root, data);
}
