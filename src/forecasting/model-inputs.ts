/**
 * The inputs a model consumed, declared by the code that builds them (never a hand-kept list): the
 * registry records them in every manifest (`featureSpec.inputs`) and `GET /data/features` lists them
 * per kind, so the documented features are the ones the models read.
 */
export interface ModelInputs {
  /** The kind that consumed them. */
  kind: string;
  /**
   * Days of the target's own history one forecast reads (the longest look back of any input), or
   * null when the kind reads the whole history up to the cutoff (per-series smoothing).
   */
  lookbackDays: number | null;
  /** Input vectors the model is fed, each as its feature names in the order the builder writes them. */
  features: Record<string, string[]>;
  /** Calendar covariates read (names of CALENDAR_COVARIATES; `sf_*` are the Spring Festival ones). */
  calendar: string[];
  /** Panel columns read besides the target (price, wholesale, listed, loss_rate, category). */
  panelColumns: string[];
  /** How values are scaled before the model sees them, in words. */
  scaling: string;
  /** Members of a combining kind (ensemble), each with its own inputs. */
  members?: ModelInputs[];
}

/** Calendar names used by any of `features` (those that are calendar covariates), in first-use order. */
export function calendarNamesIn(
  features: Record<string, readonly string[]>,
  covariates: readonly string[],
): string[] {
  const known = new Set(covariates);
  const out: string[] = [];
  for (const names of Object.values(features))
    for (const n of names) if (known.has(n) && !out.includes(n)) out.push(n);
  return out;
}
