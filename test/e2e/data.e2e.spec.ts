import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createForecaster, listKinds } from '../../src/forecasting/forecaster.registry.js';
import type { ModelInputs } from '../../src/forecasting/model-inputs.js';
import { featureNames } from '../../src/forecasting/stats/lag-features.js';
import { ridgeYearBackNames } from '../../src/forecasting/stats/year-back-features.js';
import { startApp } from '../helpers/test-app.factory.js';

const LONG_CSV = [
  'unique_id,ds,y',
  ...Array.from({ length: 60 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    return `apple,${day},${(10 + (i % 7)).toFixed(1)}`;
  }),
].join('\n');

describe('data routes (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    // 0.004 MiB ≈ 4 KiB per uploaded file
    app = await startApp({ server: { uploadLimitMb: 0.004 } });
  });
  afterAll(() => app.close());

  describe('POST /data/validate', () => {
    it('answers 400 when the multipart body holds no file', async () => {
      const res = await request(app.getHttpServer())
        .post('/data/validate')
        .field('note', 'no file here')
        .expect(400);
      expect(res.body.error).toBe('no_file');
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    });

    it('answers 415 for a body that is not multipart', async () => {
      for (const [type, body] of [
        ['application/json', '{"a":1}'],
        ['text/csv', LONG_CSV],
      ]) {
        const res = await request(app.getHttpServer())
          .post('/data/validate')
          .set('content-type', type)
          .send(body)
          .expect(415);
        expect(res.body.error).toBe('unsupported_media_type');
        expect(res.body.details).toEqual({ accepted: ['multipart/form-data'] });
      }
      await request(app.getHttpServer()).post('/data/validate').expect(415);
    });

    it('answers 413 for a file over server.uploadLimitMb', async () => {
      const res = await request(app.getHttpServer())
        .post('/data/validate')
        .attach('files', Buffer.alloc(8 * 1024, 'a'), 'big.csv')
        .expect(413);
      expect(res.body.error).toBe('payload_too_large');
    });

    it('answers 400 for an unexpected file field', async () => {
      const res = await request(app.getHttpServer())
        .post('/data/validate')
        .attach('upload', Buffer.from(LONG_CSV), 'long.csv')
        .expect(400);
      expect(res.body).toMatchObject({ error: 'bad_upload', details: { field: 'upload' } });
      expect(res.body.message).toMatch(/'upload'/);
    });

    it('answers 400 past the files a field may hold and 413 past the form field count', async () => {
      const twice = await request(app.getHttpServer())
        .post('/data/validate')
        .attach('file', Buffer.from(LONG_CSV), 'a.csv')
        .attach('file', Buffer.from(LONG_CSV), 'b.csv')
        .expect(400);
      expect(twice.body).toMatchObject({ error: 'bad_upload', details: { field: 'file' } });
      expect(twice.body.message).toMatch(/'files' \(up to 8\) or 'file' \(up to 1\)/);

      let many = request(app.getHttpServer()).post('/data/validate');
      for (let i = 0; i < 9; i++) many = many.attach('files', Buffer.from('a,b\n1,2'), `f${i}.csv`);
      const tooMany = await many.expect(400);
      expect(tooMany.body).toMatchObject({ error: 'bad_upload', details: { field: 'files' } });

      let fields = request(app.getHttpServer()).post('/data/validate');
      for (let i = 0; i < 25; i++) fields = fields.field(`note${i}`, 'x');
      const tooManyFields = await fields
        .attach('files', Buffer.from(LONG_CSV), 'a.csv')
        .expect(413);
      expect(tooManyFields.body.error).toBe('payload_too_large');
    });

    it('answers a truncated multipart body with a 400', async () => {
      const res = await request(app.getHttpServer())
        .post('/data/validate')
        .set('content-type', 'multipart/form-data; boundary=XyZ')
        .send('--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nabc')
        .expect(400);
      expect(res.body.error).toBe('bad_request');
    });

    it('answers random binary content with a 4xx or a report with an error, never a 5xx', async () => {
      const res = await request(app.getHttpServer())
        .post('/data/validate')
        .attach('files', randomBytes(3000), 'noise.bin');
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) expect(res.body.summary.ok).toBe(false);
      else expect(res.body.error).toEqual(expect.any(String));
    });

    it('returns the validation report for a good long-format CSV (field file or files)', async () => {
      for (const field of ['file', 'files']) {
        const res = await request(app.getHttpServer())
          .post('/data/validate')
          .attach(field, Buffer.from(LONG_CSV), 'series.csv')
          .expect(200);
        expect(res.body.schema_version).toBe(1);
        expect(res.body.summary).toMatchObject({ ok: true, files: 1, series: 1 });
        expect(res.body.files[0]).toMatchObject({ file: 'series.csv', kind: 'long', rows: 60 });
      }
    });
  });

  describe('GET /data/features', () => {
    it('returns the versioned FeatureSpec with unique feature names', async () => {
      const res = await request(app.getHttpServer()).get('/data/features').expect(200);
      expect(typeof res.body.version).toBe('string');
      const names = (res.body.features as { name: string; op: string }[]).map((f) => f.name);
      expect(names.length).toBeGreaterThan(5);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('day_of_week');
    });

    it('lists, per model kind, the inputs its code builds: the same declaration its manifests record', async () => {
      const res = await request(app.getHttpServer()).get('/data/features').expect(200);
      const models = res.body.models as Record<string, ModelInputs>;
      expect(Object.keys(models).sort()).toEqual([...listKinds()].sort());
      for (const kind of listKinds()) {
        const model = await createForecaster(kind);
        expect({ kind, inputs: models[kind] }).toEqual({ kind, inputs: model.inputs() });
        model.dispose();
      }
      expect(models.linear.features.step).toEqual([
        ...featureNames({ lags: 14, clip: 10, covariates: models.linear.calendar }),
        ...ridgeYearBackNames(1),
      ]);
      expect(models.lstm.features.past).toContain('sf_closure');
      expect(models.lstm.panelColumns).toContain('wholesale');
      expect(models.ensemble.members?.map((m) => m.kind)).toEqual(['linear', 'mlp', 'gbt']);
    });
  });
});
