import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PERMISSIONS, ROLES, type Role } from '@app/procedure';
import { allDeclarations, bidder, bidBody, closedTenderOf, nodeBody } from './support/builders';
import { enumerateRoutes, permissionTableMarkdown, PERMISSION_TABLE_BEGIN, PERMISSION_TABLE_END, type RouteInfo } from './support/routes';
import { twoBuyerSuite, type Actor, type Api } from './support/test-app';

/**
 * Access, generated from the route table: every route × every role, and every
 * route with a parameter × another buyer's real object. A route added without
 * a parameter factory (or, for a write, a request body) fails this suite.
 */
describe('access on every route', () => {
  const s = twoBuyerSuite();
  let routes: RouteInfo[];

  /** Buyer B's (s.other's) real objects, and global objects of each kind. */
  const real: Record<string, string> = {};

  beforeAll(async () => {
    routes = enumerateRoutes(s.t.app).filter((r) => !r.isPublic);
    const b = s.other;
    const undisclosedSub = { subcontractors: [nodeBody('Unknown Trims', { country: undefined, sharePercent: '10', declarations: { ...allDeclarations } })] };
    const noEnvLaw = { declarations: { ...allDeclarations, environmentalLaw: false, subcontractClause: true } };
    const { tenderId, bidIds } = await closedTenderOf(b, [
      { name: 'Alpha AG', bid: { price: '100000.00', supplyChain: nodeBody('Alpha AG', undisclosedSub) } },
      { name: 'Beta AG', bid: { price: '120000.00', supplyChain: nodeBody('Beta AG', noEnvLaw) } },
    ]);
    const evaluation = await b.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(evaluation.status).toBe(201);
    const findings = (await b.officer.api.get(`/api/v1/tenders/${tenderId}/findings`)).body.items as { id: string; severity: string; bidId: string }[];
    const verify = findings.find((f) => f.severity === 'VERIFY')!;
    const ground = findings.find((f) => f.severity === 'EXCLUSION_GROUND')!;
    const exclusion = await b.officer.api.post(`/api/v1/tenders/${tenderId}/exclusions`, {
      bidId: ground.bidId,
      ground: '44-1-a',
      reasons: 'Participation conditions not met',
      findingId: ground.id,
    });
    expect(exclusion.status).toBe(201);
    const sanction = await s.w.admin.api.post('/api/v1/sanctions', {
      name: 'Sanctioned Trading AG',
      country: 'CH',
      ground: '44-1-e',
      from: '2025-01-01',
      until: '2029-12-31',
      scope: 'ALL_FEDERAL',
    });
    expect(sanction.status).toBe(201);
    const datasets = (await s.w.admin.api.get('/api/v1/risk-datasets')).body.items as { id: string }[];
    // A finished job of buyer B's tender (large evaluations run as jobs; this one is recorded as such).
    const job = await s.t.prisma.backgroundJob.create({
      data: { id: randomUUID(), kind: 'evaluation', status: 'succeeded', buyerId: b.buyerId, tenderId, params: { lang: 'en' } },
    });
    Object.assign(real, {
      job: job.id,
      tender: tenderId,
      bid: bidIds['Alpha AG'],
      evaluation: evaluation.body.id,
      finding: verify.id,
      exclusion: exclusion.body.id,
      bidder: await bidder(b.officer),
      buyer: b.buyerId,
      user: b.officer.id,
      sanction: sanction.body.id,
      dataset: datasets[0].id,
    });
  }, 180_000);

  /**
   * One factory per parameter (keyed by the segment before it): buyer B's real
   * object, or a value of the parameter's kind. `random` stands for a
   * well-formed id of nothing.
   */
  const PARAMS: Record<string, (random: boolean) => string> = {
    'tenders/:id': (r) => (r ? randomUUID() : real.tender),
    'bids/:bidId': (r) => (r ? randomUUID() : real.bid),
    'grades/:criterionCode': () => 'QUALITY',
    'evaluations/:id': (r) => (r ? randomUUID() : real.evaluation),
    'findings/:id': (r) => (r ? randomUUID() : real.finding),
    'exclusions/:id': (r) => (r ? randomUUID() : real.exclusion),
    'bidders/:id': (r) => (r ? randomUUID() : real.bidder),
    'buyers/:id': (r) => (r ? randomUUID() : real.buyer),
    'users/:id': (r) => (r ? randomUUID() : real.user),
    'sanctions/:id': (r) => (r ? randomUUID() : real.sanction),
    // No list is imported in this suite: the guard answers before any look-up.
    'lists/:id': () => randomUUID(),
    'risk-datasets/:id': (r) => (r ? randomUUID() : real.dataset),
    'templates/:kind': () => 'TIP_TIERS',
    'criteria-templates/:id': () => randomUUID(),
    'versions/:version': () => '1',
    'jobs/:id': (r) => (r ? randomUUID() : real.job),
  };

  /** A valid request (body, headers) for each buyer-scoped write, so the call reaches the service's access check. */
  const REQUESTS: Record<string, () => { body?: unknown; headers?: Record<string, string> }> = {
    'PATCH /api/v1/tenders/:id': () => ({ body: { title: 'Changed by another buyer' }, headers: { 'if-match': '"v1"' } }),
    'POST /api/v1/tenders/:id/publish': () => ({}),
    'POST /api/v1/tenders/:id/close': () => ({}),
    'POST /api/v1/tenders/:id/cancel': () => ({}),
    'POST /api/v1/tenders/:id/conclude': () => ({}),
    'POST /api/v1/tenders/:id/bids': () => ({ body: bidBody(real.bidder) }),
    'POST /api/v1/tenders/:id/declarations': () => ({ body: { impartial: true, interests: '' } }),
    'POST /api/v1/tenders/:id/evaluations': () => ({}),
    'POST /api/v1/tenders/:id/exclusions': () => ({ body: { bidId: real.bid, ground: '44-1-a', reasons: 'x' } }),
    'POST /api/v1/tenders/:id/award': () => ({ body: { evaluationId: real.evaluation } }),
    'PUT /api/v1/tenders/:id/bids/:bidId/grades/:criterionCode': () => ({ body: { grade: 3 } }),
    'POST /api/v1/findings/:id/resolve': () => ({ body: { bidderAnswer: 'x', conclusion: 'ACCEPTED' } }),
    'POST /api/v1/exclusions/:id/confirm': () => ({ body: {} }),
    'POST /api/v1/exclusions/:id/reject': () => ({ body: {} }),
    'POST /api/v1/evaluations/:id/replay': () => ({}),
  };

  const key = (r: RouteInfo) => `${r.method} ${r.path}`;
  const url = (r: RouteInfo, random: boolean) => r.params.reduce((p, { name, key: k }) => p.replace(`:${name}`, encodeURIComponent(PARAMS[k](random))), r.path);
  const actors = (): Record<Role, Actor> => ({ ADMIN: s.w.admin, OFFICER: s.w.officer, AUDITOR: s.w.auditor });
  const call = (api: Api, r: RouteInfo, target: string, req: { body?: unknown; headers?: Record<string, string> } = {}) =>
    api.unchecked().request(r.method, target, req.body, req.headers);

  /**
   * Rows of every table a request could write, and the audit events (security
   * events counted apart), of the suite's two buyers and its actors: other
   * suites write to the same database at the same time.
   */
  async function state(): Promise<Record<string, number | string>> {
    const p = s.t.prisma;
    const buyers = [s.w.buyerId, s.other.buyerId];
    const actorIds = [s.w, s.other].flatMap((w) => [w.admin.id, w.officer.id, w.officer2.id, w.auditor.id]);
    const tenderIds = (await p.tender.findMany({ where: { buyerId: { in: buyers } }, select: { id: true } })).map((x) => x.id);
    const ofTender = { tenderId: { in: tenderIds } };
    const mine = { OR: [{ actorId: { in: actorIds } }, { buyerId: { in: buyers } }] };
    const [events, denied, ...rest] = await Promise.all([
      p.auditEvent.count({ where: { ...mine, action: { not: 'security.denied' } } }),
      p.auditEvent.count({ where: { ...mine, action: 'security.denied' } }),
      p.tender.count({ where: { buyerId: { in: buyers } } }),
      p.bid.count({ where: ofTender }),
      p.supplyChainNode.count({ where: { bid: ofTender } }),
      p.bidder.count({ where: { buyerId: { in: buyers } } }),
      p.user.count({ where: { OR: [{ buyerId: { in: buyers } }, { id: { in: actorIds } }], active: true } }),
      p.evaluatorDeclaration.count({ where: ofTender }),
      p.grade.count({ where: { bid: ofTender } }),
      p.evaluation.count({ where: ofTender }),
      p.finding.count({ where: ofTender }),
      p.findingResolution.count({ where: ofTender }),
      p.exclusionDecision.count({ where: ofTender }),
      p.award.count({ where: ofTender }),
      p.sanction.count({ where: { OR: [{ createdById: { in: actorIds } }, { buyerId: { in: buyers } }] } }),
      p.riskDataset.count({ where: { createdById: { in: actorIds } } }),
    ]);
    const tender = await p.tender.findUnique({ where: { id: real.tender }, select: { version: true, status: true } });
    const buyer = await p.buyer.findUnique({ where: { id: real.buyer }, select: { name: true } });
    const exclusion = await p.exclusionDecision.findUnique({ where: { id: real.exclusion }, select: { status: true } });
    return {
      events,
      denied,
      rows: rest.reduce((x, y) => x + y, 0),
      tenderVersion: tender?.version ?? -1,
      tenderStatus: tender?.status ?? 'gone',
      buyerName: buyer?.name ?? 'gone',
      exclusionStatus: exclusion?.status ?? 'gone',
    };
  }

  it('has a parameter factory for every parameter of every route, and a request for every buyer-scoped write with a parameter', () => {
    expect(routes.length).toBeGreaterThan(50);
    const missingParams = routes.flatMap((r) => r.params.filter((p) => !PARAMS[p.key]).map((p) => `${key(r)} (${p.key})`));
    expect(missingParams).toEqual([]);
    const missingRequests = routes
      .filter((r) => r.method !== 'GET' && r.params.length > 0 && r.permission && PERMISSIONS[r.permission].scope === 'buyer')
      .filter((r) => !REQUESTS[key(r)])
      .map(key);
    expect(missingRequests).toEqual([]);
    expect(Object.keys(REQUESTS).filter((k) => !routes.some((r) => key(r) === k))).toEqual([]);
  });

  it('a role without the permission gets 403 FORBIDDEN on every route (another buyer’s real ids), and nothing changes', async () => {
    const who = actors();
    const wrong: string[] = [];
    const before = await state();
    let refusals = 0;
    for (const r of routes) {
      for (const role of ROLES) {
        if ((PERMISSIONS[r.permission!].roles as readonly Role[]).includes(role)) continue;
        const res = await call(who[role].api, r, url(r, false), REQUESTS[key(r)]?.() ?? {});
        // (No body otherwise: an upload route answers a JSON body 415 at the HTTP layer, before any role check.)
        refusals += 1;
        if (res.status !== 403 || res.body?.code !== 'FORBIDDEN') wrong.push(`${role} ${key(r)}: ${res.status} ${res.body?.code}`);
      }
    }
    expect(wrong).toEqual([]);
    const after = await state();
    // Each refusal is a security event, and nothing else changed.
    expect(after).toEqual({ ...before, denied: (before.denied as number) + refusals });
  }, 300_000);

  it('a role with the permission passes the role check on every route (ids of nothing: no write happens)', async () => {
    const who = actors();
    const refused: string[] = [];
    const before = await state();
    for (const r of routes) {
      for (const role of PERMISSIONS[r.permission!].roles as readonly Role[]) {
        const res = await call(who[role].api, r, url(r, true), { body: r.method === 'GET' ? undefined : {} });
        if (res.status === 403 && res.body?.code === 'FORBIDDEN') refused.push(`${role} ${key(r)}: ${res.body.detail}`);
        if (res.status >= 500) refused.push(`${role} ${key(r)}: ${res.status}`);
      }
    }
    expect(refused).toEqual([]);
    const after = await state();
    expect(after.rows).toBe(before.rows);
    expect(after.denied).toBe(before.denied);
  }, 300_000);

  it('an officer or auditor of buyer A gets 404 NOT_FOUND for buyer B’s real objects on every route with a parameter, and nothing changes', async () => {
    const mine = { OFFICER: s.w.officer, AUDITOR: s.w.auditor } as const;
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => x.params.length > 0 && PERMISSIONS[x.permission!].scope === 'buyer')) {
      for (const role of ['OFFICER', 'AUDITOR'] as const) {
        if (!(PERMISSIONS[r.permission!].roles as readonly Role[]).includes(role)) continue;
        const before = await state();
        const res = await call(mine[role].api, r, url(r, false), REQUESTS[key(r)]?.() ?? {});
        const after = await state();
        checked += 1;
        if (res.status !== 404 || res.body?.code !== 'NOT_FOUND')
          wrong.push(`${role} ${key(r)}: ${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`);
        else if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${role} ${key(r)}: state changed ${JSON.stringify({ before, after })}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
    // The objects are real: their own buyer reaches them.
    expect((await s.other.officer.api.get(`/api/v1/tenders/${real.tender}`)).status).toBe(200);
    expect((await s.other.auditor.api.get(`/api/v1/exclusions/${real.exclusion}`)).status).toBe(200);
  }, 300_000);

  it('docs/security.md carries the permission table of PERMISSIONS', () => {
    const file = path.join(__dirname, '..', 'docs', 'security.md');
    const doc = readFileSync(file, 'utf8');
    const table = permissionTableMarkdown(enumerateRoutes(s.t.app));
    const start = doc.indexOf(PERMISSION_TABLE_BEGIN);
    const end = doc.indexOf(PERMISSION_TABLE_END);
    if (process.env.UPDATE_DOCS === '1' && start >= 0 && end > start) {
      writeFileSync(file, doc.slice(0, start) + table + doc.slice(end + PERMISSION_TABLE_END.length));
      return;
    }
    expect(start).toBeGreaterThanOrEqual(0);
    // Compared cell by cell: a formatter may pad the columns.
    const cells = (md: string) =>
      md
        .split('\n')
        .map((l) =>
          l
            .trim()
            .replace(/\s*\|\s*/g, '|')
            .replace(/-{3,}/g, '---'),
        )
        .filter(Boolean);
    expect(cells(doc.slice(start, end + PERMISSION_TABLE_END.length))).toEqual(cells(table));
  });
});
