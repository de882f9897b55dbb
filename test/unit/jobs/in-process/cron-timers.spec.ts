import { CronTimers, nextCronRun } from '../../../../src/jobs/in-process/cron-timers.js';

describe('cron schedules in-process', () => {
  it('computes the next run of a pattern, in a time zone', () => {
    const from = Date.parse('2024-03-10T10:15:30Z');
    expect(nextCronRun('0 3 * * *', from, 'UTC')).toBe(Date.parse('2024-03-11T03:00:00Z'));
    expect(nextCronRun('*/10 * * * * *', from, 'UTC')).toBe(Date.parse('2024-03-10T10:15:40Z'));
    expect(nextCronRun('0 3 * * *', from, 'Asia/Shanghai')).toBe(
      Date.parse('2024-03-10T19:00:00Z'),
    );
  });

  it('refuses a bad pattern and keeps the schedules it had', () => {
    const timers = new CronTimers();
    const fire = () => Promise.resolve();
    try {
      timers.replace([{ key: 'a', cron: '0 3 * * *', fire }]);
      expect(timers.size).toBe(1);
      expect(() => timers.replace([{ key: 'b', cron: 'every day', fire }])).toThrow();
      expect(timers.size).toBe(1);
      timers.replace([]);
      expect(timers.size).toBe(0);
    } finally {
      timers.clear();
    }
  });
});
