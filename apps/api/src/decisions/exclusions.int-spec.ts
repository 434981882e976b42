import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import type { AuthContext } from '../auth/auth-context';
import { ExclusionsService } from './exclusions.service';

/**
 * Exclusion decisions on real PostgreSQL, no HTTP: the four-eyes and
 * impartiality gates run inside the transaction that decides (after the
 * tender's row lock), a refusal writes nothing but its security event, and the
 * tender row lock serialises decisions.
 */
describe('ExclusionsService.decide (middle tier)', () => {
  let it_: IntegrationContext;
  let prisma: PrismaService;
  let service: ExclusionsService;
  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
    prisma = it_.ctx.get(PrismaService);
    service = it_.ctx.get(ExclusionsService);
  });
  afterAll(() => it_.close());

  const officer = async (buyerId: string): Promise<AuthContext> => {
    const u = await prisma.user.create({ data: { email: `o-${randomUUID()}@example.ch`, passwordHash: 'x', role: 'OFFICER', buyerId } });
    return { userId: u.id, email: u.email, role: 'OFFICER', buyerId, requestId: `req-${u.id}` };
  };

  /** A CLOSED tender with one bid and an exclusion proposed by `proposer`; `deciders` have declared impartiality. */
  async function proposal() {
    const buyer = await prisma.buyer.create({ data: { name: `Buyer ${randomUUID()}`, country: 'CH' } });
    const proposer = await officer(buyer.id);
    const decider = await officer(buyer.id);
    const tender = await prisma.tender.create({
      data: { buyerId: buyer.id, reference: randomUUID(), title: 'T', procedure: 'OPEN', currency: 'CHF', submissionDeadline: new Date(), status: 'CLOSED' },
    });
    const bidder = await prisma.bidder.create({ data: { buyerId: buyer.id, name: 'B AG', country: 'CH' } });
    const bid = await prisma.bid.create({ data: { tenderId: tender.id, bidderId: bidder.id, receivedAt: new Date(), price: '100' } });
    for (const u of [proposer, decider]) {
      await prisma.evaluatorDeclaration.create({ data: { tenderId: tender.id, userId: u.userId, impartial: true, interests: '' } });
    }
    const x = await prisma.exclusionDecision.create({
      data: { tenderId: tender.id, bidId: bid.id, nodePath: ['B AG'], ground: '44-1-a', reasons: 'r', proposedById: proposer.userId },
    });
    return { buyer, tender, proposer, decider, exclusionId: x.id };
  }

  const events = (tenderId: string, action: string) => prisma.auditEvent.count({ where: { tenderId, action } });

  it('four-eyes inside the transaction: the proposer is refused, nothing changes, the refusal is recorded; another officer decides', async () => {
    const p = await proposal();
    await expect(service.confirm(p.proposer, p.exclusionId, {})).rejects.toMatchObject({ code: 'FOUR_EYES' });
    expect((await prisma.exclusionDecision.findUniqueOrThrow({ where: { id: p.exclusionId } })).status).toBe('PROPOSED');
    expect(await events(p.tender.id, 'exclusion.confirmed')).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'security.denied', actorId: p.proposer.userId } })).toBe(1);

    const done = await service.confirm(p.decider, p.exclusionId, { note: 'ok' });
    expect(done).toMatchObject({ status: 'CONFIRMED', decidedById: p.decider.userId });
    expect(await events(p.tender.id, 'exclusion.confirmed')).toBe(1);
    await expect(service.reject(p.decider, p.exclusionId, {})).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
  });

  it("another buyer's officer gets 404 (not 403), and no declaration means NO_DECLARATION", async () => {
    const p = await proposal();
    const other = await prisma.buyer.create({ data: { name: `Other ${randomUUID()}`, country: 'CH' } });
    await expect(service.confirm(await officer(other.id), p.exclusionId, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.confirm(await officer(p.buyer.id), p.exclusionId, {})).rejects.toMatchObject({ code: 'NO_DECLARATION' });
    expect((await prisma.exclusionDecision.findUniqueOrThrow({ where: { id: p.exclusionId } })).status).toBe('PROPOSED');
  });

  it("the decision waits for the tender's row lock, and sees a declaration withdrawn while it waited", async () => {
    const p = await proposal();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // Another transaction holds the tender's row and, meanwhile, turns the decider's declaration into a conflict.
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM tender WHERE id = ${p.tender.id}::uuid FOR UPDATE`;
        await tx.evaluatorDeclaration.update({ where: { tenderId_userId: { tenderId: p.tender.id, userId: p.decider.userId } }, data: { impartial: false } });
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    let settled = false;
    const decision = service.confirm(p.decider, p.exclusionId, {}).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false); // blocked on the row lock
    release();
    await holder;
    // The gate ran after the lock, inside the deciding transaction: it sees the committed conflict.
    await expect(decision).rejects.toMatchObject({ code: 'CONFLICT_DECLARED' });
    expect((await prisma.exclusionDecision.findUniqueOrThrow({ where: { id: p.exclusionId } })).status).toBe('PROPOSED');
  });
});
