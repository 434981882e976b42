import { appealDeadline, addDays, zurichDate } from '@app/procedure';
import { allDeclarations, bidBody, closeTender, nodeBody, publishTender, tenderBody } from './support/builders';
import { actor, Actor, twoBuyerSuite } from './support/test-app';

/**
 * Decisions over REST on a real PostgreSQL: findings and their resolution,
 * four-eyes exclusions, the impartiality gate, awards with their refusals,
 * the appeal deadline, conclusion and revocation.
 */
describe('decisions and award over REST', () => {
  const s = twoBuyerSuite();
  /** A third officer of the same buyer: confirms concurrently, or never declares. */
  let officer3: Actor;

  beforeAll(async () => {
    officer3 = await actor(s.t, 'OFFICER', s.w.buyerId);
  });

  interface BidSpec {
    name: string;
    price: string;
    grade?: number;
    receivedAt?: string;
    /** Overrides of the root node (the bidder itself, in CH, all declarations true). */
    root?: Record<string, unknown>;
  }

  /** A CLOSED tender with the given bids, graded by `s.w.officer`, both officers declared impartial. */
  async function closedTender(bids: BidSpec[], opts: { declare?: Actor[]; tender?: Record<string, unknown> } = {}) {
    const tender = await s.w.officer.api.post('/api/v1/tenders', tenderBody(opts.tender));
    expect(tender.status).toBe(201);
    const tenderId = tender.body.id as string;
    expect((await publishTender(s.t, s.w.officer.api, tenderId)).status).toBe(200);
    const ids: Record<string, string> = {};
    for (const b of bids) {
      const bidder = await s.w.officer.api.post('/api/v1/bidders', { name: b.name, country: 'CH' });
      const res = await s.w.officer.api.post(
        `/api/v1/tenders/${tenderId}/bids`,
        bidBody(bidder.body.id, { price: b.price, ...(b.receivedAt ? { receivedAt: b.receivedAt } : {}), supplyChain: nodeBody(b.name, b.root ?? {}) }),
      );
      expect(res.status).toBe(201);
      ids[b.name] = res.body.id;
    }
    for (const o of opts.declare ?? [s.w.officer, s.w.officer2]) {
      expect((await o.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' })).status).toBe(201);
    }
    expect((await closeTender(s.t, s.w.officer.api, tenderId)).status).toBe(200);
    for (const b of bids) {
      expect((await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${ids[b.name]}/grades/QUALITY`, { grade: b.grade ?? 4 })).status).toBe(200);
    }
    return { tenderId, ids };
  }

  async function evaluate(tenderId: string) {
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(res.status).toBe(201);
    return res.body as { id: string; ranking: string[]; bids: any[]; ties: any[] };
  }

  const findings = async (tenderId: string, who: Actor = s.w.officer) => {
    const res = await who.api.get(`/api/v1/tenders/${tenderId}/findings`);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  };
  const finding = async (tenderId: string, code: string) => (await findings(tenderId)).find((f) => f.code === code);
  const fields = (res: { body: { errors: { field: string }[] } }) => [...new Set(res.body.errors.map((e) => e.field))].sort();
  const status = async (tenderId: string) => (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}`)).body.status as string;
  const propose = (tenderId: string, body: Record<string, unknown>, who: Actor = s.w.officer) =>
    who.api.post(`/api/v1/tenders/${tenderId}/exclusions`, { ground: '44-1-a', reasons: 'Participation conditions not met', ...body });
  const award = (tenderId: string, body: Record<string, unknown>, who: Actor = s.w.officer) => who.api.post(`/api/v1/tenders/${tenderId}/award`, body);
  const auditOf = (objectId: string) => s.t.prisma.auditEvent.findMany({ where: { objectId }, orderBy: { seq: 'asc' } });

  const noEnvLaw = { declarations: { ...allDeclarations, environmentalLaw: false, subcontractClause: true } };
  const undisclosedSub = { subcontractors: [nodeBody('Unknown Trims', { country: undefined, sharePercent: '10', declarations: { ...allDeclarations } })] };

  describe('findings', () => {
    let tenderId: string;
    let ids: Record<string, string>;
    beforeAll(async () => {
      ({ tenderId, ids } = await closedTender([
        { name: 'Alpha AG', price: '100000.00', grade: 5, root: undisclosedSub },
        { name: 'Beta AG', price: '120000.00', root: noEnvLaw },
      ]));
      await evaluate(tenderId);
    });

    it('lists the latest evaluation’s findings per bid and node with where each stands; auditors read, other buyers get 404', async () => {
      const list = await findings(tenderId);
      // In the evaluation's order: by bid id, then the §2 table's order.
      const verify = expect.objectContaining({
        bidId: ids['Alpha AG'],
        bidderName: 'Alpha AG',
        code: 'UNDISCLOSED_COUNTRY',
        severity: 'VERIFY',
        nodePath: ['Alpha AG', 'Unknown Trims'],
        state: 'OPEN',
        open: true,
        resolution: null,
        exclusions: [],
      });
      const ground = expect.objectContaining({
        bidId: ids['Beta AG'],
        code: 'ENVIRONMENTAL_LAW',
        severity: 'EXCLUSION_GROUND',
        legalBasis: 'Art. 12(3), 44(1)(a)',
        nodePath: ['Beta AG'],
        state: 'OPEN',
        open: true,
      });
      expect(list).toEqual(ids['Alpha AG'] < ids['Beta AG'] ? [verify, ground] : [ground, verify]);
      expect(list.find((f) => f.code === 'UNDISCLOSED_COUNTRY').findingKey).toBe(
        `${ids['Alpha AG']}|UNDISCLOSED_COUNTRY|${JSON.stringify(['Alpha AG', 'Unknown Trims'])}`,
      );
      expect((await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/findings`)).body.items).toEqual(list);
      expect((await s.other.officer.api.get(`/api/v1/tenders/${tenderId}/findings`)).status).toBe(404);
      expect((await s.other.officer.api.post(`/api/v1/findings/${list[0].id}/resolve`, { bidderAnswer: 'x', conclusion: 'ACCEPTED' })).status).toBe(404);
      expect((await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/findings?open=false`)).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    });

    it('a tender without an evaluation has no findings', async () => {
      const draft = await s.w.officer.api.post('/api/v1/tenders', tenderBody());
      expect((await s.w.officer.api.get(`/api/v1/tenders/${draft.body.id}/findings`)).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    });

    it('resolving a VERIFY finding records the answer and conclusion (201); it carries over to the next evaluation and is not replaced', async () => {
      const verify = await finding(tenderId, 'UNDISCLOSED_COUNTRY');
      const ground = await finding(tenderId, 'ENVIRONMENTAL_LAW');
      const bad = await s.w.officer.api.post(`/api/v1/findings/${verify.id}/resolve`, { bidderAnswer: '  ', conclusion: 'MAYBE', extra: 1 });
      expect(bad.status).toBe(422);
      expect(fields(bad)).toEqual(['bidderAnswer', 'conclusion', 'extra']);
      const res = await s.w.officer.api.post(`/api/v1/findings/${verify.id}/resolve`, {
        bidderAnswer: 'Trims come from Hong Kong (China) — invoice attached',
        conclusion: 'ACCEPTED',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        findingId: verify.id,
        findingKey: verify.findingKey,
        conclusion: 'ACCEPTED',
        bidderAnswer: 'Trims come from Hong Kong (China) — invoice attached',
        exclusion: null,
        resolvedById: s.w.officer.id,
      });
      const again = await s.w.officer2.api.post(`/api/v1/findings/${verify.id}/resolve`, { bidderAnswer: 'x', conclusion: 'ESCALATED' });
      expect(again.status).toBe(409);
      expect(again.body.reason).toBe('ALREADY_RESOLVED');
      const notVerify = await s.w.officer.api.post(`/api/v1/findings/${ground.id}/resolve`, { bidderAnswer: 'x', conclusion: 'ACCEPTED' });
      expect(notVerify.status).toBe(409);
      expect(notVerify.body.reason).toBe('NOT_A_VERIFY_FINDING');

      await evaluate(tenderId);
      const next = await finding(tenderId, 'UNDISCLOSED_COUNTRY');
      expect(next.id).not.toBe(verify.id);
      expect(next).toMatchObject({
        findingKey: verify.findingKey,
        state: 'ACCEPTED',
        open: false,
        resolution: expect.objectContaining({ conclusion: 'ACCEPTED', resolvedById: s.w.officer.id }),
      });
      const audit = await auditOf(verify.id);
      expect(audit.map((e) => e.action)).toEqual(['finding.resolved']);
      expect(audit[0]).toMatchObject({
        actorId: s.w.officer.id,
        tenderId,
        payload: expect.objectContaining({ conclusion: 'ACCEPTED', bidderAnswer: expect.any(String), findingKey: verify.findingKey }),
      });
    });

    it('an EXCLUSION_GROUND finding is decided by an exclusion proposal linked to it; a rejection settles it for later evaluations', async () => {
      const ground = await finding(tenderId, 'ENVIRONMENTAL_LAW');
      const viaVerify = await propose(tenderId, { bidId: ids['Alpha AG'], findingId: (await finding(tenderId, 'UNDISCLOSED_COUNTRY')).id });
      expect(viaVerify.status).toBe(422);
      expect(viaVerify.body.errors).toEqual([{ field: 'findingId', message: expect.stringMatching(/VERIFY finding is escalated by resolving it/) }]);
      const wrongBid = await propose(tenderId, { bidId: ids['Alpha AG'], findingId: ground.id });
      expect(wrongBid.body.errors).toEqual([{ field: 'findingId', message: 'the finding concerns another bid' }]);
      const p = await propose(tenderId, { bidId: ids['Beta AG'], findingId: ground.id, reasons: 'No declaration on environmental law' });
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({
        status: 'PROPOSED',
        bidId: ids['Beta AG'],
        bidderName: 'Beta AG',
        nodePath: ['Beta AG'],
        findingKey: ground.findingKey,
        ground: '44-1-a',
        legalBasis: 'Art. 44(1)(a)',
        proposedById: s.w.officer.id,
        decidedById: null,
      });
      expect(await finding(tenderId, 'ENVIRONMENTAL_LAW')).toMatchObject({
        state: 'PROPOSED',
        open: true,
        exclusions: [expect.objectContaining({ id: p.body.id })],
      });
      const twice = await propose(tenderId, { bidId: ids['Beta AG'], findingId: ground.id }, s.w.officer2);
      expect(twice.status).toBe(409);
      expect(twice.body.reason).toBe('FINDING_ALREADY_DECIDED');
      const rejected = await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/reject`, { note: 'Declaration supplied late but valid' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'REJECTED', decidedById: s.w.officer2.id, decisionNote: 'Declaration supplied late but valid' });
      await evaluate(tenderId);
      expect(await finding(tenderId, 'ENVIRONMENTAL_LAW')).toMatchObject({ findingKey: ground.findingKey, state: 'NOT_EXCLUDED', open: false });
    });
  });

  describe('exclusions: four-eyes, validation, concurrency', () => {
    let tenderId: string;
    let ids: Record<string, string>;
    beforeAll(async () => {
      ({ tenderId, ids } = await closedTender(
        [
          {
            name: 'Gamma AG',
            price: '100000.00',
            root: { subcontractors: [nodeBody('Delta Sarl', { country: 'FR', sharePercent: '30', declarations: { ...allDeclarations } })] },
          },
          { name: 'Epsilon AG', price: '110000.00' },
        ],
        { declare: [s.w.officer, s.w.officer2, officer3] },
      ));
      await evaluate(tenderId);
    });

    it('validates the proposal: bid of this tender, Art. 44 ground, reasons, a node of the bid’s chain (422 naming each field)', async () => {
      const bad = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/exclusions`, { bidId: 'nope', ground: '44-3-z', reasons: '', nodePath: 'x' });
      expect(bad.status).toBe(422);
      expect(fields(bad)).toEqual(['bidId', 'ground', 'nodePath', 'reasons']);
      const foreign = await propose(tenderId, { bidId: '00000000-0000-4000-8000-000000000000' });
      expect(foreign.body.errors).toEqual([{ field: 'bidId', message: 'no bid with this id on this tender' }]);
      const path = await propose(tenderId, { bidId: ids['Gamma AG'], nodePath: ['Gamma AG', 'Nobody'] });
      expect(path.status).toBe(422);
      expect(path.body.errors[0].field).toBe('nodePath');
      expect((await s.w.auditor.api.post(`/api/v1/tenders/${tenderId}/exclusions`, { bidId: ids['Gamma AG'], ground: '44-1-a', reasons: 'x' })).status).toBe(
        403,
      );
      expect(await s.t.prisma.exclusionDecision.count({ where: { tenderId } })).toBe(0);
    });

    it('only a different officer confirms or rejects: the proposer gets 403 (recorded as a security event)', async () => {
      const p = await propose(tenderId, {
        bidId: ids['Gamma AG'],
        nodePath: ['Gamma AG', 'Delta Sarl'],
        ground: '44-2-f',
        reasons: 'Credible NGO report on unpaid overtime at Delta',
      });
      expect(p.status).toBe(201);
      expect(p.body.nodePath).toEqual(['Gamma AG', 'Delta Sarl']);
      const before = await s.t.prisma.auditEvent.count({ where: { action: 'security.denied', actorId: s.w.officer.id } });
      for (const verb of ['confirm', 'reject']) {
        const res = await s.w.officer.api.post(`/api/v1/exclusions/${p.body.id}/${verb}`);
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ reason: 'FOUR_EYES', detail: expect.stringMatching(/Four-eyes/) });
      }
      expect(await s.t.prisma.auditEvent.count({ where: { action: 'security.denied', actorId: s.w.officer.id } })).toBe(before + 2);
      expect((await s.w.officer.api.get(`/api/v1/exclusions/${p.body.id}`)).body.status).toBe('PROPOSED');
      expect((await s.w.auditor.api.post(`/api/v1/exclusions/${p.body.id}/confirm`)).status).toBe(403);
      expect((await s.other.officer.api.post(`/api/v1/exclusions/${p.body.id}/confirm`)).status).toBe(404);
      const rejected = await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/reject`);
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('REJECTED');
      expect((await officer3.api.post(`/api/v1/exclusions/${p.body.id}/confirm`)).status).toBe(409);
      expect((await officer3.api.post(`/api/v1/exclusions/${p.body.id}/reject`)).status).toBe(409);
    });

    it('two officers confirming the same exclusion at once: exactly one succeeds, the other gets 409; one audit event', async () => {
      for (let round = 0; round < 3; round++) {
        const p = await propose(tenderId, { bidId: ids['Epsilon AG'], reasons: `Round ${round}` });
        const results = await Promise.all([
          s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/confirm`),
          officer3.api.post(`/api/v1/exclusions/${p.body.id}/confirm`),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = results.find((r) => r.status === 200)!;
        expect((await s.w.officer.api.get(`/api/v1/exclusions/${p.body.id}`)).body).toMatchObject({
          status: 'CONFIRMED',
          decidedById: winner.body.decidedById,
        });
        expect(results.find((r) => r.status === 409)!.body).toMatchObject({ reason: 'ALREADY_DECIDED', exclusionStatus: 'CONFIRMED' });
        const events = await auditOf(p.body.id);
        expect(events.map((e) => e.action)).toEqual(['exclusion.proposed', 'exclusion.confirmed']);
      }
    });

    it('a confirmed exclusion takes the bid out of the next ranking and stays visible with its ground and reasons', async () => {
      const evaluation = await evaluate(tenderId);
      const excluded = evaluation.bids.find((b) => b.bidId === ids['Epsilon AG']);
      expect(excluded).toMatchObject({ admissible: false, rank: null });
      expect(evaluation.ranking).toEqual([ids['Gamma AG']]);
      const confirmed = await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/exclusions?status=CONFIRMED`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.items).toHaveLength(3);
      expect(confirmed.body.total).toBe(3);
      expect(confirmed.body.items[0]).toMatchObject({
        bidId: ids['Epsilon AG'],
        ground: '44-1-a',
        legalBasis: 'Art. 44(1)(a)',
        reasons: 'Round 0',
        status: 'CONFIRMED',
        proposedById: s.w.officer.id,
        decidedAt: expect.any(String),
      });
      const all = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/exclusions`);
      expect(all.body.items.map((e: any) => e.status)).toEqual(['REJECTED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
      // Paged: the second page of two holds the third and fourth decisions.
      const second = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/exclusions?page=2&pageSize=2`);
      expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 4 });
      expect(second.body.items.map((e: any) => e.id)).toEqual(all.body.items.slice(2).map((e: any) => e.id));
    });

    it('decisions are taken only on CLOSED or AWARDED tenders (409 otherwise)', async () => {
      const draft = await s.w.officer.api.post('/api/v1/tenders', tenderBody());
      await s.w.officer.api.post(`/api/v1/tenders/${draft.body.id}/declarations`, { impartial: true, interests: '' });
      const res = await propose(draft.body.id, { bidId: ids['Gamma AG'] });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ tenderStatus: 'DRAFT' });
    });
  });

  describe('impartiality gate (VöB Art. 3)', () => {
    it('an officer without a declaration, or with a declared conflict, cannot resolve, propose, confirm, reject or award (403 with the reason)', async () => {
      const { tenderId, ids } = await closedTender([
        { name: 'Zeta AG', price: '100000.00', root: undisclosedSub },
        { name: 'Eta AG', price: '105000.00' },
      ]);
      const evaluation = await evaluate(tenderId);
      const verify = await finding(tenderId, 'UNDISCLOSED_COUNTRY');
      const p = await propose(tenderId, { bidId: ids['Eta AG'] });
      expect(p.status).toBe(201);
      const attempts = () => [
        officer3.api.post(`/api/v1/findings/${verify.id}/resolve`, { bidderAnswer: 'x', conclusion: 'ACCEPTED' }),
        propose(tenderId, { bidId: ids['Zeta AG'] }, officer3),
        officer3.api.post(`/api/v1/exclusions/${p.body.id}/confirm`),
        officer3.api.post(`/api/v1/exclusions/${p.body.id}/reject`),
        award(tenderId, { evaluationId: evaluation.id }, officer3),
      ];
      for (const res of await Promise.all(attempts())) {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ reason: 'NO_DECLARATION', detail: expect.stringMatching(/declared your impartiality/) });
      }
      await officer3.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: false, interests: 'Shareholder of Eta AG' });
      for (const res of await Promise.all(attempts())) {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ reason: 'CONFLICT_DECLARED', detail: expect.stringMatching(/conflict of interest/) });
      }
      // Nothing changed.
      expect((await s.w.officer.api.get(`/api/v1/exclusions/${p.body.id}`)).body.status).toBe('PROPOSED');
      expect(await s.t.prisma.findingResolution.count({ where: { tenderId } })).toBe(0);
      expect(await s.t.prisma.award.count({ where: { tenderId } })).toBe(0);
      expect(await status(tenderId)).toBe('CLOSED');
    });
  });

  describe('award refusals (409, reason named) and their resolution', () => {
    it('undecided EXCLUSION_GROUND finding of the winner, then a pending exclusion, then awarded after the rejection', async () => {
      const { tenderId, ids } = await closedTender([
        { name: 'Theta AG', price: '100000.00', root: noEnvLaw },
        { name: 'Iota AG', price: '110000.00' },
      ]);
      const e = await evaluate(tenderId);
      expect(e.ranking[0]).toBe(ids['Theta AG']);
      const before = await s.t.prisma.auditEvent.count({ where: { tenderId } });
      const refused = await award(tenderId, { evaluationId: e.id });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        reason: 'EXCLUSION_GROUND_UNDECIDED',
        blocking: [expect.objectContaining({ code: 'ENVIRONMENTAL_LAW', state: 'OPEN' })],
      });
      // A refusal changes nothing: no award, no audit event, same status.
      expect(await s.t.prisma.auditEvent.count({ where: { tenderId } })).toBe(before);
      const ground = await finding(tenderId, 'ENVIRONMENTAL_LAW');
      const p = await propose(tenderId, { bidId: ids['Theta AG'], findingId: ground.id });
      const pending = await award(tenderId, { evaluationId: e.id });
      expect(pending.body).toMatchObject({
        status: 409,
        reason: 'EXCLUSION_GROUND_UNDECIDED',
        blocking: [expect.objectContaining({ state: 'PROPOSED', exclusionId: p.body.id })],
      });
      await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/reject`, { note: 'Declaration supplied' });
      const other = await propose(tenderId, { bidId: ids['Theta AG'], ground: '44-1-h', reasons: 'Deficient performance of an earlier contract' });
      const stillPending = await award(tenderId, { evaluationId: e.id });
      expect(stillPending.body).toMatchObject({ status: 409, reason: 'EXCLUSION_PENDING', blocking: [{ exclusionId: other.body.id }] });
      await s.w.officer2.api.post(`/api/v1/exclusions/${other.body.id}/reject`);
      const ok = await award(tenderId, { evaluationId: e.id });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ winnerBidId: ids['Theta AG'], status: 'ACTIVE' });
    });

    it('unresolved VERIFY finding of the winner; ESCALATED opens an exclusion which, confirmed, takes the bid out', async () => {
      const { tenderId, ids } = await closedTender([
        { name: 'Kappa AG', price: '70000.00' },
        { name: 'Lambda AG', price: '100000.00' },
        { name: 'My AG', price: '104000.00' },
      ]);
      const e = await evaluate(tenderId);
      expect(e.ranking[0]).toBe(ids['Kappa AG']);
      const low = await finding(tenderId, 'ABNORMALLY_LOW');
      expect(low).toMatchObject({ code: 'ABNORMALLY_LOW', severity: 'VERIFY', bidId: ids['Kappa AG'] });
      const refused = await award(tenderId, { evaluationId: e.id });
      expect(refused.body).toMatchObject({
        status: 409,
        reason: 'VERIFY_UNRESOLVED',
        blocking: [expect.objectContaining({ findingId: low.id, code: 'ABNORMALLY_LOW' })],
      });
      const esc = await s.w.officer.api.post(`/api/v1/findings/${low.id}/resolve`, {
        bidderAnswer: 'We cross-subsidise from another contract',
        conclusion: 'ESCALATED',
      });
      expect(esc.status).toBe(201);
      expect(esc.body.exclusion).toMatchObject({
        status: 'PROPOSED',
        ground: '44-2-c',
        bidId: ids['Kappa AG'],
        findingKey: low.findingKey,
        proposedById: s.w.officer.id,
        reasons: expect.stringMatching(/cross-subsidise/),
      });
      expect((await award(tenderId, { evaluationId: e.id })).body.reason).toBe('EXCLUSION_PENDING');
      const confirmed = await s.w.officer2.api.post(`/api/v1/exclusions/${esc.body.exclusion.id}/confirm`, {
        note: 'Explanation does not show proper performance',
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', revokedAwardId: null });
      const stale = await award(tenderId, { evaluationId: e.id });
      expect(stale.body).toMatchObject({ status: 409, reason: 'STALE_EVALUATION', blocking: [{ bidIds: [ids['Kappa AG']] }] });
      const e2 = await evaluate(tenderId);
      expect(e2.ranking).toEqual([ids['Lambda AG'], ids['My AG']]);
      const ok = await award(tenderId, { evaluationId: e2.id });
      expect(ok.status).toBe(201);
      expect(ok.body.winnerBidId).toBe(ids['Lambda AG']);
      const audit = await auditOf(esc.body.exclusion.id);
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([
        ['exclusion.proposed', s.w.officer.id],
        ['exclusion.confirmed', s.w.officer2.id],
      ]);
      expect(audit[1].payload).toMatchObject({ ground: '44-2-c', reasons: expect.any(String), note: 'Explanation does not show proper performance' });
    });

    it('only the latest evaluation is awarded; the evaluation must be of this tender; the tender must be CLOSED', async () => {
      const { tenderId } = await closedTender([
        { name: 'Nu AG', price: '100000.00' },
        { name: 'Xi AG', price: '110000.00' },
      ]);
      const e1 = await evaluate(tenderId);
      const e2 = await evaluate(tenderId);
      const old = await award(tenderId, { evaluationId: e1.id });
      expect(old.status).toBe(409);
      expect(old.body).toMatchObject({ reason: 'NOT_LATEST_EVALUATION', latestEvaluationId: e2.id });
      const unknown = await award(tenderId, { evaluationId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ field: 'evaluationId', message: 'no evaluation of this tender with this id' }]);
      expect((await award(tenderId, {})).status).toBe(422);
      const draft = await s.w.officer.api.post('/api/v1/tenders', tenderBody());
      await s.w.officer.api.post(`/api/v1/tenders/${draft.body.id}/declarations`, { impartial: true, interests: '' });
      const notClosed = await award(draft.body.id, { evaluationId: e2.id });
      expect(notClosed.status).toBe(409);
      expect(notClosed.body).toMatchObject({ tenderStatus: 'DRAFT' });
      expect((await award(tenderId, { evaluationId: e2.id })).status).toBe(201);
      const twice = await award(tenderId, { evaluationId: e2.id });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ tenderStatus: 'AWARDED' });
    });

    it('a tie for the first rank must be settled: 409 without a settlement, 422 naming a bid outside the tie, 201 with it', async () => {
      const same = { price: '100000.00', grade: 4, receivedAt: '2026-12-01T10:00:00+01:00' };
      const { tenderId, ids } = await closedTender([
        { name: 'Omicron AG', ...same },
        { name: 'Pi AG', ...same },
        { name: 'Rho AG', price: '130000.00' },
      ]);
      const e = await evaluate(tenderId);
      expect(e.ties).toEqual([{ rank: 1, bidIds: expect.arrayContaining([ids['Omicron AG'], ids['Pi AG']]) }]);
      const refused = await award(tenderId, { evaluationId: e.id });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ reason: 'TIE_UNSETTLED', detail: expect.stringMatching(/share the first rank/) });
      const outside = await award(tenderId, {
        evaluationId: e.id,
        tieSettlement: { method: 'DRAWING_LOTS', note: 'Drawn by the notary', bidId: ids['Rho AG'] },
      });
      expect(outside.status).toBe(422);
      expect(outside.body.errors[0].field).toBe('tieSettlement.bidId');
      const incomplete = await award(tenderId, { evaluationId: e.id, tieSettlement: { method: 'DRAWING_LOTS' } });
      expect(incomplete.status).toBe(422);
      expect(fields(incomplete)).toEqual(['tieSettlement.bidId', 'tieSettlement.note']);
      const ok = await award(tenderId, {
        evaluationId: e.id,
        tieSettlement: { method: 'DRAWING_LOTS', note: 'Lots drawn on 2027-01-10 under the supervision of J. Muster', bidId: ids['Pi AG'] },
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({
        winnerBidId: ids['Pi AG'],
        runnerUpBidId: ids['Omicron AG'],
        decisiveAdvantages: [],
        tieSettlement: {
          method: 'DRAWING_LOTS',
          note: 'Lots drawn on 2027-01-10 under the supervision of J. Muster',
          bidId: ids['Pi AG'],
          tiedBidIds: expect.arrayContaining([ids['Omicron AG'], ids['Pi AG']]),
        },
      });
    });

    it('a settlement without a first-rank tie is refused (422); no admissible bid: nothing to award (409)', async () => {
      const { tenderId, ids } = await closedTender([
        { name: 'Sigma AG', price: '100000.00' },
        { name: 'Tau AG', price: '110000.00' },
      ]);
      const e = await evaluate(tenderId);
      const res = await award(tenderId, { evaluationId: e.id, tieSettlement: { method: 'LOTS', note: 'n', bidId: ids['Sigma AG'] } });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('tieSettlement');
      for (const name of ['Sigma AG', 'Tau AG']) {
        const p = await propose(tenderId, { bidId: ids[name] });
        expect((await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/confirm`)).status).toBe(200);
      }
      const empty = await evaluate(tenderId);
      expect(empty.ranking).toEqual([]);
      expect((await award(tenderId, { evaluationId: empty.id })).body).toMatchObject({ status: 409, reason: 'NO_ADMISSIBLE_BID' });
    });
  });

  describe('award, appeal deadline and conclusion', () => {
    let tenderId: string;
    let ids: Record<string, string>;
    let awarded: any;
    let holidays: string[];

    it('the award carries the Art. 51(3) reasons: procedure, winner, total price, decisive advantages over the runner-up (201)', async () => {
      // The worked example's first two bids (evaluation-method.md §8; C cheaper, so that A is not abnormally low); the same risk for all.
      ({ tenderId, ids } = await closedTender(
        [
          { name: 'Alpha Uniforms AG', price: '100000.00', grade: 4 },
          { name: 'Beta Uniforms AG', price: '120000.00', grade: 5 },
          { name: 'Gamma Uniforms AG', price: '125000.00', grade: 5 },
        ],
        { tender: { procedure: 'SELECTIVE' } },
      ));
      const e = await evaluate(tenderId);
      // The buyer's holidays cover the nominal 20th day and the two days after it, so the end moves.
      const nominal = addDays(zurichDate(new Date()), 20);
      holidays = [nominal, addDays(nominal, 1), addDays(nominal, 2)];
      expect((await s.w.admin.api.patch(`/api/v1/buyers/${s.w.buyerId}`, { holidays })).status).toBe(200);
      const before = Date.now();
      const res = await award(tenderId, { evaluationId: e.id });
      expect(res.status).toBe(201);
      awarded = res.body;
      expect(awarded).toMatchObject({
        id: expect.any(String),
        tenderId,
        evaluationId: e.id,
        status: 'ACTIVE',
        procedure: 'SELECTIVE',
        winnerBidId: ids['Alpha Uniforms AG'],
        winnerName: 'Alpha Uniforms AG',
        price: '100000.00',
        currency: 'CHF',
        runnerUpBidId: ids['Beta Uniforms AG'],
        decisiveAdvantages: [{ criterion: 'PRICE', points: '50', runnerUpPoints: '30', difference: '20' }],
        tieSettlement: null,
        awardedById: s.w.officer.id,
        revokedAt: null,
        revokingExclusion: null,
      });
      const notifiedAt = new Date(awarded.notifiedAt);
      expect(notifiedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const expected = appealDeadline(notifiedAt, holidays);
      expect(expected.deadlineDate > nominal).toBe(true);
      expect(awarded.appealDeadline).toBe(expected.deadline.toISOString());
      expect(awarded.appealDeadlineLocal).toMatch(new RegExp(`^${expected.deadlineDate}T23:59:59\\.999\\+0[12]:00$`));
      expect(await status(tenderId)).toBe('AWARDED');
      const audit = await auditOf(awarded.id);
      expect(audit[0]).toMatchObject({
        action: 'award.made',
        actorId: s.w.officer.id,
        payload: expect.objectContaining({
          procedure: 'SELECTIVE',
          price: '100000.00',
          winnerBidId: ids['Alpha Uniforms AG'],
          appealDeadline: awarded.appealDeadline,
        }),
      });
      expect((await s.t.prisma.auditEvent.findMany({ where: { tenderId, action: 'tender.award' } })).map((a) => a.payload)).toEqual([
        expect.objectContaining({ from: 'CLOSED', to: 'AWARDED', awardId: awarded.id }),
      ]);
      expect((await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/awards`)).body).toEqual({ items: [awarded], page: 1, pageSize: 50, total: 1 });
    });

    it('conclude is refused before the appeal deadline (409), accepted after it; then the tender is final', async () => {
      const early = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/conclude`);
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ reason: 'APPEAL_PERIOD_RUNNING', appealDeadline: awarded.appealDeadline });
      // Time passes: the notification moves 30 days back (only the clock is simulated).
      const past = new Date(Date.now() - 30 * 86_400_000);
      const d = appealDeadline(past, holidays);
      await s.t.prisma.award.update({ where: { id: awarded.id }, data: { notifiedAt: past, appealDeadline: d.deadline } });
      expect((await s.w.auditor.api.post(`/api/v1/tenders/${tenderId}/conclude`)).status).toBe(403);
      const done = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/conclude`);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'CONCLUDED', concludedAt: expect.any(String) });
      expect((await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/conclude`)).status).toBe(409);
      expect((await propose(tenderId, { bidId: ids['Alpha Uniforms AG'] })).status).toBe(409);
      expect((await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/cancel`)).status).toBe(409);
      await s.w.admin.api.patch(`/api/v1/buyers/${s.w.buyerId}`, { holidays: [] });
    });

    it('conclude on a tender that is not AWARDED is 409', async () => {
      const draft = await s.w.officer.api.post('/api/v1/tenders', tenderBody());
      const res = await s.w.officer.api.post(`/api/v1/tenders/${draft.body.id}/conclude`);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/Cannot conclude a DRAFT tender/);
    });
  });

  describe('revocation', () => {
    it('an exclusion confirmed against the winner after the award revokes it; a new evaluation and award follow; all awards stay listed', async () => {
      const { tenderId, ids } = await closedTender([
        { name: 'Upsilon AG', price: '100000.00' },
        { name: 'Phi AG', price: '105000.00' },
        { name: 'Chi AG', price: '140000.00' },
      ]);
      const e1 = await evaluate(tenderId);
      const first = await award(tenderId, { evaluationId: e1.id });
      expect(first.body.winnerBidId).toBe(ids['Upsilon AG']);

      // An exclusion of a bid that did not win leaves the award alone.
      const loser = await propose(tenderId, { bidId: ids['Chi AG'], ground: '44-1-g', reasons: 'Social security contributions unpaid' });
      expect((await s.w.officer2.api.post(`/api/v1/exclusions/${loser.body.id}/confirm`)).body).toMatchObject({ status: 'CONFIRMED', revokedAwardId: null });
      expect(await status(tenderId)).toBe('AWARDED');

      const p = await propose(tenderId, { bidId: ids['Upsilon AG'], ground: '44-1-e', reasons: 'Conviction for bribery became final after the award' });
      expect(p.status).toBe(201);
      const confirmed = await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/confirm`, { note: 'Judgment checked' });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', revokedAwardId: first.body.id });
      expect(await status(tenderId)).toBe('CLOSED');
      const revokedList = (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/awards`)).body.items;
      expect(revokedList).toEqual([
        expect.objectContaining({
          id: first.body.id,
          status: 'REVOKED',
          revokedAt: expect.any(String),
          revokingExclusion: expect.objectContaining({
            id: p.body.id,
            ground: '44-1-e',
            reasons: 'Conviction for bribery became final after the award',
            status: 'CONFIRMED',
            decidedById: s.w.officer2.id,
          }),
        }),
      ]);
      expect(
        (await s.t.prisma.auditEvent.findMany({ where: { tenderId, action: { in: ['award.revoked', 'tender.revokeAward'] } }, orderBy: { seq: 'asc' } })).map(
          (a) => a.action,
        ),
      ).toEqual(['award.revoked', 'tender.revokeAward']);

      // The old evaluation still ranks the excluded winner: it cannot be awarded again.
      expect((await award(tenderId, { evaluationId: e1.id })).body).toMatchObject({ status: 409, reason: 'STALE_EVALUATION' });
      const e2 = await evaluate(tenderId);
      expect(e2.ranking).toEqual([ids['Phi AG']]);
      const second = await award(tenderId, { evaluationId: e2.id });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ winnerBidId: ids['Phi AG'], status: 'ACTIVE', runnerUpBidId: null, decisiveAdvantages: [] });
      const all = (await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/awards`)).body.items;
      expect(all.map((a: any) => [a.id, a.status])).toEqual([
        [first.body.id, 'REVOKED'],
        [second.body.id, 'ACTIVE'],
      ]);
      expect(await status(tenderId)).toBe('AWARDED');
    });

    it('a rejected exclusion of the winner leaves the award in force', async () => {
      const { tenderId, ids } = await closedTender([
        { name: 'Psi AG', price: '100000.00' },
        { name: 'Omega AG', price: '110000.00' },
      ]);
      const e = await evaluate(tenderId);
      const a = await award(tenderId, { evaluationId: e.id });
      const p = await propose(tenderId, { bidId: ids['Psi AG'] });
      expect((await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/reject`)).body).toMatchObject({ status: 'REJECTED' });
      expect(await status(tenderId)).toBe('AWARDED');
      expect((await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/awards`)).body.items).toEqual([
        expect.objectContaining({ id: a.body.id, status: 'ACTIVE' }),
      ]);
    });
  });
});
