import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  actions,
  gatesOf,
  KEY,
  modelsAdminSuite,
} from '../fixtures/registry/models-admin.fixture.js';

describe('Model registry admin API (e2e): promotion, rollback, deletion', () => {
  const suite = modelsAdminSuite();
  const { http, register } = suite;

  describe('promotion, rollback, deletion', () => {
    it('walks a model through staging and prod, enforces the gates, rolls back', async () => {
      const first = await register('mlp', { wape: 0.3 });
      const better = await register('gru', { wape: 0.2 });
      const miscalibrated = await register('lstm', { wape: 0.1, coverage: 0.5 });
      const promote = (id: string, body: object) =>
        http().post(`/models/${id}/promote`).set('x-api-key', KEY).send(body);

      const staged = await promote(first, { stage: 'staging' }).expect(200);
      expect(staged.body).toMatchObject({
        version: { id: first, stage: 'staging' },
        gates: [],
        changed: true,
      });

      const prod = await promote(first, { stage: 'prod' }).expect(200);
      expect(prod.body).toMatchObject({ version: { stage: 'prod' }, previous_id: null });
      expect(gatesOf(prod.body).every((g) => g.passed)).toBe(true);

      const next = await promote(better, { stage: 'prod' }).expect(200);
      expect(next.body).toMatchObject({
        version: { id: better, stage: 'prod' },
        previous_id: first,
      });
      const gates = gatesOf(next.body).map((g) => g.gate);
      expect(gates).toEqual(['min_improvement', 'coverage_band', 'beats_seasonal_naive']);

      const refused = await promote(miscalibrated, { stage: 'prod' });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toBe('gate_failed');
      expect(refused.body.details.failed).toEqual(['coverage_band']);
      expect(refused.body.details.gates).toContainEqual(
        expect.objectContaining({ gate: 'coverage_band', passed: false, candidate: 0.5 }),
      );

      const noReason = await promote(miscalibrated, { stage: 'prod', force: true });
      expect(noReason.status).toBe(400);
      const blankReason = await promote(miscalibrated, { stage: 'prod', force: true, reason: ' ' });
      expect(blankReason.status).toBe(400);
      const still = await http().get(`/models/${better}`).set('x-api-key', KEY).expect(200);
      expect(still.body.stage).toBe('prod');

      const forced = await promote(miscalibrated, {
        stage: 'prod',
        force: true,
        reason: 'calibration fix ships tomorrow',
      })
        .set('x-actor', 'alice <ops>; rm -rf /')
        .expect(200);
      expect(forced.body).toMatchObject({ forced: true, previous_id: better });

      const history = await http()
        .get(`/models/${miscalibrated}/history`)
        .set('x-api-key', KEY)
        .expect(200);
      expect(history.body.errors).toEqual([]);
      expect(actions(history.body)).toEqual(['register', 'promote']);
      expect(history.body.entries[1]).toMatchObject({
        actor: 'alice ops rm -rf',
        reason: 'calibration fix ships tomorrow',
        forced: true,
        from_stage: 'dev',
        to_stage: 'prod',
        previous_id: better,
      });
      expect(history.body.entries[0].actor).toBe('e2e-trainer');
      const unknown = await http()
        .get('/models/quantity-mlp-20200101T000000Z-000000/history')
        .set('x-api-key', KEY)
        .expect(404);
      expect(unknown.body.error).toBe('not_found');

      const rolled = await http()
        .post('/models/rollback')
        .set('x-api-key', KEY)
        .send({ target: 'quantity', reason: 'coverage too low in prod' })
        .expect(200);
      expect(rolled.body).toMatchObject({
        from: miscalibrated,
        to: { id: better, stage: 'prod' },
      });
      const target = await http()
        .get('/models/history')
        .query({ target: 'quantity', limit: 1 })
        .set('x-api-key', KEY)
        .expect(200);
      expect(target.body.entries).toEqual([
        expect.objectContaining({
          action: 'rollback',
          id: better,
          previous_id: miscalibrated,
          actor: 'api',
          reason: 'coverage too low in prod',
        }),
      ]);
      const archived = await http().get(`/models/${miscalibrated}`).set('x-api-key', KEY);
      expect(archived.body.stage).toBe('archived');
    });

    it('answers 409 to a rollback without a previous prod model', async () => {
      await register('ets', {}, 'price');
      const res = await http()
        .post('/models/rollback')
        .set('x-api-key', KEY)
        .send({ target: 'price' });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('conflict');
    });

    it('validates promotion and rollback bodies', async () => {
      const id = await register('mlp');
      for (const body of [
        {},
        { stage: 'archived' },
        { stage: 'prod', force: 'yes', reason: 'x' },
        { stage: 'prod', reason: 'r'.repeat(2001) },
        { stage: 'prod', extra: 1 },
      ]) {
        const res = await http().post(`/models/${id}/promote`).set('x-api-key', KEY).send(body);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('validation_failed');
      }
      const rb = await http()
        .post('/models/rollback')
        .set('x-api-key', KEY)
        .send({ target: 'bananas' });
      expect(rb.status).toBe(400);
      const current = await http().get(`/models/${id}`).set('x-api-key', KEY).expect(200);
      expect(current.body.stage).toBe('dev');
    });

    it('refuses to delete the prod model or an aliased one (409), deletes a dev model', async () => {
      const prod = await register('mlp');
      const dev = await register('gru', { wape: 0.5 });
      await http()
        .post(`/models/${prod}/promote`)
        .set('x-api-key', KEY)
        .send({ stage: 'prod' })
        .expect(200);

      const refused = await http().delete(`/models/${prod}`).set('x-api-key', KEY);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('forbidden_delete');

      const aliased = await http()
        .put(`/models/${dev}/aliases/challenger`)
        .set('x-api-key', KEY)
        .expect(200);
      expect(aliased.body).toMatchObject({ id: dev, aliases: ['challenger'] });
      const blocked = await http().delete(`/models/${dev}`).set('x-api-key', KEY);
      expect(blocked.status).toBe(409);
      expect(blocked.body.details).toEqual({ id: dev, aliases: ['challenger'] });

      const removed = await http()
        .delete('/models/aliases/quantity/challenger')
        .set('x-api-key', KEY)
        .expect(200);
      expect(removed.body).toEqual({ target: 'quantity', alias: 'challenger', removed: true });
      const again = await http()
        .delete('/models/aliases/quantity/challenger')
        .set('x-api-key', KEY)
        .expect(200);
      expect(again.body.removed).toBe(false);

      const deleted = await http().delete(`/models/${dev}`).set('x-api-key', KEY).expect(200);
      expect(deleted.body).toEqual({ id: dev, deleted: true });
      await http().get(`/models/${dev}`).set('x-api-key', KEY).expect(404);
      expect(await readdir(join(suite.root, 'registry', 'quantity', 'versions'))).toEqual([prod]);
      const history = await http()
        .get('/models/history')
        .query({ target: 'quantity', id: dev })
        .set('x-api-key', KEY)
        .expect(200);
      expect(actions(history.body)).toEqual(['register', 'alias', 'alias', 'delete']);
    });
  });
});
