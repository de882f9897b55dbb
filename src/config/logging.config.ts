import { z } from 'zod';

/**
 * What the access log writes for a route: every request, only answers ≥ 400, errors plus a sampled
 * share (`sampleRate`) of the others, or nothing.
 */
export const ACCESS_LOG_MODES = ['all', 'errors-only', 'sampled', 'off'] as const;
export type AccessLogMode = (typeof ACCESS_LOG_MODES)[number];

const accessModeSchema = z.enum(ACCESS_LOG_MODES);
const sampleRateSchema = z.coerce.number().min(0).max(1);

/** One route's access-log rule. */
export const accessRouteRuleSchema = z.object({
  /**
   * The route pattern as registered (`/forecasts/:item_code`, never a raw URL); a trailing `*`
   * matches every route under a prefix (`/health*`); `unmatched` is a request no route handled.
   */
  route: z.string().min(1),
  /** Only this method (any when left out). */
  method: z
    .string()
    .min(1)
    .transform((m) => m.toUpperCase())
    .optional(),
  mode: accessModeSchema,
  /** For `sampled`: the share of non-error requests logged (default `logging.access.sampleRate`). */
  sampleRate: sampleRateSchema.optional(),
});
export type AccessRouteRule = z.output<typeof accessRouteRuleSchema>;

/**
 * The hot routes, sampled or quiet by default so that serving keeps its throughput: cached and
 * on-demand POST /predict at 1 % (errors always), scrapes and probes only when they fail.
 */
export const DEFAULT_ACCESS_ROUTE_RULES: AccessRouteRule[] = [
  { route: '/predict', method: 'POST', mode: 'sampled', sampleRate: 0.01 },
  { route: '/metrics', mode: 'errors-only' },
  { route: '/health*', mode: 'errors-only' },
];

/** `logging` section: the access log. Every key has a default. */
export const loggingConfigSchema = z.object({
  access: z
    .object({
      /** Mode of the routes no rule names. */
      mode: accessModeSchema.default('all'),
      /** Share of non-error requests a `sampled` rule without its own rate logs. */
      sampleRate: sampleRateSchema.default(0.01),
      /** Per-route rules, the first that matches wins; setting the list replaces the defaults. */
      routes: z.array(accessRouteRuleSchema).default(DEFAULT_ACCESS_ROUTE_RULES),
    })
    .prefault({}),
});
export type LoggingConfig = z.output<typeof loggingConfigSchema>;
