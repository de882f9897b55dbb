import { apiHealthUrl, containerLaunch } from '../../../src/container/container-launch.js';

describe('containerLaunch: one image, every role', () => {
  it('without arguments FRESHCAST_ROLE decides: the API (all, api, unset) or a worker', () => {
    expect(containerLaunch([], {})).toEqual({
      mode: 'api',
      cliArgs: ['serve'],
      healthUrl: 'http://127.0.0.1:3000/health/ready',
    });
    expect(containerLaunch([], { FRESHCAST_ROLE: 'api', PORT: '3100' }).healthUrl).toBe(
      'http://127.0.0.1:3100/health/ready',
    );
    expect(containerLaunch([], { FRESHCAST_ROLE: ' Worker ' })).toEqual({
      mode: 'worker',
      cliArgs: ['worker'],
      healthUrl: undefined,
    });
    expect(
      containerLaunch([], { FRESHCAST_ROLE: 'worker', FRESHCAST_WORKER_PORT: '9464' }).healthUrl,
    ).toBe('http://127.0.0.1:9464/health/ready');
    expect(containerLaunch(['worker'], { FRESHCAST_JOBS__WORKER_PORT: '9500' }).healthUrl).toBe(
      'http://127.0.0.1:9500/health/ready',
    );
    // 0 turns the worker's listener off: nothing to probe.
    expect(
      containerLaunch([], { FRESHCAST_ROLE: 'worker', FRESHCAST_WORKER_PORT: '0' }).healthUrl,
    ).toBeUndefined();
  });

  it('`serve` is SageMaker starting a model container: the contract on 8080, probed on /ping', () => {
    expect(containerLaunch(['serve'], { FRESHCAST_ROLE: 'worker' })).toEqual({
      mode: 'sagemaker',
      cliArgs: ['serve', '--sagemaker'],
      healthUrl: 'http://127.0.0.1:8080/ping',
    });
    expect(containerLaunch(['serve', '--model', '/m'], {}).cliArgs).toEqual([
      'serve',
      '--sagemaker',
      '--model',
      '/m',
    ]);
  });

  it('`api` and `worker` pick the role whatever FRESHCAST_ROLE says; anything else is a CLI command', () => {
    expect(containerLaunch(['worker', '--concurrency', '2'], {}).cliArgs).toEqual([
      'worker',
      '--concurrency',
      '2',
    ]);
    expect(containerLaunch(['api'], { FRESHCAST_ROLE: 'worker' }).mode).toBe('api');
    expect(containerLaunch(['models', 'list'], {})).toEqual({
      mode: 'command',
      cliArgs: ['models', 'list'],
      healthUrl: undefined,
    });
  });

  it('a port that is not a number falls back to the default', () => {
    expect(apiHealthUrl({ PORT: 'abc' })).toBe('http://127.0.0.1:3000/health/ready');
    expect(apiHealthUrl({ FRESHCAST_SERVER__PORT: '4000' })).toBe(
      'http://127.0.0.1:4000/health/ready',
    );
  });
});
