import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

export const storageConfigSchema = z
  .object({
    driver: z.enum(['disk', 's3']),
    disk: z.object({ root: z.string().min(1) }),
    s3: z.object({
      bucket: z.string(),
      prefix: z.string(),
      region: z.string().min(1),
      endpoint: z.string(),
      forcePathStyle: booleanFlag,
    }),
  })
  .refine((s) => s.driver !== 's3' || s.s3.bucket.length > 0, {
    message: 'a bucket name is required when storage.driver is s3 (FRESHCAST_S3_BUCKET)',
    path: ['s3', 'bucket'],
  });
export type StorageConfig = z.infer<typeof storageConfigSchema>;
