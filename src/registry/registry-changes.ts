import type { Target } from '../data/series-panel.js';
import type { PromotionGatesConfig } from '../config/promotion-gates.config.js';
import { toModelVersion } from './model-listing.js';
import type { BacktestMetrics, ModelManifest, ModelVersion } from './model-manifest.schema.js';
import type { PromotionResult, ProdReference, RollbackResult } from './model-registry.types.js';
import { allGatesPassed, evaluatePromotionGates } from './promotion-gates.js';
import type { PromotionNotice } from './promotion-notifier.js';
import { failedGateNames, historyEntry, noticeOf, type Author } from './registry-entries.js';
import type { GateResult, HistoryEntry } from './registry-history.schema.js';
import {
  aliasesOf,
  stageOf,
  withAlias,
  withoutModel,
  withProd,
  withRollback,
  withStage,
  type TargetState,
} from './registry-state.js';
import { isRegistryError, RegistryError } from './registry.errors.js';
import type { RegistryRepository } from './registry.repository.js';

/** What a change decided: the result and, unless nothing changed, the new state, entry and notice. */
export interface ChangeOutcome<R> {
  result: R;
  state?: TargetState;
  change?: { entry: HistoryEntry; notice: PromotionNotice };
  /** Runs after the state and history are written, still under the lock. */
  after?: () => Promise<void>;
}

/** One change's decision, given the target's state read under its lock. */
export type Decision<R> = (state: TargetState, at: Date) => Promise<ChangeOutcome<R>>;

const inProd = (id: string): RegistryError =>
  new RegistryError('CONFLICT', `${id} is in prod; promote another model or roll back`, { id });

/**
 * What each registry change decides from the target's state: the next state, the history entry and
 * the notice, with the promotion gates. ModelRegistryService validates the arguments and applies a
 * decision under the target's lock (`change`); nothing here writes.
 */
export class RegistryChanges {
  constructor(
    private readonly repository: RegistryRepository,
    private readonly gates: PromotionGatesConfig,
  ) {}

  /** To staging, or into prod through the gates unless forced. */
  promote(
    id: string,
    target: Target,
    stage: 'prod' | 'staging',
    force: boolean,
    author: Author,
    prodReference?: ProdReference,
  ): Decision<PromotionResult> {
    return async (state, at) => {
      const manifest = await this.repository.readManifest(target, id);
      const from = stageOf(state, id);
      if (stage === 'staging' && from === 'prod') throw inProd(id);
      if (from === stage) {
        const version = toModelVersion(manifest, state);
        return { result: { version, previousId: null, gates: [], forced: false, changed: false } };
      }
      if (stage === 'staging') {
        const next = withStage(state, id, 'staging', at);
        const entry = historyEntry('stage', target, id, at, author, {
          fromStage: from,
          toStage: 'staging',
          metrics: manifest.backtest,
          stateVersion: next.version,
        });
        const version = toModelVersion(manifest, next);
        return {
          state: next,
          result: { version, previousId: null, gates: [], forced: false, changed: true },
          change: { entry, notice: noticeOf(entry, 'staging', null) },
        };
      }
      const gates = await this.gatesFor(manifest, state, prodReference);
      if (!allGatesPassed(gates) && !force) {
        const failed = gates.filter((g) => !g.passed).map((g) => g.gate);
        throw new RegistryError(
          'GATE_FAILED',
          `${id} did not pass the promotion gates: ${failedGateNames(gates)}`,
          { id, target, failed, gates },
        );
      }
      const previousId = state.prod;
      const next = withProd(state, id, at);
      const entry = historyEntry('promote', target, id, at, author, {
        fromStage: from,
        toStage: 'prod',
        previousId,
        forced: force,
        gates,
        metrics: manifest.backtest,
        previousMetrics: previousId === null ? null : await this.metricsOrNull(target, previousId),
        stateVersion: next.version,
      });
      const version = toModelVersion(manifest, next);
      return {
        state: next,
        result: { version, previousId, gates, forced: force, changed: true },
        change: { entry, notice: noticeOf(entry, 'prod', null) },
      };
    };
  }

  /** Back to dev from staging or archived. */
  demote(id: string, target: Target, author: Author): Decision<ModelVersion> {
    return async (state, at) => {
      const manifest = await this.repository.readManifest(target, id);
      const from = stageOf(state, id);
      if (from === 'prod') throw inProd(id);
      if (from === 'dev') return { result: toModelVersion(manifest, state) };
      const next = withStage(state, id, 'dev', at);
      const entry = historyEntry('stage', target, id, at, author, {
        fromStage: from,
        toStage: 'dev',
        metrics: manifest.backtest,
        stateVersion: next.version,
      });
      return {
        state: next,
        result: toModelVersion(manifest, next),
        change: { entry, notice: noticeOf(entry, 'dev', null) },
      };
    };
  }

  /** To the previous prod model still registered. */
  rollback(target: Target, author: Author): Decision<RollbackResult> {
    return async (state, at) => {
      let stack = state;
      for (;;) {
        const r = withRollback(stack, at);
        if (r === null)
          throw new RegistryError('CONFLICT', `${target} has no previous prod model`, { target });
        let manifest: ModelManifest;
        try {
          manifest = await this.repository.readManifest(target, r.to);
        } catch (err) {
          if (!isRegistryError(err, 'NOT_FOUND')) throw err;
          stack = { ...stack, previousProd: stack.previousProd.slice(0, -1) }; // deleted: skip
          continue;
        }
        const entry = historyEntry('rollback', target, r.to, at, author, {
          fromStage: stageOf(state, r.to),
          toStage: 'prod',
          previousId: r.from,
          metrics: manifest.backtest,
          previousMetrics: r.from === null ? null : await this.metricsOrNull(target, r.from),
          stateVersion: r.state.version,
        });
        return {
          state: r.state,
          result: { from: r.from, to: toModelVersion(manifest, r.state) },
          change: { entry, notice: noticeOf(entry, 'prod', null) },
        };
      }
    };
  }

  setAlias(name: string, id: string, target: Target, author: Author): Decision<ModelVersion> {
    return async (state, at) => {
      const manifest = await this.repository.readManifest(target, id);
      const previousId = state.aliases[name] ?? null;
      if (previousId === id) return { result: toModelVersion(manifest, state) };
      const next = withAlias(state, name, id, at);
      const entry = historyEntry('alias', target, id, at, author, {
        fromStage: stageOf(state, id),
        toStage: stageOf(next, id),
        alias: name,
        previousId,
        metrics: manifest.backtest,
        previousMetrics: previousId === null ? null : await this.metricsOrNull(target, previousId),
        stateVersion: next.version,
      });
      return {
        state: next,
        result: toModelVersion(manifest, next),
        change: { entry, notice: noticeOf(entry, null, name) },
      };
    };
  }

  removeAlias(target: Target, name: string, author: Author): Decision<boolean> {
    return async (state, at) => {
      const holder = state.aliases[name];
      if (holder === undefined) return { result: false };
      const next = withAlias(state, name, null, at);
      const entry = historyEntry('alias', target, holder, at, author, {
        fromStage: stageOf(state, holder),
        toStage: stageOf(next, holder),
        alias: name,
        previousId: holder,
        metrics: await this.metricsOrNull(target, holder),
        stateVersion: next.version,
      });
      return {
        state: next,
        result: true,
        change: { entry, notice: noticeOf(entry, null, name, null) },
      };
    };
  }

  /** Refused for the prod model and aliased ones; the artifacts go after the state is written. */
  delete(id: string, target: Target, author: Author): Decision<undefined> {
    return async (state, at) => {
      const stage = stageOf(state, id);
      if (stage === 'prod') {
        const message = `${id} is the prod model of ${target}; it cannot be deleted`;
        throw new RegistryError('FORBIDDEN_DELETE', message, { id, stage });
      }
      const aliases = aliasesOf(state, id);
      if (aliases.length > 0) {
        const message = `${id} is aliased as ${aliases.join(', ')}; remove the alias first`;
        throw new RegistryError('FORBIDDEN_DELETE', message, { id, aliases });
      }
      let metrics: BacktestMetrics | null = null;
      try {
        metrics = (await this.repository.readManifest(target, id)).backtest;
      } catch (err) {
        const missing = isRegistryError(err, 'NOT_FOUND');
        if (!missing && !isRegistryError(err, 'CORRUPT_MANIFEST')) throw err;
        if (missing && !(await this.repository.versionKeysExist(target, id))) throw err;
      }
      const next = withoutModel(state, id, at);
      const entry = historyEntry('delete', target, id, at, author, {
        fromStage: stage,
        metrics,
        stateVersion: next.version,
      });
      return {
        state: next,
        result: undefined,
        change: { entry, notice: noticeOf(entry, null, null) },
        after: () => this.repository.deleteVersion(target, id),
      };
    };
  }

  /**
   * The prod gates for `manifest` against the state's prod model: its own backtest, or
   * `prodReference` (its backtest re-measured on other data) while it still holds prod.
   */
  async gatesFor(
    manifest: ModelManifest,
    state: TargetState,
    prodReference?: ProdReference,
  ): Promise<GateResult[]> {
    const prodId = state.prod;
    const prod =
      prodId === null || prodId === manifest.id
        ? null
        : prodReference?.id === prodId
          ? prodReference
          : { id: prodId, ...(await this.gateFactsOrNull(manifest.target, prodId)) };
    return evaluatePromotionGates(
      {
        id: manifest.id,
        backtest: manifest.backtest,
        dataFingerprint: manifest.training.fingerprint,
      },
      prod,
      this.gates,
    );
  }

  /** A model's backtest metrics; null when it has none or its manifest cannot be read. */
  private async metricsOrNull(target: Target, id: string): Promise<BacktestMetrics | null> {
    return (await this.gateFactsOrNull(target, id)).backtest;
  }

  /**
   * A model's backtest metrics and the fingerprint of the data they were measured on (its training
   * data); nulls when it has none or its manifest cannot be read.
   */
  private async gateFactsOrNull(
    target: Target,
    id: string,
  ): Promise<{ backtest: BacktestMetrics | null; dataFingerprint: string | null }> {
    try {
      const prod = await this.repository.readManifest(target, id);
      return { backtest: prod.backtest, dataFingerprint: prod.training.fingerprint };
    } catch (err) {
      if (isRegistryError(err, 'NOT_FOUND') || isRegistryError(err, 'CORRUPT_MANIFEST'))
        return { backtest: null, dataFingerprint: null };
      throw err;
    }
  }
}
