import { addDays, zurichDate } from '@app/procedure';
import { allDeclarations, bidBody, closeTender, nodeBody, publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * The Art. 45 sanctions list over REST (ADMIN), and its effect through the
 * evaluation engine's matching: identifier, or normalised name and country;
 * period covering the tender's deadline; scope covering the buyer.
 */
describe('sanctions list over REST', () => {
  const s = twoBuyerSuite();

  const entry = (overrides: Record<string, unknown> = {}) => ({
    name: 'Sanctioned Trading AG',
    country: 'CH',
    ground: '44-1-e',
    from: '2025-01-01',
    until: '2029-12-31',
    scope: 'ALL_FEDERAL',
    ...overrides,
  });
  const create = (body: Record<string, unknown>) => s.w.admin.api.post('/api/v1/sanctions', body);
  const fields = (res: { body: { errors: { field: string }[] } }) => [...new Set(res.body.errors.map((e) => e.field))].sort();

  it('an admin adds an entry (201): the name is stored normalised; identifiers as a list or as {uid, lei, vat}', async () => {
    const res = await create(
      entry({
        name: '  Sanctioned  Tradíng S.A. ',
        identifiers: ['CHE-999.888.777'],
        scope: 'BUYER',
        buyerId: s.w.buyerId,
        ground: '44-2-f',
        reasons: 'Repeated breaches of working-time rules (decision 2024-118)',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Sanctioned  Tradíng S.A.',
      normalizedName: 'sanctioned trading',
      identifiers: ['CHE-999.888.777'],
      country: 'CH',
      ground: '44-2-f',
      reasons: 'Repeated breaches of working-time rules (decision 2024-118)',
      from: '2025-01-01',
      until: '2029-12-31',
      scope: 'BUYER',
      buyerId: s.w.buyerId,
      createdById: s.w.admin.id,
    });
    const today = zurichDate(new Date());
    expect(res.body.status).toBe(today < '2025-01-01' ? 'UPCOMING' : today > '2029-12-31' ? 'EXPIRED' : 'ACTIVE');
    const obj = await create(entry({ name: 'Object Ids GmbH', identifiers: { uid: 'CHE-111.111.111', lei: '5299000J2N45DDNE4Y28' } }));
    expect(obj.status).toBe(201);
    expect(obj.body).toMatchObject({
      identifiers: ['CHE-111.111.111', '5299000J2N45DDNE4Y28'],
      normalizedName: 'object ids',
      scope: 'ALL_FEDERAL',
      buyerId: null,
    });
    const audit = await s.t.prisma.auditEvent.findMany({ where: { objectId: res.body.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'sanction.created',
        actorId: s.w.admin.id,
        buyerId: s.w.buyerId,
        payload: { sanction: expect.objectContaining({ normalizedName: 'sanctioned trading', ground: '44-2-f' }) },
      }),
    ]);
  });

  it('validates every field (422 naming each): ground, dates, period of at most 5 years, scope and buyer, country, unknown fields', async () => {
    const bad = await create({
      name: '',
      country: 'XX',
      ground: '45-1-a',
      from: '2026-13-01',
      until: 'soon',
      scope: 'EVERYONE',
      identifiers: 'CHE',
      surprise: 1,
    });
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(['country', 'from', 'ground', 'identifiers', 'name', 'scope', 'surprise', 'until']);
    const notADate = await create(entry({ from: '2026-02-30' }));
    expect(notADate.body.errors).toEqual([
      { field: 'from', message: 'from must be a calendar date YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)' },
    ]);
    expect((await create(entry({ from: '2026-06-01', until: '2026-05-31' }))).body.errors).toEqual([
      { field: 'until', message: 'until must not be before from' },
    ]);
    const tooLong = await create(entry({ from: '2026-03-01', until: '2031-03-01' }));
    expect(tooLong.body.errors).toEqual([{ field: 'until', message: expect.stringMatching(/at most 5 years.*2031-02-28/) }]);
    expect((await create(entry({ from: '2026-03-01', until: '2031-02-28' }))).status).toBe(201);
    expect((await create(entry({ scope: 'BUYER' }))).body.errors).toEqual([{ field: 'buyerId', message: 'a BUYER-scope sanction names the buyer concerned' }]);
    expect((await create(entry({ buyerId: s.w.buyerId }))).body.errors).toEqual([{ field: 'buyerId', message: expect.stringMatching(/ALL_FEDERAL/) }]);
    expect((await create(entry({ scope: 'BUYER', buyerId: '00000000-0000-4000-8000-000000000000' }))).body.errors).toEqual([
      { field: 'buyerId', message: 'no buyer with this id' },
    ]);
    expect((await create(entry({ name: 'AG' }))).status).toBe(201);
    expect((await create(entry({ name: '...' }))).body.errors).toEqual([{ field: 'name', message: 'name must contain letters or digits' }]);
    expect((await create(entry({ identifiers: { uid: 'x', iban: 'y' } }))).status).toBe(422);
  });

  it('only admins read and write the list (officers and auditors 403)', async () => {
    const created = await create(entry({ name: 'Roles Test AG' }));
    for (const who of [s.w.officer, s.w.auditor]) {
      expect((await who.api.get('/api/v1/sanctions')).status).toBe(403);
      expect((await who.api.post('/api/v1/sanctions', entry())).status).toBe(403);
      expect((await who.api.delete(`/api/v1/sanctions/${created.body.id}`)).status).toBe(403);
    }
    expect((await s.w.admin.api.get(`/api/v1/sanctions/${created.body.id}`)).status).toBe(200);
  });

  it('lists entries with their status of the day, filtered by status; deletes (204, then 404), recorded in the audit trail', async () => {
    const today = zurichDate(new Date());
    const expired = await create(entry({ name: 'Long Gone AG', from: addDays(today, -800), until: addDays(today, -1) }));
    const upcoming = await create(entry({ name: 'Soon AG', from: addDays(today, 1), until: addDays(today, 300) }));
    const active = await create(entry({ name: 'Now AG', from: today, until: today }));
    const list = await s.w.admin.api.get('/api/v1/sanctions');
    expect(list.status).toBe(200);
    const status = Object.fromEntries(list.body.items.map((s: any) => [s.id, s.status]));
    expect([status[expired.body.id], status[upcoming.body.id], status[active.body.id]]).toEqual(['EXPIRED', 'UPCOMING', 'ACTIVE']);
    const onlyExpired = await s.w.admin.api.get('/api/v1/sanctions?status=EXPIRED');
    expect(onlyExpired.body.items.every((s: any) => s.status === 'EXPIRED')).toBe(true);
    expect(onlyExpired.body.items.map((s: any) => s.id)).toContain(expired.body.id);
    expect((await s.w.admin.api.get('/api/v1/sanctions?status=SOMETIME')).status).toBe(422);

    const del = await s.w.admin.api.delete(`/api/v1/sanctions/${expired.body.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await s.w.admin.api.delete(`/api/v1/sanctions/${expired.body.id}`)).status).toBe(404);
    expect((await s.w.admin.api.get(`/api/v1/sanctions/${expired.body.id}`)).status).toBe(404);
    expect((await s.w.admin.api.delete('/api/v1/sanctions/not-a-uuid')).status).toBe(404);
    const events = await s.t.prisma.auditEvent.findMany({ where: { objectId: expired.body.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['sanction.created', 'sanction.deleted']);
    expect(events[1].payload).toMatchObject({ sanction: { name: 'Long Gone AG', until: addDays(today, -1) } });
  });

  describe('matching in the evaluation (the engine matches; SANCTIONED findings for every node)', () => {
    let tenderId: string;
    const bids: Record<string, string> = {};
    let byIdEntry: string;

    beforeAll(async () => {
      // Tender deadline 2026-12-31 (builders): entries must cover that day.
      const mk = (body: Record<string, unknown>) =>
        create(entry(body)).then((r) => {
          expect(r.status).toBe(201);
          return r.body.id as string;
        });
      await mk({ name: 'ACME Uniformes Sàrl', country: 'CH', scope: 'BUYER', buyerId: s.w.buyerId, from: '2026-01-01', until: '2030-12-31' });
      byIdEntry = await mk({ name: 'Some Other Name Ltd', identifiers: ['CHE123456789'], country: 'DE', from: '2026-01-01', until: '2027-06-30' });
      await mk({ name: 'Expired Holding AG', country: 'CH', from: '2022-01-01', until: '2026-06-30' });
      await mk({ name: 'Not Yet AG', country: 'CH', from: '2027-01-01', until: '2028-01-01' });
      await mk({ name: 'Foreign Buyer AG', country: 'CH', scope: 'BUYER', buyerId: s.other.buyerId, from: '2026-01-01', until: '2028-01-01' });
      await mk({ name: 'Wrong Country AG', country: 'AT', from: '2026-01-01', until: '2028-01-01' });

      tenderId = (await s.w.officer.api.post('/api/v1/tenders', tenderBody())).body.id;
      await publishTender(s.t, s.w.officer.api, tenderId);
      const submit = async (key: string, root: Record<string, unknown>, price: string) => {
        const bidder = await s.w.officer.api.post('/api/v1/bidders', { name: root.name, country: 'CH' });
        const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.body.id, { price, supplyChain: root }));
        expect(res.status).toBe(201);
        bids[key] = res.body.id;
      };
      // By normalised name (case, accents, spacing, legal form) and country.
      await submit('name', nodeBody('acme  UNIFORMES s.a.r.l.'), '100000.00');
      // By identifier, on a subcontractor whose name differs; separators do not matter.
      await submit(
        'id',
        nodeBody('Clean Holding AG', {
          subcontractors: [
            nodeBody('Renamed Textiles GmbH', {
              country: 'DE',
              sharePercent: '30',
              identifiers: { uid: 'che-123.456.789' },
              declarations: { ...allDeclarations },
            }),
          ],
        }),
        '101000.00',
      );
      await submit('expired', nodeBody('Expired Holding AG'), '102000.00');
      await submit('notYet', nodeBody('Not Yet AG'), '103000.00');
      await submit('foreign', nodeBody('Foreign Buyer AG'), '104000.00');
      await submit('country', nodeBody('Wrong Country AG'), '105000.00');
      await closeTender(s.t, s.w.officer.api, tenderId);
      await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' });
      for (const id of Object.values(bids)) await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${id}/grades/QUALITY`, { grade: 3 });
    });

    const sanctionedFindings = async () => {
      const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
      expect(res.status).toBe(201);
      const found = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/findings`);
      return (found.body.items as any[]).filter((f) => f.code === 'SANCTIONED');
    };

    it('matches by normalised name and country and by identifier; entries past `until`, not yet begun, of another buyer or another country do not match', async () => {
      const found = await sanctionedFindings();
      expect(found.map((f) => [f.bidId, f.nodePath]).sort()).toEqual(
        [
          [bids.name, ['acme  UNIFORMES s.a.r.l.']],
          [bids.id, ['Clean Holding AG', 'Renamed Textiles GmbH']],
        ].sort(),
      );
      expect(found.every((f) => f.severity === 'EXCLUSION_GROUND' && f.legalBasis === 'Art. 44(1)(j), 45' && f.state === 'OPEN')).toBe(true);
      expect(found.find((f) => f.bidId === bids.id).message).toMatch(/matched by identifier/);
      expect(found.find((f) => f.bidId === bids.name).message).toMatch(/matched by name and country/);
    });

    it('a sanctioned winner cannot be awarded until an exclusion is decided; a deleted entry no longer matches later evaluations', async () => {
      const evaluations = (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/evaluations`)).body.items;
      const latest = evaluations[0];
      // The subcontractor in DE lowers the risk of the bid sanctioned by identifier: it ranks first.
      expect(latest.ranking.slice(0, 2)).toEqual([bids.id, bids.name]);
      const refused = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/award`, { evaluationId: latest.id });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ reason: 'EXCLUSION_GROUND_UNDECIDED', blocking: [expect.objectContaining({ code: 'SANCTIONED' })] });

      expect((await s.w.admin.api.delete(`/api/v1/sanctions/${byIdEntry}`)).status).toBe(204);
      const after = await sanctionedFindings();
      expect(after.map((f) => f.bidId)).toEqual([bids.name]);
      const newest = (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/evaluations`)).body.items[0];
      const awarded = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/award`, { evaluationId: newest.id });
      expect(awarded.status).toBe(201);
      expect(awarded.body.winnerBidId).toBe(bids.id);
      // The earlier evaluation keeps what it found.
      const first = (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/findings?evaluationId=${latest.id}`)).body.items.filter(
        (f: any) => f.code === 'SANCTIONED',
      );
      expect(first).toHaveLength(2);
    });
  });
});
