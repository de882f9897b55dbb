import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { drawForecastChart, type ChartQuantiles } from '../../shared/forecast-chart';
import { api, query } from '../api';
import { StatusLine } from '../status-line';
import {
  TARGET_LABELS,
  TARGETS,
  type ItemForecast,
  type ItemHistory,
  type ItemsPage,
  type ItemSummary,
  type Target,
} from '../types';
import { useLoad } from '../use-fetch';

/**
 * Per day up to `lastDay` (days with actuals), the P50 of the newest earlier forecast that covers
 * it (origin before the day), to set against what sold.
 */
export function pastP50(past: ItemForecast[], lastDay: string): ChartQuantiles[] {
  const byDate = new Map<string, ChartQuantiles>();
  for (const f of [...past].sort((a, b) => a.origin.localeCompare(b.origin)))
    for (const p of f.points) if (p.date <= lastDay) byDate.set(p.date, p);
  return [...byDate.values()];
}

function TargetChart({ item, target }: { item: ItemSummary; target: Target }) {
  const box = useRef<HTMLDivElement>(null);
  const h = useLoad(
    (signal) =>
      api<ItemHistory>(`/items/${encodeURIComponent(item.item_code)}/history${query({ target })}`, {
        signal,
      }),
    [item.item_code, target],
  );
  useEffect(() => {
    const el = box.current;
    if (!el || !h.data) return;
    const started = performance.now();
    let chart: uPlot | null = drawForecastChart(el, {
      title: TARGET_LABELS[target],
      unit: h.data.unit,
      days: h.data.days,
      forecast: h.data.forecast?.points ?? [],
      past: pastP50(h.data.past_forecasts, h.data.days[h.data.days.length - 1]?.date ?? ''),
    });
    const now = performance.now();
    el.dataset.renderMs = (now - started).toFixed(1);
    // Time from navigation to the first chart on screen (read by the console benchmark).
    document.body.dataset.firstChartMs ??= now.toFixed(1);
    return () => {
      chart?.destroy();
      chart = null;
    };
  }, [h.data, target]);
  const f = h.data?.forecast;
  return (
    <section class="chart-card" aria-label={`${TARGET_LABELS[target]} chart`} data-target={target}>
      <StatusLine loading={h.loading} error={h.error} />
      <div
        ref={box}
        class="chart"
        role="img"
        aria-label={`${TARGET_LABELS[target]}: history and forecast of ${item.name || item.item_code}`}
      />
      {h.data && (
        <p class="muted">
          {f ? (
            <>
              Forecast by model <code class="model-version">{f.model_version}</code> from{' '}
              {f.points[0]?.date}; band P10–P90.
            </>
          ) : (
            'No forecast served for this target.'
          )}{' '}
          {h.data.past_forecasts.length > 0 &&
            `${h.data.past_forecasts.length} earlier forecast(s) overlaid (dashed).`}{' '}
          Holidays shaded.
        </p>
      )}
    </section>
  );
}

/** `#/item?code=…` opens the view on that item (links, bookmarks). */
function linkedCode(): string {
  return new URLSearchParams(location.hash.split('?')[1] ?? '').get('code') ?? '';
}

export function ItemView() {
  const [text, setText] = useState(linkedCode);
  const [search, setSearch] = useState(linkedCode);
  const [picked, setPicked] = useState<ItemSummary | null>(null);
  const list = useLoad(
    (signal) => api<ItemsPage>(`/items${query({ q: search, limit: 20 })}`, { signal }),
    [search],
  );
  useEffect(() => {
    const found = list.data?.items;
    if (found?.length === 1) setPicked(found[0]);
  }, [list.data]);
  return (
    <div class="item-view">
      <h2>Item</h2>
      <form
        role="search"
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(text.trim());
        }}
      >
        <label for="item-search">Find an item (code, name)</label>
        <input
          id="item-search"
          type="search"
          value={text}
          maxLength={64}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit">Search</button>
      </form>
      <StatusLine loading={list.loading} error={list.error} />
      {list.data && (
        <table class="items-found">
          <caption>
            {list.data.total} item(s)
            {list.data.total > list.data.items.length && `, first ${list.data.items.length} shown`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Category</th>
              <th scope="col">Last sale</th>
              <th scope="col">Forecasts</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((i) => (
              <tr key={i.item_code} aria-selected={picked?.item_code === i.item_code}>
                <td>
                  <button type="button" class="link" onClick={() => setPicked(i)}>
                    {i.item_code}
                  </button>
                </td>
                <td>{i.name}</td>
                <td>{i.category}</td>
                <td>{i.last_sale_date ?? '–'}</td>
                <td>{TARGETS.filter((t) => i.forecasts[t]).join(', ') || 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {picked && (
        <section aria-label="Item detail" class="item-detail">
          <h3>
            {picked.name || picked.item_code} <span class="muted">{picked.item_code}</span>
          </h3>
          <p class="muted">
            {picked.category} · loss rate{' '}
            {picked.loss_rate === null ? 'unknown' : `${(picked.loss_rate * 100).toFixed(1)} %`} ·
            sold on {picked.days_sold} days ({picked.first_sale_date ?? '–'} …{' '}
            {picked.last_sale_date ?? '–'})
          </p>
          {TARGETS.map((t) => (
            <TargetChart key={`${picked.item_code}-${t}`} item={picked} target={t} />
          ))}
        </section>
      )}
    </div>
  );
}
