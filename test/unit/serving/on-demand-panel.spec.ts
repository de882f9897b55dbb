import { buildOnDemandPanel, historyProblems } from '../../../src/serving/on-demand-panel.js';

describe('buildOnDemandPanel', () => {
  it('merges histories onto one calendar with NaN where a history has no value', () => {
    const panel = buildOnDemandPanel(
      ['a', 'b'],
      [
        [
          { date: '2023-01-01', value: 1 },
          { date: '2023-01-03', value: 3 },
        ],
        [{ date: '2023-01-02', value: 5 }],
      ],
      'quantity',
    );
    expect(panel.dates).toEqual(['2023-01-01', '2023-01-02', '2023-01-03']);
    expect(Array.from(panel.columns.get('quantity') ?? [])).toEqual([1, NaN, 3, NaN, 5, NaN]);
    expect(Array.from(panel.listed)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(panel.statics.categoryCode).toEqual(['', '']);
    expect(Number.isNaN(panel.statics.lossRate[1])).toBe(true);
  });
});

describe('historyProblems', () => {
  const ok = [
    { date: '2023-01-01', value: 1 },
    { date: '2023-01-02', value: 2 },
  ];

  it('accepts a clean history long enough for the model', () => {
    expect(historyProblems(ok, 2, 100, 28)).toEqual([]);
  });

  it('names each bad field: negative, non-finite, huge, unordered dates, too short', () => {
    const bad = [
      { date: '2023-01-02', value: -1 },
      { date: '2023-01-01', value: Number.NaN },
      { date: '2023-01-03', value: 1e9 },
    ];
    const problems = historyProblems(bad, 5, 1e6, 28);
    expect(problems.map((p) => p.field)).toEqual([
      'history.0.value',
      'history.1.value',
      'history.1.date',
      'history.2.value',
      'history',
    ]);
    expect(problems[4].message).toMatch(/at least 5/);
  });

  it('refuses a history whose forecast would run past 9999-12-31 (dates the API cannot write)', () => {
    const late = [
      { date: '9999-12-02', value: 1 },
      { date: '9999-12-03', value: 2 },
    ];
    expect(historyProblems(late, 2, 100, 28)).toEqual([]);
    expect(historyProblems(late, 2, 100, 29)).toEqual([
      {
        field: 'history.1.date',
        message: 'the 29-day forecast after 9999-12-03 would run past 9999-12-31',
      },
    ]);
  });
});
