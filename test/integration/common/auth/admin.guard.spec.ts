import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AdminOnly } from '../../../../src/common/auth/admin-only.decorator.js';
import { apiKeysEqual } from '../../../../src/common/auth/api-key.compare.js';
import { startModuleApp, testConfig } from '../../../helpers/test-app.factory.js';

@Controller('admin-probe')
class AdminProbeController {
  @Get()
  @AdminOnly()
  secret(): { ok: boolean } {
    return { ok: true };
  }

  @Get('open')
  open(): { ok: boolean } {
    return { ok: true };
  }
}

describe('AdminGuard', () => {
  describe('with a configured key', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startModuleApp({
        controllers: [AdminProbeController],
        config: testConfig({ auth: { adminApiKey: 's3cret-key' } }),
      });
    });
    afterAll(() => app.close());

    it('answers 401 in the envelope without a key', async () => {
      const res = await request(app.getHttpServer()).get('/admin-probe').expect(401);
      expect(res.body).toMatchObject({ error: 'api_key_missing', details: null });
      expect(res.body.message).toMatch(/x-api-key/);
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    });

    it('answers 401 for an empty key', async () => {
      await request(app.getHttpServer()).get('/admin-probe').set('x-api-key', '').expect(401);
    });

    it('answers 403 for a wrong key, of the same or another length', async () => {
      for (const key of ['s3cret-kez', 'nope', 's3cret-key-and-more']) {
        const res = await request(app.getHttpServer())
          .get('/admin-probe')
          .set('x-api-key', key)
          .expect(403);
        expect(res.body.error).toBe('api_key_invalid');
      }
    });

    it('lets the right key through', async () => {
      const res = await request(app.getHttpServer())
        .get('/admin-probe')
        .set('x-api-key', 's3cret-key')
        .expect(200);
      expect(res.body).toEqual({ ok: true });
    });

    it('leaves routes without @AdminOnly open', async () => {
      await request(app.getHttpServer()).get('/admin-probe/open').expect(200);
    });
  });

  describe('without a configured key', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startModuleApp({
        controllers: [AdminProbeController],
        config: testConfig({ auth: { adminApiKey: '' } }),
      });
    });
    afterAll(() => app.close());

    it('answers 403 "admin disabled" whatever key is sent', async () => {
      for (const key of [undefined, '', 'anything']) {
        const req = request(app.getHttpServer()).get('/admin-probe');
        const res = await (key === undefined ? req : req.set('x-api-key', key)).expect(403);
        expect(res.body.error).toBe('admin_disabled');
        expect(res.body.message).toMatch(/disabled/);
      }
    });
  });
});

describe('apiKeysEqual', () => {
  it('is true only for the identical string', () => {
    expect(apiKeysEqual('abc', 'abc')).toBe(true);
    expect(apiKeysEqual('abc', 'abd')).toBe(false);
    expect(apiKeysEqual('abc', 'abcd')).toBe(false);
    expect(apiKeysEqual('', 'abc')).toBe(false);
    expect(apiKeysEqual('ключ', 'ключ')).toBe(true);
  });
});
