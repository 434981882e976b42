import createClient from 'openapi-fetch';
import type { components, paths } from './client/schema';
import { allDeclarations, atTime, nodeBody, PUBLISHED_BEFORE_DEADLINE_MS, tenderBody } from './support/builders';
import { contractFor } from './support/contract';
import { actor, startTestApp, TestApp, uniq } from './support/test-app';

type Schemas = components['schemas'];

/**
 * A client generated from the served document (openapi-typescript +
 * openapi-fetch) drives the whole procedure: if the document mistyped a body
 * or a response, this file would not compile (`tsc --noEmit`) or the contract
 * check would fail. Every answer also goes through the response check.
 */
describe('typed client generated from the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  /** A client as the given bearer; every answer checked against the document. */
  const clientAs = (token?: string) => {
    const client = createClient<paths>({ baseUrl: t.api.baseUrl, headers: token ? { authorization: `Bearer ${token}` } : {} });
    client.use({
      async onResponse({ request, response }) {
        const copy = response.clone();
        const type = copy.headers.get('content-type') ?? '';
        const body = type.includes('json') ? await copy.json() : await copy.text();
        (await contractFor(t.api.baseUrl)).check(request.method, new URL(request.url).pathname, copy.status, type, body);
        return response;
      },
    });
    return client;
  };

  const login = async (email: string, password: string) => {
    const { data, error } = await clientAs().POST('/api/v1/auth/token', { body: { email, password } });
    if (!data) throw new Error(`login: ${JSON.stringify(error)}`);
    expect(data.tokenType).toBe('Bearer');
    return clientAs(data.accessToken);
  };

  it('admin sets up; officers run the tender to an award with four eyes; the auditor reads the report and verifies the trail', async () => {
    // Admin: a buyer and its people.
    const root = await actor(t, 'ADMIN');
    const admin = await login(root.email, root.password);
    const buyer = await admin.POST('/api/v1/buyers', { body: { name: `Bundesamt ${uniq()}`, country: 'CH' } });
    expect(buyer.response.status).toBe(201);
    const buyerId = buyer.data!.id;
    const people: Record<'officer' | 'officer2' | 'auditor', { email: string; password: string }> = {
      officer: { email: `o1-${uniq()}@test.example`, password: `pw-${uniq()}-${uniq()}` },
      officer2: { email: `o2-${uniq()}@test.example`, password: `pw-${uniq()}-${uniq()}` },
      auditor: { email: `au-${uniq()}@test.example`, password: `pw-${uniq()}-${uniq()}` },
    };
    for (const [who, p] of Object.entries(people)) {
      const role: Schemas['CreateUserDto']['role'] = who === 'auditor' ? 'AUDITOR' : 'OFFICER';
      const created = await admin.POST('/api/v1/users', { body: { ...p, role, buyerId } });
      expect(created.data).toMatchObject({ email: p.email, role, buyerId, active: true });
    }
    const users = await admin.GET('/api/v1/users', { params: { query: { pageSize: 500 } } });
    expect(users.data!.items.map((u) => u.email)).toEqual(expect.arrayContaining(Object.values(people).map((p) => p.email)));
    const officer = await login(people.officer.email, people.officer.password);
    const officer2 = await login(people.officer2.email, people.officer2.password);
    const auditor = await login(people.auditor.email, people.auditor.password);

    // Officer: tender, bidders, bids.
    const body = tenderBody() as Schemas['CreateTenderDto'];
    const tender = await officer.POST('/api/v1/tenders', { body });
    expect(tender.data).toMatchObject({ status: 'DRAFT', version: 1, procedure: 'OPEN' });
    const tenderId = tender.data!.id;
    const path = { id: tenderId };
    // The tender timeline: published 60 days before its deadline, closed just after it (the in-process Clock, as builders.ts does).
    const deadline = new Date(body.submissionDeadline).getTime();
    const published = await atTime(t, new Date(deadline - PUBLISHED_BEFORE_DEADLINE_MS), () =>
      officer.POST('/api/v1/tenders/{id}/publish', { params: { path } }),
    );
    expect(published.data!.status).toBe('PUBLISHED');
    const bidIds: Record<string, string> = {};
    for (const [name, price, receivedAt] of [
      ['Alpha AG', '90000.00', '2026-12-01T10:00:00+01:00'],
      ['Beta AG', '100000.00', '2026-12-01T11:00:00+01:00'],
      ['Gamma AG', '120000.00', '2026-12-01T12:00:00+01:00'],
    ] as const) {
      const bidder = await officer.POST('/api/v1/bidders', { body: { name, country: 'CH' } });
      const supplyChain = nodeBody(name, { declarations: { ...allDeclarations, subcontractClause: true } }) as unknown as Schemas['SupplyChainNodeDto'];
      const bid = await officer.POST('/api/v1/tenders/{id}/bids', {
        params: { path },
        body: { bidderId: bidder.data!.id, receivedAt, price, supplyChain },
      });
      expect(bid.response.status).toBe(201);
      bidIds[name] = bid.data!.id;
    }
    const list = await officer.GET('/api/v1/tenders/{id}/bids', { params: { path, query: { pageSize: 2 } } });
    expect(list.data).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(list.data!.items.map((b) => [b.bidderName, b.price, b.nodeCount])).toEqual([
      ['Alpha AG', '90000.00', 1],
      ['Beta AG', '100000.00', 1],
    ]);

    // Declarations (VöB Art. 3), grades, close, evaluate.
    for (const o of [officer, officer2]) {
      const d = await o.POST('/api/v1/tenders/{id}/declarations', { params: { path }, body: { impartial: true, interests: 'none' } });
      expect(d.response.status).toBe(201);
    }
    for (const [name, grade] of [
      ['Alpha AG', 3],
      ['Beta AG', 5],
      ['Gamma AG', 4],
    ] as const) {
      const g = await officer.PUT('/api/v1/tenders/{id}/bids/{bidId}/grades/{criterionCode}', {
        params: { path: { id: tenderId, bidId: bidIds[name], criterionCode: 'QUALITY' } },
        body: { grade },
      });
      expect(g.data).toMatchObject({ grade, criterionCode: 'QUALITY' });
    }
    const closed = await atTime(t, new Date(deadline + 1000), () => officer.POST('/api/v1/tenders/{id}/close', { params: { path } }));
    expect(closed.data!.status).toBe('CLOSED');
    const first = await officer.POST('/api/v1/tenders/{id}/evaluations', { params: { path } });
    expect(first.response.status).toBe(201);
    // 201: the evaluation (a tender above EVALUATION_JOB_MIN_BIDS would answer 202 with a job).
    const e1 = first.data! as components['schemas']['EvaluationDto'];
    expect(e1.bids).toHaveLength(3);
    expect(e1.bids.every((b) => b.admissible && b.scores.PRICE !== undefined)).toBe(true);

    // Findings: whatever the method raised, each with its state.
    const findings = await officer.GET('/api/v1/tenders/{id}/findings', { params: { path } });
    expect(findings.data!.total).toBe(findings.data!.items.length);

    // Exclusion of the first-ranked bid: four eyes.
    const winner1 = e1.ranking[0];
    const proposed = await officer.POST('/api/v1/tenders/{id}/exclusions', {
      params: { path },
      body: { bidId: winner1, ground: '44-1-h', reasons: 'Deficient performance of an earlier contract (report 2025-14)' },
    });
    expect(proposed.data).toMatchObject({ status: 'PROPOSED', ground: '44-1-h' });
    const own = await officer.POST('/api/v1/exclusions/{id}/confirm', { params: { path: { id: proposed.data!.id } }, body: {} });
    expect(own.response.status).toBe(403);
    expect(own.error).toMatchObject({ code: 'FOUR_EYES', status: 403 });
    const confirmed = await officer2.POST('/api/v1/exclusions/{id}/confirm', { params: { path: { id: proposed.data!.id } }, body: { note: 'Agreed' } });
    expect(confirmed.data!.status).toBe('CONFIRMED');

    // The first evaluation is now stale: the refusal names its code and every reason.
    const stale = await officer.POST('/api/v1/tenders/{id}/award', { params: { path }, body: { evaluationId: e1.id } });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ code: 'STALE_EVALUATION', reasons: [{ code: 'STALE_EVALUATION' }] });

    // Re-evaluate, settle the winner's open VERIFY findings, award.
    const e2 = (await officer.POST('/api/v1/tenders/{id}/evaluations', { params: { path } })).data! as components['schemas']['EvaluationDto'];
    expect(e2.seq).toBe(2);
    expect(e2.ranking).not.toContain(winner1);
    const open = await officer.GET('/api/v1/tenders/{id}/findings', { params: { path, query: { open: true } } });
    for (const f of open.data!.items.filter((x) => x.bidId === e2.ranking[0] && x.severity === 'VERIFY')) {
      const r = await officer.POST('/api/v1/findings/{id}/resolve', {
        params: { path: { id: f.id } },
        body: { bidderAnswer: 'Explained', conclusion: 'ACCEPTED' },
      });
      expect(r.response.status).toBe(201);
    }
    const award = await officer.POST('/api/v1/tenders/{id}/award', { params: { path }, body: { evaluationId: e2.id } });
    expect(award.response.status).toBe(201);
    expect(award.data).toMatchObject({ winnerBidId: e2.ranking[0], status: 'ACTIVE', procedure: 'OPEN' });
    const awards = await auditor.GET('/api/v1/tenders/{id}/awards', { params: { path } });
    expect(awards.data!.items.map((a) => a.id)).toEqual([award.data!.id]);

    // Auditor: replay, report, audit trail.
    const replay = await auditor.POST('/api/v1/evaluations/{id}/replay', { params: { path: { id: e2.id } } });
    expect(replay.data).toMatchObject({ identical: true, digest: e2.digest });
    const report = await auditor.GET('/api/v1/evaluations/{id}/report.pdf', { params: { path: { id: e2.id }, query: { lang: 'fr' } }, parseAs: 'arrayBuffer' });
    expect(report.response.status).toBe(200);
    expect(report.response.headers.get('x-report-digest')).toBe(e2.digest);
    expect(Buffer.from(report.data!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const events = await auditor.GET('/api/v1/audit-events', { params: { query: { tenderId, pageSize: 500 } } });
    const actions = events.data!.items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['tender.publish', 'tender.close', 'exclusion.confirmed']));
    expect(events.data!.total).toBe(events.data!.items.length);
    const verify = await auditor.GET('/api/v1/audit-events/verify', { params: { query: { tenderId } } });
    expect(verify.data).toMatchObject({ valid: true, count: events.data!.total, chain: tenderId });
    const global = await auditor.GET('/api/v1/audit-events/verify', {});
    expect(global.data!.valid).toBe(true);
  }, 120_000);
});
