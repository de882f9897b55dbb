import {
  InvokeEndpointCommand,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { addDays } from '../../data/dates.js';
import { cell, type SeriesPanel, type Target } from '../../data/series-panel.js';
import { SUPPORTED_QUANTILES, type QuantileKey } from '../invocation-request.parser.js';
import { DeployInputError } from './endpoint-plan.js';
import { sageMakerCall } from './sagemaker-call.js';

/** The DeepAR-shaped body `POST /invocations` reads (see invocation-request.parser.ts). */
export interface DeepArRequestBody {
  instances: { start: string; target: (number | null)[] }[];
  configuration: {
    quantiles: QuantileKey[];
    output_types: ('mean' | 'quantiles')[];
    prediction_length?: number;
  };
}

export interface InvocationOptions {
  items: readonly string[];
  target: Target;
  /** Days of history sent per item (the most recent ones). */
  contextDays: number;
  quantiles: readonly string[];
  predictionLength?: number;
}

export function checkQuantiles(raw: readonly string[]): QuantileKey[] {
  const out: QuantileKey[] = [];
  for (const q of raw) {
    const key = String(Number(q));
    if (!(key in SUPPORTED_QUANTILES))
      throw new DeployInputError(
        `quantile ${q} is not served; choose from ${Object.keys(SUPPORTED_QUANTILES).join(', ')}`,
      );
    if (!out.includes(key as QuantileKey)) out.push(key as QuantileKey);
  }
  return out;
}

/** One instance per item: its last `contextDays` days of `target` (missing days as null). */
export function invocationBody(panel: SeriesPanel, opts: InvocationOptions): DeepArRequestBody {
  const column = panel.columns.get(opts.target);
  if (!column) throw new DeployInputError(`the data has no "${opts.target}" column`);
  const index = new Map(panel.seriesIds.map((id, s) => [id, s]));
  const unknown = opts.items.filter((id) => !index.has(id));
  if (unknown.length > 0)
    throw new DeployInputError(
      `unknown item${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).join(', ')} (not in the data)`,
    );
  const days = panel.dates.length;
  const from = Math.max(0, days - opts.contextDays);
  const instances = opts.items.map((id) => {
    const s = index.get(id) ?? 0;
    const target: (number | null)[] = [];
    for (let t = from; t < days; t++) {
      const v = column[cell(panel, s, t)];
      target.push(Number.isNaN(v) ? null : v);
    }
    return { start: panel.dates[from], target };
  });
  const configuration: DeepArRequestBody['configuration'] = {
    quantiles: checkQuantiles(opts.quantiles),
    output_types: ['mean', 'quantiles'],
  };
  if (opts.predictionLength !== undefined) configuration.prediction_length = opts.predictionLength;
  return { instances, configuration };
}

/** A DeepAR answer: one prediction per instance, in order. */
export interface DeepArAnswer {
  predictions: { mean?: number[]; quantiles?: Record<string, number[]> }[];
}

function isAnswer(x: unknown): x is DeepArAnswer {
  return typeof x === 'object' && x !== null && 'predictions' in x && Array.isArray(x.predictions);
}

/** Sends the body to the endpoint through SageMaker's runtime API and parses the answer. */
export async function invokeEndpoint(
  client: SageMakerRuntimeClient,
  endpoint: string,
  body: DeepArRequestBody,
  targetVariant?: string,
): Promise<DeepArAnswer> {
  const res = await sageMakerCall('InvokeEndpoint', () =>
    client.send(
      new InvokeEndpointCommand({
        EndpointName: endpoint,
        ContentType: 'application/json',
        Accept: 'application/json',
        Body: new TextEncoder().encode(JSON.stringify(body)),
        TargetVariant: targetVariant,
      }),
    ),
  );
  const text = res.Body ? new TextDecoder().decode(res.Body) : '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DeployInputError(
      `endpoint ${endpoint} answered with non-JSON: ${text.slice(0, 200)}`,
    );
  }
  if (!isAnswer(parsed) || parsed.predictions.length !== body.instances.length)
    throw new DeployInputError(
      `endpoint ${endpoint} answered without one prediction per instance: ${text.slice(0, 200)}`,
    );
  return parsed;
}

/** The answer as a table: item, date, mean and each quantile. */
export function answerTable(
  items: readonly string[],
  body: DeepArRequestBody,
  answer: DeepArAnswer,
): string {
  const qs = body.configuration.quantiles;
  const rows = [['ITEM', 'DATE', 'MEAN', ...qs.map((q) => `P${Math.round(Number(q) * 100)}`)]];
  answer.predictions.forEach((p, i) => {
    const inst = body.instances[i];
    const last = addDays(inst.start, inst.target.length - 1);
    const length = p.mean?.length ?? p.quantiles?.[qs[0]]?.length ?? 0;
    for (let h = 0; h < length; h++) {
      const fmt = (v: number | undefined) => (v === undefined ? '' : v.toFixed(3));
      rows.push([
        items[i],
        addDays(last, h + 1),
        fmt(p.mean?.[h]),
        ...qs.map((q) => fmt(p.quantiles?.[q]?.[h])),
      ]);
    }
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return (
    rows
      .map((r) =>
        r
          .map((v, c) => v.padEnd(widths[c]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
