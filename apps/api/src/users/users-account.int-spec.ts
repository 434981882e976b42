import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AuditTrailService } from '../audit/audit-trail.service';
import { AuthService } from '../auth/auth.service';
import { PrismaService } from '../database/prisma.service';
import { UsersService } from './users.service';
import { startIntegration, type IntegrationContext } from '../../../../test/support/integration';

/**
 * The middle tier's example: UsersService and its repository code on the real
 * PostgreSQL database of this file (a clone of the run's template), without
 * HTTP. See docs/testing.md.
 */
describe('UsersService on PostgreSQL', () => {
  let it_: IntegrationContext;
  let users: UsersService;
  let prisma: PrismaService;
  const email = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}@int.example`;
  const password = 'velvet orchard compass 4711';

  beforeAll(async () => {
    it_ = await startIntegration();
    users = it_.ctx.get(UsersService);
    prisma = it_.ctx.get(PrismaService);
  });
  afterAll(() => it_?.close());

  it('creates a user, with an argon2id hash at the configured cost and a user.created audit event, and reads it back', async () => {
    const address = email('Admin');
    const created = await users.create(null, { email: address, password, role: 'ADMIN' });
    expect(created).toMatchObject({ email: address.toLowerCase(), role: 'ADMIN', buyerId: null, active: true });

    const listed = await users.list({ page: 1, pageSize: 500 });
    expect(listed.items.map((u) => u.id)).toContain(created.id);

    const row = await prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    // The harness's cost (ARGON2_MEMORY_KIB=1024, ARGON2_TIME_COST=1); production's default is m=19456,t=2.
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await argon2.verify(row.passwordHash, password)).toBe(true);
    expect(await argon2.verify(row.passwordHash, `${password}!`)).toBe(false);

    const events = await prisma.auditEvent.findMany({ where: { objectId: created.id } });
    expect(events.map((e) => e.action)).toEqual(['user.created']);
    const admin = { userId: created.id, email: created.email, role: 'ADMIN' as const, buyerId: null, requestId: 'int-spec' };
    expect((await it_.ctx.get(AuditTrailService).verify(admin)).valid).toBe(true);

    // The login path of the same service layer: the stored hash verifies.
    const token = await it_.ctx.get(AuthService).issueToken({ email: address, password });
    expect(token.tokenType).toBe('Bearer');
  });

  it('a transaction that fails after the user row was written leaves nothing: no user, no audit event', async () => {
    const address = email('rollback');
    const usersBefore = await prisma.user.count();
    const eventsBefore = await prisma.auditEvent.count();
    // A real database error inside the transaction, after the INSERT into app_user: the audit insert for this e-mail fails.
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION int_spec_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.payload->>'email' = '${address}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER int_spec_refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION int_spec_refuse_audit()`);
    try {
      await expect(users.create(null, { email: address, password, role: 'ADMIN' })).rejects.toThrow(/refused by the test/);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER int_spec_refuse_audit ON audit_event`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION int_spec_refuse_audit()`);
    }
    expect(await prisma.user.count({ where: { email: address } })).toBe(0);
    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.auditEvent.count()).toBe(eventsBefore);

    // Nothing half-written: the same e-mail can be created now, once.
    const again = await users.create(null, { email: address, password, role: 'ADMIN' });
    expect(again.email).toBe(address);
    await expect(users.create(null, { email: address, password, role: 'ADMIN' })).rejects.toMatchObject({ code: 'DUPLICATE' });
  });
});
