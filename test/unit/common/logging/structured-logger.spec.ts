import { Logger } from '@nestjs/common';
import { createAppLogger, loggerFor } from '../../../../src/common/logging/logger.factory.js';
import { runWithLogContext } from '../../../../src/common/logging/log-context.js';
import { secretValuesOf } from '../../../../src/common/logging/redact.js';

const ALL = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

function capture(format: 'json' | 'pretty', secrets: string[] = []): { lines: string[] } {
  const lines: string[] = [];
  Logger.overrideLogger(
    createAppLogger(
      { logFormat: format },
      { logLevels: [...ALL], secrets, sink: { write: (l) => void lines.push(l) } },
    ),
  );
  return { lines };
}

const parse = (line: string): Record<string, unknown> =>
  JSON.parse(line) as Record<string, unknown>;

describe('StructuredLogger', () => {
  afterEach(() => {
    Logger.overrideLogger(false);
  });

  it('puts the request id, job id and job name of the running code on every line', async () => {
    const out = capture('json');
    const log = loggerFor('PredictService');
    log.log('outside');
    await runWithLogContext({ reqId: 'req-1' }, async () => {
      log.log('before the await');
      await new Promise((r) => setTimeout(r, 1));
      log.warn('after the await');
    });
    runWithLogContext({ jobId: 'job-7', jobName: 'train' }, () => log.error('in a job'));
    const [outside, before, after, job] = out.lines.map(parse);
    expect(outside.reqId).toBeUndefined();
    expect(before).toMatchObject({ reqId: 'req-1', msg: 'before the await', level: 'info' });
    expect(after).toMatchObject({ reqId: 'req-1', level: 'warn', context: 'PredictService' });
    expect(job).toMatchObject({ jobId: 'job-7', jobName: 'train', level: 'error' });
  });

  it("writes Nest's error(message, stack, context) with the stack and an Error with its own", () => {
    const out = capture('json');
    const err = new Error('boom');
    loggerFor('HTTP').error('GET /x failed', err.stack);
    Logger.error(err);
    const [withStack, fromError] = out.lines.map(parse);
    expect(withStack).toMatchObject({ context: 'HTTP', msg: 'GET /x failed', level: 'error' });
    expect(String((withStack.err as { stack: string }).stack)).toContain('Error: boom');
    expect(fromError).toMatchObject({ msg: 'boom' });
  });

  it('writes an object message as fields (the access line)', () => {
    const out = capture('json');
    loggerFor('access').log({ msg: 'GET /status 200', route: '/status', status: 200 });
    expect(parse(out.lines[0])).toMatchObject({
      context: 'access',
      msg: 'GET /status 200',
      route: '/status',
      status: 200,
    });
  });

  it('never writes a secret: configured values, URL passwords, credential headers and fields', () => {
    const admin = 'admin-key-0123456789abcdef';
    const secrets = secretValuesOf(
      { auth: { adminApiKey: admin }, queue: { redisUrl: 'redis://:r3dis-pass@cache:6379' } },
      { AWS_SECRET_ACCESS_KEY: 'aws-secret-XYZ123456' },
    );
    const out = capture('json', secrets);
    const log = loggerFor('Leaky');
    log.log(`compared with ${admin}`);
    log.warn('Redis at redis://user:other-pass@cache:6379 unreachable');
    log.error(`signing with aws-secret-XYZ123456 failed`);
    log.log({
      msg: 'request',
      req: {
        headers: { authorization: 'Bearer tok-abc', 'x-api-key': 'client-key-1', cookie: 's=1' },
      },
      credentials: { secretAccessKey: 'sak-1', sessionToken: 'st-1' },
    });
    const text = out.lines.join('');
    for (const s of [
      admin,
      'r3dis-pass',
      'other-pass',
      'aws-secret-XYZ123456',
      'tok-abc',
      'client-key-1',
      's=1',
      'sak-1',
      'st-1',
    ]) {
      expect(text).not.toContain(s);
    }
    expect(text).toContain('redis://user:***@cache:6379');
    expect(out.lines).toHaveLength(4);
  });

  it('writes readable lines with the context fields in pretty format', () => {
    const out = capture('pretty');
    runWithLogContext({ reqId: 'req-9' }, () => loggerFor('Bootstrap').log('listening'));
    expect(out.lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[Bootstrap\] listening .*reqId=req-9\n$/,
    );
  });
});
