import { englishOrdinal, percentileWording } from '../../../src/serving/percentile-wording.js';

describe('englishOrdinal', () => {
  it.each([
    [0, '0th'],
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [50, '50th'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('writes %i as %s', (n, ordinal) => {
    expect(englishOrdinal(n)).toBe(ordinal);
  });
});

describe('percentileWording', () => {
  it.each([
    [0.01, 'the 1st percentile'],
    [0.12, 'the 12th percentile'],
    [0.21, 'the 21st percentile'],
    [0.22, 'the 22nd percentile'],
    [0.23, 'the 23rd percentile'],
    [0.6, 'the 60th percentile'],
    [0.99, 'the 99th percentile'],
    // To 0.1 %: a level that rounds to a whole percentile is one.
    [0.90004, 'the 90th percentile'],
    [0.562, 'the 56.2 % quantile'],
    [0.6666, 'the 66.7 % quantile'],
    [0.011, 'the 1.1 % quantile'],
  ])('names the level %f as %s', (level, wording) => {
    expect(percentileWording(level)).toBe(wording);
  });
});
