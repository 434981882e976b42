import { HAS_PDFTOTEXT, PDFTOTEXT_MISSING, pdfText } from '../libs/report/src/testing/pdf-text';
import { closeTender, PUBLISHED_BEFORE_DEADLINE_MS, tenderWithBids, type TenderBidSpec } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

// The shared machine is busy: tenders walked through evaluations need more than the default 5 s.
jest.setTimeout(30_000);

const DEFAULTS = { priceClusterPercent: '1', referenceClusterPercent: '1', winnerReferencePercent: '1', winnerChangesMin: 2, minSubmissionDays: '20' };

/** (deadline − publication) in seconds as an exact decimal string, from the two timestamps' milliseconds (no float division). */
function secondsBetween(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  const frac = String(ms % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${Math.floor(ms / 1000)}.${frac}` : String(Math.floor(ms / 1000));
}

/**
 * Red flags over REST on a real PostgreSQL: each flag raised and not raised
 * at its threshold's edge with the exact figures, the buyer-wide page, the
 * versioned thresholds (ADMIN) and the access rules.
 */
describe('red flags over REST', () => {
  const s = twoBuyerSuite();
  const officer = () => s.w.officer;
  const flags = async (tenderId: string, lang?: string) => {
    const res = await officer().api.get(`/api/v1/tenders/${tenderId}/red-flags`, lang ? { 'accept-language': lang } : {});
    expect(res.status).toBe(200);
    return res.body;
  };
  const flag = async (tenderId: string, code: string) => (await flags(tenderId)).flags.find((f: any) => f.code === code);
  const putThresholds = (thresholds: Record<string, unknown>, headers: Record<string, string> = {}) =>
    s.w.admin.api.put('/api/v1/red-flag-thresholds', { thresholds, note: 'test' }, headers);
  const evaluate = async (tenderId: string) => {
    const res = await officer().api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(res.status).toBe(201);
    return res.body;
  };
  const exclude = async (tenderId: string, bidId: string) => {
    const p = await officer().api.post(`/api/v1/tenders/${tenderId}/exclusions`, { bidId, ground: '44-1-a', reasons: 'Participation conditions not met' });
    expect(p.status).toBe(201);
    expect((await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/confirm`)).status).toBe(200);
  };
  const closed = (bids: TenderBidSpec[], tender: Record<string, unknown> = {}) =>
    tenderWithBids(officer(), bids, { declare: [s.w.officer, s.w.officer2], tender });

  // Each test that changes the thresholds puts the defaults back as a new version itself.

  it('SINGLE_BID: not applicable while bids may come in, raised once the tender is closed with one bid; the short period from the real publication time', async () => {
    const { tenderId } = await tenderWithBids(officer(), [{ name: 'Solo AG', price: '50000.00' }], { close: false });
    expect(await flag(tenderId, 'SINGLE_BID')).toMatchObject({ status: 'NOT_APPLICABLE', numbers: { bids: 1, procedure: 'OPEN' } });
    expect((await closeTender(s.t, officer().api, tenderId)).status).toBe(200);
    const body = await flags(tenderId);
    expect(body).toMatchObject({ tenderId, evaluationId: null, thresholdsVersion: expect.any(Number) });
    expect(body.flags.map((f: any) => [f.code, f.status])).toEqual([
      ['SINGLE_BID', 'RAISED'],
      ['ALL_BUT_WINNER_DISQUALIFIED', 'NOT_APPLICABLE'],
      ['LOWEST_PRICE_DISQUALIFIED', 'NOT_APPLICABLE'],
      ['IDENTICAL_BID_PRICES', 'NOT_APPLICABLE'],
      ['BID_PRICES_CLUSTERED', 'NOT_APPLICABLE'],
      ['BID_PRICES_NEAR_REFERENCE', 'NOT_APPLICABLE'],
      ['WINNER_NEAR_REFERENCE', 'NOT_APPLICABLE'],
      ['WINNER_CHANGED', 'NOT_APPLICABLE'],
      ['SHORT_SUBMISSION_PERIOD', body.flags[8].status],
    ]);
    expect(body.flags[0]).toEqual({
      code: 'SINGLE_BID',
      status: 'RAISED',
      title: 'Single bid received',
      definition: 'A competitive procedure (open, selective or invitation) received exactly one bid.',
      threshold: null,
      numbers: { bids: 1, procedure: 'OPEN' },
    });
    expect(body.raised).toBe(body.flags.filter((f: any) => f.status === 'RAISED').length);
    const tender = (await officer().api.get(`/api/v1/tenders/${tenderId}`)).body;
    const period = secondsBetween(tender.publishedAt, tender.submissionDeadline);
    expect(body.flags[8]).toMatchObject({ threshold: '20', numbers: { periodSeconds: period, minimumSeconds: '1728000' } });
    expect(body.flags[8].status).toBe(Number(period) < 1728000 ? 'RAISED' : 'NOT_RAISED');
  });

  it('answers in French, German and Italian after Accept-Language; codes stay', async () => {
    const { tenderId } = await tenderWithBids(officer(), [{ name: 'Langue SA', price: '1.00' }], { close: false });
    expect((await flags(tenderId, 'fr-CH, de;q=0.5')).flags[0]).toMatchObject({ code: 'SINGLE_BID', title: 'Une seule offre reçue' });
    expect((await flags(tenderId, 'de')).flags[0].title).toBe('Nur ein Angebot eingegangen');
    expect((await flags(tenderId, 'it-CH')).flags[0].title).toBe('Una sola offerta ricevuta');
    expect((await flags(tenderId, 'ja')).flags[0].title).toBe('Single bid received');
  });

  it('BID_PRICES_CLUSTERED: a spread of exactly 1 % of the lowest price raises it; one centime more does not', async () => {
    const at = await tenderWithBids(
      officer(),
      [
        { name: 'Edge A AG', price: '100000.00' },
        { name: 'Edge B AG', price: '101000.00' },
      ],
      { close: false },
    );
    expect(await flag(at.tenderId, 'BID_PRICES_CLUSTERED')).toMatchObject({
      status: 'RAISED',
      threshold: '1',
      numbers: { bids: 2, lowestPrice: '100000', highestPrice: '101000', spread: '1000', spreadLimit: '1000' },
    });
    expect(await flag(at.tenderId, 'IDENTICAL_BID_PRICES')).toMatchObject({ status: 'NOT_RAISED', numbers: { identicalPrices: [] } });
    const over = await tenderWithBids(
      officer(),
      [
        { name: 'Over A AG', price: '100000.00' },
        { name: 'Over B AG', price: '101000.01' },
      ],
      { close: false },
    );
    expect(await flag(over.tenderId, 'BID_PRICES_CLUSTERED')).toMatchObject({ status: 'NOT_RAISED', numbers: { spread: '1000.01', spreadLimit: '1000' } });
  });

  it('IDENTICAL_BID_PRICES: two bids at exactly the same price', async () => {
    const { tenderId, ids } = await tenderWithBids(
      officer(),
      [
        { name: 'Twin A AG', price: '77777.70' },
        { name: 'Twin B AG', price: '77777.7' },
        { name: 'Other AG', price: '90000' },
      ],
      { close: false },
    );
    expect(await flag(tenderId, 'IDENTICAL_BID_PRICES')).toMatchObject({
      status: 'RAISED',
      numbers: { bids: 3, identicalPrices: ['77777.7'], bidIds: [ids['Twin A AG'], ids['Twin B AG']].sort() },
    });
  });

  it('WINNER_NEAR_REFERENCE and BID_PRICES_NEAR_REFERENCE at the 1 % edge of the reference price', async () => {
    const reference = { priceBasis: 'REFERENCE', referencePrice: '100000.00' };
    const near = await closed(
      [
        { name: 'Near AG', price: '99000.00' },
        { name: 'Far AG', price: '130000.00' },
      ],
      reference,
    );
    await evaluate(near.tenderId);
    expect(await flag(near.tenderId, 'WINNER_NEAR_REFERENCE')).toMatchObject({
      status: 'RAISED',
      threshold: '1',
      numbers: { winnerBidId: near.ids['Near AG'], winnerPrice: '99000', referencePrice: '100000', deviation: '1000', deviationLimit: '1000' },
    });
    expect(await flag(near.tenderId, 'BID_PRICES_NEAR_REFERENCE')).toMatchObject({
      status: 'NOT_RAISED',
      numbers: { largestDeviation: '30000', deviationLimit: '1000' },
    });
    const beyond = await closed(
      [
        { name: 'Beyond AG', price: '98999.99' },
        { name: 'Close AG', price: '100500.00' },
      ],
      reference,
    );
    await evaluate(beyond.tenderId);
    expect(await flag(beyond.tenderId, 'WINNER_NEAR_REFERENCE')).toMatchObject({ status: 'NOT_RAISED', numbers: { deviation: '1000.01' } });
    const band = await tenderWithBids(
      officer(),
      [
        { name: 'Band A AG', price: '99000.00' },
        { name: 'Band B AG', price: '101000.00' },
      ],
      { close: false, tender: reference },
    );
    expect(await flag(band.tenderId, 'BID_PRICES_NEAR_REFERENCE')).toMatchObject({
      status: 'RAISED',
      numbers: { bids: 2, referencePrice: '100000', largestDeviation: '1000', deviationLimit: '1000' },
    });
    expect(await flag(beyond.tenderId, 'BID_PRICES_NEAR_REFERENCE')).toMatchObject({
      status: 'NOT_RAISED',
      numbers: { largestDeviation: '1000.01', deviationLimit: '1000' },
    });
  });

  describe('disqualifications and winner changes across evaluations', () => {
    let tenderId: string;
    let ids: Record<string, string>;
    beforeAll(async () => {
      ({ tenderId, ids } = await closed([
        { name: 'Mid AG', price: '100000.00' },
        { name: 'Cheap AG', price: '90000.00' },
        { name: 'Dear AG', price: '110000.00' },
      ]));
    });

    it('evaluation 1: the cheapest wins, nothing disqualified', async () => {
      const e1 = await evaluate(tenderId);
      expect(e1.ranking[0]).toBe(ids['Cheap AG']);
      const body = await flags(tenderId);
      expect(body.evaluationId).toBe(e1.id);
      expect(body.flags.find((f: any) => f.code === 'LOWEST_PRICE_DISQUALIFIED')).toMatchObject({
        status: 'NOT_RAISED',
        numbers: { lowestPrice: '90000', lowestBidIds: [ids['Cheap AG']], disqualifiedBidIds: [] },
      });
      expect(body.flags.find((f: any) => f.code === 'WINNER_CHANGED')).toMatchObject({ status: 'NOT_APPLICABLE', numbers: { evaluations: 1 } });
    });

    it('the cheapest excluded, evaluation 2: lowest-priced bid disqualified; one winner change is below the default of 2', async () => {
      await exclude(tenderId, ids['Cheap AG']);
      const e2 = await evaluate(tenderId);
      expect(e2.ranking[0]).toBe(ids['Mid AG']);
      expect(await flag(tenderId, 'LOWEST_PRICE_DISQUALIFIED')).toMatchObject({
        status: 'RAISED',
        numbers: { lowestPrice: '90000', lowestBidIds: [ids['Cheap AG']], disqualifiedBidIds: [ids['Cheap AG']] },
      });
      expect(await flag(tenderId, 'ALL_BUT_WINNER_DISQUALIFIED')).toMatchObject({ status: 'NOT_RAISED', numbers: { disqualifiedOthers: 1 } });
      expect(await flag(tenderId, 'WINNER_CHANGED')).toMatchObject({
        status: 'NOT_RAISED',
        threshold: 2,
        numbers: { evaluations: 2, changes: 1, winners: [ids['Cheap AG'], ids['Mid AG']] },
      });
    });

    it('with the threshold at 1 change (a new version), the same change raises WINNER_CHANGED; the report keeps the version of its evaluation', async () => {
      const report = () => officer().api.bytes(`/api/v1/tenders/${tenderId}/report.pdf`);
      const before = await report();
      expect(before.status).toBe(200);
      const put = await putThresholds({ ...DEFAULTS, winnerChangesMin: 1 });
      expect(put.status).toBe(200);
      expect(await flag(tenderId, 'WINNER_CHANGED')).toMatchObject({ status: 'RAISED', threshold: 1, numbers: { changes: 1 } });
      expect((await flags(tenderId)).thresholdsVersion).toBe(put.body.version);
      // Same evaluation, same bytes: the evaluation was made under the earlier version.
      expect((await report()).bytes.equals(before.bytes)).toBe(true);
      if (HAS_PDFTOTEXT) {
        const text = pdfText(before.bytes);
        expect(text).toContain('Red flags for integrity (Open Contracting Partnership)');
        expect(text).toContain(`threshold version ${put.body.version - 1}`);
        expect(text).toMatch(/Lowest-priced bid disqualified \(LOWEST_PRICE_DISQUALIFIED\).*? raised/);
      } else console.warn(PDFTOTEXT_MISSING);
      expect((await putThresholds(DEFAULTS)).status).toBe(200);
    });

    it('the dearer one excluded too: all but the winner disqualified', async () => {
      await exclude(tenderId, ids['Dear AG']);
      expect(await flag(tenderId, 'ALL_BUT_WINNER_DISQUALIFIED')).toMatchObject({
        status: 'RAISED',
        numbers: { bids: 3, winnerBidId: ids['Mid AG'], disqualifiedOthers: 2, disqualifiedBidIds: [ids['Cheap AG'], ids['Dear AG']].sort() },
      });
    });
  });

  it("SHORT_SUBMISSION_PERIOD: the builders' 60-day period (publication 60 days before the deadline) is short for 61 days, not for 60 (the edge) nor the default 20", async () => {
    const { tenderId } = await tenderWithBids(officer(), [{ name: 'Quick AG', price: '1000.00' }], { close: false });
    const sixtyDays = String(PUBLISHED_BEFORE_DEADLINE_MS / 1000);
    expect(await flag(tenderId, 'SHORT_SUBMISSION_PERIOD')).toMatchObject({ status: 'NOT_RAISED', threshold: '20', numbers: { periodSeconds: sixtyDays } });
    expect((await putThresholds({ ...DEFAULTS, minSubmissionDays: '61' })).status).toBe(200);
    expect(await flag(tenderId, 'SHORT_SUBMISSION_PERIOD')).toMatchObject({
      status: 'RAISED',
      threshold: '61',
      numbers: { periodSeconds: sixtyDays, minimumSeconds: '5270400' },
    });
    expect((await putThresholds({ ...DEFAULTS, minSubmissionDays: '60' })).status).toBe(200);
    expect(await flag(tenderId, 'SHORT_SUBMISSION_PERIOD')).toMatchObject({
      status: 'NOT_RAISED',
      threshold: '60',
      numbers: { periodSeconds: sixtyDays, minimumSeconds: sixtyDays },
    });
    expect((await putThresholds(DEFAULTS)).status).toBe(200);
  });

  it("GET /red-flags: every tender of the caller's buyer, newest first, paged; other buyers see only theirs", async () => {
    const all = await s.w.auditor.api.get('/api/v1/red-flags?pageSize=200');
    expect(all.status).toBe(200);
    const count = await s.t.prisma.tender.count({ where: { buyerId: s.w.buyerId } });
    expect(all.body).toMatchObject({ page: 1, pageSize: 200, total: count });
    expect(all.body.items).toHaveLength(count);
    const page2 = await s.w.officer.api.get('/api/v1/red-flags?page=2&pageSize=3');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 3, total: count });
    expect(page2.body.items.map((i: any) => i.tenderId)).toEqual(all.body.items.slice(3, 6).map((i: any) => i.tenderId));
    const newest = await s.t.prisma.tender.findMany({ where: { buyerId: s.w.buyerId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: { id: true } });
    expect(all.body.items.map((i: any) => i.tenderId)).toEqual(newest.map((t) => t.id));
    expect(all.body.items[0].flags).toHaveLength(9);
    const other = await s.other.officer.api.get('/api/v1/red-flags');
    expect(other.body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    const bad = await s.w.officer.api.get('/api/v1/red-flags?pageSize=0');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['pageSize']);
  });

  it('per tender: other buyers 404, admins 403, no token 401', async () => {
    const { tenderId } = await tenderWithBids(officer(), [], { close: false });
    expect((await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/red-flags`)).status).toBe(200);
    expect((await s.other.officer.api.get(`/api/v1/tenders/${tenderId}/red-flags`)).status).toBe(404);
    expect((await s.w.admin.api.get(`/api/v1/tenders/${tenderId}/red-flags`)).status).toBe(403);
    expect((await s.w.admin.api.get('/api/v1/red-flags')).status).toBe(403);
    expect((await s.t.api.get(`/api/v1/tenders/${tenderId}/red-flags`)).status).toBe(401);
  });

  describe('thresholds (ADMIN), versioned like the risk model', () => {
    it('GET answers the active version with its ETag; versions newest first', async () => {
      const res = await s.w.admin.api.get('/api/v1/red-flag-thresholds');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ active: true, thresholds: DEFAULTS });
      expect(res.headers.get('etag')).toBe(`"v${res.body.version}"`);
      const versions = (await s.w.admin.api.get('/api/v1/red-flag-thresholds/versions')).body;
      expect(versions[0]).toMatchObject({ version: res.body.version, active: true });
      expect(versions[versions.length - 1]).toMatchObject({ version: 1, note: 'Defaults' });
      expect(versions.filter((v: any) => v.active)).toHaveLength(1);
    });

    it('each PUT is a new version, audited; a stale If-Match is 412; bad fields 422 naming each; nothing changes on failure', async () => {
      const before = (await s.w.admin.api.get('/api/v1/red-flag-thresholds')).body;
      const put = await putThresholds({ ...DEFAULTS, priceClusterPercent: '0.5' }, { 'if-match': `"v${before.version}"` });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ version: before.version + 1, active: true, thresholds: { ...DEFAULTS, priceClusterPercent: '0.5' }, note: 'test' });
      const events = await s.t.prisma.auditEvent.findMany({ where: { objectId: put.body.id } });
      expect(events.map((e) => [e.action, (e.payload as any).version, (e.payload as any).previousActiveVersion])).toEqual([
        ['red-flag-thresholds.activated', before.version + 1, before.version],
      ]);
      expect((await putThresholds(DEFAULTS, { 'if-match': `"v${before.version}"` })).status).toBe(412);
      const bad = await putThresholds({ ...DEFAULTS, priceClusterPercent: 1, winnerChangesMin: 0, extra: '1' });
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(bad.body.errors.map((e: any) => e.field)).toEqual(['thresholds.priceClusterPercent', 'thresholds.winnerChangesMin', 'thresholds.extra']);
      expect((await s.w.admin.api.get('/api/v1/red-flag-thresholds')).body.version).toBe(before.version + 1);
      expect((await s.w.officer.api.put('/api/v1/red-flag-thresholds', { thresholds: DEFAULTS })).status).toBe(403);
      expect((await s.w.admin.api.put('/api/v1/red-flag-thresholds', { thresholds: DEFAULTS, surprise: 1 })).status).toBe(422);
      expect((await putThresholds(DEFAULTS)).status).toBe(200);
    });
  });
});
