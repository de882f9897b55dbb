import { mergeStopReasons } from '../../../../src/forecasting/fit-stop-reason.js';
import {
  resolveTraining,
  TRAINING_DEFAULTS,
  unitsParam,
} from '../../../../src/forecasting/neural/neural-params.js';

describe('one stop reason for several trainings', () => {
  it('says the wall clock when it ended any, else early stopping, else the epoch limit', () => {
    expect(mergeStopReasons(['epochs', 'time-budget', 'early-stopping'])).toBe('time-budget');
    expect(mergeStopReasons(['epochs', undefined, 'early-stopping'])).toBe('early-stopping');
    expect(mergeStopReasons(['epochs', 'epochs'])).toBe('epochs');
    expect(mergeStopReasons([undefined])).toBeUndefined();
  });
});

describe('neural training params', () => {
  it('takes defaults, then kind params, then fit options', () => {
    expect(resolveTraining({}, { target: 'quantity', horizon: 7 })).toEqual(TRAINING_DEFAULTS);
    const p = resolveTraining(
      { epochs: 5, batchSize: 64, seed: 1, timeBudgetSec: 10 },
      { target: 'quantity', horizon: 7, epochs: 3, seed: 2 },
    );
    expect(p).toMatchObject({ epochs: 3, batchSize: 64, seed: 2, timeBudgetSec: 10 });
  });

  it('rejects values that cannot work', () => {
    const opts = { target: 'quantity' as const, horizon: 7 };
    expect(() => resolveTraining({ epochs: 0 }, opts)).toThrow(/epochs/);
    expect(() => resolveTraining({ members: 1.5 }, opts)).toThrow(/members/);
    expect(() => resolveTraining({ learningRate: -1 }, opts)).toThrow(/learningRate/);
    expect(() => resolveTraining({ coverage: 1 }, opts)).toThrow(/coverage/);
    expect(() => resolveTraining({ festivalDays: 2 }, opts)).toThrow(/festivalDays/);
    // 1e8 was accepted and failed mid-fit ("Array buffer allocation failed").
    expect(() => resolveTraining({ batchSize: 1e8 }, opts)).toThrow(
      /'batchSize' must be at most 65536 \(got 100000000\)/,
    );
    expect(resolveTraining({ batchSize: 65_536 }, opts).batchSize).toBe(65_536);
    expect(() => resolveTraining({ samplesPerEpoch: -1 }, opts)).toThrow(/samplesPerEpoch/);
    expect(() => resolveTraining({ samplesPerEpoch: 10.5 }, opts)).toThrow(/samplesPerEpoch/);
    expect(resolveTraining({ samplesPerEpoch: 4096 }, opts).samplesPerEpoch).toBe(4096);
    expect(() => resolveTraining({ clip: '20' }, opts)).toThrow(/clip/);
    // Each of these fitted without an error into a model forecasting 0 (clip, meanLossWeight) or
    // NaN (epsShare) everywhere.
    expect(() => resolveTraining({ clip: -1 }, opts)).toThrow(/'clip' must be > 0/);
    expect(() => resolveTraining({ epsShare: -1 }, opts)).toThrow(/'epsShare' must be > 0/);
    expect(() => resolveTraining({ epsShare: 0 }, opts)).toThrow(/'epsShare' must be > 0/);
    expect(() => resolveTraining({ meanLossWeight: -1 }, opts)).toThrow(/meanLossWeight/);
    expect(() => resolveTraining({ patience: 1.5 }, opts)).toThrow(/patience/);
    expect(() => resolveTraining({ minObserved: -1 }, opts)).toThrow(/minObserved/);
    expect(resolveTraining({ meanLossWeight: 0, patience: 0, minObserved: 0 }, opts)).toMatchObject(
      {
        meanLossWeight: 0,
        patience: 0,
        minObserved: 0,
      },
    );
    expect(() => unitsParam({ units: [32, 0] }, 'units', [8])).toThrow(/positive integers/);
    expect(unitsParam({}, 'units', [8])).toEqual([8]);
  });
});
