import type { AccuracyReport } from '../../../src/monitoring/accuracy/accuracy-scorer.js';
import {
  accuracyAlerts,
  jobFailureAlert,
  staleDataAlert,
} from '../../../src/monitoring/alerts/alert-rules.js';
import { webhookBody } from '../../../src/monitoring/alerts/webhook-delivery.js';
import { compareWithReference } from '../../../src/monitoring/drift/drift-check.js';
import { renderDriftHtml } from '../../../src/monitoring/drift/drift-html.js';
import { referenceOf } from '../../../src/monitoring/drift/reference-distribution.js';
import { monitoringConfigSchema } from '../../../src/config/monitoring.config.js';

const rules = monitoringConfigSchema.parse({}).alerts.rules;

function report(wape: number, coverage: number): AccuracyReport {
  const base = { horizon_bucket: 'all' as const, category: 'all', points: 50, scored_days: 7 };
  const metrics = { mase: 1, bias: 0, pinball: 1 };
  return {
    target: 'quantity',
    as_of: '2023-07-08',
    generated_at: '2026-12-07T00:00:00.000Z',
    windows: [7, 28],
    prod_model: 'm',
    models: [{ model_version: 'm', kind: 'ets', backtest: { wape: 0.4, mase: 1, coverage: 0.8 } }],
    rows: [
      { ...base, ...metrics, window_days: 7, model_version: 'm', wape, coverage },
      { ...base, ...metrics, window_days: 28, model_version: 'm', wape: 0.9, coverage: 0 },
    ],
  };
}

describe('alert rules', () => {
  it('fires when live WAPE is more than 20 % over the backtest over the rule window', () => {
    expect(accuracyAlerts(report(0.48, 0.8), rules)).toEqual([]);
    const [alert] = accuracyAlerts(report(0.5, 0.8), rules);
    expect(alert).toMatchObject({
      rule: 'accuracy-degraded',
      severity: 'warning',
      subject: 'quantity/m',
      figures: { live_wape: 0.5, backtest_wape: 0.4, window_days: 7 },
    });
    expect(alert.figures.degradation).toBeCloseTo(0.25, 12);
  });

  it('fires when coverage leaves the band, and on stale data and repeated job failures', () => {
    expect(accuracyAlerts(report(0.4, 0.97), rules).map((a) => a.rule)).toEqual(['coverage']);
    expect(accuracyAlerts(report(0.4, 0.6), rules)).toEqual([]);
    expect(staleDataAlert('quantity', '2023-07-01', '2023-07-04', rules)).toEqual([]);
    expect(staleDataAlert('quantity', '2023-07-01', '2023-07-05', rules)[0]).toMatchObject({
      rule: 'stale-data',
      figures: { age_days: 4 },
    });
    expect(jobFailureAlert('train', 2, 'boom', rules)).toEqual([]);
    expect(jobFailureAlert('train', 3, 'boom', rules)[0]).toMatchObject({
      rule: 'job-failures',
      severity: 'critical',
      subject: 'train',
    });
  });

  it('formats Slack-compatible and generic JSON bodies', () => {
    const record = {
      ...jobFailureAlert('train', 3, 'boom', rules)[0],
      id: 'x',
      fired_at: '2026-12-07T00:00:00.000Z',
      deliveries: [],
    };
    const slack = JSON.parse(webhookBody(record, 'slack')) as { text: string; blocks: unknown[] };
    expect(slack.text).toContain('*[CRITICAL] job train failed 3 times in a row*');
    expect(slack.blocks).toHaveLength(1);
    expect(JSON.parse(webhookBody(record, 'json'))).toEqual({
      type: 'freshcast.alert',
      id: 'x',
      fired_at: record.fired_at,
      rule: 'job-failures',
      severity: 'critical',
      subject: 'train',
      title: record.title,
      message: record.message,
      figures: record.figures,
    });
  });
});

describe('drift against a stored reference', () => {
  const ref = referenceOf(Array.from({ length: 100 }, (_, i) => i + 1));

  it('is ok for the same values and alerts for the +10 shift (PSI 0.7594)', () => {
    if (!ref) throw new Error('no reference');
    const t = { psiWarn: 0.1, psiAlert: 0.25 };
    const same = compareWithReference(
      'x',
      ref,
      Array.from({ length: 100 }, (_, i) => i + 1),
      t,
    );
    expect(same).toMatchObject({ psi: 0, status: 'ok', current_count: 100 });
    // KS against the 101-point sketch of 1..100 (not the values themselves): off by its resolution, 1/101.
    expect(same.ks).toBeGreaterThan(0);
    expect(same.ks).toBeLessThanOrEqual(1 / 101);
    const shifted = compareWithReference(
      'x',
      ref,
      Array.from({ length: 100 }, (_, i) => i + 11),
      t,
    );
    // Same worked figure as the PSI unit test: (1e-4 − 0.1)·ln(1e-3) + 0.1·ln 2.
    expect(shifted.psi).toBeCloseTo(0.7593994704263101, 6);
    expect(shifted.status).toBe('alert');
    // Exact KS of 1..100 vs 11..110 is 0.10; the 101-point sketch moves it by at most 1/101.
    expect(Math.abs(shifted.ks - 0.1)).toBeLessThanOrEqual(1 / 101 + 1e-12);
    expect(ref.count).toBe(100);
  });

  it('renders a histogram pair per drifted feature in self-contained HTML', () => {
    if (!ref) throw new Error('no reference');
    const t = { psiWarn: 0.1, psiAlert: 0.25 };
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const html = renderDriftHtml(
      [
        {
          target: 'quantity',
          model_version: 'quantity-ets-<m>',
          generated_at: '2026-12-07T00:00:00.000Z',
          reference: { from: '2023-01-01', to: '2023-03-31' },
          recent: { from: '2023-04-01', to: '2023-04-28' },
          psi_warn: 0.1,
          psi_alert: 0.25,
          drifted_share: 0.5,
          status: 'alert',
          features: [
            compareWithReference(
              'price',
              ref,
              values.map((v) => v + 10),
              t,
            ),
            compareWithReference('quantity', ref, values, t),
          ],
          predictions: null,
        },
      ],
      '2026-12-07T00:00:00.000Z',
    );
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain('price — PSI 0.759');
    // 10 bins, two bars each, and the model id escaped.
    expect(html.match(/<rect /g)).toHaveLength(20);
    expect(html).toContain('quantity-ets-&lt;m&gt;');
    expect(html).not.toMatch(/(src|href)=/);
  });
});
