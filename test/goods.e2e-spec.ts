import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { twoBuyerSuite } from './support/test-app';

/** The shipped goods list read independently of the service: distinct goods, trimmed, case-insensitive. */
function shippedGoods(): Map<string, { name: string; countries: Set<string> }> {
  const rows = parse(fs.readFileSync(path.join(__dirname, '../data/risk/goods-list-2022.csv')), { columns: true }) as { good: string; iso2: string }[];
  const out = new Map<string, { name: string; countries: Set<string> }>();
  for (const r of rows) {
    const key = r.good.trim().toLowerCase();
    if (!out.has(key)) out.set(key, { name: r.good.trim(), countries: new Set() });
    out.get(key)!.countries.add(r.iso2);
  }
  return out;
}

describe('GET /api/v1/goods', () => {
  // Its own database: other suites activate other goods lists.
  const s = twoBuyerSuite({}, { ownDatabase: 'goods' });
  const expected = shippedGoods();

  it('lists the distinct goods of the active goods list, paged, for officers, auditors and admins', async () => {
    const first = await s.w.officer.api.get('/api/v1/goods?pageSize=10');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 10, total: expected.size });
    expect(first.body.items).toHaveLength(10);
    const all: any[] = [];
    for (let page = 1; all.length < expected.size; page++) {
      const res = await s.w.auditor.api.get(`/api/v1/goods?page=${page}&pageSize=200`);
      expect(res.status).toBe(200);
      all.push(...res.body.items);
      if (res.body.items.length === 0) break;
    }
    expect(all.map((g) => g.name).sort()).toEqual([...expected.values()].map((g) => g.name).sort());
    const names = all.map((g) => g.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect((await s.w.admin.api.get('/api/v1/goods')).status).toBe(200);
  });

  it('filters by q, case-insensitive, and gives each good its countries', async () => {
    const res = await s.w.officer.api.get('/api/v1/goods?q=COTTON');
    const want = [...expected.values()].filter((g) => g.name.toLowerCase().includes('cotton'));
    expect(res.body.total).toBe(want.length);
    expect(res.body.items.map((g: any) => g.name).sort()).toEqual(want.map((g) => g.name).sort());
    const cotton = res.body.items.find((g: any) => g.name === 'Cotton');
    expect(cotton.countries).toEqual([...expected.get('cotton')!.countries].sort());
    expect(cotton.countries).toContain('IN');
    expect((await s.w.officer.api.get('/api/v1/goods?q=no-such-good')).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a bad page (422 naming it) and callers without a token (401)', async () => {
    const bad = await s.w.officer.api.get('/api/v1/goods?pageSize=501');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['pageSize']);
    expect((await s.t.api.get('/api/v1/goods')).status).toBe(401);
  });
});
