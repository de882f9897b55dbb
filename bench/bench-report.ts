import { cpus, totalmem } from 'node:os';

/** One section of a benchmark report: a title, a markdown table and notes. */
export interface BenchSection {
  title: string;
  headers: string[];
  rows: (string | number)[][];
  notes: string[];
}

export function machineLine(extra: Record<string, string> = {}): string {
  const cpu = cpus();
  const parts = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpu: `${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    ...extra,
  };
  return Object.entries(parts)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
}

function fmt(v: string | number): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
}

export function renderSection(s: BenchSection): string {
  const lines = [
    `### ${s.title}`,
    '',
    `| ${s.headers.join(' | ')} |`,
    `|${s.headers.map(() => '---').join('|')}|`,
  ];
  for (const r of s.rows) lines.push(`| ${r.map(fmt).join(' | ')} |`);
  if (s.notes.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}
