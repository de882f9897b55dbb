import { Logger } from '@nestjs/common';
import type { Target } from '../data/series-panel.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import {
  DEFAULT_PROMOTION_GATES,
  type PromotionGatesConfig,
} from '../config/promotion-gates.config.js';
import { assertAlias, assertTarget, isModelId, makeModelId, parseModelId } from './model-id.js';
import { listModelVersions, toModelVersion } from './model-listing.js';
import {
  manifestInputSchema,
  MANIFEST_SCHEMA_VERSION,
  type ModelManifest,
  type ModelVersion,
} from './model-manifest.schema.js';
import type {
  ChangeContext,
  HistoryQuery,
  HistoryResult,
  ModelArtifacts,
  ModelListFilter,
  ModelListResult,
  PromoteOptions,
  PromotionResult,
  RegisterRequest,
  ProdReference,
  RollbackResult,
  TargetStatus,
} from './model-registry.types.js';
import {
  LocalPromotionNotifier,
  type PromotionListener,
  type PromotionNotice,
  type PromotionNotifier,
} from './promotion-notifier.js';
import { RegistryChanges, type Decision } from './registry-changes.js';
import { authorOf, historyEntry } from './registry-entries.js';
import type { GateResult, HistoryEntry } from './registry-history.schema.js';
import { versionPrefix } from './registry-layout.js';
import { InProcessRegistryLock, type RegistryLock } from './registry-lock.js';
import { stageOf } from './registry-state.js';
import { RegistryError } from './registry.errors.js';
import { RegistryRepository } from './registry.repository.js';

export interface ModelRegistryDeps {
  store: ArtifactStore;
  gates?: PromotionGatesConfig;
  /** Default: in-process (single writer process). Use RedisRegistryLock with several writers. */
  lock?: RegistryLock;
  /** Default: local listeners only. */
  notifier?: PromotionNotifier;
  clock?: () => Date;
}

const ID_ATTEMPTS = 5;

/**
 * Model versions, stages (dev → staging → prod; replaced prod models are archived), aliases,
 * promotion gates, rollback and an append-only history, kept as JSON documents in the ArtifactStore:
 * `registry/<target>/versions/<id>/{manifest.json, artifacts/...}`, `registry/<target>/state.json`,
 * `registry/<target>/history/*.json`. Manifests are immutable; stages and aliases live in
 * state.json, which every change rewrites whole (atomically) under the target's lock.
 */
export class ModelRegistryService {
  readonly repository: RegistryRepository;
  private readonly changes: RegistryChanges;
  private readonly lock: RegistryLock;
  private readonly notifier: PromotionNotifier;
  private readonly clock: () => Date;
  private readonly logger = new Logger(ModelRegistryService.name);

  constructor(deps: ModelRegistryDeps) {
    this.repository = new RegistryRepository(deps.store);
    this.changes = new RegistryChanges(this.repository, deps.gates ?? DEFAULT_PROMOTION_GATES);
    this.lock = deps.lock ?? new InProcessRegistryLock();
    this.notifier = deps.notifier ?? new LocalPromotionNotifier();
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Writes the artifacts, then the manifest (last); the new version starts in dev. */
  async register(req: RegisterRequest): Promise<ModelVersion> {
    const author = authorOf(req);
    const parsed = manifestInputSchema.safeParse(req.manifest);
    if (!parsed.success) {
      throw new RegistryError('INVALID_ARGUMENT', 'the model manifest is invalid', {
        issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      });
    }
    const input = parsed.data;
    const at = this.clock();
    const id = await this.freshId(input.target, input.kind, at, JSON.stringify(input));
    const sink = this.repository.artifacts(input.target, id);
    try {
      await req.writeArtifacts(sink);
    } catch (err) {
      await this.removeKeys(versionPrefix(input.target, id));
      throw err;
    }
    const manifest: ModelManifest = {
      schemaVersion: MANIFEST_SCHEMA_VERSION,
      ...input,
      id,
      createdAt: at.toISOString(),
      artifacts: [...sink.written].sort(),
    };
    await this.repository.writeManifest(manifest);
    await this.repository.appendHistory(
      historyEntry('register', input.target, id, at, author, {
        toStage: 'dev',
        metrics: manifest.backtest,
      }),
    );
    return { ...manifest, stage: 'dev', aliases: [] };
  }

  async get(id: string): Promise<ModelVersion> {
    const { target } = parseModelId(id);
    const state = await this.repository.readState(target);
    return toModelVersion(await this.repository.readManifest(target, id), state);
  }

  /** Registered models, newest first; unreadable entries are reported in `errors`. */
  list(filter: ModelListFilter = {}): Promise<ModelListResult> {
    return listModelVersions(this.repository, filter);
  }

  /** `ref`: 'prod', an alias (champion, challenger, ...) or a model id of the target. */
  async resolve(target: Target, ref: string): Promise<ModelVersion> {
    assertTarget(target);
    if (isModelId(ref)) {
      if (parseModelId(ref).target !== target)
        throw new RegistryError('INVALID_ARGUMENT', `${ref} is not a model of ${target}`);
      return this.get(ref);
    }
    const state = await this.repository.readState(target);
    const id = ref === 'prod' ? state.prod : (state.aliases[assertAlias(ref)] ?? null);
    if (id === null)
      throw new RegistryError('NOT_FOUND', `${target} has no ${ref} model`, { target, ref });
    return toModelVersion(await this.repository.readManifest(target, id), state);
  }

  /** The manifest and a BlobSource over the model's artifacts, for the kind's loader. */
  async openArtifacts(id: string): Promise<ModelArtifacts> {
    const { target } = parseModelId(id);
    const manifest = await this.repository.readManifest(target, id);
    return { manifest, source: this.repository.artifacts(target, id) };
  }

  async status(target: Target): Promise<TargetStatus> {
    const s = await this.repository.readState(assertTarget(target));
    return {
      target: s.target,
      version: s.version,
      prod: s.prod,
      staging: [...s.staging],
      previousProd: [...s.previousProd],
      aliases: { ...s.aliases },
      updatedAt: s.updatedAt,
    };
  }

  /** The prod gates for `id` against the current prod model, without changing anything. */
  async checkGates(id: string, prodReference?: ProdReference): Promise<GateResult[]> {
    const { target } = parseModelId(id);
    const state = await this.repository.readState(target);
    const manifest = await this.repository.readManifest(target, id);
    return this.changes.gatesFor(manifest, state, prodReference);
  }

  /**
   * Moves a model to staging, or into prod through the gates (`force` with a reason bypasses them
   * and is recorded). The former prod model goes on the rollback stack.
   */
  async promote(id: string, opts: PromoteOptions): Promise<PromotionResult> {
    const { target } = parseModelId(id);
    const author = authorOf(opts);
    const stage = opts.stage ?? 'prod';
    if (stage !== 'prod' && stage !== 'staging')
      throw new RegistryError('INVALID_ARGUMENT', `cannot promote to ${String(stage)}`);
    const force = opts.force === true;
    if (force && author.reason === null)
      throw new RegistryError('INVALID_ARGUMENT', 'a forced promotion needs a reason');

    return this.change(
      target,
      this.changes.promote(id, target, stage, force, author, opts.prodReference),
    );
  }

  /** Back to dev from staging or archived (a prod model leaves prod by promotion or rollback). */
  async demote(id: string, ctx: ChangeContext): Promise<ModelVersion> {
    const { target } = parseModelId(id);
    const author = authorOf(ctx);
    return this.change(target, this.changes.demote(id, target, author));
  }

  /** Returns the target to its previous prod model in one call (no gates: it was prod before). */
  async rollback(target: Target, ctx: ChangeContext): Promise<RollbackResult> {
    assertTarget(target);
    const author = authorOf(ctx);
    return this.change(target, this.changes.rollback(target, author));
  }

  /** Points an alias (champion, challenger, ...) of the model's target at `id`. */
  async setAlias(alias: string, id: string, ctx: ChangeContext): Promise<ModelVersion> {
    const name = assertAlias(alias);
    const { target } = parseModelId(id);
    const author = authorOf(ctx);
    return this.change(target, this.changes.setAlias(name, id, target, author));
  }

  /** Removes an alias; false when it did not exist. */
  async removeAlias(target: Target, alias: string, ctx: ChangeContext): Promise<boolean> {
    assertTarget(target);
    const name = assertAlias(alias);
    const author = authorOf(ctx);
    return this.change(target, this.changes.removeAlias(target, name, author));
  }

  /**
   * Deletes a model and its artifacts (the manifest first, so it leaves listings at once). Refused
   * for the prod model and for aliased ones; allowed for a model whose manifest is corrupt.
   */
  async delete(id: string, ctx: ChangeContext): Promise<void> {
    const { target } = parseModelId(id);
    const author = authorOf(ctx);
    await this.change(target, this.changes.delete(id, target, author));
  }

  /**
   * Records a verdict on a model taken outside the registry's own changes (a canary judged on
   * actuals: `live` holds the figures, `reason` the decision); the stages do not change.
   */
  async recordVerdict(
    id: string,
    ctx: ChangeContext,
    live: Record<string, number | string | null>,
  ): Promise<HistoryEntry> {
    const { target } = parseModelId(id);
    const author = authorOf(ctx);
    return this.lock.withLock(target, async (guard) => {
      const state = await this.repository.readState(target);
      const manifest = await this.repository.readManifest(target, id);
      const stage = stageOf(state, id);
      const entry = historyEntry('canary', target, id, this.clock(), author, {
        fromStage: stage,
        toStage: stage,
        previousId: state.prod,
        metrics: manifest.backtest,
        live,
        stateVersion: state.version,
      });
      await guard.assertHeld();
      await this.repository.appendHistory(entry);
      return entry;
    });
  }

  /** The target's history, oldest first; `id` keeps entries about that model (or that it lost). */
  async history(target: Target, query: HistoryQuery = {}): Promise<HistoryResult> {
    assertTarget(target);
    if (query.id !== undefined && parseModelId(query.id).target !== target)
      throw new RegistryError('INVALID_ARGUMENT', `${query.id} is not a model of ${target}`);
    const { entries, errors } = await this.repository.readHistory(target);
    const mine =
      query.id === undefined
        ? entries
        : entries.filter((e) => e.id === query.id || e.previousId === query.id);
    const limit = query.limit === undefined ? mine.length : Math.max(0, Math.floor(query.limit));
    return { entries: limit >= mine.length ? mine : mine.slice(mine.length - limit), errors };
  }

  /** Stage/alias changes made by any replica (through the notifier). Returns an unsubscribe. */
  onChange(listener: PromotionListener): () => void {
    return this.notifier.subscribe(listener);
  }

  /**
   * One change of a target under its lock: read the state, decide, write the state (version + 1)
   * and the history entry, then (outside the lock) tell the other replicas.
   */
  private async change<R>(target: Target, decide: Decision<R>): Promise<R> {
    const outcome = await this.lock.withLock(target, async (guard) => {
      const decided = await decide(await this.repository.readState(target), this.clock());
      if (decided.state === undefined || decided.change === undefined) return decided;
      await guard.assertHeld();
      await this.repository.writeState(decided.state);
      await this.repository.appendHistory(decided.change.entry);
      if (decided.after) await decided.after();
      return decided;
    });
    if (outcome.change) await this.publish(outcome.change.notice);
    return outcome.result;
  }

  private async publish(notice: PromotionNotice): Promise<void> {
    try {
      await this.notifier.publish(notice);
    } catch (err) {
      this.logger.warn(
        `could not announce the ${notice.action} of ${notice.target}: ${String(err)}`,
      );
    }
  }

  private async freshId(target: Target, kind: string, at: Date, content: string): Promise<string> {
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      const id = makeModelId(target, kind, at, content);
      if (!(await this.repository.versionKeysExist(target, id))) return id;
    }
    throw new RegistryError('CONFLICT', 'could not find a free model id; try again');
  }

  private async removeKeys(prefix: string): Promise<void> {
    const store = this.repository.store;
    for (const key of await store.list(prefix)) await store.delete(key).catch(() => undefined);
  }
}
