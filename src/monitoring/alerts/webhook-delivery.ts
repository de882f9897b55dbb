import type { AlertDelivery, AlertRecord } from './alert.types.js';

export interface WebhookTarget {
  url: string;
  format: 'slack' | 'json';
}

export interface DeliveryPolicy {
  attempts: number;
  retryDelayMs: number;
  timeoutMs: number;
}

const ICON = { info: 'ℹ️', warning: '⚠️', critical: '🚨' } as const;

/** The body posted to a webhook: Slack's `{text, blocks}` or the alert record as JSON. */
export function webhookBody(alert: AlertRecord, format: WebhookTarget['format']): string {
  if (format === 'json') {
    const { deliveries: _deliveries, ...rest } = alert;
    return JSON.stringify({ type: 'freshcast.alert', ...rest });
  }
  const text = `${ICON[alert.severity]} *[${alert.severity.toUpperCase()}] ${alert.title}*\n${alert.message}`;
  return JSON.stringify({
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  });
}

/** The URL as shown in the history: no query string (webhook URLs often carry a token there). */
export function channelName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'webhook';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs the alert, retrying a failed attempt (network error, timeout, 5xx or 429) after
 * retryDelayMs, doubling; a 4xx other than 429 is not retried. Never throws.
 */
export async function deliverWebhook(
  alert: AlertRecord,
  hook: WebhookTarget,
  policy: DeliveryPolicy,
): Promise<AlertDelivery> {
  const body = webhookBody(alert, hook.format);
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'freshcast-alerts' },
        body,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok)
        return { channel: channelName(hook.url), ok: true, attempts: attempt, status, error: null };
      error = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429)
        return { channel: channelName(hook.url), ok: false, attempts: attempt, status, error };
    } catch (err) {
      status = null;
      error = err instanceof Error ? err.message : String(err);
    }
    if (attempt < policy.attempts) await sleep(policy.retryDelayMs * 2 ** (attempt - 1));
  }
  return { channel: channelName(hook.url), ok: false, attempts: policy.attempts, status, error };
}
