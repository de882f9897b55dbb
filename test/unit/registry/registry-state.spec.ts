import {
  aliasesOf,
  emptyTargetState,
  stageOf,
  withAlias,
  withoutModel,
  withProd,
  withRollback,
  withStage,
} from '../../../src/registry/registry-state.js';

const A = 'quantity-mlp-20261129T013000Z-aaaaaa';
const B = 'quantity-gru-20261129T013000Z-bbbbbb';
const C = 'quantity-lstm-20261129T013000Z-cccccc';
const at = new Date('2026-11-29T01:30:00Z');

describe('target state transitions', () => {
  it('promotes: former prod goes on the rollback stack and is archived; staging entry removed', () => {
    let s = withStage(emptyTargetState('quantity'), B, 'staging', at);
    s = withProd(s, A, at);
    s = withProd(s, B, at);
    expect(s).toMatchObject({ prod: B, previousProd: [A], staging: [], archived: [A], version: 3 });
    expect([stageOf(s, A), stageOf(s, B), stageOf(s, C)]).toEqual(['archived', 'prod', 'dev']);
    expect(s.updatedAt).toBe(at.toISOString());
  });

  it('rolls back to the most recent former prod, archiving the current one', () => {
    let s = withProd(withProd(withProd(emptyTargetState('quantity'), A, at), B, at), C, at);
    const r = withRollback(s, at);
    expect(r).toMatchObject({ from: C, to: B });
    s = r?.state ?? s;
    expect(s).toMatchObject({ prod: B, previousProd: [A], archived: [A, C] });
    const r2 = withRollback(s, at);
    expect(r2?.state).toMatchObject({ prod: A, previousProd: [], archived: [C, B] });
    expect(withRollback(r2?.state ?? s, at)).toBeNull();
  });

  it('moves aliases and forgets deleted models everywhere', () => {
    let s = withAlias(emptyTargetState('quantity'), 'champion', A, at);
    s = withAlias(s, 'challenger', A, at);
    expect(aliasesOf(s, A)).toEqual(['challenger', 'champion']);
    s = withAlias(s, 'champion', B, at);
    s = withAlias(s, 'challenger', null, at);
    expect(s.aliases).toEqual({ champion: B });
    s = withProd(withProd(s, C, at), A, at);
    s = withStage(s, C, 'staging', at);
    s = withoutModel(s, C, at);
    expect(s).toMatchObject({ prod: A, previousProd: [], staging: [], archived: [] });
  });
});
