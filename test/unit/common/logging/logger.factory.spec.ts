import { Logger } from '@nestjs/common';
import {
  createAppLogger,
  logLevelsFromEnv,
  loggerFor,
} from '../../../../src/common/logging/logger.factory.js';

function captureStdout(run: () => void): string {
  const chunks: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

class ForecastService {}

describe('createAppLogger', () => {
  afterEach(() => {
    Logger.overrideLogger(false);
  });

  it('writes one JSON object per line with the class as context when logFormat is json', () => {
    const out = captureStdout(() => {
      Logger.overrideLogger(createAppLogger({ logFormat: 'json' }));
      loggerFor(ForecastService).log('cache warmed');
    });
    const line = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'cache warmed',
      context: 'ForecastService',
      pid: process.pid,
    });
    expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
  });

  it('writes human-readable lines when logFormat is pretty', () => {
    const out = captureStdout(() => {
      Logger.overrideLogger(createAppLogger({ logFormat: 'pretty' }));
      loggerFor('Bootstrap').log('listening');
    });
    expect(out).toContain('[Bootstrap] listening');
    expect(() => JSON.parse(out.trim()) as unknown).toThrow();
  });

  it('drops levels that are not enabled', () => {
    const out = captureStdout(() => {
      Logger.overrideLogger(createAppLogger({ logFormat: 'json' }, { logLevels: ['error'] }));
      loggerFor('X').log('quiet');
    });
    expect(out).toBe('');
  });

  it('takes the levels from LOG_LEVEL (pino names or Nest names), the default when unset or unknown', () => {
    expect(logLevelsFromEnv({ LOG_LEVEL: 'info' })).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevelsFromEnv({ LOG_LEVEL: 'WARN' })).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsFromEnv({ LOG_LEVEL: 'trace' })).toEqual([
      'fatal',
      'error',
      'warn',
      'log',
      'debug',
      'verbose',
    ]);
    expect(logLevelsFromEnv({ LOG_LEVEL: 'silent' })).toEqual([]);
    expect(logLevelsFromEnv({})).toBeUndefined();
    expect(logLevelsFromEnv({ LOG_LEVEL: 'loud' })).toBeUndefined();
    const out = captureStdout(() => {
      Logger.overrideLogger(
        createAppLogger(
          { logFormat: 'json' },
          { logLevels: logLevelsFromEnv({ LOG_LEVEL: 'warn' }) },
        ),
      );
      loggerFor('X').log('quiet');
      loggerFor('X').warn('heard');
    });
    expect(out).toContain('heard');
    expect(out).not.toContain('quiet');
  });
});
