import type { Target } from '../data/series-panel.js';

export type StartupPhase = 'starting' | 'data' | 'training' | 'ready' | 'failed';

/** What the first-start job did, for /status and the logs. */
export interface StartupState {
  phase: StartupPhase;
  startedAt: string;
  finishedAt: string | null;
  data: {
    dir: string;
    generated: boolean;
    series: number;
    days: number;
    firstDate: string;
    lastDate: string;
    warnings: number;
    seconds: number;
  } | null;
  models: Partial<
    Record<
      Target,
      {
        id: string;
        kind: string;
        trained: boolean;
        wape: number | null;
        seasonalNaiveWape: number | null;
      }
    >
  >;
  /** Targets left without a prod model that do not fail the start (price targets), and why. */
  warnings: string[];
  error: string | null;
}
