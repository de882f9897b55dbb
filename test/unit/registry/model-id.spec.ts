import {
  assertAlias,
  assertKind,
  assertTarget,
  idStamp,
  isModelId,
  makeModelId,
  parseModelId,
} from '../../../src/registry/model-id.js';

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('model ids', () => {
  it('makes readable ids: target, kind, UTC stamp, 6 hex', () => {
    const at = new Date(Date.UTC(2026, 10, 29, 1, 30, 0, 999));
    expect(idStamp(at)).toBe('20261129T013000Z');
    const id = makeModelId('quantity', 'seasonal-naive', at, '{}');
    expect(id).toMatch(/^quantity-seasonal-naive-20261129T013000Z-[0-9a-f]{6}$/);
    expect(makeModelId('quantity', 'seasonal-naive', at, '{}')).not.toBe(id);
  });

  it('parses an id into its parts, kinds with dashes included', () => {
    expect(parseModelId('wholesale-moving-average-20261129T013000Z-a1b2c3')).toEqual({
      id: 'wholesale-moving-average-20261129T013000Z-a1b2c3',
      target: 'wholesale',
      kind: 'moving-average',
      stamp: '20261129T013000Z',
      hash: 'a1b2c3',
    });
  });

  it.each([
    '',
    '..',
    '../quantity-mlp-20261129T013000Z-a1b2c3',
    'quantity-mlp-20261129T013000Z-a1b2c3/..',
    'quantity-mlp-20261129T013000Z-a1b2c3\n',
    'quantity-mlp-20261129T013000Z-A1B2C3',
    'quantity--mlp-20261129T013000Z-a1b2c3',
    'quantity-mlp-20261129T013000-a1b2c3',
    'quantity-mlp-20261129T013000Z-a1b2c',
    'demand-mlp-20261129T013000Z-a1b2c3',
    'quantity-ml_p-20261129T013000Z-a1b2c3',
    `quantity-${'a'.repeat(90)}-20261129T013000Z-a1b2c3`,
  ])('refuses %j with INVALID_ID', (id) => {
    expect(isModelId(id)).toBe(false);
    expect(thrown(() => parseModelId(id))).toMatchObject({
      registryCode: 'INVALID_ID',
      status: 400,
    });
  });

  it('refuses non-strings', () => {
    expect(thrown(() => parseModelId(42))).toMatchObject({ registryCode: 'INVALID_ID' });
    expect(thrown(() => parseModelId(undefined))).toMatchObject({ registryCode: 'INVALID_ID' });
  });

  it('validates targets, kinds and aliases', () => {
    expect(assertTarget('price')).toBe('price');
    expect(thrown(() => assertTarget('sales'))).toMatchObject({ registryCode: 'INVALID_ARGUMENT' });
    expect(assertKind('seasonal-naive')).toBe('seasonal-naive');
    expect(thrown(() => assertKind('MLP'))).toMatchObject({ registryCode: 'INVALID_ARGUMENT' });
    expect(thrown(() => assertKind('a/b'))).toMatchObject({ registryCode: 'INVALID_ARGUMENT' });
    expect(assertAlias('champion')).toBe('champion');
    expect(thrown(() => assertAlias('../champion'))).toMatchObject({
      registryCode: 'INVALID_ARGUMENT',
    });
    expect(thrown(() => assertAlias('prod '))).toMatchObject({ registryCode: 'INVALID_ARGUMENT' });
  });
});
