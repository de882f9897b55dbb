import {
  MIN_NEURAL_SHARE,
  neuralMemberBudget,
} from '../../../../src/forecasting/ensemble/member-budget.js';

describe('neural members budget in an ensemble', () => {
  it('splits what the statistical members left equally among the neural ones', () => {
    expect(neuralMemberBudget(45, 5, 1)).toBe(40);
    expect(neuralMemberBudget(45, 5, 2)).toBe(20);
    expect(neuralMemberBudget(45, 0, 3)).toBe(15);
  });

  it('keeps a floor share of the budget when the statistical members took it all', () => {
    expect(neuralMemberBudget(45, 44, 1)).toBeCloseTo(45 * MIN_NEURAL_SHARE, 10);
    expect(neuralMemberBudget(45, 100, 2)).toBeCloseTo((45 * MIN_NEURAL_SHARE) / 2, 10);
  });
});
