import { z } from 'zod';

export const dataConfigSchema = z.object({
  dir: z.string().min(1),
  demo: z.object({
    items: z.coerce.number().int().min(1).max(5000),
    days: z.coerce.number().int().min(14).max(20000),
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
    seed: z.coerce.number().int(),
    lang: z.enum(['en', 'cn']),
  }),
  /**
   * How often the API looks for changed data files (size / modification time under `dir`); a change
   * submits a `refresh-forecasts` job. 0 turns the watch off.
   */
  watchIntervalSec: z.coerce.number().int().min(0).max(86_400).default(60),
});
export type DataConfig = z.infer<typeof dataConfigSchema>;
