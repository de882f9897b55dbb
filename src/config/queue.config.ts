import { z } from 'zod';

export const queueConfigSchema = z.object({
  redisUrl: z
    .string()
    .refine((u) => u === '' || /^rediss?:\/\//.test(u), 'a redis:// or rediss:// URL, or empty'),
});
export type QueueConfig = z.infer<typeof queueConfigSchema>;
