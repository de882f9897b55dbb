/** One check of /health (the readiness checks of /health/ready among them): status and details. */
export interface HealthCheck {
  status: string;
  message?: string;
  [detail: string]: unknown;
}

export interface HealthAnswer {
  status: string;
  version: string;
  ready?: boolean;
  failing?: string[];
  checks?: Record<string, HealthCheck>;
}

/** What a check says besides its status: its message, else its details (`latency_ms: 1.2`). */
function detailOf(check: HealthCheck): string {
  if (typeof check.message === 'string') return check.message;
  return Object.entries(check)
    .filter(([k]) => k !== 'status')
    .map(([k, v]) => `${k}: ${shown(v)}`)
    .join(', ');
}

/** A detail's value: an object as `key value` pairs (`serving: quantity quantity-ets-…`). */
function shown(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.entries(value)
    .map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** The readiness verdict and each check with its status, as a load balancer sees /health/ready. */
export function ReadinessChecks({ health }: { health: HealthAnswer }) {
  const checks = Object.entries(health.checks ?? {});
  const failing = health.failing ?? [];
  return (
    <>
      <h3>Readiness</h3>
      <p data-field="ready" class={health.ready ? 'ok' : 'error'}>
        {health.ready
          ? 'Ready: every check is up (GET /health/ready answers 200)'
          : `Not ready: ${failing.join(', ') || 'a check'} down (GET /health/ready answers 503)`}
      </p>
      {checks.length > 0 && (
        <table class="checks">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Status</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {checks.map(([name, check]) => (
              <tr key={name} data-check={name} class={check.status === 'up' ? '' : 'alert'}>
                <td>{name}</td>
                <td data-field="check-status">{check.status}</td>
                <td>{detailOf(check)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
