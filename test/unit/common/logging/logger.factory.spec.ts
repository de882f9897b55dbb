import { Logger } from '@nestjs/common';
import { createAppLogger, loggerFor } from '../../../../src/common/logging/logger.factory.js';

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
      level: 'log',
      message: 'cache warmed',
      context: 'ForecastService',
    });
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
});
