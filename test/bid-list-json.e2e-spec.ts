import { nodeBody, bidBody, publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * The bid list is sent as the JSON text PostgreSQL assembles (bid.repository SUMMARY_TEXT): compact, the
 * summary keys in answer order, figures in jsonb's key order, values as the one-bid read (another
 * statement) shows them — so its bytes are JSON.stringify's of the summaries, as before.
 */
describe('GET /tenders/:id/bids: the text PostgreSQL assembles', () => {
  const s = twoBuyerSuite();
  let tenderId: string;
  const names = ['Näherei "Zürich" AG', 'Back\\slash & <Söhne> 😀', 'Tab\there Ltd'];
  const prices = ['100', '100.5', '100.125'];

  beforeAll(async () => {
    const tender = await s.w.officer.api.post(
      '/api/v1/tenders',
      tenderBody({
        criteria: [
          { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '60' },
          { code: 'DELIVERY_DAYS', name: 'Delivery', kind: 'NUMBER_LOWER_BETTER', weight: '20' },
          { code: 'CO2', name: 'CO2', kind: 'NUMBER_LOWER_BETTER', weight: '10' },
          { code: 'HUMAN_RIGHTS', name: 'HR', kind: 'HUMAN_RIGHTS', weight: '10' },
        ],
      }),
    );
    if (tender.status !== 201) throw new Error(`tender: ${tender.status} ${tender.text}`);
    tenderId = tender.body.id;
    expect((await publishTender(s.t, s.w.officer.api, tenderId)).status).toBe(200);
    for (let i = 0; i < names.length; i++) {
      const bidder = await s.w.officer.api.post('/api/v1/bidders', { name: names[i], country: 'CH' });
      if (bidder.status !== 201) throw new Error(`bidder: ${bidder.status} ${bidder.text}`);
      const bid = await s.w.officer.api.post(
        `/api/v1/tenders/${tenderId}/bids`,
        bidBody(bidder.body.id, {
          receivedAt: `2026-12-01T10:00:0${i}.12${i}+01:00`,
          price: prices[i],
          figures: { DELIVERY_DAYS: `${30 + i}.50`, CO2: '1.0' },
          supplyChain: nodeBody(names[i], { subcontractors: i ? [nodeBody('Sub', { sharePercent: '10' })] : [] }),
        }),
      );
      if (bid.status !== 201) throw new Error(`bid: ${bid.status} ${bid.text}`);
    }
  });

  it('is compact JSON whose summaries are the one-bid reads’ values, in answer order', async () => {
    const res = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids?pageSize=2&page=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.text).toBe(JSON.stringify(JSON.parse(res.text)));
    expect(Object.keys(res.body)).toEqual(['items', 'page', 'pageSize', 'total']);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    const all = [...res.body.items, ...(await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids?pageSize=2&page=2`)).body.items];
    expect(all.map((b: { bidderName: string }) => b.bidderName)).toEqual(names);
    for (const summary of all) {
      expect(Object.keys(summary)).toEqual([
        'id',
        'tenderId',
        'bidderId',
        'bidderName',
        'receivedAt',
        'price',
        'currency',
        'figures',
        'nodeCount',
        'createdAt',
      ]);
      const one = (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids/${summary.id}`)).body;
      const { supplyChain, ...fields } = one;
      const count = (n: { subcontractors: unknown[] }): number => 1 + n.subcontractors.reduce((k: number, c) => k + count(c as never), 0);
      expect(JSON.stringify({ ...summary, nodeCount: undefined })).toBe(JSON.stringify({ ...fields, nodeCount: undefined }));
      expect(summary.nodeCount).toBe(count(supplyChain));
    }
    expect(all.map((b: { price: string }) => b.price)).toEqual(['100.00', '100.50', '100.125']);
  });

  it('a page past the end, and another buyer’s tender', async () => {
    const past = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids?page=9`);
    expect(past.text).toBe('{"items":[],"page":9,"pageSize":50,"total":3}');
    expect((await s.other.officer.api.get(`/api/v1/tenders/${tenderId}/bids`)).status).toBe(404);
  });
});
