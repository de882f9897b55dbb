import { z } from 'zod';
import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { TARGETS } from '../../data/series-panel.js';
import type { BlobSink, BlobSource } from '../../storage/blob.types.js';
import { neuralMemberBudget } from '../ensemble/member-budget.js';
import { combineForecasts } from '../ensemble/combine-forecasts.js';
import {
  ENSEMBLE_DEFAULTS,
  NEURAL_KINDS,
  parseEnsembleParams,
  type EnsembleParams,
} from '../ensemble/ensemble-params.js';
import { validationWeights } from '../ensemble/validation-weights.js';
import type {
  FitOptions,
  FitReport,
  Forecast,
  Forecaster,
  ForecasterCapabilities,
  PredictRequest,
} from '../forecast.types.js';
import {
  FORECASTER_HEADER_KEY,
  FORECASTER_SCHEMA_VERSION,
  type ForecasterFactory,
  type ForecasterKinds,
  type ForecasterHeader,
} from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { mergeStopReasons } from '../fit-stop-reason.js';
import type { ModelInputs } from '../model-inputs.js';

const KIND = 'ensemble';

const stateSchema = z.object({
  weights: z.array(z.number().positive().finite()).min(2),
  validationWape: z.array(z.number().nullable()).optional(),
});
type EnsembleState = z.infer<typeof stateSchema>;

/** Member `i`'s blobs live under this prefix of the ensemble's sink. */
const memberPrefix = (i: number): string => `member-${i}/`;

function prefixedSink(sink: BlobSink, prefix: string): BlobSink {
  return { put: (key, bytes) => sink.put(prefix + key, bytes) };
}
function prefixedSource(source: BlobSource, prefix: string): BlobSource {
  return { get: (key) => source.get(prefix + key) };
}

function notFitted(): ForecasterError {
  return new ForecasterError(ForecasterErrorCode.NotFitted, 'The ensemble model is not fitted');
}

/**
 * Combines the forecasts of several kinds, value by value (weighted mean or median of the mean and of
 * each quantile), over the series every member forecasts. Members fit on the same data and options
 * (neural members share the time budget); weights are equal, fixed, or fitted on the `horizon` days
 * before the cutoff (1 / WAPE², members refitted up to the cutoff afterwards). Saved as a header plus
 * each member's own artifacts under `member-<i>/`.
 */
export class EnsembleForecaster implements Forecaster {
  readonly kind = KIND;
  readonly params: Readonly<EnsembleParams>;
  target: Target | undefined;
  horizon: number | undefined;
  private members: Forecaster[] | undefined;
  private state: EnsembleState | undefined;

  constructor(
    params: Record<string, unknown> | undefined,
    private readonly kinds: ForecasterKinds,
  ) {
    const parsed = parseEnsembleParams(params);
    const unknown = parsed.members.filter((m) => !kinds.isKind(m.kind)).map((m) => m.kind);
    if (unknown.length)
      throw new ForecasterError(
        ForecasterErrorCode.InvalidParams,
        `Invalid parameters for 'ensemble': unknown member kind(s) ${unknown.join(', ')}`,
        { kind: KIND, unknown },
      );
    this.params = parsed;
  }

  get capabilities(): ForecasterCapabilities {
    const members = this.members;
    if (!members)
      return {
        covariates: true,
        probabilistic: false,
        minHistory: 28,
        neural: this.params.members.some((m) => NEURAL_KINDS.includes(m.kind)),
      };
    return {
      covariates: members.some((m) => m.capabilities.covariates),
      probabilistic: members.every((m) => m.capabilities.probabilistic),
      minHistory: Math.max(...members.map((m) => m.capabilities.minHistory)),
      neural: members.some((m) => m.capabilities.neural),
    };
  }

  private async createMembers(): Promise<Forecaster[]> {
    const out: Forecaster[] = [];
    try {
      for (const m of this.params.members) out.push(await this.kinds.create(m.kind, m.params));
    } catch (e) {
      for (const f of out) f.dispose();
      throw e;
    }
    return out;
  }

  /** Neural members split the time budget (validation fits); statistical ones keep it whole. */
  private memberOptions(opts: FitOptions): FitOptions {
    const neural = this.params.members.filter((m) => NEURAL_KINDS.includes(m.kind)).length;
    if (opts.timeBudgetSec === undefined || neural <= 1) return opts;
    return { ...opts, timeBudgetSec: opts.timeBudgetSec / neural };
  }

  async fit(panel: SeriesPanel, opts: FitOptions): Promise<FitReport> {
    const started = performance.now();
    this.dispose();
    const members = await this.createMembers();
    const memberOpts = this.memberOptions(opts);
    try {
      let weights = this.params.weights ?? members.map(() => 1);
      let validationWape: (number | null)[] | undefined;
      if (this.params.weighting === 'equal') weights = members.map(() => 1);
      if (this.params.weighting === 'validation') {
        const v = await validationWeights(members, panel, memberOpts);
        weights = v.weights;
        validationWape = v.wapes.map((w) => (Number.isFinite(w) ? w : null));
      }
      // Statistical members first: their seconds come off the neural members' share of the budget.
      const neural = this.params.members.map((m) => NEURAL_KINDS.includes(m.kind));
      const reports: FitReport[] = new Array<FitReport>(members.length);
      for (let i = 0; i < members.length; i++)
        if (!neural[i]) reports[i] = await members[i].fit(panel, opts);
      const spent = (performance.now() - started) / 1000;
      const neuralOpts =
        opts.timeBudgetSec === undefined
          ? opts
          : {
              ...opts,
              timeBudgetSec: neuralMemberBudget(
                opts.timeBudgetSec,
                spent,
                neural.filter(Boolean).length,
              ),
            };
      for (let i = 0; i < members.length; i++)
        if (neural[i]) reports[i] = await members[i].fit(panel, neuralOpts);
      this.members = members;
      this.state = { weights, validationWape };
      this.target = opts.target;
      this.horizon = opts.horizon;
      const samples = reports.reduce((n, r) => n + r.samples, 0);
      const seconds = (performance.now() - started) / 1000;
      return {
        kind: KIND,
        epochs: reports.reduce((n, r) => n + r.epochs, 0),
        stoppedBy: mergeStopReasons(reports.map((r) => r.stoppedBy)),
        trainLoss: reports.flatMap((r) => r.trainLoss),
        valLoss: reports.flatMap((r) => r.valLoss),
        seconds,
        samples,
        samplesPerSec: seconds > 0 ? samples / seconds : 0,
        members: reports,
      };
    } catch (e) {
      for (const m of members) m.dispose();
      this.members = undefined;
      throw e;
    }
  }

  async predict(req: PredictRequest): Promise<Forecast[]> {
    const { members, state } = this;
    if (!members || !state) throw notFitted();
    const byMember: Forecast[][] = [];
    for (const m of members) byMember.push(await m.predict(req));
    return combineForecasts(byMember, state.weights, this.params.combine, this.params.center);
  }

  async toArtifacts(sink: BlobSink): Promise<string[]> {
    const { members, state, target, horizon } = this;
    if (!members || !state || !target || !horizon) throw notFitted();
    const keys: string[] = [];
    for (let i = 0; i < members.length; i++) {
      const prefix = memberPrefix(i);
      const written = await members[i].toArtifacts(prefixedSink(sink, prefix));
      keys.push(...written.map((k) => prefix + k));
    }
    const header: ForecasterHeader = {
      schemaVersion: FORECASTER_SCHEMA_VERSION,
      kind: KIND,
      params: { ...this.params },
      target,
      horizon,
      state,
    };
    await sink.put(FORECASTER_HEADER_KEY, new TextEncoder().encode(JSON.stringify(header)));
    return [FORECASTER_HEADER_KEY, ...keys];
  }

  /** Loads the members saved under `member-<i>/` and the weights from the header. */
  async restore(header: ForecasterHeader, source: BlobSource): Promise<this> {
    const bad = (why: string): ForecasterError =>
      new ForecasterError(ForecasterErrorCode.InvalidArtifact, `Cannot restore ensemble: ${why}`, {
        kind: header.kind,
      });
    if (header.kind !== KIND) throw bad(`the header is for kind '${header.kind}'`);
    if (header.schemaVersion !== FORECASTER_SCHEMA_VERSION)
      throw bad(`unsupported schema version ${header.schemaVersion}`);
    const target = TARGETS.find((t) => t === header.target);
    if (!target) throw bad(`unknown target '${header.target}'`);
    const state = stateSchema.safeParse(header.state);
    if (!state.success || state.data.weights.length !== this.params.members.length)
      throw bad('malformed state');
    const members: Forecaster[] = [];
    try {
      for (let i = 0; i < this.params.members.length; i++) {
        const m = await this.kinds.load(prefixedSource(source, memberPrefix(i)));
        members.push(m);
        if (m.kind !== this.params.members[i].kind)
          throw bad(`member ${i} is a '${m.kind}', not a '${this.params.members[i].kind}'`);
      }
    } catch (e) {
      for (const m of members) m.dispose();
      throw e;
    }
    this.members = members;
    this.state = state.data;
    this.target = target;
    this.horizon = header.horizon;
    return this;
  }

  /** Its members' inputs (the ensemble itself adds none); before a fit, the members' kinds only. */
  inputs(): ModelInputs {
    const members =
      this.members?.map((m) => m.inputs()) ??
      this.params.members.map((m) => ({
        kind: m.kind,
        lookbackDays: null,
        features: {},
        calendar: [],
        panelColumns: [],
        scaling: `the inputs of kind ${m.kind} (GET /data/features)`,
      }));
    const union = (pick: (m: ModelInputs) => string[]): string[] => [
      ...new Set(members.flatMap(pick)),
    ];
    const lookbacks = members.flatMap((m) => (m.lookbackDays === null ? [] : [m.lookbackDays]));
    return {
      kind: KIND,
      lookbackDays: lookbacks.length < members.length ? null : Math.max(...lookbacks),
      features: {},
      calendar: union((m) => m.calendar),
      panelColumns: union((m) => m.panelColumns),
      scaling:
        "none of its own: it combines the members' forecasts (each member scales its inputs)",
      members,
    };
  }

  /** Members (kind, params) and the weights fitted or given, for the manifest. */
  fittedSummary(): Readonly<Record<string, unknown>> {
    return {
      members: this.params.members.map((m) => ({ kind: m.kind, params: m.params ?? {} })),
      combine: this.params.combine,
      weighting: this.params.weighting,
      weights: this.state?.weights ?? null,
      validationWape: this.state?.validationWape ?? null,
    };
  }

  create(): Forecaster {
    return new EnsembleForecaster({ ...this.params }, this.kinds);
  }

  dispose(): void {
    for (const m of this.members ?? []) m.dispose();
    this.members = undefined;
    this.state = undefined;
  }
}

/** The ensemble's factory, given the registry of kinds its members come from. */
export function ensembleFactory(kinds: ForecasterKinds): ForecasterFactory {
  return {
    kind: KIND,
    description:
      'Ensemble of several kinds: weighted mean (or median) of their forecasts and quantiles',
    defaults: ENSEMBLE_DEFAULTS,
    create: (params) => new EnsembleForecaster(params, kinds),
    async restore(header: ForecasterHeader, source: BlobSource): Promise<Forecaster> {
      let forecaster: EnsembleForecaster;
      try {
        forecaster = new EnsembleForecaster(header.params, kinds);
      } catch (e) {
        throw new ForecasterError(
          ForecasterErrorCode.InvalidArtifact,
          `Cannot restore ensemble: ${e instanceof Error ? e.message : String(e)}`,
          { kind: KIND },
        );
      }
      return forecaster.restore(header, source);
    },
  };
}
