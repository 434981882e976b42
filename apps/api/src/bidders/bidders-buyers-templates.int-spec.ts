import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import type { AuthContext } from '../auth/auth-context';
import { BuyersService } from '../buyers/buyers.service';
import { CriteriaTemplatesService } from '../admin/criteria-templates.service';
import { BiddersService } from './bidders.service';

/** Bidders, buyers and criteria templates on real PostgreSQL: scope inside the query and the check, versions numbered under the row lock. */
describe('bidders, buyers and criteria templates (middle tier)', () => {
  let it_: IntegrationContext;
  let prisma: PrismaService;
  const admin: AuthContext = { userId: randomUUID(), email: 'admin@x.example', role: 'ADMIN', buyerId: null, requestId: 'int' };
  let o1: AuthContext;
  let o2: AuthContext;

  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
    prisma = it_.ctx.get(PrismaService);
    const buyers = it_.ctx.get(BuyersService);
    const b1 = await buyers.create(admin, { name: `B ${randomUUID()}`, country: 'CH' });
    const b2 = await buyers.create(admin, { name: `B ${randomUUID()}`, country: 'CH' });
    o1 = { userId: randomUUID(), email: 'o1@x.example', role: 'OFFICER', buyerId: b1.id, requestId: 'int' };
    o2 = { userId: randomUUID(), email: 'o2@x.example', role: 'OFFICER', buyerId: b2.id, requestId: 'int' };
  });
  afterAll(() => it_.close());

  it("a bidder is created with its audit event; another buyer's officer neither lists nor reads it", async () => {
    const bidders = it_.ctx.get(BiddersService);
    const name = `Bidder ${randomUUID()}`;
    const b = await bidders.create(o1, { name, country: 'ch' });
    expect(await prisma.auditEvent.count({ where: { action: 'bidder.created', objectId: b.id } })).toBe(1);
    expect((await bidders.list(o1, { name })).items.map((x) => x.id)).toEqual([b.id]);
    expect((await bidders.list(o2, { name })).total).toBe(0);
    await expect(bidders.get(o2, b.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await bidders.get(o1, b.id)).country).toBe('CH');
  });

  it("an officer reads their own buyer, not another's; a rename is audited in the same transaction", async () => {
    const buyers = it_.ctx.get(BuyersService);
    await expect(buyers.get(o1, o2.buyerId!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await buyers.get(o1, o1.buyerId!)).id).toBe(o1.buyerId);
    const renamed = await buyers.update(admin, o1.buyerId!, { name: 'Renamed', holidays: ['2026-08-01'] });
    expect([renamed.name, renamed.holidays]).toEqual(['Renamed', ['2026-08-01']]);
    expect(await prisma.auditEvent.count({ where: { action: 'buyer.updated', objectId: o1.buyerId } })).toBe(1);
    await expect(buyers.update(admin, randomUUID(), { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('concurrent new versions of a template are numbered one after the other; refused criteria store nothing', async () => {
    const templates = it_.ctx.get(CriteriaTemplatesService);
    const criteria = [
      { code: 'PRICE', name: 'Price', kind: 'PRICE' as const, weight: '60' },
      { code: 'QUALITY', name: 'Quality', kind: 'QUALITY' as const, weight: '40' },
    ];
    const t = await templates.create(admin, { name: 'T', criteria });
    const results = await Promise.all([1, 2, 3].map((i) => templates.update(admin, t.id, { name: `T${i}`, criteria })));
    expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4]);
    await expect(templates.update(admin, t.id, { name: 'bad', criteria: [{ ...criteria[0], weight: '50' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'criteria', message: 'weights must sum to exactly 100 (they sum to 50)' }],
    });
    const stored = await templates.get(t.id);
    expect([stored.version, stored.versions!.length]).toEqual([4, 4]);
    await expect(templates.update(admin, t.id, { name: 'stale', criteria }, 2)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await templates.get(t.id)).version).toBe(4);
  });
});
