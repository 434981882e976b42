import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/audit-chain';
import { HAS_PDFTOTEXT, pdfText } from '../libs/report/src/testing/pdf-text';
import { allDeclarations, bidBody, closeTender, nodeBody, publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

jest.setTimeout(60_000);

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Finding messages and data-gap notes in the caller's language; the snapshot and its digest never change with it. */
describe('languages (Accept-Language, ?lang=) over REST', () => {
  const s = twoBuyerSuite();
  let tenderId: string;
  let evaluation: any;

  beforeAll(async () => {
    const api = s.w.officer.api;
    tenderId = (await api.post('/api/v1/tenders', tenderBody({ reference: 'UNI-2027-I18N' }))).body.id;
    expect((await publishTender(s.t, api, tenderId)).status).toBe(200);
    const specs = [
      // Equal pay not declared (CH) and a subcontractor in a country the datasets do not know (data gap).
      ['Alpha AG', '100000.00', { declarations: { ...allDeclarations, equalPay: false, subcontractClause: true } }, 'AQ'],
      ['Beta SA', '110000.00', {}, 'BD'],
      ['Gamma Sagl', '120000.00', {}, 'BD'],
    ] as const;
    for (const [name, price, root, subCountry] of specs) {
      const bidder = (await api.post('/api/v1/bidders', { name, country: 'CH' })).body.id;
      const res = await api.post(
        `/api/v1/tenders/${tenderId}/bids`,
        bidBody(bidder, {
          price,
          supplyChain: nodeBody(name, {
            ...root,
            subcontractors: [
              nodeBody(`${name} Sewing`, { country: subCountry, sharePercent: '40', goods: ['Garments'], declarations: { ...allDeclarations } }),
            ],
          }),
        }),
      );
      expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
    }
    expect((await closeTender(s.t, api, tenderId)).status).toBe(200);
    await api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: 'none' });
    for (const b of (await api.get(`/api/v1/tenders/${tenderId}/bids`)).body.items)
      expect((await api.put(`/api/v1/tenders/${tenderId}/bids/${b.id}/grades/QUALITY`, { grade: 4 })).status).toBe(200);
    const created = await api.post(`/api/v1/tenders/${tenderId}/evaluations`, undefined, { 'accept-language': 'it-CH' });
    expect(created.status).toBe(201);
    evaluation = created.body;
  });

  const equalPay = (e: any) => e.bids.flatMap((b: any) => b.findings).find((f: any) => f.code === 'CH_EQUAL_PAY');
  const gaps = (e: any) => e.bids.flatMap((b: any) => b.risk.nodes.flatMap((n: any) => n.dataGaps));

  it('answers finding messages and data gaps in the negotiated language; codes and legal bases stay', async () => {
    const expected: Record<string, [string, string]> = {
      en: ['Bidder Alpha AG (work in Switzerland): equal pay for women and men not declared.', 'TIP tier of AQ not in the dataset'],
      fr: ['Soumissionnaire Alpha AG (travail en Suisse) : égalité salariale entre femmes et hommes non déclarée.', 'catégorie TIP de AQ absente des données'],
      de: ['Anbieterin Alpha AG (Arbeit in der Schweiz): Lohngleichheit von Frau und Mann nicht erklärt.', 'TIP-Stufe von AQ nicht im Datensatz'],
      it: ['Offerente Alpha AG (lavoro in Svizzera): parità salariale tra donna e uomo non dichiarata.', 'categoria TIP di AQ assente dai dati'],
    };
    // The creating request asked for Italian.
    expect(equalPay(evaluation).message).toBe(expected.it[0]);
    for (const [header, lang] of [
      [undefined, 'en'],
      ['fr-CH', 'fr'],
      ['de-CH, fr;q=0.5', 'de'],
      ['rm, it-CH;q=0.9, en;q=0.1', 'it'],
      ['es', 'en'],
    ] as const) {
      const res = await s.w.auditor.api.get(`/api/v1/evaluations/${evaluation.id}`, header ? { 'accept-language': header } : {});
      expect(res.status).toBe(200);
      const f = equalPay(res.body);
      expect({ header, message: f.message }).toEqual({ header, message: expected[lang][0] });
      expect(f).toMatchObject({ code: 'CH_EQUAL_PAY', severity: 'EXCLUSION_GROUND', legalBasis: 'Art. 12(1), 44(1)(a)' });
      expect(gaps(res.body)).toContain(expected[lang][1]);
      expect(res.body.digest).toBe(evaluation.digest);
    }
    const list = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/findings`, { 'accept-language': 'de-CH' });
    expect(list.status).toBe(200);
    expect(list.body.items.find((f: any) => f.code === 'CH_EQUAL_PAY').message).toBe(expected.de[0]);
    const listed = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/evaluations`, { 'accept-language': 'fr' });
    expect(equalPay(listed.body.items[0]).message).toBe(expected.fr[0]);
  });

  it('titles problem documents in the negotiated language, detail too; type, code and status stay', async () => {
    const api = s.w.officer.api;
    const missing = `/api/v1/tenders/00000000-0000-4000-8000-000000000000`;
    const expected = { en: 'Not found', fr: 'Introuvable', de: 'Nicht gefunden', it: 'Non trovato' };
    const seen: Record<string, unknown> = {};
    for (const [header, lang] of [
      [undefined, 'en'],
      ['fr-CH', 'fr'],
      ['de-CH, de;q=0.9', 'de'],
      ['it', 'it'],
    ] as const) {
      const r = await api.get(missing, header ? { 'accept-language': header } : {});
      seen[lang] = {
        status: r.status,
        title: r.body.title,
        code: r.body.code,
        type: r.body.type,
        detail: r.body.detail,
        lang: r.headers.get('content-language'),
      };
    }
    // The detail follows the language too (libs/i18n problem-details); test/i18n-problems.e2e-spec.ts covers more.
    const detail = { en: 'Tender not found', fr: 'Appel d’offres introuvable', de: 'Ausschreibung nicht gefunden', it: 'Commessa non reperibile' };
    for (const lang of ['en', 'fr', 'de', 'it'] as const)
      expect(seen[lang]).toEqual({ status: 404, title: expected[lang], code: 'NOT_FOUND', type: expect.any(String), detail: detail[lang], lang });
    // A validation failure: the title follows the language, the field errors keep their field names.
    const bad = await api.post('/api/v1/tenders', { reference: 42 }, { 'accept-language': 'de' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ title: 'Validierung fehlgeschlagen', code: 'VALIDATION_FAILED' });
    expect(bad.body.errors.map((e: any) => e.field)).toContain('reference');
  });

  it('a grade given as a string gets one message naming grade (422), not three', async () => {
    const bid = (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids`)).body.items[0];
    const res = await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.id}/grades/QUALITY`, { grade: '4' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'grade', message: 'grade must be an integer 0–5' }]);
  });

  it('keeps the engine’s English in the stored snapshot: its SHA-256 is the digest, and replay is identical', async () => {
    const snap = await s.w.auditor.api.get(`/api/v1/evaluations/${evaluation.id}/snapshot`, { 'accept-language': 'it' });
    expect(sha(snap.text)).toBe(evaluation.digest);
    const doc = JSON.parse(snap.text);
    expect(canonicalJson(doc)).toBe(snap.text);
    const recorded = doc.result.bids.flatMap((b: any) => b.findings).find((f: any) => f.code === 'CH_EQUAL_PAY');
    expect(recorded).toEqual({
      code: 'CH_EQUAL_PAY',
      legalBasis: 'Art. 12(1), 44(1)(a)',
      severity: 'EXCLUSION_GROUND',
      nodePath: ['Alpha AG'],
      message: 'Bidder Alpha AG (work in Switzerland): equal pay for women and men not declared.',
    });
    const replay = await s.w.auditor.api.post(`/api/v1/evaluations/${evaluation.id}/replay`, undefined, { 'accept-language': 'it' });
    expect(replay.body).toMatchObject({ identical: true, replayDigest: evaluation.digest });
  });

  it('renders the report in Italian (?lang=it, or Accept-Language without ?lang), the same bytes every time', async () => {
    const a = await s.w.auditor.api.bytes(`/api/v1/evaluations/${evaluation.id}/report.pdf?lang=it`);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-disposition')).toContain('-it.pdf');
    expect(a.headers.get('x-report-digest')).toBe(evaluation.digest);
    const b = await s.w.officer.api.bytes(`/api/v1/tenders/${tenderId}/report.pdf?lang=it`);
    expect(sha(b.bytes)).toBe(sha(a.bytes));
    const viaHeader = await fetch(`${s.w.auditor.api.baseUrl}/api/v1/evaluations/${evaluation.id}/report.pdf`, {
      headers: { authorization: `Bearer ${s.w.auditor.token}`, 'accept-language': 'it-CH' },
    });
    expect(sha(Buffer.from(await viaHeader.arrayBuffer()))).toBe(sha(a.bytes));
    const en = await s.w.auditor.api.bytes(`/api/v1/evaluations/${evaluation.id}/report.pdf`);
    expect(sha(en.bytes)).not.toBe(sha(a.bytes));
    if (HAS_PDFTOTEXT) {
      const text = pdfText(a.bytes).replace(/\s+/g, ' ');
      expect(text).toContain('Rapporto di audit');
      expect(text).toContain('parità salariale tra donna e uomo non dichiarata');
      expect(text).toContain('categoria TIP di AQ assente dai dati');
      expect(text).not.toContain('equal pay for women and men not declared');
    }
    expect((await s.w.auditor.api.get(`/api/v1/evaluations/${evaluation.id}/report.pdf?lang=rm`)).status).toBe(422);
  });
});

describe('the tender timeline is enforced', () => {
  const s = twoBuyerSuite();

  it('refuses to close before the submission deadline (409 DEADLINE_NOT_REACHED) and a bid received before publication (422 receivedAt)', async () => {
    const api = s.w.officer.api;
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const id = (await api.post('/api/v1/tenders', tenderBody({ submissionDeadline: deadline }))).body.id;
    const published = await api.post(`/api/v1/tenders/${id}/publish`);
    expect(published.status).toBe(200);
    const early = await api.post(`/api/v1/tenders/${id}/close`);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.body).toMatchObject({ reason: 'DEADLINE_NOT_REACHED', submissionDeadline: new Date(deadline).toISOString() });
    expect(early.body.detail).toContain('has not passed yet');
    expect((await api.get(`/api/v1/tenders/${id}`)).body.status).toBe('PUBLISHED');

    const bidder = (await api.post('/api/v1/bidders', { name: 'Early Bird AG', country: 'CH' })).body.id;
    const before = new Date(Date.parse(published.body.publishedAt) - 60_000).toISOString();
    const bid = await api.post(`/api/v1/tenders/${id}/bids`, bidBody(bidder, { receivedAt: before }));
    expect(bid.status).toBe(422);
    expect(bid.body.errors).toEqual([{ field: 'receivedAt', message: expect.stringContaining("must not be before the tender's publication") }]);
    const onTime = await api.post(`/api/v1/tenders/${id}/bids`, bidBody(bidder, { receivedAt: new Date().toISOString() }));
    expect(onTime.status).toBe(201);
  });
});

describe('calendar dates: YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)', () => {
  const s = twoBuyerSuite();

  it('evidence issuedAt/validUntil and violation occurredAt', async () => {
    const api = s.w.officer.api;
    const tenderId = (await api.post('/api/v1/tenders', tenderBody())).body.id;
    expect((await publishTender(s.t, api, tenderId)).status).toBe(200);
    const bidder = (await api.post('/api/v1/bidders', { name: 'Dates AG', country: 'CH' })).body.id;
    const node = (evidence: unknown[], violations: unknown[] = []) =>
      nodeBody('Dates AG', { subcontractors: [nodeBody('Sewing Ltd', { country: 'BD', sharePercent: '50', evidence, violations })] });
    const refused = await api.post(
      `/api/v1/tenders/${tenderId}/bids`,
      bidBody(bidder, { supplyChain: node([{ kind: 'SOCIAL_AUDIT', issuer: 'amfori BSCI', issuedAt: '2026-02-10T09:00:00' }]) }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'supplyChain.subcontractors[0].evidence[0].issuedAt',
        message: 'issuedAt must be a calendar date YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)',
      },
    ]);
    const res = await api.post(
      `/api/v1/tenders/${tenderId}/bids`,
      bidBody(bidder, {
        supplyChain: node(
          // 23:30 UTC in February is 00:30 the next day in Zurich; 22:00 UTC in July is midnight there.
          [{ kind: 'CERTIFICATION', issuer: 'SA8000', issuedAt: '2026-02-09T23:30:00Z', validUntil: '2028-07-31T22:00:00Z' }],
          [{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-03-01T00:15:00+01:00', source: 'NGO', description: 'overtime' }],
        ),
      }),
    );
    expect(res.status).toBe(201);
    const sub = res.body.supplyChain.subcontractors[0];
    expect(sub.evidence).toEqual([{ kind: 'CERTIFICATION', issuer: 'SA8000', issuedAt: '2026-02-10', validUntil: '2028-08-01' }]);
    expect(sub.violations[0].occurredAt).toBe('2025-03-01');
  });

  it('sanction from/until and buyer holidays', async () => {
    const created = await s.w.admin.api.post('/api/v1/sanctions', {
      name: 'Offset Trading AG',
      country: 'CH',
      ground: '44-1-e',
      from: '2025-12-31T23:30:00Z',
      until: '2027-06-30',
      scope: 'ALL_FEDERAL',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ from: '2026-01-01', until: '2027-06-30' });
    const bad = await s.w.admin.api.post('/api/v1/sanctions', {
      name: 'X AG',
      country: 'CH',
      ground: '44-1-e',
      from: '2026-01-01T10:00',
      until: '2027-01-01',
      scope: 'ALL_FEDERAL',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['from']);
    const patched = await s.w.admin.api.patch(`/api/v1/buyers/${s.w.buyerId}`, { holidays: ['2026-12-25T10:00:00+01:00', '2026-08-01'] });
    expect(patched.status).toBe(200);
    expect(patched.body.holidays).toEqual(['2026-08-01', '2026-12-25']);
    const wrong = await s.w.admin.api.patch(`/api/v1/buyers/${s.w.buyerId}`, { holidays: ['2026-02-30'] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([
      { field: 'holidays', message: 'holidays entries must be a calendar date YYYY-MM-DD or a date-time with offset (its day in Europe/Zurich)' },
    ]);
  });
});
