import { writeFileSync } from 'node:fs';

/**
 * Writes a long-format file (`unique_id,ds,y`) of one series `a` with a weekly pattern (1…7) from
 * 2024-01-01: enough for the CLI's train and backtest commands to run on it in seconds.
 */
export function writeWeeklySeriesFile(path: string, days = 60): void {
  const rows = Array.from({ length: days }, (_, d) => {
    const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    return `a,${day},${(d % 7) + 1}`;
  });
  writeFileSync(path, ['unique_id,ds,y', ...rows].join('\n') + '\n');
}
