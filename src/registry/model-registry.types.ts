import type { BacktestMetrics } from './model-manifest.schema.js';
import type { Target } from '../data/series-panel.js';
import type { BlobSink, BlobSource } from '../storage/blob.types.js';
import type {
  ManifestInput,
  ModelManifest,
  ModelStage,
  ModelVersion,
} from './model-manifest.schema.js';
import type { GateResult, HistoryEntry } from './registry-history.schema.js';
import type { UnreadableEntry } from './registry.repository.js';

/** Who makes a change and why; stored in the history. */
export interface ChangeContext {
  actor: string;
  reason?: string;
}

export interface RegisterRequest extends ChangeContext {
  manifest: ManifestInput;
  /**
   * Writes the model's artifacts (e.g. `forecaster.toArtifacts(sink)`); keys are relative to the
   * version's artifacts folder. The manifest is written only after this resolves, so the version is
   * invisible until then; if it throws, whatever it wrote is removed and the error is rethrown.
   */
  writeArtifacts(sink: BlobSink): Promise<unknown>;
}

export interface ModelListFilter {
  target?: Target;
  kind?: string;
  stage?: ModelStage;
  alias?: string;
}

export interface ModelListResult {
  /** Newest first. */
  versions: ModelVersion[];
  /** Entries that could not be read (corrupt manifest or state, odd folder names). */
  errors: UnreadableEntry[];
}

export interface PromoteOptions extends ChangeContext {
  /** Default 'prod' (gated). */
  stage?: 'staging' | 'prod';
  /** Enter prod although gates fail; needs a reason; recorded in the history. */
  force?: boolean;
  /** The prod model's backtest re-measured on the candidate's data (see ProdReference). */
  prodReference?: ProdReference;
}

/**
 * The current prod model's backtest measured again on the data a candidate was trained on, so the
 * gates compare both on the same data. Used instead of the prod manifest's own metrics while
 * `id` still holds prod; ignored otherwise.
 */
export interface ProdReference {
  id: string;
  backtest: BacktestMetrics;
  dataFingerprint: string;
}

export interface PromotionResult {
  version: ModelVersion;
  /** The model that held prod before (for 'prod'), else null. */
  previousId: string | null;
  /** Gate results (empty for staging). */
  gates: GateResult[];
  forced: boolean;
  /** False when the model already was in that stage (nothing written). */
  changed: boolean;
}

export interface RollbackResult {
  /** The prod model rolled back from (now archived). */
  from: string | null;
  to: ModelVersion;
}

export interface TargetStatus {
  target: Target;
  version: number;
  prod: string | null;
  staging: string[];
  previousProd: string[];
  aliases: Record<string, string>;
  updatedAt: string | null;
}

export interface HistoryQuery {
  /** Only entries about this model. */
  id?: string;
  /** The most recent N entries. */
  limit?: number;
}

export interface HistoryResult {
  /** Oldest first. */
  entries: HistoryEntry[];
  errors: UnreadableEntry[];
}

/** A registered model's artifacts, for a kind's loader. */
export interface ModelArtifacts {
  manifest: ModelManifest;
  source: BlobSource;
}
