import type { ApiPropertyOptions } from '@nestjs/swagger';
import { JOB_STATES } from '../../job-queue.port.js';

/** Swagger descriptions shared by the batch status and the admin job views. */
export const JOB_FIELD_DOCS = {
  state: {
    enum: JOB_STATES,
    example: 'active',
    description:
      'waiting (queued), active (running), delayed (waiting for a retry), completed, failed, cancelled',
  },
  progress: { example: 40, minimum: 0, maximum: 100, description: '0–100; 100 once completed' },
  stage: {
    type: String,
    nullable: true,
    example: 'forecast',
    description: 'Stage named by the last progress report',
  },
  attempts: { example: 1, description: 'Attempts made so far (finished ones)' },
  maxAttempts: { example: 3, description: 'Attempts allowed in all (transient failures retry)' },
  createdAt: {
    example: '2026-11-29T02:00:00.000Z',
    format: 'date-time',
    description: 'When it was submitted',
  },
  startedAt: {
    type: String,
    nullable: true,
    format: 'date-time',
    example: '2026-11-29T02:00:01.000Z',
    description: 'When the last attempt started',
  },
  finishedAt: {
    type: String,
    nullable: true,
    format: 'date-time',
    example: null,
    description: 'When it completed, failed or was cancelled',
  },
  error: {
    type: String,
    nullable: true,
    example: null,
    description: 'Error of the last failed attempt (failed or cancelled jobs, or before a retry)',
  },
} satisfies Record<string, ApiPropertyOptions>;
