import { randomUUID } from 'node:crypto';
import { TransactionHost } from '../database/transaction';
import { PrismaService } from '../database/prisma.service';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import type { AuthContext } from '../auth/auth-context';
import { BuyersService } from '../buyers/buyers.service';
import { TenderRepository } from './tender.repository';
import { TendersService, toTenderDto } from './tenders.service';
import type { CreateTenderDto } from './tenders.dto';

/** Tenders on real PostgreSQL without HTTP: transactions roll back whole, the version check and the row lock really serialise. */
describe('TendersService and TenderRepository (middle tier)', () => {
  let it_: IntegrationContext;
  let tenders: TendersService;
  let repo: TenderRepository;
  let prisma: PrismaService;
  let officer: AuthContext;
  let otherOfficer: AuthContext;
  const admin: AuthContext = { userId: randomUUID(), email: 'admin@x.example', role: 'ADMIN', buyerId: null, requestId: 'int' };

  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
    tenders = it_.ctx.get(TendersService);
    repo = it_.ctx.get(TenderRepository);
    prisma = it_.ctx.get(PrismaService);
    const buyers = it_.ctx.get(BuyersService);
    const b1 = await buyers.create(admin, { name: `Buyer ${randomUUID()}`, country: 'CH' });
    const b2 = await buyers.create(admin, { name: `Buyer ${randomUUID()}`, country: 'CH' });
    officer = { userId: randomUUID(), email: 'o1@x.example', role: 'OFFICER', buyerId: b1.id, requestId: 'int' };
    otherOfficer = { userId: randomUUID(), email: 'o2@x.example', role: 'OFFICER', buyerId: b2.id, requestId: 'int' };
  });
  afterAll(() => it_.close());

  const body = (extra: Partial<CreateTenderDto> = {}): CreateTenderDto => ({
    reference: `R-${randomUUID()}`,
    title: 'Fleece jackets',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: '2020-03-31T12:00:00+02:00',
    placesOfPerformance: ['ch'],
    goods: ['Garments'],
    criteria: [
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50.5' },
      { code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '29.5' },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
    ],
    priceBasis: 'REFERENCE',
    referencePrice: '125000.5',
    abnormallyLowThreshold: '0.75',
    ...extra,
  });

  it('a tender whose criterion insert fails leaves nothing: no tender row, no criteria, no audit event', async () => {
    const reference = `R-${randomUUID()}`;
    const before = await prisma.auditEvent.count();
    const row = { code: 'PRICE', name: 'P', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' };
    await expect(
      it_.ctx.get(TransactionHost).withTransaction(() =>
        repo.create(
          {
            buyerId: officer.buyerId!,
            reference,
            title: 'T',
            procedure: 'OPEN',
            currency: 'CHF',
            submissionDeadline: new Date(),
            placesOfPerformance: [],
            goods: [],
            tieBreak: [],
            additionalConventions: [],
            abnormallyLowThreshold: '0.8',
            requiredEvaluators: 1,
            priceBasis: 'LOWEST',
            referencePrice: null,
            priceLevelAdjustment: false,
            templateVersionId: null,
            createdById: officer.userId,
          },
          // The same code twice: the (tender, code) unique index refuses the second criterion.
          [row, { ...row, weight: '50' }],
        ),
      ),
    ).rejects.toBeDefined();
    expect(await prisma.tender.count({ where: { reference } })).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it('a duplicate reference is a 409 DUPLICATE and leaves no second tender and no event', async () => {
    const dto = body();
    await tenders.create(officer, dto);
    const before = await prisma.auditEvent.count();
    await expect(tenders.create(officer, { ...dto, reference: ` ${dto.reference}` })).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect(await prisma.tender.count({ where: { reference: dto.reference } })).toBe(1);
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it('GET answers the same bytes as the Prisma row with its criteria did (field order, decimals, timestamps)', async () => {
    const created = await tenders.create(officer, body({ tieBreak: ['PRICE', 'QUALITY'], additionalConventions: ['C155'] }));
    await tenders.transition(officer, created.id, 'publish');
    await tenders.transition(officer, created.id, 'close');
    const oldWay = JSON.stringify(toTenderDto((await prisma.tender.findUnique({ where: { id: created.id }, include: { criteria: true } }))!));
    expect(JSON.stringify(await tenders.get(officer, created.id))).toBe(oldWay);
    expect(oldWay).toContain('"weight":"50.5"');
    expect(oldWay).toContain('"referencePrice":"125000.50"');
    expect(oldWay).toContain('"abnormallyLowThreshold":"0.75"');
    // The list shows the same bytes per item.
    const page = await tenders.list(officer, { q: created.reference });
    expect(JSON.stringify(page.items)).toBe(`[${oldWay}]`);
  });

  it("another buyer's tender is not found, for a read and for a transition (access decided inside, nothing changed)", async () => {
    const t = await tenders.create(officer, body());
    await expect(tenders.get(otherOfficer, t.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(tenders.transition(otherOfficer, t.id, 'publish')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(tenders.requireTender(otherOfficer, t.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await repo.head(t.id))!.status).toBe('DRAFT');
  });

  it('two concurrent PATCHes with the same version: exactly one wins, the other is 412', async () => {
    const t = await tenders.create(officer, body());
    const results = await Promise.allSettled([
      tenders.update(officer, t.id, t.version, { title: 'A' }),
      tenders.update(officer, t.id, t.version, { title: 'B' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await repo.head(t.id))!.version).toBe(t.version + 1);
  });

  it('a PATCH whose criteria replacement fails rolls back the version bump too', async () => {
    const t = await tenders.create(officer, body());
    // Criteria that pass the rules but not the database: a span numeric(9,6) cannot hold (the body's own checks stop it at 10).
    await expect(
      tenders.update(officer, t.id, t.version, {
        title: 'changed',
        criteria: [{ code: 'PRICE', name: 'P', kind: 'PRICE', weight: '100', span: '1000' }],
      }),
    ).rejects.toBeDefined();
    const after = (await repo.findWithCriteria(t.id))!;
    expect([after.version, after.title, after.criteria.length]).toEqual([t.version, 'Fleece jackets', 3]);
  });

  it('two concurrent publishes under the row lock: exactly one moves the tender, the other answers TENDER_NOT_DRAFT', async () => {
    const t = await tenders.create(officer, body());
    const results = await Promise.allSettled([tenders.transition(officer, t.id, 'publish'), tenders.transition(officer, t.id, 'publish')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'TENDER_NOT_DRAFT' });
    const head = (await repo.head(t.id))!;
    expect([head.status, head.version]).toEqual(['PUBLISHED', t.version + 1]);
    expect(await prisma.auditEvent.count({ where: { tenderId: t.id, action: 'tender.publish' } })).toBe(1);
  });
});
