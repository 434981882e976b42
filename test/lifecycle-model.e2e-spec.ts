import fc from 'fast-check';
import type { TenderStatus } from '@generated/prisma';
import { appealDeadline } from '@app/procedure';
import { canTransition, TRANSITIONS, type TenderTransition } from '../apps/api/src/tenders/tender-lifecycle';
import { bidBody, nodeBody, tenderBody, transitionTender } from './support/builders';
import { buyerWorld, BuyerWorld, HttpResult, startTestApp, TestApp } from './support/test-app';

/**
 * Model-based test of the tender lifecycle (apps/api/src/tenders/tender-lifecycle.ts)
 * through the real HTTP API: random sequences of create, publish, close,
 * cancel, bid, grade, evaluate, award, conclude and four-eyes exclusions
 * (including against the winner after the award, which revokes it). After
 * every call the tender's status, its awards and its pending exclusions must
 * match the model; an illegal step answers 409 (403 for the proposer's own
 * confirmation); nothing answers 5xx.
 *
 * Bids have clean supply chains and distinct prices, so the evaluation
 * raises no finding and ranks without ties: what decides an award here is
 * the lifecycle, grading, exclusions and staleness, which the model tracks.
 */

type Status = TenderStatus;
const DECIDABLE: Status[] = ['CLOSED', 'AWARDED'];
const GRADABLE: Status[] = ['PUBLISHED', 'CLOSED'];
const MAX_BIDS = 4;

interface Model {
  status: Status | null;
  bids: { id: string; graded: boolean; excluded: boolean }[];
  /** Rankings of the tender's evaluations, oldest first. */
  evaluations: { id: string; ranking: string[] }[];
  /** PROPOSED exclusions (all proposed by `officer`). */
  pending: { id: string; bidId: string }[];
  /** The ACTIVE award, if any; `elapsed` once its appeal period is over. */
  award: { id: string; winner: string; elapsed: boolean } | null;
  awards: { id: string; status: 'ACTIVE' | 'REVOKED' }[];
}

interface Real {
  tenderId: string | null;
}

/** What the runs covered (asserted at the end, so that the test cannot pass vacuously). */
const seen: Record<string, number> = {};
const count = (what: string) => (seen[what] = (seen[what] ?? 0) + 1);

let t: TestApp;
let w: BuyerWorld;

function expectStatus(res: HttpResult, expected: number, what: string): void {
  if (res.status >= 500 || res.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${res.text.slice(0, 400)}`);
  }
}

/** The real system must agree with the model after every command. */
async function checkAgreement(m: Model, r: Real): Promise<void> {
  if (!r.tenderId) return;
  const tender = await w.auditor.api.get(`/api/v1/tenders/${r.tenderId}`);
  expectStatus(tender, 200, 'GET tender');
  if (tender.body.status !== m.status) throw new Error(`status: model ${m.status}, real ${tender.body.status}`);
  const awards = await w.auditor.api.get(`/api/v1/tenders/${r.tenderId}/awards`);
  expectStatus(awards, 200, 'GET awards');
  expect(awards.body.items.map((a: { id: string; status: string }) => ({ id: a.id, status: a.status }))).toEqual(m.awards);
  const proposed = await w.auditor.api.get(`/api/v1/tenders/${r.tenderId}/exclusions?status=PROPOSED`);
  expectStatus(proposed, 200, 'GET exclusions');
  expect(proposed.body.items.map((e: { id: string }) => e.id).sort()).toEqual(m.pending.map((p) => p.id).sort());
}

async function createTender(m: Model, r: Real): Promise<void> {
  const res = await w.officer.api.post('/api/v1/tenders', tenderBody());
  expectStatus(res, 201, 'create');
  for (const o of [w.officer, w.officer2])
    expectStatus(await o.api.post(`/api/v1/tenders/${res.body.id}/declarations`, { impartial: true, interests: '' }), 201, 'declare');
  r.tenderId = res.body.id;
  Object.assign(m, { status: 'DRAFT', bids: [], evaluations: [], pending: [], award: null, awards: [] } satisfies Model);
  count('create');
}

abstract class Cmd implements fc.AsyncCommand<Model, Real> {
  abstract readonly label: string;
  /**
   * A guided command is generated only where the model says it succeeds: it
   * steers random runs through awards and revocations, while the unguided
   * copies of the same steps keep trying them anywhere (and expect 409).
   */
  constructor(protected readonly guided = false) {}
  /** The status the API must answer in this model state. */
  abstract expected(m: Readonly<Model>): number;
  abstract act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void>;
  applicable(m: Readonly<Model>): boolean {
    return m.status !== null;
  }
  check(m: Readonly<Model>): boolean {
    return this.applicable(m) && (!this.guided || this.expected(m) < 300);
  }
  async run(m: Model, r: Real): Promise<void> {
    await this.act(m, r as Real & { tenderId: string }, this.expected(m));
    await checkAgreement(m, r);
  }
  toString(): string {
    return `${this.label}${this.guided ? '*' : ''}`;
  }
}

/** Once the tender under test is final, a new one takes its place; both officers declare impartiality on it. */
class CreateTender extends Cmd {
  label = 'create';
  override applicable(m: Readonly<Model>): boolean {
    return m.status === 'CANCELLED' || m.status === 'CONCLUDED';
  }
  expected(): number {
    return 201;
  }
  async act(m: Model, r: Real): Promise<void> {
    await createTender(m, r);
  }
}

class Transition extends Cmd {
  constructor(
    private readonly transition: Extract<TenderTransition, 'publish' | 'close' | 'cancel'>,
    guided = false,
  ) {
    super(guided);
  }
  get label() {
    return this.transition;
  }
  expected(m: Readonly<Model>): number {
    if (!canTransition(m.status!, this.transition)) return 409;
    // Guided runs close only with bids in, so that there is something to award.
    return this.guided && this.transition === 'close' && m.bids.length < 2 ? 999 : 200;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const res = await transitionTender(t, w.officer.api, r.tenderId, this.transition);
    expectStatus(res, expected, this.transition);
    if (expected === 200) m.status = TRANSITIONS[this.transition].to;
    count(`${this.transition}:${expected === 200 ? 'ok' : expected}`);
  }
}

class SubmitBid extends Cmd {
  label = 'bid';
  override applicable(m: Readonly<Model>): boolean {
    return m.status !== null && m.bids.length < MAX_BIDS;
  }
  expected(m: Readonly<Model>): number {
    return m.status === 'PUBLISHED' ? 201 : 409;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const n = m.bids.length;
    const bidder = await w.officer.api.post('/api/v1/bidders', { name: `Bidder ${n}`, country: 'CH' });
    expectStatus(bidder, 201, 'bidder');
    // Distinct prices within 25 % of each other: no tie, never abnormally low.
    const res = await w.officer.api.post(
      `/api/v1/tenders/${r.tenderId}/bids`,
      bidBody(bidder.body.id, { price: `${100000 + 7000 * n}.00`, supplyChain: nodeBody(`Bidder ${n}`) }),
    );
    expectStatus(res, expected, 'bid');
    if (expected === 201) m.bids.push({ id: res.body.id, graded: false, excluded: false });
    count(`bid:${expected === 201 ? 'ok' : expected}`);
  }
}

class Grade extends Cmd {
  readonly label: string;
  constructor(
    private readonly which: number | 'all',
    private readonly grade: number,
    guided = false,
  ) {
    super(guided);
    this.label = `grade(${which}, ${grade})`;
  }
  override applicable(m: Readonly<Model>): boolean {
    return m.status !== null && m.bids.length > 0;
  }
  expected(m: Readonly<Model>): number {
    if (!GRADABLE.includes(m.status!)) return 409;
    return this.guided && m.bids.every((b) => b.graded) ? 999 : 200;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const targets = this.which === 'all' ? m.bids : [m.bids[this.which % m.bids.length]];
    for (const [i, b] of targets.entries()) {
      const res = await w.officer.api.put(`/api/v1/tenders/${r.tenderId}/bids/${b.id}/grades/QUALITY`, { grade: (this.grade + i) % 6 });
      expectStatus(res, expected, 'grade');
      if (expected === 200) b.graded = true;
    }
    count(`grade:${expected === 200 ? 'ok' : expected}`);
  }
}

class Evaluate extends Cmd {
  label = 'evaluate';
  expected(m: Readonly<Model>): number {
    if (m.status !== 'CLOSED') return 409;
    return m.bids.filter((b) => !b.excluded).every((b) => b.graded) ? 201 : 409;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const res = await w.officer.api.post(`/api/v1/tenders/${r.tenderId}/evaluations`);
    expectStatus(res, expected, 'evaluate');
    if (expected === 201) {
      expect([...res.body.ranking].sort()).toEqual(
        m.bids
          .filter((b) => !b.excluded)
          .map((b) => b.id)
          .sort(),
      );
      expect(res.body.ties).toEqual([]);
      m.evaluations.push({ id: res.body.id, ranking: res.body.ranking });
    }
    count(`evaluate:${expected}`);
  }
}

class Award extends Cmd {
  label = 'award';
  expected(m: Readonly<Model>): number {
    const latest = m.evaluations.at(-1);
    const excluded = new Set(m.bids.filter((b) => b.excluded).map((b) => b.id));
    if (m.status !== 'CLOSED') return 409;
    if (!latest) return 422;
    if (latest.ranking.some((id) => excluded.has(id))) return 409; // stale: evaluate again
    if (latest.ranking.length === 0) return 409; // nothing to award
    if (m.pending.some((p) => p.bidId === latest.ranking[0])) return 409; // exclusion of the winner pending
    return 201;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const latest = m.evaluations.at(-1);
    const res = await w.officer.api.post(`/api/v1/tenders/${r.tenderId}/award`, { evaluationId: latest?.id ?? '00000000-0000-4000-8000-000000000000' });
    expectStatus(res, expected, 'award');
    if (expected === 201) {
      expect(res.body).toMatchObject({ winnerBidId: latest!.ranking[0], status: 'ACTIVE', procedure: 'OPEN' });
      m.status = 'AWARDED';
      m.award = { id: res.body.id, winner: latest!.ranking[0], elapsed: false };
      m.awards.push({ id: res.body.id, status: 'ACTIVE' });
    }
    count(`award:${expected}`);
  }
}

/** An award from an evaluation that is no longer the latest is always refused. */
class AwardFromOldEvaluation extends Cmd {
  label = 'award(old evaluation)';
  override applicable(m: Readonly<Model>): boolean {
    return m.evaluations.length >= 2;
  }
  expected(): number {
    return 409;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const res = await w.officer.api.post(`/api/v1/tenders/${r.tenderId}/award`, { evaluationId: m.evaluations[0].id });
    expectStatus(res, expected, 'award(old)');
    count('awardOld:409');
  }
}

class Propose extends Cmd {
  readonly label: string;
  constructor(
    private readonly target: 'winner' | number,
    guided = false,
  ) {
    super(guided);
    this.label = `propose(${target})`;
  }
  override applicable(m: Readonly<Model>): boolean {
    return m.status !== null && m.bids.length > 0;
  }
  private bidOf(m: Readonly<Model>): string {
    return this.target === 'winner' && m.award ? m.award.winner : m.bids[(this.target === 'winner' ? 0 : this.target) % m.bids.length].id;
  }
  expected(m: Readonly<Model>): number {
    if (!DECIDABLE.includes(m.status!)) return 409;
    // Guided: against the winner of an active award, the path to a revocation.
    return this.guided && m.status !== 'AWARDED' ? 999 : 201;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const bidId = this.bidOf(m);
    const res = await w.officer.api.post(`/api/v1/tenders/${r.tenderId}/exclusions`, { bidId, ground: '44-1-c', reasons: 'Final conviction' });
    expectStatus(res, expected, 'propose');
    if (expected === 201) m.pending.push({ id: res.body.id, bidId });
    count(`propose:${expected === 201 ? 'ok' : expected}`);
  }
}

class Decide extends Cmd {
  readonly label: string;
  constructor(
    private readonly which: number,
    private readonly verb: 'confirm' | 'reject',
    private readonly byProposer: boolean,
    guided = false,
  ) {
    super(guided);
    this.label = `${verb}(${which}${byProposer ? ', by proposer' : ''})`;
  }
  override applicable(m: Readonly<Model>): boolean {
    return m.pending.length > 0;
  }
  expected(m: Readonly<Model>): number {
    // Four-eyes comes before any state check.
    if (this.byProposer) return 403;
    return DECIDABLE.includes(m.status!) ? 200 : 409;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const p = m.pending[this.which % m.pending.length];
    const who = this.byProposer ? w.officer : w.officer2;
    const res = await who.api.post(`/api/v1/exclusions/${p.id}/${this.verb}`);
    expectStatus(res, expected, this.verb);
    count(`${this.verb}:${expected === 200 ? 'ok' : expected}`);
    if (expected !== 200) return;
    m.pending = m.pending.filter((x) => x.id !== p.id);
    if (this.verb === 'reject') return;
    m.bids.find((b) => b.id === p.bidId)!.excluded = true;
    const revokes = m.status === 'AWARDED' && m.award?.winner === p.bidId;
    expect(res.body.revokedAwardId).toBe(revokes ? m.award!.id : null);
    if (revokes) {
      m.awards.find((a) => a.id === m.award!.id)!.status = 'REVOKED';
      m.award = null;
      m.status = 'CLOSED';
      count('revoke');
    }
  }
}

/** The appeal period of the active award runs out (the clock is simulated by moving the notification back). */
class TimePasses extends Cmd {
  label = 'time passes';
  override applicable(m: Readonly<Model>): boolean {
    return m.award !== null && !m.award.elapsed;
  }
  expected(): number {
    return 200;
  }
  async act(m: Model): Promise<void> {
    const past = new Date(Date.now() - 40 * 86_400_000);
    await t.prisma.award.update({ where: { id: m.award!.id }, data: { notifiedAt: past, appealDeadline: appealDeadline(past).deadline } });
    m.award!.elapsed = true;
  }
}

class Conclude extends Cmd {
  label = 'conclude';
  expected(m: Readonly<Model>): number {
    return m.status === 'AWARDED' && m.award!.elapsed ? 200 : 409;
  }
  async act(m: Model, r: Real & { tenderId: string }, expected: number): Promise<void> {
    const res = await w.officer.api.post(`/api/v1/tenders/${r.tenderId}/conclude`);
    expectStatus(res, expected, 'conclude');
    if (expected === 200) m.status = 'CONCLUDED';
    count(`conclude:${expected === 200 ? 'ok' : expected}`);
  }
}

const grade = (guided: boolean) =>
  fc.tuple(fc.oneof(fc.nat({ max: 5 }), fc.constant('all' as const)), fc.nat({ max: 5 })).map(([which, g]) => new Grade(guided ? 'all' : which, g, guided));
const step = <T>(arbitrary: fc.Arbitrary<T>, weight = 1) => ({ arbitrary, weight });
/** One weighted generator: every step is tried anywhere (unguided), and more often where it succeeds (guided). */
const anyCommand: fc.Arbitrary<Cmd> = fc.oneof(
  step(fc.constant(new CreateTender())),
  step(fc.constantFrom('publish' as const, 'close' as const, 'cancel' as const).map((x) => new Transition(x))),
  step(
    fc.constantFrom('publish' as const, 'close' as const).map((x) => new Transition(x, true)),
    3,
  ),
  step(fc.constant(new SubmitBid())),
  step(fc.constant(new SubmitBid(true)), 3),
  step(grade(false)),
  step(grade(true), 2),
  step(fc.constant(new Evaluate())),
  step(fc.constant(new Evaluate(true)), 2),
  step(fc.constant(new Award())),
  step(fc.constant(new Award(true)), 3),
  step(fc.constant(new AwardFromOldEvaluation())),
  step(fc.oneof(fc.constant('winner' as const), fc.nat({ max: 5 })).map((x) => new Propose(x))),
  step(fc.constant(new Propose('winner', true)), 2),
  step(
    fc
      .tuple(fc.nat({ max: 5 }), fc.constantFrom('confirm' as const, 'reject' as const), fc.boolean())
      .map(([i, v, own]) => new Decide(i, v, own && v === 'confirm')),
  ),
  step(fc.constant(new Decide(0, 'confirm', false, true)), 2),
  step(fc.constant(new TimePasses())),
  step(fc.constant(new Conclude())),
  step(fc.constant(new Conclude(true)), 2),
);

/** Every run starts with a new DRAFT tender (created over the API, like the create command). */
async function setup(): Promise<{ model: Model; real: Real }> {
  const model: Model = { status: null, bids: [], evaluations: [], pending: [], award: null, awards: [] };
  const real: Real = { tenderId: null };
  await createTender(model, real);
  return { model, real };
}

/** A scripted run through the whole lifecycle, revocation included, always tried first. */
const fullPath: Cmd[] = [
  new Award(),
  new Transition('publish'),
  new SubmitBid(),
  new SubmitBid(),
  new SubmitBid(),
  new Evaluate(),
  new Transition('close'),
  new SubmitBid(),
  new Award(),
  new Evaluate(),
  new Grade('all', 3),
  new Evaluate(),
  new Award(),
  new Propose('winner'),
  new Decide(0, 'confirm', true),
  new Decide(0, 'confirm', false),
  new Award(),
  new Evaluate(),
  new AwardFromOldEvaluation(),
  new Propose(1),
  new Award(),
  new Decide(0, 'reject', false),
  new Award(),
  new Conclude(),
  new TimePasses(),
  new Transition('cancel'),
  new Conclude(),
  new Transition('publish'),
  new Propose('winner'),
  new Evaluate(),
  new CreateTender(),
  new Transition('publish'),
];

describe('tender lifecycle: model-based over REST', () => {
  beforeAll(async () => {
    t = await startTestApp();
    w = await buyerWorld(t);
  });
  afterAll(() => t.close());

  it('random sequences of API calls keep the real tender in the state of the model; illegal steps answer 409, nothing 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands([anyCommand], { maxCommands: 150, size: 'max' }), async (cmds) => {
        await fc.asyncModelRun(setup, cmds);
        if (process.env.LOG_RUNS) console.log(String(cmds));
      }),
      { numRuns: 20, examples: [[fullPath]], endOnFailure: true, unbiased: true },
    );
    // The scripted run alone guarantees these; the random runs add the rest.
    if (process.env.LOG_RUNS) console.log(JSON.stringify(seen));
    const required = [
      'award:201',
      'revoke',
      'conclude:ok',
      'confirm:403',
      'award:409',
      'award:422',
      'awardOld:409',
      'reject:ok',
      'cancel:409',
      'evaluate:201',
      'evaluate:409',
      'publish:409',
    ];
    expect(required.filter((k) => !seen[k])).toEqual([]);
    // 20 runs of up to 150 calls: about a minute alone, longer beside the other files of a parallel run on 2 cores.
  }, 300_000);
});
