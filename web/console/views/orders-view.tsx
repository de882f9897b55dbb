import { useMemo, useState } from 'preact/hooks';
import { downloadText, toCsv } from '../../shared/csv';
import { api } from '../api';
import { StatusLine } from '../status-line';
import type { ItemsPage, ItemSummary, ReplenishmentPage } from '../types';
import { useLoad } from '../use-fetch';
import { COLUMNS, fmt, orderRows, sortRows, type OrderRow, type SortKey } from './orders-table';

const PAGE_SIZES = [10, 25, 50, 100];

interface Orders {
  date: string;
  model: string;
  rows: OrderRow[];
  categories: string[];
}

/** Every forecast item's advice (the API pages by 100) joined with the item catalog. */
async function loadOrders(serviceLevel: number | undefined, signal: AbortSignal): Promise<Orders> {
  const catalog = new Map<string, ItemSummary>();
  let categories: string[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page: ItemsPage = await api<ItemsPage>(`/items?limit=200&offset=${offset}`, { signal });
    for (const i of page.items) catalog.set(i.item_code, i);
    categories = page.categories;
    offset = page.next_offset;
  }
  const items = [];
  let date = '';
  let model = '';
  for (let offset: number | null = 0; offset !== null;) {
    const page: ReplenishmentPage = await api<ReplenishmentPage>('/replenishment', {
      method: 'POST',
      body: {
        offset,
        limit: 100,
        ...(serviceLevel === undefined ? {} : { service_level: serviceLevel }),
      },
      signal,
    });
    items.push(...page.items);
    date = page.date;
    model = page.model_version;
    offset = page.next_offset;
  }
  return { date, model, rows: orderRows(items, catalog), categories };
}

export function OrdersView() {
  const [levelText, setLevelText] = useState('');
  const [level, setLevel] = useState<number | undefined>(undefined);
  const [levelError, setLevelError] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'item_code', asc: true });
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const [open, setOpen] = useState<OrderRow | null>(null);
  const orders = useLoad((signal) => loadOrders(level, signal), [level]);

  const rows = useMemo(() => {
    const all = orders.data?.rows ?? [];
    const kept = category === '' ? all : all.filter((r) => r.category === category);
    return sortRows(kept, sort.key, sort.asc);
  }, [orders.data, category, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const shown = rows.slice(page * pageSize, (page + 1) * pageSize);

  const applyLevel = (e: Event): void => {
    e.preventDefault();
    const t = levelText.trim();
    if (t === '') {
      setLevelError(null);
      setLevel(undefined);
      return;
    }
    const v = Number(t);
    if (!Number.isFinite(v) || v < 0.01 || v > 0.99) {
      setLevelError(
        'Service level must be a number from 0.01 to 0.99 (or empty for the newsvendor ratio).',
      );
      return;
    }
    setLevelError(null);
    setPage(0);
    setLevel(v);
  };
  const exportCsv = (): void => {
    const header = [...COLUMNS.map((c) => c.key), 'reason'];
    const body = rows.map((r) => [...COLUMNS.map((c) => r[c.key]), r.reason]);
    downloadText(`orders-${orders.data?.date ?? 'next'}.csv`, toCsv(header, body));
  };

  return (
    <div class="orders-view">
      <h2>Tomorrow's orders</h2>
      <div class="row">
        <form onSubmit={applyLevel} class="row">
          <label for="service-level">Service level (0.01–0.99, empty: newsvendor)</label>
          <input
            id="service-level"
            inputMode="decimal"
            size={6}
            value={levelText}
            onInput={(e) => setLevelText(e.currentTarget.value)}
          />
          <button type="submit">Apply</button>
        </form>
        <label for="category-filter">Category</label>
        <select
          id="category-filter"
          value={category}
          onChange={(e) => {
            setCategory(e.currentTarget.value);
            setPage(0);
          }}
        >
          <option value="">All categories</option>
          {(orders.data?.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <label for="page-size">Rows per page</label>
        <select
          id="page-size"
          value={pageSize}
          onChange={(e) => {
            setPageSize(Number(e.currentTarget.value));
            setPage(0);
          }}
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="button" onClick={exportCsv} disabled={!orders.data}>
          Export CSV
        </button>
      </div>
      <StatusLine error={levelError} />
      <StatusLine loading={orders.loading} error={orders.error} />
      {orders.data && (
        <>
          <p class="muted">
            Orders for {orders.data.date} from demand model <code>{orders.data.model}</code>
            {level === undefined ? '' : `, service level ${level}`}. {rows.length} item(s).
          </p>
          <table class="orders" aria-describedby="orders-help">
            <caption id="orders-help">
              Choose a row's item code to see its reasoning; choose a column title to sort.
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={
                      sort.key === c.key ? (sort.asc ? 'ascending' : 'descending') : 'none'
                    }
                  >
                    <button
                      type="button"
                      class="sort"
                      data-sort={c.key}
                      onClick={() => {
                        setSort((s) => ({
                          key: c.key,
                          asc: s.key === c.key ? !s.asc : !c.numeric,
                        }));
                        setPage(0);
                      }}
                    >
                      {c.label}
                      {sort.key === c.key ? (sort.asc ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.item_code} class={open?.item_code === r.item_code ? 'selected' : ''}>
                  <td>
                    <button type="button" class="link" onClick={() => setOpen(r)}>
                      {r.item_code}
                    </button>
                  </td>
                  <td>{r.name}</td>
                  <td>{r.category}</td>
                  <td class="num">
                    {r.order_kg === null ? (
                      <span title={r.reason}>no advice</span>
                    ) : (
                      fmt(r.order_kg)
                    )}
                  </td>
                  <td class="num">{fmt(r.demand_p50)}</td>
                  <td class="num">
                    {r.loss_rate === null ? '–' : `${(r.loss_rate * 100).toFixed(1)} %`}
                  </td>
                  <td class="num">{fmt(r.unit_cost)}</td>
                  <td class="num">{fmt(r.unit_price)}</td>
                  <td class="num">{fmt(r.critical_ratio, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager row" aria-label="Orders pages">
            <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Previous page
            </button>
            <span aria-live="polite">
              Page {page + 1} of {pages}
            </span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              Next page
            </button>
          </nav>
          {open && (
            <section class="reasoning" aria-label="Reasoning" aria-live="polite">
              <h3>
                Why {open.order_kg === null ? 'no order' : `${fmt(open.order_kg)} kg`} of{' '}
                {open.name || open.item_code}
              </h3>
              {open.reasoning.length > 0 ? (
                <ol>
                  {open.reasoning.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ol>
              ) : (
                <p>{open.reason}</p>
              )}
              <button type="button" onClick={() => setOpen(null)}>
                Close
              </button>
            </section>
          )}
        </>
      )}
    </div>
  );
}
