import { Clock } from '../../apps/api/src/common/clock';
import { lastTestApp, type Api, type HttpResult, type TestApp } from './test-app';

/** Request bodies for tests, valid by default; override what a test is about. */
export const allDeclarations = {
  labourProtection: true,
  workingConditions: true,
  equalPay: true,
  illegalEmploymentDuties: true,
  environmentalLaw: true,
  taxesAndSocialSecurityPaid: true,
  iloCoreConventions: true,
};

export function tenderBody(overrides: Record<string, unknown> = {}) {
  return {
    reference: `REF-${Math.random().toString(36).slice(2, 10)}`,
    title: 'Work uniforms 2027',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: '2026-12-31T12:00:00+01:00',
    placesOfPerformance: ['CH'],
    goods: ['Garments'],
    criteria: [
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '30' },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
    ],
    ...overrides,
  };
}

export function nodeBody(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    country: 'CH',
    sharePercent: '100',
    goods: [],
    declarations: { ...allDeclarations, subcontractClause: true },
    evidence: [],
    violations: [],
    subcontractors: [],
    ...overrides,
  };
}

export function bidBody(bidderId: string, overrides: Record<string, unknown> = {}) {
  return {
    bidderId,
    receivedAt: '2026-12-01T10:00:00+01:00',
    price: '100000.00',
    supplyChain: nodeBody('Bidder AG', {
      subcontractors: [nodeBody('Stitching Ltd', { country: 'BD', sharePercent: '40', goods: ['Garments'], declarations: { ...allDeclarations } })],
    }),
    ...overrides,
  };
}

/*
 * The tender timeline in tests. A tender is closed only after its submission
 * deadline, and a bid is received only after the tender's publication. The
 * builders' dates are fixed (deadline 2026-12-31T12:00+01:00, bids received
 * 2026-12-01T10:00+01:00) and must work on any day the suite runs, so these
 * helpers move the application's Clock (apps/api/src/common/clock.ts) for
 * the one call: publication 60 days before the deadline, closing 1 s after
 * it. The Clock is set in-process through `t.app`; the service has no route,
 * header or setting that moves it. Use these instead of posting /publish and
 * /close directly.
 */
const DAY_MS = 86_400_000;
/** How long before its deadline publishTender() publishes a tender. */
export const PUBLISHED_BEFORE_DEADLINE_MS = 60 * DAY_MS;

/** Runs `fn` with the app's Clock fixed at `at` (in-process only). */
export async function atTime<T>(t: TestApp, at: Date, fn: () => Promise<T>): Promise<T> {
  const clock = t.app.get(Clock);
  clock.setFixed(at);
  try {
    return await fn();
  } finally {
    clock.setFixed(null);
  }
}

async function deadlineOf(api: Api, tenderId: string): Promise<Date> {
  const res = await api.get(`/api/v1/tenders/${tenderId}`);
  if (res.status !== 200) throw new Error(`tender ${tenderId}: ${res.status} ${res.text}`);
  return new Date(res.body.submissionDeadline as string);
}

/** POST /publish as of 60 days before the tender's deadline (the answer as it comes: tests of refusals read it). */
export async function publishTender(t: TestApp, api: Api, tenderId: string): Promise<HttpResult> {
  const res = await api.get(`/api/v1/tenders/${tenderId}`);
  // Unknown or foreign tender: publish at the real time, so the caller sees the API's own 404/403.
  if (res.status !== 200) return api.post(`/api/v1/tenders/${tenderId}/publish`);
  const at = new Date(new Date(res.body.submissionDeadline as string).getTime() - PUBLISHED_BEFORE_DEADLINE_MS);
  return atTime(t, at, () => api.post(`/api/v1/tenders/${tenderId}/publish`));
}

/** POST /close as of 1 s after the tender's submission deadline. */
export async function closeTender(t: TestApp, api: Api, tenderId: string): Promise<HttpResult> {
  const at = new Date((await deadlineOf(api, tenderId)).getTime() + 1000);
  return atTime(t, at, () => api.post(`/api/v1/tenders/${tenderId}/close`));
}

/** POST /publish or /close through the helpers above, any other transition as it is. */
export function transitionTender(t: TestApp, api: Api, tenderId: string, transition: string): Promise<HttpResult> {
  if (transition === 'publish') return publishTender(t, api, tenderId);
  if (transition === 'close') return closeTender(t, api, tenderId);
  return api.post(`/api/v1/tenders/${tenderId}/${transition}`);
}

/** Who acts in the builders below: the `api` of a logged-in officer (see test-app.ts `actor`). */
interface OfficerApi {
  api: { post(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }> };
}

async function expectStatus<T extends { status: number; text: string }>(what: string, want: number, res: Promise<T>): Promise<T> {
  const r = await res;
  if (r.status !== want) throw new Error(`${what}: expected ${want}, got ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

/** A PUBLISHED tender of the officer's buyer, open for bids. */
export async function publishedTender(officer: OfficerApi, overrides: Record<string, unknown> = {}): Promise<string> {
  const tender = await expectStatus('create tender', 201, officer.api.post('/api/v1/tenders', tenderBody(overrides)));
  const tenderId = tender.body.id as string;
  await expectStatus('publish', 200, publishTender(lastTestApp(), officer.api as Api, tenderId));
  return tenderId;
}

/** A bidder of the officer's buyer. */
export async function bidder(officer: OfficerApi, name = `Bidder ${Math.random().toString(36).slice(2, 8)} AG`): Promise<string> {
  return (await expectStatus('create bidder', 201, officer.api.post('/api/v1/bidders', { name, country: 'CH' }))).body.id as string;
}

/**
 * A CLOSED tender with one bid per price, both officers declared impartial,
 * the QUALITY criterion graded 4 by `officer`: ready to evaluate.
 */
export async function closedTenderWithBids(
  officer: OfficerApi & { api: { put(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }> } },
  officer2: OfficerApi,
  prices: string[],
): Promise<{ tenderId: string; bidIds: string[]; bidderIds: string[] }> {
  const tenderId = await publishedTender(officer);
  const bidIds: string[] = [];
  const bidderIds: string[] = [];
  for (const [i, price] of prices.entries()) {
    const name = `Bidder ${i + 1} ${Math.random().toString(36).slice(2, 8)} AG`;
    const bidderId = await bidder(officer, name);
    const bid = await expectStatus(
      'submit bid',
      201,
      officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidderId, { price, supplyChain: nodeBody(name) })),
    );
    bidIds.push(bid.body.id as string);
    bidderIds.push(bidderId);
  }
  for (const o of [officer, officer2])
    await expectStatus('declare', 201, o.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' }));
  await expectStatus('close', 200, closeTender(lastTestApp(), officer.api as Api, tenderId));
  for (const bidId of bidIds) await expectStatus('grade', 200, officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bidId}/grades/QUALITY`, { grade: 4 }));
  return { tenderId, bidIds, bidderIds };
}

/** What the tender helpers need of an actor and a buyer (test/support/test-app.ts BuyerWorld). */
interface HelperApi {
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
}
interface HelperWorld {
  officer: { api: HelperApi };
  officer2: { api: HelperApi };
}

async function ok(res: Promise<{ status: number; body: any; text: string }>, status: number, what: string): Promise<any> {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.body;
}

/** A PUBLISHED tender (bids may be submitted). */
export async function publishedTenderOf(w: HelperWorld, tender: Record<string, unknown> = {}): Promise<string> {
  const o = w.officer.api;
  const tenderId = (await ok(o.post('/api/v1/tenders', tenderBody(tender)), 201, 'tender')).id as string;
  await ok(publishTender(lastTestApp(), o as Api, tenderId), 200, 'publish');
  return tenderId;
}

/**
 * Takes a PUBLISHED tender to CLOSED, ready to evaluate: both officers
 * declared impartial, the tender closed, every bid graded 4 on QUALITY. The
 * one place that knows how a tender gets closed.
 */
export async function closeForEvaluation(w: HelperWorld, tenderId: string, bidIds: string[]): Promise<void> {
  for (const who of [w.officer, w.officer2])
    await ok(who.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' }), 201, 'declaration');
  await ok(closeTender(lastTestApp(), w.officer.api as Api, tenderId), 200, 'close');
  for (const id of bidIds) await ok(w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${id}/grades/QUALITY`, { grade: 4 }), 200, 'grade');
}

/** A CLOSED tender with the given bids (each `{bidder name, bid body overrides}`), ready to evaluate (closeForEvaluation). */
export async function closedTenderOf(
  w: HelperWorld,
  bids: { name: string; bid?: Record<string, unknown> }[],
  tender: Record<string, unknown> = {},
): Promise<{ tenderId: string; bidIds: Record<string, string> }> {
  const o = w.officer.api;
  const tenderId = await publishedTenderOf(w, tender);
  const bidIds: Record<string, string> = {};
  for (const b of bids) {
    const bidder = await ok(o.post('/api/v1/bidders', { name: b.name, country: 'CH' }), 201, 'bidder');
    bidIds[b.name] = (await ok(o.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.id, b.bid ?? {})), 201, 'bid')).id;
  }
  await closeForEvaluation(w, tenderId, Object.values(bidIds));
  return { tenderId, bidIds };
}

/** An AWARDED tender with one bid (the winner): closed, evaluated, awarded. */
export async function awardedTender(
  w: HelperWorld,
  bid: { name: string; bid?: Record<string, unknown> },
  tender: Record<string, unknown> = {},
): Promise<{ tenderId: string; bidId: string; evaluationId: string; awardId: string }> {
  const { tenderId, bidIds } = await closedTenderOf(w, [bid], tender);
  const evaluation = await ok(w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`), 201, 'evaluation');
  const award = await ok(w.officer.api.post(`/api/v1/tenders/${tenderId}/award`, { evaluationId: evaluation.id }), 201, 'award');
  return { tenderId, bidId: bidIds[bid.name], evaluationId: evaluation.id, awardId: award.id };
}
/** The client every builder step speaks through (test-app.ts's Api, or any object with its post()). */
interface PostingApi {
  post(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
}

/**
 * A CLOSED tender with n bids from n bidders, evaluable without grades
 * (criteria PRICE 80 and HUMAN_RIGHTS 20; each bid has a Bangladeshi
 * subcontractor). The one place that knows how a tender gets to CLOSED.
 */
export async function closedTenderWithManyBids(
  officer: PostingApi,
  n: number,
  opts: { concurrency?: number } = {},
): Promise<{ tenderId: string; bidIds: string[] }> {
  const ok = <R extends { status: number; text: string }>(what: string, res: R, status = 201): R => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };
  const deadline = new Date(Date.now() + 3000);
  const tender = ok(
    'tender',
    await officer.post(
      '/api/v1/tenders',
      tenderBody({
        submissionDeadline: deadline.toISOString(),
        criteria: [
          { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '80', priceMethod: 'LINEAR_SPAN', span: '0.5' },
          { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
        ],
      }),
    ),
  );
  const tenderId = tender.body.id as string;
  // Real time, no Clock to move (the service may be a child process): the deadline falls
  // just after publication, every bid is received at the deadline, and the close waits for it.
  ok('publish', await officer.post(`/api/v1/tenders/${tenderId}/publish`), 200);
  const bidIds: string[] = new Array(n);
  const width = opts.concurrency ?? 8;
  for (let start = 0; start < n; start += width) {
    await Promise.all(
      Array.from({ length: Math.min(width, n - start) }, async (_, k) => {
        const i = start + k;
        const bidder = ok('bidder', await officer.post('/api/v1/bidders', { name: `Bidder ${i} AG`, country: 'CH' }));
        const price = (100000 + i * 137).toFixed(2);
        bidIds[i] = ok(
          'bid',
          await officer.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.body.id, { price, receivedAt: deadline.toISOString() })),
        ).body.id;
      }),
    );
  }
  const wait = deadline.getTime() + 50 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  ok('close', await officer.post(`/api/v1/tenders/${tenderId}/close`), 200);
  return { tenderId, bidIds };
}

/**
 * A CLOSED tender with `n` bids, built through the API in parallel batches
 * (bidder, then bid; 20 requests in flight). Bid i: price 100000 + 37·i CHF,
 * a Swiss bidder with a 40 % subcontractor in Bangladesh (Garments), every
 * declaration given. Criteria without QUALITY unless `tender` says otherwise,
 * so no grading is needed. Returns the tender id and the bid ids in order.
 * (When the rules of closing a tender change, this is the one place to adapt.)
 */
export async function closedTenderWithBulkBids(
  api: { post: (path: string, body?: unknown) => Promise<{ status: number; body: any }> },
  n: number,
  tender: Record<string, unknown> = {},
): Promise<{ tenderId: string; bidIds: string[] }> {
  const criteria = [
    { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '60', priceMethod: 'PROPORTIONAL' },
    { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '40' },
  ];
  const t = await api.post('/api/v1/tenders', tenderBody({ criteria, ...tender }));
  if (t.status !== 201) throw new Error(`tender: ${t.status} ${JSON.stringify(t.body)}`);
  const tenderId = t.body.id as string;
  const published = await publishTender(lastTestApp(), api as Api, tenderId);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const bidIds: string[] = new Array(n);
  const one = async (i: number): Promise<void> => {
    const name = `Bulk Bidder ${i} AG`;
    const bidder = await api.post('/api/v1/bidders', { name, country: 'CH' });
    if (bidder.status !== 201) throw new Error(`bidder ${i}: ${bidder.status} ${JSON.stringify(bidder.body)}`);
    const price = (100000 + 37 * i).toFixed(2);
    const supplyChain = nodeBody(name, {
      subcontractors: [nodeBody(`Stitching ${i} Ltd`, { country: 'BD', sharePercent: '40', goods: ['Garments'], declarations: { ...allDeclarations } })],
    });
    const bid = await api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.body.id, { price, supplyChain }));
    if (bid.status !== 201) throw new Error(`bid ${i}: ${bid.status} ${JSON.stringify(bid.body)}`);
    bidIds[i] = bid.body.id;
  };
  for (let start = 0; start < n; start += 20) {
    await Promise.all(Array.from({ length: Math.min(20, n - start) }, (_, k) => one(start + k)));
  }
  const closed = await closeTender(lastTestApp(), api as Api, tenderId);
  if (closed.status >= 300) throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
  return { tenderId, bidIds };
}

/** One bid of tenderWithBids: a bidder of that name and its supply chain (default: itself alone in CH). */
export interface TenderBidSpec {
  name: string;
  price: string;
  grade?: number;
  receivedAt?: string;
  /** Bidder register entry overrides (country, identifiers). */
  bidder?: Record<string, unknown>;
  /** The whole root node; default nodeBody(name). */
  supplyChain?: Record<string, unknown>;
}

interface OfficerLike {
  api: {
    post(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
    put(path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
  };
}

async function okAs<T extends { status: number; text: string }>(what: string, expected: number, p: Promise<T>): Promise<T> {
  const res = await p;
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res;
}

/**
 * A tender taken through the HTTP API: created (tenderBody + `tender`
 * overrides), published, with the given bids, every officer in `declare`
 * declared impartial, then — unless `close: false` — closed and graded on
 * QUALITY by `officer`. The one place that knows how a tender gets closed.
 */
export async function tenderWithBids(
  officer: OfficerLike,
  bids: TenderBidSpec[],
  opts: { declare?: OfficerLike[]; tender?: Record<string, unknown>; close?: boolean } = {},
): Promise<{ tenderId: string; ids: Record<string, string>; bidderIds: Record<string, string> }> {
  const tender = await okAs('create tender', 201, officer.api.post('/api/v1/tenders', tenderBody(opts.tender)));
  const tenderId = tender.body.id as string;
  await okAs('publish', 200, publishTender(lastTestApp(), officer.api as Api, tenderId));
  const ids: Record<string, string> = {};
  const bidderIds: Record<string, string> = {};
  for (const b of bids) {
    const bidder = await okAs('bidder', 201, officer.api.post('/api/v1/bidders', { name: b.name, country: 'CH', ...b.bidder }));
    bidderIds[b.name] = bidder.body.id;
    const res = await okAs(
      'bid',
      201,
      officer.api.post(
        `/api/v1/tenders/${tenderId}/bids`,
        bidBody(bidder.body.id, { price: b.price, ...(b.receivedAt ? { receivedAt: b.receivedAt } : {}), supplyChain: b.supplyChain ?? nodeBody(b.name) }),
      ),
    );
    ids[b.name] = res.body.id;
  }
  for (const o of opts.declare ?? [officer])
    await okAs('declaration', 201, o.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' }));
  if (opts.close === false) return { tenderId, ids, bidderIds };
  await okAs('close', 200, closeTender(lastTestApp(), officer.api as Api, tenderId));
  for (const b of bids) await okAs('grade', 200, officer.api.put(`/api/v1/tenders/${tenderId}/bids/${ids[b.name]}/grades/QUALITY`, { grade: b.grade ?? 4 }));
  return { tenderId, ids, bidderIds };
}
