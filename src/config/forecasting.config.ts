import { z } from 'zod';

export const TF_BACKENDS = ['auto', 'node-gpu', 'node', 'wasm', 'cpu'] as const;
export type TfBackendChoice = (typeof TF_BACKENDS)[number];

export const forecastingConfigSchema = z.object({
  backend: z.enum(TF_BACKENDS),
  horizon: z.coerce.number().int().min(1).max(60),
});
export type ForecastingConfig = z.infer<typeof forecastingConfigSchema>;
