import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createServer } from 'node:net';
import { startModuleApp } from '../../helpers/test-app.factory.js';

/** What an earlier hook started, as the jobs module starts its BullMQ workers and Redis connections. */
const server = createServer();

@Injectable()
class StartsAServer implements OnModuleInit, OnApplicationShutdown {
  onModuleInit(): Promise<void> {
    return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  }

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }
}

@Injectable()
class FailsToBootstrap implements OnApplicationBootstrap {
  onApplicationBootstrap(): void {
    throw new Error('bootstrap failed');
  }
}

describe('initApp', () => {
  afterAll(() => {
    if (server.listening) server.close();
  });

  it('closes an app whose init fails, so what its hooks started does not outlive it', async () => {
    await expect(
      startModuleApp({ controllers: [], providers: [StartsAServer, FailsToBootstrap] }),
    ).rejects.toThrow('bootstrap failed');
    expect(server.listening).toBe(false);
  });
});
