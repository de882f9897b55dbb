import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

/**
 * `sagemaker` section: the SageMaker container contract (GET /ping, POST /invocations). When enabled
 * the API listens on `port` and serves the model folder at `modelDir`. Every key has a default.
 */
export const sagemakerConfigSchema = z.object({
  enabled: booleanFlag.default(false),
  modelDir: z.string().min(1).default('/opt/ml/model'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
});
export type SageMakerConfig = z.output<typeof sagemakerConfigSchema>;
