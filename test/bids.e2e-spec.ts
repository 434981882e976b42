import { allDeclarations, bidBody, closeTender, nodeBody, publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

describe('bids and their supply chains over REST', () => {
  const s = twoBuyerSuite();
  let tenderId: string;

  const newBidder = async (name = 'Bidder AG') =>
    (await s.w.officer.api.post('/api/v1/bidders', { name, country: 'CH', identifiers: { uid: 'CHE-111.222.333' } })).body.id as string;

  beforeAll(async () => {
    const tender = await s.w.officer.api.post(
      '/api/v1/tenders',
      tenderBody({
        criteria: [
          { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '60' },
          { code: 'DELIVERY_DAYS', name: 'Delivery', kind: 'NUMBER_LOWER_BETTER', weight: '20' },
          { code: 'HUMAN_RIGHTS', name: 'HR', kind: 'HUMAN_RIGHTS', weight: '20' },
        ],
      }),
    );
    tenderId = tender.body.id;
    expect((await publishTender(s.t, s.w.officer.api, tenderId)).status).toBe(200);
  });

  const chain = () =>
    nodeBody('Helvetia Workwear AG', {
      subcontractors: [
        nodeBody('Dhaka Stitching Ltd', {
          country: 'BD',
          sharePercent: '60',
          goods: ['Garments'],
          evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'amfori BSCI', issuedAt: '2026-02-10' }],
          subcontractors: [nodeBody('Gujarat Cotton Mills', { country: 'IN', sharePercent: '50', goods: ['Cotton'], declarations: { ...allDeclarations } })],
        }),
        nodeBody('Trims (undisclosed)', {
          country: undefined,
          sharePercent: '10',
          goods: ['Buttons'],
          declarations: { ...allDeclarations },
          violations: [{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-05-01', source: 'NGO report', description: 'Overtime' }],
        }),
      ],
    });

  it('stores a bid with its whole supply-chain tree and reads it back identically', async () => {
    const bidderId = await newBidder();
    const body = bidBody(bidderId, { price: '118450.5', figures: { DELIVERY_DAYS: '30' }, supplyChain: chain() });
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      tenderId,
      bidderId,
      bidderName: 'Bidder AG',
      price: '118450.50',
      currency: 'CHF',
      figures: { DELIVERY_DAYS: '30' },
    });
    const sc = res.body.supplyChain;
    expect(sc.name).toBe('Helvetia Workwear AG');
    expect(sc.subcontractors.map((n: { name: string }) => n.name)).toEqual(['Dhaka Stitching Ltd', 'Trims (undisclosed)']);
    expect(sc.subcontractors[0]).toMatchObject({
      country: 'BD',
      sharePercent: '60',
      goods: ['Garments'],
      evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'amfori BSCI', issuedAt: '2026-02-10', validUntil: null }],
    });
    expect(sc.subcontractors[0].subcontractors[0]).toMatchObject({ name: 'Gujarat Cotton Mills', country: 'IN', sharePercent: '50' });
    expect(sc.subcontractors[1]).toMatchObject({ country: null, violations: [{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-05-01' }] });

    const again = await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/bids/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    const list = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids`);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(res.body.id);
    // The list carries summaries; the supply chain is on GET …/bids/:bidId.
    expect(list.body.items.find((b: { id: string }) => b.id === res.body.id)).toMatchObject({
      nodeCount: 4,
      price: res.body.price,
      bidderName: res.body.bidderName,
    });
    expect(list.body.items[0].supplyChain).toBeUndefined();
    expect(await s.t.prisma.supplyChainNode.count({ where: { bidId: res.body.id } })).toBe(4);
  });

  it('validates the tree: country codes, shares, known declaration and evidence fields — naming each field', async () => {
    const bidderId = await newBidder();
    const bad = chain() as any;
    bad.subcontractors[0].country = 'XX';
    bad.subcontractors[0].declarations.slaveryFree = true;
    bad.subcontractors[0].evidence[0].kind = 'SELFIE';
    bad.subcontractors[0].subcontractors[0].sharePercent = 50.5;
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidderId, { figures: { DELIVERY_DAYS: '3' }, supplyChain: bad }));
    expect(res.status).toBe(422);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'supplyChain.subcontractors[0].country',
        'supplyChain.subcontractors[0].declarations.slaveryFree',
        'supplyChain.subcontractors[0].evidence[0].kind',
        'supplyChain.subcontractors[0].subcontractors[0].sharePercent',
      ]),
    );
  });

  it('refuses children whose shares sum above 100, a root share other than 100 and duplicate sibling names', async () => {
    const bidderId = await newBidder();
    const over = chain() as any;
    over.sharePercent = '90';
    over.subcontractors[1].sharePercent = '40.000001';
    over.subcontractors.push(nodeBody('Dhaka Stitching Ltd', { country: 'BD', sharePercent: '0' }));
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidderId, { figures: { DELIVERY_DAYS: '3' }, supplyChain: over }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'supplyChain.sharePercent', message: 'the root (the bidder itself) has sharePercent 100' },
        { field: 'supplyChain.subcontractors', message: "the subcontractors' sharePercent sum to 100.000001, more than 100" },
        { field: 'supplyChain.subcontractors[2].name', message: 'two subcontractors of the same node are named "Dhaka Stitching Ltd"' },
      ]),
    );
  });

  it('refuses a price beyond what the database holds with 422, not 500', async () => {
    const bidderId = await newBidder();
    const res = await s.w.officer.api.post(
      `/api/v1/tenders/${tenderId}/bids`,
      bidBody(bidderId, { price: '12345678901234567.5', figures: { DELIVERY_DAYS: '3' } }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'price', message: 'must be at most 9999999999999999.9999' }]);
    const largest = await s.w.officer.api.post(
      `/api/v1/tenders/${tenderId}/bids`,
      bidBody(bidderId, { price: '9999999999999999.9999', figures: { DELIVERY_DAYS: '3' } }),
    );
    expect(largest.status).toBe(201);
    expect(largest.body.price).toBe('9999999999999999.9999');
  });

  it('requires the figures of NUMBER criteria and rejects unknown ones; bidder must be in the register', async () => {
    const bidderId = await newBidder();
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidderId, { figures: { CO2: '1' } }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['figures.CO2', 'figures.DELIVERY_DAYS']);
    const foreignBidder = (await s.other.officer.api.post('/api/v1/bidders', { name: 'Foreign AG', country: 'CH' })).body.id;
    const res2 = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(foreignBidder, { figures: { DELIVERY_DAYS: '3' } }));
    expect(res2.status).toBe(422);
    expect(res2.body.errors).toEqual([{ field: 'bidderId', message: 'no bidder with this id in your register' }]);
  });

  it('Idempotency-Key: the same key and body replay the first answer; another body is 422; nothing is duplicated', async () => {
    const bidderId = await newBidder();
    const body = bidBody(bidderId, { figures: { DELIVERY_DAYS: '12' } });
    const key = `bid-${Date.now()}`;
    const first = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    // Same body with keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, reordered, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const changed = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, { ...body, price: '1.00' }, { 'idempotency-key': key });
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'already used with a different request' }]);
    expect(await s.t.prisma.bid.count({ where: { tenderId, bidderId } })).toBe(1);
  });

  it('concurrent requests with one Idempotency-Key create one bid and answer alike', async () => {
    const bidderId = await newBidder();
    const body = bidBody(bidderId, { figures: { DELIVERY_DAYS: '12' } });
    const key = `race-${Date.now()}`;
    const results = await Promise.all([1, 2, 3].map(() => s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body, { 'idempotency-key': key })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await s.t.prisma.bid.count({ where: { tenderId, bidderId } })).toBe(1);
  });

  it('a second bid of the same bidder is 409 and leaves no trace (transaction)', async () => {
    const bidderId = await newBidder();
    const body = bidBody(bidderId, { figures: { DELIVERY_DAYS: '12' } });
    expect((await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body)).status).toBe(201);
    const nodes = await s.t.prisma.supplyChainNode.count({ where: { bid: { tenderId } } });
    const events = await s.t.prisma.auditEvent.count({ where: { tenderId } });
    const dup = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body, { 'idempotency-key': `dup-${Date.now()}` });
    expect(dup.status).toBe(409);
    expect(await s.t.prisma.supplyChainNode.count({ where: { bid: { tenderId } } })).toBe(nodes);
    expect(await s.t.prisma.auditEvent.count({ where: { tenderId } })).toBe(events);
    expect(await s.t.prisma.idempotencyKey.count({ where: { key: { startsWith: 'dup-' } } })).toBe(0);
  });

  it('other buyers get 404 on the tender’s bids; auditors cannot submit; closed tenders refuse bids with 409', async () => {
    const bidderId = await newBidder();
    const body = bidBody(bidderId, { figures: { DELIVERY_DAYS: '1' } });
    const created = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body);
    expect((await s.other.officer.api.get(`/api/v1/tenders/${tenderId}/bids/${created.body.id}`)).status).toBe(404);
    expect((await s.other.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, body)).status).toBe(404);
    expect((await s.w.auditor.api.post(`/api/v1/tenders/${tenderId}/bids`, body)).status).toBe(403);

    const t2 = (await s.w.officer.api.post('/api/v1/tenders', tenderBody())).body.id;
    await publishTender(s.t, s.w.officer.api, t2);
    await closeTender(s.t, s.w.officer.api, t2);
    const late = await s.w.officer.api.post(`/api/v1/tenders/${t2}/bids`, bidBody(bidderId));
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/CLOSED/);
  });

  /*
   * The answers' bytes, field order included, as they were before the bid
   * repository (a bench compares them byte for byte): ids and instants the
   * database chose are replaced by placeholders, everything else is literal.
   */
  describe('answer bytes', () => {
    const node = (name: string, o: Record<string, unknown> = {}) => nodeBody(name, { declarations: {}, ...o });
    const pinnedBody = (bidderId: string) =>
      bidBody(bidderId, {
        receivedAt: '2026-12-01T10:00:00.1239+01:00',
        price: '118450.5',
        figures: { DELIVERY_DAYS: '30.50', CO2: '7' },
        supplyChain: node('  Helvetia Workwear AG ', {
          identifiers: { uid: ' CHE-123.456.789 ', lei: '', vat: 'CHE-123.456.789 MWST' },
          goods: [' Garments '],
          declarations: { labourProtection: true, equalPay: false, additionalConventions: ['C155', 'P029'], subcontractClause: true },
          subcontractors: [
            node('Dhaka Stitching Ltd', {
              country: 'bd',
              sharePercent: '60.500',
              evidence: [
                { kind: 'SOCIAL_AUDIT', issuer: ' amfori BSCI ', issuedAt: '2026-02-10', validUntil: '2027-02-09' },
                { kind: 'CERTIFICATION', issuer: 'SA8000', issuedAt: '2026-03-01T00:30:00+01:00' },
              ],
              subcontractors: [node('Gujarat Cotton Mills', { country: 'IN', sharePercent: '100.000000', goods: ['Cotton'] })],
            }),
            node('Trims (undisclosed)', {
              country: undefined,
              sharePercent: '0',
              violations: [{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-05-01', source: ' NGO report ', description: ' Overtime ' }],
            }),
          ],
        }),
      });

    const PINNED_NODES =
      '{"name":"Helvetia Workwear AG","country":"CH","identifiers":{"uid":"CHE-123.456.789","lei":null,"vat":"CHE-123.456.789 MWST"},"sharePercent":"100","goods":["Garments"],"declarations":{"labourProtection":true,"workingConditions":null,"equalPay":false,"illegalEmploymentDuties":null,"environmentalLaw":null,"taxesAndSocialSecurityPaid":null,"iloCoreConventions":null,"additionalConventions":["C155","P029"],"subcontractClause":true},"evidence":[],"violations":[],"subcontractors":[' +
      '{"name":"Dhaka Stitching Ltd","country":"BD","identifiers":{"uid":null,"lei":null,"vat":null},"sharePercent":"60.5","goods":[],"declarations":{"labourProtection":null,"workingConditions":null,"equalPay":null,"illegalEmploymentDuties":null,"environmentalLaw":null,"taxesAndSocialSecurityPaid":null,"iloCoreConventions":null,"additionalConventions":[],"subcontractClause":null},"evidence":[{"kind":"SOCIAL_AUDIT","issuer":"amfori BSCI","issuedAt":"2026-02-10","validUntil":"2027-02-09"},{"kind":"CERTIFICATION","issuer":"SA8000","issuedAt":"2026-03-01","validUntil":null}],"violations":[],"subcontractors":[' +
      '{"name":"Gujarat Cotton Mills","country":"IN","identifiers":{"uid":null,"lei":null,"vat":null},"sharePercent":"100","goods":["Cotton"],"declarations":{"labourProtection":null,"workingConditions":null,"equalPay":null,"illegalEmploymentDuties":null,"environmentalLaw":null,"taxesAndSocialSecurityPaid":null,"iloCoreConventions":null,"additionalConventions":[],"subcontractClause":null},"evidence":[],"violations":[],"subcontractors":[]}]},' +
      '{"name":"Trims (undisclosed)","country":null,"identifiers":{"uid":null,"lei":null,"vat":null},"sharePercent":"0","goods":[],"declarations":{"labourProtection":null,"workingConditions":null,"equalPay":null,"illegalEmploymentDuties":null,"environmentalLaw":null,"taxesAndSocialSecurityPaid":null,"iloCoreConventions":null,"additionalConventions":[],"subcontractClause":null},"evidence":[],"violations":[{"ground":"44-2-f","standard":"INDICATION","occurredAt":"2025-05-01","source":"NGO report","description":" Overtime "}],"subcontractors":[]}]}';

    it('POST, GET one and GET the list answer the same bytes as before (the replay of an Idempotency-Key too)', async () => {
      const t = (
        await s.w.officer.api.post(
          '/api/v1/tenders',
          tenderBody({
            criteria: [
              { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '60' },
              { code: 'DELIVERY_DAYS', name: 'Delivery', kind: 'NUMBER_LOWER_BETTER', weight: '20' },
              { code: 'CO2', name: 'CO2', kind: 'NUMBER_LOWER_BETTER', weight: '10' },
              { code: 'HUMAN_RIGHTS', name: 'HR', kind: 'HUMAN_RIGHTS', weight: '10' },
            ],
          }),
        )
      ).body.id as string;
      expect((await publishTender(s.t, s.w.officer.api, t)).status).toBe(200);
      const bidderId = await newBidder('  Pinned Bidder AG ');
      const key = `pin-${Date.now()}`;
      const res = await s.w.officer.api.post(`/api/v1/tenders/${t}/bids`, pinnedBody(bidderId), { 'idempotency-key': key });
      expect(res.status).toBe(201);
      const id = res.body.id as string;
      const createdAt = res.body.createdAt as string;
      expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const name = res.body.bidderName as string;
      const head = `{"id":"${id}","tenderId":"${t}","bidderId":"${bidderId}","bidderName":${JSON.stringify(name)},"receivedAt":"2026-12-01T09:00:00.123Z","price":"118450.50","currency":"CHF","figures":{"CO2":"7","DELIVERY_DAYS":"30.50"}`;
      const full = `${head},"supplyChain":${PINNED_NODES},"createdAt":"${createdAt}"}`;
      expect(res.text).toBe(full);
      expect((await s.w.auditor.api.get(`/api/v1/tenders/${t}/bids/${id}`)).text).toBe(full);
      const list = await s.w.auditor.api.get(`/api/v1/tenders/${t}/bids`);
      expect(list.text).toBe(`{"items":[${head},"nodeCount":4,"createdAt":"${createdAt}"}],"page":1,"pageSize":50,"total":1}`);
      const replay = await s.w.officer.api.post(`/api/v1/tenders/${t}/bids`, pinnedBody(bidderId), { 'idempotency-key': key });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.text).toBe(full);
    });
  });
});
