import { z } from 'zod';
import { parseParams } from '../stats/model-params.js';

/** Kinds that train a tfjs network (their fit time budget is shared within an ensemble). */
export const NEURAL_KINDS: readonly string[] = ['mlp', 'lstm', 'gru', 'transformer'];

const memberSchema = z
  .object({
    kind: z.string().min(1),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const ensembleParamsSchema = z
  .object({
    /** The member kinds (2–6, no nested ensembles), each with its own params. */
    members: z.array(memberSchema).min(2).max(6),
    /** 'mean': weighted mean of each quantile; 'median': median of the members' values. */
    combine: z.enum(['mean', 'median']),
    /**
     * 'equal' or 'fixed' (the `weights` given) or 'validation': each member is first fitted up to
     * `horizon` days before the cutoff and weighted by 1 / WAPE² of its P50 on those held-out days.
     */
    weighting: z.enum(['equal', 'fixed', 'validation']),
    /**
     * The served P50: 'median' combines the members' P50s; 'mean' serves the combined mean forecast
     * (kept within P10–P90), which scored the lower volume-weighted error where residual medians sit
     * below the level of the large series.
     */
    center: z.enum(['median', 'mean']),
    /** Member weights for weighting 'fixed', in member order. */
    weights: z.array(z.number().positive().finite()).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.weighting === 'fixed' && p.weights?.length !== p.members.length)
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `weighting 'fixed' needs one weight per member (${p.members.length})`,
      });
    if (p.members.some((m) => m.kind === 'ensemble'))
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'ensembles do not nest' });
  });

export type EnsembleParams = z.infer<typeof ensembleParamsSchema>;

export const ENSEMBLE_DEFAULTS: EnsembleParams = {
  members: [{ kind: 'linear' }, { kind: 'mlp' }, { kind: 'gbt' }],
  combine: 'mean',
  weighting: 'equal',
  center: 'mean',
};

export function parseEnsembleParams(raw: Record<string, unknown> | undefined): EnsembleParams {
  return parseParams('ensemble', ensembleParamsSchema, ENSEMBLE_DEFAULTS, raw);
}
