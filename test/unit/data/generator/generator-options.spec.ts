import {
  DEFAULT_GENERATOR_OPTIONS,
  GeneratorOptionsError,
  resolveGeneratorOptions,
  type GeneratorOptions,
} from '../../../../src/data/generator/generator-options.js';

describe('resolveGeneratorOptions', () => {
  it('defaults to the real files size', () => {
    expect(resolveGeneratorOptions()).toEqual({
      items: 251,
      days: 1095,
      start: '2020-07-01',
      seed: 42,
      lang: 'en',
    });
    expect(resolveGeneratorOptions({ items: 20, lang: 'cn', seed: undefined })).toEqual({
      ...DEFAULT_GENERATOR_OPTIONS,
      items: 20,
      lang: 'cn',
    });
  });

  const bad: [Partial<GeneratorOptions>, keyof GeneratorOptions, RegExp][] = [
    [{ items: 0 }, 'items', /integer from 1 to 5000, got 0/],
    [{ items: 2.5 }, 'items', /got 2.5/],
    [{ days: 13 }, 'days', /integer from 14 to 20000, got 13/],
    [{ start: '2021-02-29' }, 'start', /YYYY-MM-DD, got "2021-02-29"/],
    [{ start: '1/7/2020' }, 'start', /YYYY-MM-DD/],
    [
      { start: '9999-12-30', days: 14 },
      'start',
      /14 days from 9999-12-30 would run past 9999-12-31/,
    ],
    [{ seed: Number.NaN }, 'seed', /expected an integer/],
    [{ lang: 'fr' as GeneratorOptions['lang'] }, 'lang', /"en" or "cn", got "fr"/],
  ];

  it.each(bad)('rejects %j with a message naming the option', (opts, option, message) => {
    let caught: unknown;
    try {
      resolveGeneratorOptions(opts);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GeneratorOptionsError);
    const err = caught as GeneratorOptionsError;
    expect(err.option).toBe(option);
    expect(err.message).toContain(`"${option}"`);
    expect(err.message).toMatch(message);
  });
});
