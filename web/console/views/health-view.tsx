import { api } from '../api';
import { StatusLine } from '../status-line';
import { useLoad } from '../use-fetch';
import { ReadinessChecks, type HealthAnswer } from './readiness-checks';

interface Status {
  phase: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  data: { series: number; days: number; firstDate: string; lastDate: string } | null;
  serving: {
    phase: string;
    models: Record<string, { id: string; cachedSeries: number; firstForecastDate: string | null }>;
  };
  tf_backend: string | null;
  queue_mode: string;
}
interface AccuracyRow {
  window_days: number;
  model_version: string;
  horizon_bucket: string;
  category: string;
  points: number;
  wape: number | null;
  bias: number | null;
  coverage: number | null;
}
interface AccuracyReport {
  target: string;
  as_of: string;
  prod_model: string | null;
  rows: AccuracyRow[];
}
interface DriftFeature {
  feature: string;
  psi: number | null;
  ks: number | null;
  status: string;
}
interface DriftReport {
  target: string;
  model_version: string;
  generated_at: string;
  features: DriftFeature[];
  drifted_share?: number;
}

const num = (v: number | null | undefined, d = 3): string =>
  v === null || v === undefined ? '–' : v.toFixed(d);

export function HealthView() {
  const status = useLoad((signal) => api<Status>('/status', { signal }), []);
  // /health carries the readiness checks of /health/ready (and answers 200 while they are down).
  const health = useLoad((signal) => api<HealthAnswer>('/health', { signal }), []);
  const accuracy = useLoad(
    (signal) => api<{ reports: AccuracyReport[] }>('/monitoring/accuracy', { signal }),
    [],
  );
  const drift = useLoad(
    (signal) => api<{ reports: DriftReport[] }>('/monitoring/drift', { signal }),
    [],
  );
  const s = status.data;
  return (
    <div class="health-view">
      <h2>Health</h2>
      <StatusLine loading={status.loading} error={status.error ?? health.error} />
      {s && (
        <dl class="facts">
          <dt>Start-up phase</dt>
          <dd data-field="phase">
            {s.phase}
            {s.error ? ` (${s.error})` : ''}
          </dd>
          <dt>Serving</dt>
          <dd>{s.serving.phase}</dd>
          <dt>Version</dt>
          <dd>{health.data?.version ?? '–'}</dd>
          <dt>Compute backend</dt>
          <dd data-field="backend">{s.tf_backend ?? 'not started'}</dd>
          <dt>Queue mode</dt>
          <dd data-field="queue">{s.queue_mode}</dd>
          <dt>Data</dt>
          <dd>
            {s.data
              ? `${s.data.series} series × ${s.data.days} days (${s.data.firstDate} … ${s.data.lastDate})`
              : 'not loaded'}
          </dd>
          {Object.entries(s.serving.models).map(([target, m]) => (
            <>
              <dt key={`${target}-t`}>Prod model, {target}</dt>
              <dd key={`${target}-d`}>
                <code>{m.id}</code>, {m.cachedSeries} series cached from{' '}
                {m.firstForecastDate ?? '–'}
              </dd>
            </>
          ))}
        </dl>
      )}
      {health.data && <ReadinessChecks health={health.data} />}
      <h3>Live accuracy</h3>
      <StatusLine loading={accuracy.loading} error={accuracy.error} />
      {accuracy.data && accuracy.data.reports.length === 0 && (
        <p>No forecast has been scored on actuals yet (the score-accuracy job writes this).</p>
      )}
      {accuracy.data?.reports.map((r) => (
        <table key={r.target}>
          <caption>
            {r.target}: as of {r.as_of}, prod {r.prod_model ?? '–'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Window (days)</th>
              <th scope="col">Model</th>
              <th scope="col">Horizon</th>
              <th scope="col">Category</th>
              <th scope="col">Points</th>
              <th scope="col">WAPE</th>
              <th scope="col">Bias</th>
              <th scope="col">P10–P90 coverage</th>
            </tr>
          </thead>
          <tbody>
            {r.rows
              .filter((row) => row.category === 'all')
              .map((row, i) => (
                <tr key={i}>
                  <td class="num">{row.window_days}</td>
                  <td>
                    <code>{row.model_version}</code>
                  </td>
                  <td>{row.horizon_bucket}</td>
                  <td>{row.category}</td>
                  <td class="num">{row.points}</td>
                  <td class="num">{num(row.wape)}</td>
                  <td class="num">{num(row.bias)}</td>
                  <td class="num">{num(row.coverage)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
      <h3>Drift</h3>
      <StatusLine loading={drift.loading} error={drift.error} />
      {drift.data && drift.data.reports.length === 0 && (
        <p>No drift check has run yet (the check-drift job writes this).</p>
      )}
      {drift.data?.reports.map((r) => (
        <table key={r.target}>
          <caption>
            {r.target}: model {r.model_version}, checked {r.generated_at}
          </caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">PSI</th>
              <th scope="col">KS</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {(r.features ?? []).map((f) => (
              <tr key={f.feature} class={f.status}>
                <td>{f.feature}</td>
                <td class="num">{num(f.psi)}</td>
                <td class="num">{num(f.ks)}</td>
                <td>{f.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
