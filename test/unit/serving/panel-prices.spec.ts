import { buildOnDemandPanel } from '../../../src/serving/on-demand-panel.js';
import { lastObserved } from '../../../src/serving/panel-prices.js';

describe('lastObserved', () => {
  it('finds the last non-NaN value of a column for a series, with its date', () => {
    const panel = buildOnDemandPanel(
      ['a', 'b'],
      [
        [
          { date: '2023-01-01', value: 3 },
          { date: '2023-01-02', value: 4 },
        ],
        [{ date: '2023-01-03', value: 7 }],
      ],
      'wholesale',
    );
    expect(lastObserved(panel, 'wholesale', 0)).toEqual({ value: 4, date: '2023-01-02' });
    expect(lastObserved(panel, 'wholesale', 1)).toEqual({ value: 7, date: '2023-01-03' });
    expect(lastObserved(panel, 'price', 0)).toBeNull();
  });
});
