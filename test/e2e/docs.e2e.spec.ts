import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startApp } from '../helpers/test-app.factory.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

interface OpenApiDoc {
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: {
    schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
  };
}

describe('Swagger (e2e)', () => {
  let app: NestFastifyApplication;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    app = await startApp();
    doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as OpenApiDoc;
  });
  afterAll(() => app.close());

  it('describes freshcast with the package version and the x-api-key scheme', () => {
    expect(doc.info).toMatchObject({ title: 'freshcast', version: pkg.version });
    expect(doc.components.securitySchemes['x-api-key']).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
    });
  });

  it('lists the foundation routes', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/data/validate', '/data/features']),
    );
    expect(doc.paths['/health'].get.responses).toHaveProperty('200');
  });

  it('has the error envelope schema and uses it for error responses', () => {
    const envelope = doc.components.schemas.ErrorEnvelopeDto;
    expect(Object.keys(envelope.properties ?? {}).sort()).toEqual([
      'details',
      'error',
      'message',
      'request_id',
      'timestamp',
    ]);
    const validate = doc.paths['/data/validate'].post.responses;
    for (const status of ['400', '413', '415']) {
      expect(JSON.stringify(validate[status])).toContain('#/components/schemas/ErrorEnvelopeDto');
    }
  });

  it('names every field of every documented body in snake_case', () => {
    const snake = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
    const offenders: string[] = [];
    const walk = (where: string, schema: unknown): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as { properties?: Record<string, unknown>; items?: unknown };
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        if (!snake.test(name)) offenders.push(`${where}.${name}`);
        walk(`${where}.${name}`, sub);
      }
      for (const key of ['items', 'allOf', 'oneOf', 'anyOf'] as const) {
        const sub: unknown = Reflect.get(s, key);
        if (Array.isArray(sub)) sub.forEach((x, i) => walk(`${where}.${key}[${i}]`, x));
        else walk(`${where}.${key}`, sub);
      }
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) walk(name, schema);
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        for (const [status, res] of Object.entries(op.responses))
          walk(`${method.toUpperCase()} ${path} ${status}`, res);
    expect(offenders).toEqual([]);
    // The walk does look: the schemas hold the snake_case fields it checks.
    expect(Object.keys(doc.components.schemas.ErrorEnvelopeDto.properties ?? {})).toContain(
      'request_id',
    );
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('serves every script and stylesheet the Swagger UI page loads', async () => {
    const page = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      // Resolved as a browser does, relative to the page's URL.
      const url = new URL(asset, 'http://localhost/docs').pathname;
      const res = await request(app.getHttpServer()).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers['content-type']).toMatch(
        asset.endsWith('.js') ? /javascript/ : /text\/css/,
      );
    }
  });
});
