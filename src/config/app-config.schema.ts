import { z } from 'zod';
import { authConfigSchema } from './auth.config.js';
import { dataConfigSchema } from './data.config.js';
import { forecastingConfigSchema } from './forecasting.config.js';
import { healthConfigSchema } from './health.config.js';
import { metricsConfigSchema } from './metrics.config.js';
import { queueConfigSchema } from './queue.config.js';
import { rateLimitConfigSchema } from './rate-limit.config.js';
import { jobsConfigSchema } from './jobs.config.js';
import { loggingConfigSchema } from './logging.config.js';
import { monitoringConfigSchema } from './monitoring.config.js';
import { registryConfigSchema } from './registry.config.js';
import { sagemakerConfigSchema } from './sagemaker.config.js';
import { serverConfigSchema } from './server.config.js';
import { servingConfigSchema } from './serving.config.js';
import { startupConfigSchema } from './startup.config.js';
import { storageConfigSchema } from './storage.config.js';

/** The whole configuration: one schema per module, composed. */
export const appConfigSchema = z.object({
  server: serverConfigSchema,
  data: dataConfigSchema,
  forecasting: forecastingConfigSchema,
  storage: storageConfigSchema,
  queue: queueConfigSchema,
  auth: authConfigSchema,
  registry: registryConfigSchema,
  startup: startupConfigSchema,
  jobs: jobsConfigSchema.prefault({}),
  rateLimit: rateLimitConfigSchema.prefault({}),
  sagemaker: sagemakerConfigSchema.prefault({}),
  serving: servingConfigSchema.prefault({}),
  monitoring: monitoringConfigSchema,
  health: healthConfigSchema.prefault({}),
  metrics: metricsConfigSchema.prefault({}),
  logging: loggingConfigSchema.prefault({}),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
