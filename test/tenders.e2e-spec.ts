import { bidBody, closeTender, publishTender, tenderBody } from './support/builders';
import { actor, buyerWorld, twoBuyerSuite } from './support/test-app';

describe('tenders over REST', () => {
  const s = twoBuyerSuite();

  const create = (overrides: Record<string, unknown> = {}) => s.w.officer.api.post('/api/v1/tenders', tenderBody(overrides));

  it('creates a DRAFT from inline criteria (201 with id, status, version and decimal strings)', async () => {
    const res = await create({ reference: 'UNI-2027-001', abnormallyLowThreshold: '0.75', referencePrice: '150000.5' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'DRAFT',
      version: 1,
      reference: 'UNI-2027-001',
      buyerId: s.w.buyerId,
      abnormallyLowThreshold: '0.75',
      referencePrice: '150000.50',
      submissionDeadline: '2026-12-31T11:00:00.000Z',
    });
    expect(res.body.criteria).toEqual([
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '30', priceMethod: null, span: null },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20', priceMethod: null, span: null },
    ]);
  });

  it('accepts fractional weights that sum to exactly 100 and refuses 99.999999', async () => {
    const ok = await create({
      criteria: [
        { code: 'PRICE', name: 'P', kind: 'PRICE', weight: '33.333333' },
        { code: 'QUALITY', name: 'Q', kind: 'QUALITY', weight: '33.333333' },
        { code: 'HUMAN_RIGHTS', name: 'H', kind: 'HUMAN_RIGHTS', weight: '33.333334' },
      ],
    });
    expect(ok.status).toBe(201);
    const bad = await create({
      criteria: [
        { code: 'PRICE', name: 'P', kind: 'PRICE', weight: '33.333333' },
        { code: 'QUALITY', name: 'Q', kind: 'QUALITY', weight: '66.666666' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'criteria', message: 'weights must sum to exactly 100 (they sum to 99.999999)' }]);
  });

  it('422 names every invalid field, unknown fields included, and stores nothing', async () => {
    const before = await s.t.prisma.tender.count({ where: { buyerId: s.w.buyerId } });
    const res = await s.w.officer.api.post('/api/v1/tenders', {
      ...tenderBody(),
      currency: 'XXX',
      submissionDeadline: '2026-12-31',
      placesOfPerformance: ['ZZ'],
      criteria: [{ code: 'price', name: 'P', kind: 'PRICE', weight: 50 }],
      surprise: true,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['currency', 'submissionDeadline', 'placesOfPerformance', 'criteria[0].code', 'criteria[0].weight', 'surprise']),
    );
    expect(res.body.errors.find((e: { field: string }) => e.field === 'criteria[0].weight').message).toMatch(/decimal string/);
    expect(await s.t.prisma.tender.count({ where: { buyerId: s.w.buyerId } })).toBe(before);
  });

  it('GET carries an ETag; PATCH needs If-Match (428), refuses a stale one (412) and bumps the version', async () => {
    const { body: created } = await create();
    const got = await s.w.officer.api.get(`/api/v1/tenders/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"v1"');

    const missing = await s.w.officer.api.patch(`/api/v1/tenders/${created.id}`, { title: 'New' });
    expect(missing.status).toBe(428);
    const ok = await s.w.officer.api.patch(`/api/v1/tenders/${created.id}`, { title: 'New title' }, { 'if-match': '"v1"' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'New title', version: 2 });
    expect(ok.headers.get('etag')).toBe('"v2"');
    const stale = await s.w.officer.api.patch(`/api/v1/tenders/${created.id}`, { title: 'Stale' }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    expect((await s.w.officer.api.get(`/api/v1/tenders/${created.id}`)).body.title).toBe('New title');
  });

  it('of two concurrent PATCHes with the same If-Match exactly one wins', async () => {
    const { body: created } = await create();
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((x) => s.w.officer.api.patch(`/api/v1/tenders/${created.id}`, { title: `Title ${x}` }, { 'if-match': '"v1"' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    const now = await s.w.officer.api.get(`/api/v1/tenders/${created.id}`);
    expect(now.body).toMatchObject({ title: winner.body.title, version: 2 });
  });

  it('PATCH replaces criteria in a DRAFT and re-checks the sum', async () => {
    const { body: created } = await create();
    const bad = await s.w.officer.api.patch(
      `/api/v1/tenders/${created.id}`,
      { criteria: [{ code: 'PRICE', name: 'P', kind: 'PRICE', weight: '90' }] },
      { 'if-match': '"v1"' },
    );
    expect(bad.status).toBe(422);
    const ok = await s.w.officer.api.patch(
      `/api/v1/tenders/${created.id}`,
      {
        criteria: [
          { code: 'PRICE', name: 'P', kind: 'PRICE', weight: '60', priceMethod: 'PROPORTIONAL' },
          { code: 'QUALITY', name: 'Q', kind: 'QUALITY', weight: '40' },
        ],
      },
      { 'if-match': '"v1"' },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.criteria.map((c: { code: string; weight: string; priceMethod: string }) => [c.code, c.weight, c.priceMethod])).toEqual([
      ['PRICE', '60', 'PROPORTIONAL'],
      ['QUALITY', '40', null],
    ]);
  });

  it('publish freezes criteria and settings: PATCH afterwards is 409; close and cancel follow the lifecycle', async () => {
    const { body: created } = await create();
    const pub = await publishTender(s.t, s.w.officer.api, created.id);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'PUBLISHED', version: 2, publishedAt: expect.any(String) });
    const frozen = await s.w.officer.api.patch(
      `/api/v1/tenders/${created.id}`,
      { criteria: [{ code: 'PRICE', name: 'P', kind: 'PRICE', weight: '100' }] },
      { 'if-match': '"v2"' },
    );
    expect(frozen.status).toBe(409);
    expect(frozen.body.detail).toMatch(/PUBLISHED/);
    expect((await publishTender(s.t, s.w.officer.api, created.id)).status).toBe(409);
    const closed = await closeTender(s.t, s.w.officer.api, created.id);
    expect(closed.body.status).toBe('CLOSED');
    expect((await closeTender(s.t, s.w.officer.api, created.id)).status).toBe(409);
    const cancelled = await s.w.officer.api.post(`/api/v1/tenders/${created.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    expect((await s.w.officer.api.post(`/api/v1/tenders/${created.id}/cancel`)).status).toBe(409);
  });

  it('lists tenders paged and filtered by status, only of the caller’s buyer', async () => {
    const mine = await buyerWorld(s.t, s.w.admin);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await mine.officer.api.post('/api/v1/tenders', tenderBody())).body.id);
    await publishTender(s.t, mine.officer.api, ids[0]);
    const page1 = await mine.auditor.api.get('/api/v1/tenders?pageSize=2&page=1');
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await mine.auditor.api.get('/api/v1/tenders?pageSize=2&page=2');
    expect(page2.body.items).toHaveLength(1);
    const all = [...page1.body.items, ...page2.body.items].map((x: { id: string }) => x.id).sort();
    expect(all).toEqual([...ids].sort());
    const published = await mine.officer.api.get('/api/v1/tenders?status=PUBLISHED');
    expect(published.body.items.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
    expect((await mine.officer.api.get('/api/v1/tenders?status=NOPE')).status).toBe(422);
    expect((await mine.officer.api.get('/api/v1/tenders?pageSize=1000')).status).toBe(422);
  });

  it('another buyer’s tender answers 404 for every verb; a malformed id too', async () => {
    const { body: created } = await create();
    const api = s.other.officer.api;
    expect((await api.get(`/api/v1/tenders/${created.id}`)).status).toBe(404);
    expect((await s.other.auditor.api.get(`/api/v1/tenders/${created.id}`)).status).toBe(404);
    expect((await api.patch(`/api/v1/tenders/${created.id}`, { title: 'x' }, { 'if-match': '"v1"' })).status).toBe(404);
    expect((await publishTender(s.t, api, created.id)).status).toBe(404);
    expect((await api.get(`/api/v1/tenders/${created.id}/bids`)).status).toBe(404);
    expect((await api.get('/api/v1/tenders/not-a-uuid')).status).toBe(404);
    expect((await s.w.officer.api.get(`/api/v1/tenders/${created.id}`)).body.title).toBe('Work uniforms 2027');
  });

  it('roles: auditors and admins cannot write tenders (403); auditors read', async () => {
    const { body: created } = await create();
    const auditorWrite = await s.w.auditor.api.post('/api/v1/tenders', tenderBody());
    expect(auditorWrite.status).toBe(403);
    expect(auditorWrite.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
    expect((await publishTender(s.t, s.w.auditor.api, created.id)).status).toBe(403);
    expect((await s.w.admin.api.post('/api/v1/tenders', tenderBody())).status).toBe(403);
    expect((await s.w.admin.api.get('/api/v1/tenders')).status).toBe(403);
    expect((await s.w.auditor.api.get(`/api/v1/tenders/${created.id}`)).status).toBe(200);
    expect((await s.t.api.get(`/api/v1/tenders/${created.id}`)).status).toBe(401);
  });

  it('a duplicate reference of the same buyer is 409; another buyer may reuse it', async () => {
    const ref = `DUP-${Date.now()}`;
    expect((await create({ reference: ref })).status).toBe(201);
    expect((await create({ reference: ref })).status).toBe(409);
    expect((await s.other.officer.api.post('/api/v1/tenders', tenderBody({ reference: ref }))).status).toBe(201);
  });

  it('REFERENCE price basis needs a reference price; tie-break entries must be known', async () => {
    const res = await create({ priceBasis: 'REFERENCE', tieBreak: ['PRICE', 'COLOUR'] });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['referencePrice', 'tieBreak[1]']);
  });

  it('an OFFICER without a buyer cannot exist (users must belong to a buyer)', async () => {
    const res = await s.w.admin.api.post('/api/v1/users', { email: 'lonely@test.example', password: 'long-enough-password', role: 'OFFICER' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'buyerId', message: 'an OFFICER must belong to a buyer' }]);
  });

  it('bids are refused (409) on a DRAFT tender', async () => {
    const { body: created } = await create();
    const bidder = await s.w.officer.api.post('/api/v1/bidders', { name: 'Early Bird AG', country: 'CH' });
    const res = await s.w.officer.api.post(`/api/v1/tenders/${created.id}/bids`, bidBody(bidder.body.id));
    expect(res.status).toBe(409);
    const officerOnly = await actor(s.t, 'AUDITOR', s.w.buyerId);
    expect((await officerOnly.api.post(`/api/v1/tenders/${created.id}/bids`, bidBody(bidder.body.id))).status).toBe(403);
  });
});
