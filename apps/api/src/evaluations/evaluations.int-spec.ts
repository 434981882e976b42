import { randomBytes } from 'node:crypto';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { TransactionHost } from '../database/transaction';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { DeclarationRepository } from './declaration.repository';
import { toEvaluationDto } from './evaluation-body';
import { EvaluationsService } from './evaluations.service';
import { GradingService } from './grading.service';

/**
 * Evaluations and grading on real PostgreSQL, without HTTP: what the unit
 * tier cannot show — the transaction really rolls back, the access check
 * really reads inside it, and the stored body is byte for byte what reading
 * the stored row back gives.
 */
describe('evaluations and grading (middle tier)', () => {
  let it_: IntegrationContext;
  let prisma: PrismaService;
  let evaluations: EvaluationsService;
  let grading: GradingService;
  let officer: AuthContext;
  let second: AuthContext;

  const uniq = () => randomBytes(5).toString('hex');

  async function user(buyerId: string): Promise<AuthContext> {
    const email = `officer-${uniq()}@example.test`;
    const u = await prisma.user.create({ data: { email, passwordHash: 'x', role: 'OFFICER', buyerId } });
    return { userId: u.id, email, role: 'OFFICER', buyerId, requestId: `int-${uniq()}` };
  }

  /** A tender with a QUALITY criterion and `n` bids, in the given status, written directly (the services under test are not the tender's). */
  async function tender(status: 'PUBLISHED' | 'CLOSED', n: number): Promise<{ tenderId: string; bidIds: string[] }> {
    const t = await prisma.tender.create({
      data: {
        buyerId: officer.buyerId!,
        reference: `INT-${uniq()}`,
        title: 'Uniforms',
        procedure: 'OPEN',
        currency: 'CHF',
        submissionDeadline: new Date('2026-03-31T10:00:00Z'),
        placesOfPerformance: ['CH'],
        goods: ['Garments'],
        tieBreak: ['PRICE', 'RECEIVED_AT'],
        additionalConventions: [],
        status,
        publishedAt: new Date('2026-03-01T10:00:00Z'),
        criteria: {
          create: [
            { position: 0, code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '60', priceMethod: 'PROPORTIONAL' },
            { position: 1, code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '40' },
          ],
        },
      },
    });
    const bidIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = `Bidder ${i} ${uniq()} AG`;
      const bidder = await prisma.bidder.create({ data: { buyerId: officer.buyerId!, name, country: 'CH' } });
      const bid = await prisma.bid.create({
        data: {
          tenderId: t.id,
          bidderId: bidder.id,
          receivedAt: new Date('2026-03-20T10:00:00Z'),
          price: `${100000 + 1000 * i}`,
          nodes: {
            create: [{ position: 0, path: [name], name, country: i % 2 ? 'BD' : 'CH', sharePercent: '100', goods: ['Garments'], additionalConventions: [] }],
          },
        },
      });
      bidIds.push(bid.id);
    }
    return { tenderId: t.id, bidIds };
  }

  beforeAll(async () => {
    it_ = await startIntegration();
    prisma = it_.ctx.get(PrismaService);
    evaluations = it_.ctx.get(EvaluationsService);
    grading = it_.ctx.get(GradingService);
    const buyer = await prisma.buyer.create({ data: { name: `Buyer ${uniq()}`, country: 'CH' } });
    officer = await user(buyer.id);
    second = await user(buyer.id);
  }, 60_000);
  afterAll(() => it_?.close());

  it('stores the evaluation with the body a read of the stored row gives, byte for byte, in every language', async () => {
    const { tenderId } = await tender('CLOSED', 3);
    const created = await evaluations.create(officer, tenderId, 'fr');
    const row = await prisma.evaluation.findUniqueOrThrow({ where: { id: created.id }, include: { findings: true } });
    expect(row.seq).toBe(1);
    // The findings the engine found are stored, one row per identity.
    expect(row.findings.length).toBeGreaterThan(0);
    for (const lang of ['en', 'fr', 'de', 'it'] as const) {
      const old = JSON.stringify(toEvaluationDto(row, lang));
      expect(await evaluations.getJson(officer, created.id, lang)).toBe(old);
    }
    // The POST's answer (in French) is the French read.
    expect(JSON.stringify(created)).toBe(JSON.stringify(toEvaluationDto(row, 'fr')));
    // The list splices the same bodies into the page.
    const page = JSON.parse(await evaluations.listJson(officer, tenderId, {}, 'en'));
    expect(JSON.stringify(page.items[0])).toBe(JSON.stringify(toEvaluationDto(row, 'en')));
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    // Replay on the stored inputs reproduces the digest.
    expect(await evaluations.replay(officer, created.id)).toMatchObject({ identical: true, digest: row.digest });
  }, 60_000);

  it('an evaluation whose storage fails leaves nothing: no evaluation, no finding, no audit event', async () => {
    const { tenderId } = await tender('CLOSED', 2);
    // A real database failure on the last write of the evaluation (its response body), for this tender only.
    const fn = `fail_body_${uniq()}`;
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT tender_id FROM evaluation WHERE id = NEW.evaluation_id) = '${tenderId}'::uuid THEN
          RAISE EXCEPTION 'storage failure injected by the test';
        END IF;
        RETURN NEW;
      END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON evaluation_body FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await expect(evaluations.create(officer, tenderId)).rejects.toThrow(/storage failure injected/);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER ${fn} ON evaluation_body`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
    expect(await prisma.evaluation.count({ where: { tenderId } })).toBe(0);
    expect(await prisma.finding.count({ where: { tenderId } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { tenderId, action: 'evaluation.created' } })).toBe(0);
    // Nothing was half-written: the same tender evaluates as its first evaluation afterwards.
    expect((await evaluations.create(officer, tenderId)).seq).toBe(1);
  }, 60_000);

  it('grading without a declaration is refused inside the transaction (a declaration not yet committed does not count) and records the security event', async () => {
    const { tenderId, bidIds } = await tender('PUBLISHED', 1);
    const txHost = it_.ctx.get(TransactionHost);
    // The declaration is made in a transaction that stays open while the officer grades from another one.
    let release!: () => void;
    const open = new Promise<void>((r) => (release = r));
    let declared!: () => void;
    const made = new Promise<void>((r) => (declared = r));
    // (Written through the repository, without its audit event: an open audit append would hold the chain's lock, and the refusal's security event waits for it.)
    const declaring = txHost.withTransaction(async () => {
      await it_.ctx.get(DeclarationRepository).upsert(tenderId, second.userId, { impartial: true, interests: '' });
      declared();
      await open;
    });
    await made;
    await expect(grading.grade(second, tenderId, bidIds[0], 'HUMAN_RIGHTS', { grade: 4 })).rejects.toMatchObject({ code: 'NO_DECLARATION' });
    release();
    await declaring;
    const denied = await prisma.auditEvent.findMany({ where: { tenderId, action: 'security.denied', actorId: second.userId } });
    expect(denied).toHaveLength(1);
    expect((denied[0].payload as { reason: string }).reason).toMatch(/^impartiality: /);
    expect(await prisma.grade.count({ where: { bidId: bidIds[0] } })).toBe(0);
    // Committed now: the same officer passes the gate (and meets the next rule: HUMAN_RIGHTS is not graded).
    await expect(grading.grade(second, tenderId, bidIds[0], 'HUMAN_RIGHTS', { grade: 4 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  }, 60_000);

  it('the access check sees a declaration made earlier in the same transaction; a rollback takes both away', async () => {
    const { tenderId, bidIds } = await tender('PUBLISHED', 1);
    await prisma.tenderCriterion.create({ data: { tenderId, position: 2, code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '0' } });
    const txHost = it_.ctx.get(TransactionHost);
    const grade = await txHost.withTransaction(async () => {
      await grading.declare(officer, tenderId, { impartial: true, interests: '' });
      return grading.grade(officer, tenderId, bidIds[0], 'QUALITY', { grade: 5, comment: 'same transaction' });
    });
    expect(grade).toMatchObject({ bidId: bidIds[0], criterionCode: 'QUALITY', grade: 5 });
    expect(await prisma.grade.count({ where: { bidId: bidIds[0] } })).toBe(1);

    const other = await tender('PUBLISHED', 1);
    await prisma.tenderCriterion.create({ data: { tenderId: other.tenderId, position: 2, code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '0' } });
    await expect(
      txHost.withTransaction(async () => {
        await grading.declare(officer, other.tenderId, { impartial: true, interests: '' });
        await grading.grade(officer, other.tenderId, other.bidIds[0], 'QUALITY', { grade: 3 });
        throw new Error('fails after the grade');
      }),
    ).rejects.toThrow('fails after the grade');
    expect(await prisma.evaluatorDeclaration.count({ where: { tenderId: other.tenderId } })).toBe(0);
    expect(await prisma.grade.count({ where: { bidId: other.bidIds[0] } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { tenderId: other.tenderId } })).toBe(0);
  }, 60_000);
});
