import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { memoryIo } from '../../../../src/cli/cli-io.js';
import { runCli } from '../../../../src/cli/cli.runner.js';
import { KEY_COMMANDS } from '../../../../src/cli/commands/keys.commands.js';
import { AdminOnly } from '../../../../src/common/auth/admin-only.decorator.js';
import { ClientAuthModule } from '../../../../src/common/auth/client-key.guard.js';
import { hashApiKey } from '../../../../src/common/auth/client-keys.js';
import { AppConfigModule } from '../../../../src/config/config.module.js';
import { ConfigError } from '../../../../src/config/config.loader.js';
import { Actor } from '../../../../src/registry/dto/actor.decorator.js';
import { startCompiledApp, testConfig } from '../../../helpers/test-app.factory.js';

const SHOP = 'shop-key-0123456789abcdefghij';
const OPS = 'ops-key-0123456789abcdefghijkl';

@Controller()
class ProbeController {
  @Get('probe')
  who(@Actor() actor: string): { actor: string } {
    return { actor };
  }

  @Get('probe/admin')
  @AdminOnly()
  admin(@Actor() actor: string): { actor: string } {
    return { actor };
  }

  @Get('health/live')
  live(): { ok: boolean } {
    return { ok: true };
  }

  @Get('metrics')
  metrics(): string {
    return 'm 1';
  }
}

async function probeApp(auth: Record<string, unknown>): Promise<NestFastifyApplication> {
  const config = testConfig({ auth });
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(config), ClientAuthModule.forRoot()],
    controllers: [ProbeController],
  }).compile();
  return startCompiledApp(moduleRef, config);
}

describe('client API keys', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await probeApp({
      clientApiKeys: [
        { name: 'shop-a', sha256: hashApiKey(SHOP) },
        { name: 'ops', sha256: hashApiKey(OPS).toUpperCase(), role: 'admin' },
      ],
    });
  });
  afterAll(() => app.close());

  it('needs a key on every route but health, metrics and docs: 401 without, 403 unknown', async () => {
    const http = request(app.getHttpServer());
    const none = await http.get('/probe').expect(401);
    expect(none.body).toMatchObject({ error: 'api_key_missing', details: null });
    expect(none.body.request_id).toBe(none.headers['x-request-id']);
    const wrong = await http.get('/probe').set('x-api-key', `${SHOP}x`).expect(403);
    expect(wrong.body).toMatchObject({ error: 'api_key_invalid' });
    // The hash itself is not a key.
    await http.get('/probe').set('x-api-key', hashApiKey(SHOP)).expect(403);
    await http.get('/health/live').expect(200);
    await http.get('/metrics').expect(200);
    await http.get('/docs-json').expect(200);
  });

  it("records the key's name as the actor, whatever x-actor says", async () => {
    const http = request(app.getHttpServer());
    const res = await http.get('/probe').set('x-api-key', SHOP).set('x-actor', 'mallory');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ actor: 'shop-a' });
  });

  it('lets only keys of role admin through admin routes', async () => {
    const http = request(app.getHttpServer());
    const client = await http.get('/probe/admin').set('x-api-key', SHOP).expect(403);
    expect(client.body.error).toBe('api_key_invalid');
    const admin = await http.get('/probe/admin').set('x-api-key', OPS).expect(200);
    expect(admin.body).toEqual({ actor: 'ops' });
  });

  it('keeps every route open, and x-actor, when no client key is configured', async () => {
    const open = await probeApp({ adminApiKey: 'the-single-admin-key-0123456789' });
    try {
      const http = request(open.getHttpServer());
      await http.get('/probe').expect(200);
      const res = await http
        .get('/probe/admin')
        .set('x-api-key', 'the-single-admin-key-0123456789')
        .set('x-actor', 'alice');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ actor: 'alice' });
    } finally {
      await open.close();
    }
  });

  it('refuses a config with a key that is not a hash, or two keys of one name', () => {
    expect(() => testConfig({ auth: { clientApiKeys: [{ name: 'a', sha256: SHOP }] } })).toThrow(
      ConfigError,
    );
    const h = hashApiKey(SHOP);
    expect(() =>
      testConfig({
        auth: {
          clientApiKeys: [
            { name: 'a', sha256: h },
            { name: 'a', sha256: hashApiKey(OPS) },
          ],
        },
      }),
    ).toThrow(/own name/);
  });
});

describe('freshcast keys hash', () => {
  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli(argv, KEY_COMMANDS, io);
    return { code, out: io.stdout, err: io.stderr };
  };

  it('prints the SHA-256 of a key, or a new key and its hash', async () => {
    expect(await run('keys', 'hash', SHOP)).toMatchObject({
      code: 0,
      out: `${hashApiKey(SHOP)}\n`,
    });
    const made = await run('keys', 'hash', '--new');
    expect(made.code).toBe(0);
    const [, key] = /^key: +(\S+)$/m.exec(made.out) ?? [];
    expect(key).toHaveLength(43);
    expect(made.out).toContain(`sha256: ${hashApiKey(key)}`);
  });

  it('refuses a short key or no key with a usage error', async () => {
    expect(await run('keys', 'hash', 'short')).toMatchObject({ code: 2 });
    expect((await run('keys', 'hash')).code).toBe(2);
  });
});
