import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service';
import { TransactionHost, type PrismaTxHost } from '../database/transaction';
import { TenderRepository } from '../tenders/tender.repository';
import type { AuthContext } from '../auth/auth-context';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import type { CreateBidDto } from './bids.dto';
import { BidsService } from './bids.service';

/**
 * Bid intake on real PostgreSQL, without HTTP: the bid, its chain, its
 * idempotency record and its audit event are one transaction; a replay
 * answers the first bytes; the tender's FOR SHARE lock orders intake and close.
 */
describe('BidsService intake (middle tier)', () => {
  let it_: IntegrationContext;
  let prisma: PrismaService;
  let bids: BidsService;
  let officer: AuthContext;
  let foreign: AuthContext;
  let tenderId: string;

  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
    prisma = it_.ctx.get(PrismaService);
    bids = it_.ctx.get(BidsService);
    const tag = randomUUID().slice(0, 8);
    const [buyer, other] = await Promise.all(
      ['A', 'B'].map((n) => prisma.buyer.create({ data: { name: `Intake buyer ${n} ${tag}`, country: 'CH' }, select: { id: true } })),
    );
    const user = (buyerId: string, who: string) =>
      prisma.user.create({ data: { email: `${who}-${tag}@intake.example`, passwordHash: 'x', role: 'OFFICER', buyerId }, select: { id: true, email: true } });
    const [u, f] = [await user(buyer.id, 'officer'), await user(other.id, 'foreign')];
    officer = { userId: u.id, email: u.email, role: 'OFFICER', buyerId: buyer.id, requestId: 'int-spec' };
    foreign = { userId: f.id, email: f.email, role: 'OFFICER', buyerId: other.id, requestId: 'int-spec' };
    tenderId = await publishedTender(buyer.id);
  }, 60_000);
  afterAll(() => it_.close());

  async function publishedTender(buyerId: string): Promise<string> {
    const t = await prisma.tender.create({
      data: {
        buyerId,
        reference: `INT-${randomUUID().slice(0, 8)}`,
        title: 'Intake',
        procedure: 'OPEN',
        currency: 'CHF',
        submissionDeadline: new Date('2027-06-30T10:00:00Z'),
        status: 'PUBLISHED',
        publishedAt: new Date('2026-01-01T00:00:00Z'),
        criteria: {
          create: [
            { position: 0, code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '80' },
            { position: 1, code: 'HUMAN_RIGHTS', name: 'HR', kind: 'HUMAN_RIGHTS', weight: '20' },
          ],
        },
      },
      select: { id: true },
    });
    return t.id;
  }

  const newBidder = async (buyerId = officer.buyerId!) =>
    (await prisma.bidder.create({ data: { buyerId, name: `Bidder ${randomUUID().slice(0, 8)} AG`, country: 'CH' }, select: { id: true } })).id;

  const node = (name: string, o: Record<string, unknown> = {}) => ({
    name,
    country: 'CH',
    sharePercent: '100',
    goods: [],
    declarations: { labourProtection: true },
    evidence: [],
    violations: [],
    subcontractors: [],
    ...o,
  });
  const dto = (bidderId: string, o: Record<string, unknown> = {}): CreateBidDto =>
    ({
      bidderId,
      receivedAt: '2026-12-01T10:00:00+01:00',
      price: '1000.5',
      supplyChain: node('Bidder AG', { subcontractors: [node('Sub Ltd', { country: 'BD', sharePercent: '40' })] }),
      ...o,
    }) as unknown as CreateBidDto;

  const traces = async (bidderId: string, key: string) => ({
    bids: await prisma.bid.count({ where: { bidderId } }),
    nodes: await prisma.supplyChainNode.count({ where: { bid: { bidderId } } }),
    keys: await prisma.idempotencyKey.count({ where: { userId: officer.userId, key } }),
    events: await prisma.auditEvent.count({ where: { tenderId, action: 'bid.submitted', payload: { path: ['bidderId'], equals: bidderId } } }),
  });

  it('stores the bid, its chain, its idempotency record and its audit event together', async () => {
    const bidderId = await newBidder();
    const key = `ok-${randomUUID()}`;
    const r = await bids.submit(officer, tenderId, dto(bidderId), key);
    expect(r).toMatchObject({ status: 201, replayed: false, body: { bidderId, price: '1000.50', currency: 'CHF' } });
    expect(await traces(bidderId, key)).toEqual({ bids: 1, nodes: 2, keys: 1, events: 1 });
  });

  it('a chain the database refuses leaves no bid, no node, no idempotency record and no audit event', async () => {
    const bidderId = await newBidder();
    const key = `fail-${randomUUID()}`;
    // Past the request body's checks (called without the validation pipe): the evidence row's date is refused by PostgreSQL.
    const bad = dto(bidderId, {
      supplyChain: node('Bidder AG', {
        subcontractors: [node('Sub Ltd', { sharePercent: '40', evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'x', issuedAt: '2026-02-30' }] })],
      }),
    });
    await expect(bids.submit(officer, tenderId, bad, key)).rejects.toThrow();
    expect(await traces(bidderId, key)).toEqual({ bids: 0, nodes: 0, keys: 0, events: 0 });
    // And the same bidder's valid bid goes through afterwards: nothing was left half-written.
    await bids.submit(officer, tenderId, dto(bidderId), key);
    expect(await traces(bidderId, key)).toEqual({ bids: 1, nodes: 2, keys: 1, events: 1 });
  });

  it('a second bid of the bidder is DUPLICATE and leaves the first alone', async () => {
    const bidderId = await newBidder();
    await bids.submit(officer, tenderId, dto(bidderId), undefined);
    await expect(bids.submit(officer, tenderId, dto(bidderId, { price: '2000' }), `dup-${randomUUID()}`)).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect((await traces(bidderId, 'none')).bids).toBe(1);
  });

  it('an Idempotency-Key replay answers the first answer byte for byte, and stores nothing more', async () => {
    const bidderId = await newBidder();
    const key = `replay-${randomUUID()}`;
    const first = await bids.submit(officer, tenderId, dto(bidderId, { figures: {} }), key);
    const again = await bids.submit(officer, tenderId, dto(bidderId, { figures: {} }), key);
    expect(again.replayed).toBe(true);
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    expect(await traces(bidderId, key)).toEqual({ bids: 1, nodes: 2, keys: 1, events: 1 });
  });

  it("another buyer's officer gets 404 for the tender, checked inside the transaction: nothing is stored", async () => {
    const bidderId = await newBidder(foreign.buyerId!);
    await expect(bids.submit(foreign, tenderId, dto(bidderId), undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await traces(bidderId, 'none')).bids).toBe(0);
  });

  it('a close holding the tender row makes intake wait, and intake then sees CLOSED (FOR SHARE)', async () => {
    const t = await publishedTender(officer.buyerId!);
    const bidderId = await newBidder();
    const txHost = it_.ctx.get(TransactionHost) as PrismaTxHost;
    const tenders = it_.ctx.get(TenderRepository);
    let closed = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const close = txHost.withTransaction(async () => {
      await tenders.lock(t, 'UPDATE');
      locked();
      await held;
      await txHost.tx.tender.update({ where: { id: t }, data: { status: 'CLOSED', closedAt: new Date() } });
      closed = Date.now();
    });
    await isLocked;
    const intake = bids.submit(officer, t, dto(bidderId), undefined).then(
      () => ({ ok: true as const, at: Date.now() }),
      (e: { code?: string }) => ({ ok: false as const, code: e.code, at: Date.now() }),
    );
    await new Promise((r) => setTimeout(r, 300));
    release();
    await close;
    const result = await intake;
    expect(result).toMatchObject({ ok: false, code: 'TENDER_NOT_PUBLISHED' });
    expect(result.at).toBeGreaterThanOrEqual(closed);
    expect(await prisma.bid.count({ where: { tenderId: t } })).toBe(0);
  });

  it('an intake holding FOR SHARE makes a close wait until the bid is committed', async () => {
    const t = await publishedTender(officer.buyerId!);
    const txHost = it_.ctx.get(TransactionHost) as PrismaTxHost;
    const tenders = it_.ctx.get(TenderRepository);
    // A bid in progress: the tender row held FOR SHARE by an open transaction, as intake holds it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let shared!: () => void;
    const isShared = new Promise<void>((r) => (shared = r));
    const bidTx = txHost.withTransaction(async () => {
      await tenders.lock(t, 'SHARE');
      shared();
      await held;
    });
    await isShared;
    let lockedAt = 0;
    const closing = txHost.withTransaction(async () => {
      await tenders.lock(t, 'UPDATE');
      lockedAt = Date.now();
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(lockedAt).toBe(0);
    const releasedAt = Date.now();
    release();
    await bidTx;
    await closing;
    expect(lockedAt).toBeGreaterThanOrEqual(releasedAt);
  });
});
