import { accuracyBench } from './accuracy.bench.js';
import type { BenchSection } from './bench-report.js';
import { consoleBench } from './console.bench.js';
import { csvBench } from './csv.bench.js';
import { dataPipelineBench } from './data-pipeline.bench.js';
import { forecastingBench } from './forecasting.bench.js';
import { jobsBench } from './jobs.bench.js';
import { monitoringBench } from './monitoring.bench.js';
import { observabilityBench } from './observability.bench.js';
import { servingBench } from './serving.bench.js';
import { soakBench } from './soak.bench.js';

/** One benchmark section: `npm run bench -- --only NAME` runs it. */
export interface BenchSuite {
  name: string;
  /** One line for `--list` and bench/README.md. */
  summary: string;
  run(): Promise<BenchSection[]>;
}

/** Every section, in the order they run. Add one line per new section. */
export const SECTIONS: readonly BenchSuite[] = [
  dataPipelineBench,
  forecastingBench,
  servingBench,
  observabilityBench,
  jobsBench,
  monitoringBench,
  accuracyBench,
  soakBench,
  consoleBench,
  csvBench,
];
