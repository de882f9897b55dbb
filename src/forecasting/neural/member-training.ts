import type * as tf from '@tensorflow/tfjs';
import { mergeStopReasons } from '../fit-stop-reason.js';
import type { FitProgress, FitStopReason } from '../forecast.types.js';
import { fitLoop, type BatchSource } from './fit-loop.js';
import type { NeuralTrainingParams } from './neural-params.js';

export interface MemberTrainingInput {
  /** A fresh untrained network for a seed. */
  build: (seed: number) => tf.LayersModel;
  train: BatchSource;
  val: BatchSource;
  params: NeuralTrainingParams;
  horizon: number;
  staticFeatures: number;
  futureFeatures: number;
  /** performance.now() at the start of the fit (the time budget counts from there). */
  started: number;
  onProgress?: (p: FitProgress) => void;
}

export interface MemberTrainingReport {
  /** Epochs of all members together; losses are concatenated member after member. */
  epochs: number;
  trainLoss: number[];
  valLoss: number[];
  samplesSeen: number;
  stepSeconds: number;
  /** What ended the members' training (time-budget if it ended any). */
  stoppedBy: FitStopReason;
}

/** Key prefix of ensemble member m's tfjs artifacts (member 0 at the top level). */
export function memberPrefix(m: number): string {
  return m === 0 ? '' : `member-${m}/`;
}

/** Seed of ensemble member m. */
export function memberSeed(seed: number, m: number): number {
  return seed + 7919 * m;
}

/**
 * Trains `params.members` networks one after another (member m with memberSeed(seed, m) and the budget
 * up to (m + 1) / members of the fit's time budget) and pushes each into `models` as soon as it exists, so
 * the caller can dispose them on failure. Progress continues its epoch count across members.
 */
export async function trainMembers(
  models: tf.LayersModel[],
  input: MemberTrainingInput,
): Promise<MemberTrainingReport> {
  const p = input.params;
  const report: MemberTrainingReport = {
    epochs: 0,
    trainLoss: [],
    valLoss: [],
    samplesSeen: 0,
    stepSeconds: 0,
    stoppedBy: 'epochs',
  };
  for (let m = 0; m < p.members; m++) {
    const seed = memberSeed(p.seed, m);
    const model = input.build(seed);
    models.push(model);
    const memberStart = performance.now();
    const deadline = input.started + (p.timeBudgetSec * 1000 * (m + 1)) / p.members;
    const offset = report.epochs;
    const later = p.members - m - 1;
    const onProgress = input.onProgress;
    const loop = await fitLoop(model, input.train, input.val, {
      epochs: p.epochs,
      samplesPerEpoch: p.samplesPerEpoch,
      batchSize: p.batchSize,
      learningRate: p.learningRate,
      patience: p.patience,
      deadline,
      seed,
      meanLossWeight: p.meanLossWeight,
      lookback: p.lookback,
      horizon: input.horizon,
      staticFeatures: input.staticFeatures,
      futureFeatures: input.futureFeatures,
      onProgress: onProgress
        ? (e) => {
            const elapsed = (performance.now() - memberStart) / 1000;
            const perMember = Math.min(
              (deadline - memberStart) / 1000,
              (elapsed / e.epoch) * e.epochs,
            );
            onProgress({
              ...e,
              epoch: offset + e.epoch,
              epochs: offset + e.epochs + later * p.epochs,
              etaSec: e.etaSec + later * perMember,
            });
          }
        : undefined,
    });
    report.epochs += loop.epochs;
    report.trainLoss.push(...loop.trainLoss);
    report.valLoss.push(...loop.valLoss);
    report.samplesSeen += loop.samplesSeen;
    report.stepSeconds += loop.stepSeconds;
    report.stoppedBy = mergeStopReasons([report.stoppedBy, loop.stoppedBy]) ?? loop.stoppedBy;
  }
  return report;
}
