import type request from 'supertest';
import { useAdminKeyApp } from '../helpers/admin-key-app.js';

const KEY = 'e2e-actuals-input-key-0123456789';

interface Stored {
  target: string;
  rows: number;
  changed: number;
  unchanged: number;
}

/**
 * Posted actuals that used to be stored wrong while the answer said they were stored: a CSV row
 * with an empty or overflowing `y` replaced the item-day's stored value with nothing, and an item
 * code `__proto__` was counted as changed but never written. Each bad batch is now a 422 with
 * nothing stored, and every accepted value can be read back (posting it again changes nothing).
 */
describe('POST /data/actuals keeps what it stores (e2e)', () => {
  const { http, admin } = useAdminKeyApp('actuals-input', KEY);

  const postCsv = (csv: string, target = 'price'): request.Test =>
    admin(http().post(`/data/actuals?target=${target}`)).attach(
      'file',
      Buffer.from(csv),
      'actuals.csv',
    );
  const stored = (res: request.Response): Stored[] => (res.body as { stored: Stored[] }).stored;

  it('refuses a CSV row without a finite y and leaves the stored value of its item-day alone', async () => {
    const good = 'unique_id,ds,y\nA1,2023-07-01,7.5\nA2,2023-07-01,8\n';
    expect(stored(await postCsv(good).expect(200))).toEqual([
      expect.objectContaining({ target: 'price', rows: 2, changed: 2 }),
    ]);
    for (const y of ['', '1e400', '9'.repeat(400)]) {
      const res = await postCsv(`unique_id,ds,y\nA1,2023-07-01,${y}\n`).expect(422);
      expect(res.body).toMatchObject({ error: 'invalid_actuals' });
      expect(typeof (res.body as { request_id: unknown }).request_id).toBe('string');
    }
    // Both values are still there: the same batch again changes nothing.
    expect(stored(await postCsv(good).expect(200))).toEqual([
      expect.objectContaining({ rows: 2, changed: 0, unchanged: 2 }),
    ]);
  });

  it('names the row without a value in the message', async () => {
    const res = await postCsv('unique_id,ds,y\nB1,2023-07-02,3\nB2,2023-07-02,\n').expect(422);
    expect((res.body as { message: string }).message).toMatch(
      /1 row\(s\) have no value.*"B2" on 2023-07-02/,
    );
  });

  it('refuses annex2 sales lines posted as wholesale: 400 saying the file holds quantity and price', async () => {
    const annex2 =
      'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)\n' +
      '2023-07-04,08:44:41.582,102900048716652,0.443,9.4,Sale,No\n';
    const res = await postCsv(annex2, 'wholesale').expect(400);
    const body = res.body as { error: string; message: string; details: { field: string }[] };
    expect(body.error).toBe('validation_failed');
    expect(body.details.map((d) => d.field)).toEqual(['target']);
    expect(body.message).toMatch(/annex2 sales lines hold quantity and price.*not wholesale/);
    // Nothing was stored: as quantity (what it holds) the same file is new.
    expect(stored(await postCsv(annex2, 'quantity').expect(200))).toEqual([
      expect.objectContaining({ target: 'quantity', rows: 1, changed: 1 }),
      expect.objectContaining({ target: 'price', rows: 1, changed: 1 }),
    ]);
  });

  it('refuses a negative price or wholesale, naming the first row, and keeps a negative quantity', async () => {
    for (const target of ['price', 'wholesale']) {
      const csv = 'unique_id,ds,y\nD1,2023-07-05,2\nD2,2023-07-05,-1.5\nD3,2023-07-05,-2\n';
      const res = await postCsv(csv, target).expect(422);
      expect(res.body).toMatchObject({ error: 'invalid_actuals' });
      expect((res.body as { message: string }).message).toContain(
        `2 row(s) have a negative ${target} (the first: "D2" on 2023-07-05, -1.5)`,
      );
      const json = await admin(http().post('/data/actuals'))
        .send({ target, rows: [{ unique_id: 'D4', ds: '2023-07-05', y: -3 }] })
        .expect(422);
      expect(json.body).toMatchObject({ error: 'invalid_actuals' });
    }
    const returns = await postCsv('unique_id,ds,y\nD2,2023-07-05,-1.5\n', 'quantity').expect(200);
    expect(stored(returns)).toEqual([
      expect.objectContaining({ target: 'quantity', rows: 1, changed: 1 }),
    ]);
  });

  it('refuses a header that repeats the y column', async () => {
    const res = await postCsv('unique_id,ds,y,y\nE1,2023-07-06,5,7\n').expect(422);
    expect(res.body).toMatchObject({ error: 'invalid_actuals' });
    expect((res.body as { message: string }).message).toMatch(/repeats column\(s\) y\b/);
    // Nothing was stored for that item-day.
    expect(stored(await postCsv('unique_id,ds,y\nE1,2023-07-06,7\n').expect(200))).toEqual([
      expect.objectContaining({ rows: 1, changed: 1 }),
    ]);
  });

  it('refuses actuals dated after tomorrow (a mistyped year) and stores tomorrow', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    // One day on its own (a batch that also spans 2023 is already refused by the validator's checks).
    const rows = [
      { unique_id: 'F1', ds: '9999-12-31', y: 3 },
      { unique_id: 'F2', ds: '9999-12-31', y: 4 },
    ];
    const res = await admin(http().post('/data/actuals')).send({ rows }).expect(422);
    expect(res.body).toMatchObject({ error: 'invalid_actuals' });
    expect((res.body as { message: string }).message).toMatch(
      /2 row\(s\) are dated after \d{4}-\d{2}-\d{2} \(the first: "F1" on 9999-12-31\)/,
    );
    const csv = await postCsv('unique_id,ds,y\nF3,2999-01-01,5\n', 'quantity').expect(422);
    expect((csv.body as { message: string }).message).toContain('"F3" on 2999-01-01');
    // Nothing of the refused batch was stored, and a day that may be today east of UTC is kept.
    const next = [
      { unique_id: 'F1', ds: '2023-07-07', y: 3 },
      { unique_id: 'F4', ds: tomorrow, y: 6 },
    ];
    const ok = await admin(http().post('/data/actuals')).send({ rows: next }).expect(200);
    expect(stored(ok)).toEqual([expect.objectContaining({ rows: 2, changed: 2 })]);
  });

  it('stores an item posted as __proto__ like any other code', async () => {
    const rows = [
      { unique_id: '__proto__', ds: '2023-07-03', y: 4 },
      { unique_id: 'C1', ds: '2023-07-03', y: 5 },
    ];
    const first = await admin(http().post('/data/actuals')).send({ rows }).expect(200);
    expect(stored(first)).toEqual([expect.objectContaining({ rows: 2, changed: 2 })]);
    const again = await admin(http().post('/data/actuals')).send({ rows }).expect(200);
    expect(stored(again)).toEqual([expect.objectContaining({ rows: 2, changed: 0, unchanged: 2 })]);
  });
});
