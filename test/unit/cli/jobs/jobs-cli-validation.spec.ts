import { memoryIo } from '../../../../src/cli/cli-io.js';
import { runCli } from '../../../../src/cli/cli.runner.js';
import { jobCommands } from '../../../../src/cli/commands/jobs.commands.js';
import { workerCommand } from '../../../../src/cli/commands/worker.command.js';

/** No FRESHCAST_SERVER, no REDIS_URL: only what the test gives. */
const env: NodeJS.ProcessEnv = { NODE_ENV: 'test' };

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, [...jobCommands({ env }), workerCommand({ env })], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('freshcast jobs / worker: refused before reaching any server or Redis', () => {
  it('refuses bad option values with the usage line and exit code 2', async () => {
    const cases: [string[], string][] = [
      [['jobs', 'list', '--limit', '0'], '--limit must be between 1 and 500 (got 0)'],
      [['jobs', 'list', '--limit', 'ten'], '--limit must be an integer (got "ten")'],
      [['jobs', 'list', '--state', 'running'], '--state must be one of waiting, active'],
      [['jobs', 'list', '--name', 'deploy'], '--name must be one of batch-predict, train'],
      [['jobs', 'batch', '--items', 'A,B', '--all'], 'give --items a,b or --all, not both'],
      [['jobs', 'batch'], 'give --items a,b or --all'],
      [['jobs', 'batch', '--all', '--horizon', '61'], '--horizon must be between 1 and 60'],
      [['jobs', 'batch', '--all', '--date', '2026-13-01'], '--date must be a date YYYY-MM-DD'],
      [['jobs', 'batch', '--all', '--format', 'xml'], '--format must be one of json, csv'],
      [['jobs', 'batch', '--all', '--out', 'x.json'], '--out goes with --wait'],
      [['jobs', 'retrain', '--time-budget', '0'], '--time-budget must be between 1 and 86400'],
      [['jobs', 'retrain', '--target', 'volume'], '--target must be one of quantity'],
      [['jobs', 'retrain', '--models', 'lstm,prophet'], 'unknown model kind(s) prophet; known'],
      [['jobs', 'retrain', '--idempotency-key', 'k'.repeat(256)], 'at most 255 characters'],
      [['jobs', 'show'], 'give exactly one job id'],
      [['jobs', 'cancel', 'a', 'b'], 'give exactly one job id'],
      [['jobs', 'list', '--server', 'ftp://host'], '--server must be an http(s) URL'],
      [['jobs', 'list', '--server', 'http://h', '--redis', 'redis://h'], 'not both'],
      [['jobs', 'list', '--api-key', 'k'], '--api-key goes with --server URL'],
      // Checked before the job is queued and waited for, not when its result is written.
      [
        ['jobs', 'batch', '--all', '--wait', '--out', '/nonexistent-folder/f.json'],
        '--out /nonexistent-folder/f.json: folder /nonexistent-folder does not exist',
      ],
      [
        ['jobs', 'result', 'batch-predict.x', '--out', '/'],
        '--out / is a folder: give a file path',
      ],
      [['worker', '--concurrency', '0'], '--concurrency must be between 1 and 64 (got 0)'],
      [['worker', '--concurrency', '2.5'], '--concurrency must be an integer'],
    ];
    for (const [argv, message] of cases) {
      const res = await run(...argv);
      expect({ argv, code: res.code }).toEqual({ argv, code: 2 });
      expect(res.stderr).toContain(message);
      expect(res.stderr).toContain('usage: freshcast ');
      expect(res.stdout).toBe('');
    }
  });

  it('names queue.redisUrl for a Redis URL the client cannot parse (exit 1, no connection)', async () => {
    // Was `freshcast: unexpected error: Invalid URL` (or `URI malformed`), from inside the client.
    for (const url of ['redis://127.0.0.1:99999', 'redis://%zz@127.0.0.1']) {
      const res = await run('jobs', 'list', '--redis', url);
      expect({ url, code: res.code }).toEqual({ url, code: 1 });
      expect(res.stderr).toMatch(
        /^freshcast jobs list: invalid configuration:\n {2}- queue\.redisUrl: a redis:\/\/ or rediss:\/\/ URL, or empty\n/,
      );
      expect(res.stdout).toBe('');
    }
  });

  it('says how to give a transport when there is neither a server nor Redis (exit 1)', async () => {
    for (const argv of [
      ['jobs', 'list'],
      ['jobs', 'show', 'train.x'],
      ['jobs', 'cancel', 'train.x'],
      ['jobs', 'retrain'],
      ['jobs', 'batch', '--all'],
      ['jobs', 'result', 'batch-predict.x'],
    ]) {
      const res = await run(...argv);
      expect(res.code).toBe(1);
      expect(res.stderr).toBe(
        `freshcast ${argv.slice(0, 2).join(' ')}: no server or Redis: pass --server URL ` +
          '(a running freshcast) or set REDIS_URL\n',
      );
    }
  });

  it('refuses to start a worker without Redis, saying to set REDIS_URL (exit 1)', async () => {
    const res = await run('worker', '--concurrency', '2');
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'freshcast worker: a worker takes its jobs from Redis: set REDIS_URL (or queue.redisUrl ' +
        'in config/*.yaml); without Redis, `freshcast serve` runs the jobs itself\n',
    );
  });

  it('lists the new commands in the help', async () => {
    const res = await run('--help');
    for (const usage of ['freshcast jobs list', 'freshcast jobs batch', 'freshcast worker']) {
      expect(res.stdout).toContain(usage);
    }
  });
});
