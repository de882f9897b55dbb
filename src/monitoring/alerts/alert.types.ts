export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertRule = 'accuracy-degraded' | 'coverage' | 'drift' | 'job-failures' | 'stale-data';

/** A rule that fired, before delivery. */
export interface AlertEvent {
  rule: AlertRule;
  severity: AlertSeverity;
  /** What the alert is about (target, model, job name): with the rule, the deduplication key. */
  subject: string;
  title: string;
  message: string;
  figures: Record<string, number | string | null>;
}

export interface AlertDelivery {
  /** A webhook URL (without its query) or `sns:<topic>`. */
  channel: string;
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

/** An alert as kept in the history (`GET /monitoring/alerts`). */
export interface AlertRecord extends AlertEvent {
  id: string;
  fired_at: string;
  deliveries: AlertDelivery[];
}
