import { useEffect, useRef, useState } from 'preact/hooks';
import { drawBarChart } from '../../shared/forecast-chart';
import { adminKey, api, errorText, query } from '../api';
import { DataTable } from '../data-table';
import { StatusLine } from '../status-line';
import {
  TARGETS,
  type HistoryEntry,
  type LeaderboardRow,
  type ModelSummary,
  type Target,
} from '../types';
import { useLoad } from '../use-fetch';

function LeaderboardChart({ rows }: { rows: LeaderboardRow[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || rows.length === 0) return;
    const chart = drawBarChart(
      box.current,
      'Backtest WAPE (lower is better)',
      rows.map((r) => r.kind + (r.stage === 'prod' ? ' (prod)' : '')),
      rows.map((r) => r.wape),
      rows.map((r) => r.seasonal_naive),
    );
    return () => chart.destroy();
  }, [rows]);
  return (
    <div
      ref={box}
      class="chart"
      role="img"
      aria-label="Leaderboard chart: WAPE per model, seasonal naive in orange"
    />
  );
}

/** Admin calls: refused here, before any request, when no admin key was entered. */
function useAdminAction(onDone: () => void) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (label: string, path: string, body: unknown): Promise<void> => {
    if (adminKey() === '') {
      setMessage({
        ok: false,
        text: `${label} refused: this needs the admin key. Enter it under "Admin key" first.`,
      });
      return;
    }
    if (!confirm(`${label}?`)) return;
    try {
      await api(path, { method: 'POST', body, admin: true });
      setMessage({ ok: true, text: `${label}: done.` });
      onDone();
    } catch (err) {
      setMessage({ ok: false, text: `${label} failed: ${errorText(err)}` });
    }
  };
  return { message, run };
}

function Registry({ target, reload }: { target: Target; reload: number }) {
  const models = useLoad(
    (signal) =>
      api<{ versions: ModelSummary[] }>(`/models${query({ target })}`, { admin: true, signal }),
    [target, reload],
  );
  const history = useLoad(
    (signal) =>
      api<{ entries: HistoryEntry[] }>(`/models/history${query({ target, limit: 20 })}`, {
        admin: true,
        signal,
      }),
    [target, reload],
  );
  return (
    <>
      <h3>Registry: {target}</h3>
      <StatusLine loading={models.loading} error={models.error} />
      {models.data && (
        <DataTable
          caption={`Registered ${target} models, newest first`}
          columns={['Model', 'Stage', 'Aliases', 'Registered']}
          rows={models.data.versions}
          rowKey={(m) => m.id}
          cells={(m) => (
            <>
              <td>
                <code>{m.id}</code>
              </td>
              <td>{m.stage}</td>
              <td>{m.aliases.join(', ')}</td>
              <td>{m.created_at}</td>
            </>
          )}
        />
      )}
      <StatusLine loading={history.loading} error={history.error} />
      {history.data && (
        <DataTable
          caption="Registry history (latest 20)"
          columns={['When', 'Action', 'Model', 'Who']}
          rows={history.data.entries}
          rowKey={(_, i) => i}
          cells={(e) => (
            <>
              <td>{e.at}</td>
              <td>
                {e.action}
                {e.to_stage ? ` → ${e.to_stage}` : ''}
              </td>
              <td>
                <code>{e.id}</code>
              </td>
              <td>{e.actor}</td>
            </>
          )}
        />
      )}
    </>
  );
}

export function ModelsView() {
  const [target, setTarget] = useState<Target>('quantity');
  const [reload, setReload] = useState(0);
  const board = useLoad(
    (signal) => api<{ rows: LeaderboardRow[] }>(`/leaderboard${query({ target })}`, { signal }),
    [target, reload],
  );
  const action = useAdminAction(() => setReload((n) => n + 1));
  const rows = board.data?.rows ?? [];
  return (
    <div class="models-view">
      <h2>Models</h2>
      <div class="row">
        <label for="models-target">Target</label>
        <select
          id="models-target"
          value={target}
          onChange={(e) => setTarget(e.currentTarget.value as Target)}
        >
          {TARGETS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="admin"
          onClick={() =>
            void action.run(`Roll back ${target} to the previous prod model`, '/models/rollback', {
              target,
            })
          }
        >
          Roll back prod
        </button>
      </div>
      {action.message && (
        <p class={action.message.ok ? 'ok' : 'error'} role="alert">
          {action.message.text}
        </p>
      )}
      <StatusLine loading={board.loading} error={board.error} />
      {board.data && rows.length === 0 && <p>No backtested {target} model is registered yet.</p>}
      {rows.length > 0 && (
        <>
          <LeaderboardChart rows={rows} />
          <DataTable
            class="leaderboard"
            caption="Leaderboard of the registered models' backtests; the seasonal naive baseline is marked"
            columns={[
              'Model',
              'Kind',
              'Stage',
              'WAPE',
              'vs seasonal naive',
              'MASE',
              'P10–P90 coverage',
              'Backtest',
              'Action',
            ]}
            rows={rows}
            rowKey={(r) => r.id ?? `baseline-${r.target}`}
            rowClass={(r) => (r.seasonal_naive ? 'baseline' : '')}
            cells={(r) => (
              <>
                <td>{r.id ? <code>{r.id}</code> : 'baseline'}</td>
                <td>
                  {r.kind}
                  {r.seasonal_naive && <strong class="badge"> seasonal naive</strong>}
                </td>
                <td>
                  {r.stage ?? '–'}
                  {r.aliases.length ? ` (${r.aliases.join(', ')})` : ''}
                </td>
                <td class="num">{r.wape.toFixed(3)}</td>
                <td class="num">
                  {r.seasonal_naive ? '–' : `${(r.skill_vs_seasonal_naive * 100).toFixed(1)} %`}
                </td>
                <td class="num">{r.mase === null ? '–' : r.mase.toFixed(3)}</td>
                <td class="num">
                  {r.coverage_p10_p90 === null ? '–' : r.coverage_p10_p90.toFixed(3)}
                </td>
                <td>{r.protocol}</td>
                <td>
                  {r.id && r.stage !== 'prod' && (
                    <button
                      type="button"
                      class="admin"
                      onClick={() =>
                        void action.run(
                          `Promote ${r.id} to prod`,
                          `/models/${encodeURIComponent(r.id ?? '')}/promote`,
                          { stage: 'prod' },
                        )
                      }
                    >
                      Promote to prod
                    </button>
                  )}
                </td>
              </>
            )}
          />
        </>
      )}
      {adminKey() === '' ? (
        <p class="muted">Registry stages and history need the admin key.</p>
      ) : (
        <Registry target={target} reload={reload} />
      )}
    </div>
  );
}
