import type { CloudWatchUnit } from '../metrics/metric-catalogue.js';

/** One CloudWatch value for a flush interval: a number, or a distribution as value/count arrays. */
export interface CloudWatchDatum {
  name: string;
  unit: CloudWatchUnit;
  /** [name, value] pairs, in declaration order (Service first). */
  dimensions: [string, string][];
  timestamp: Date;
  value?: number;
  /** Distribution: bucket values and how many observations each stands for, with their statistics. */
  distribution?: {
    values: number[];
    counts: number[];
    min: number;
    max: number;
    sum: number;
    count: number;
  };
}
