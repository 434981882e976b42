import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { startIntegration, IntegrationContext } from '../../../../test/support/integration';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** Accounts on a real PostgreSQL: the write and its audit event are one transaction; the admin lock serialises. */
describe('UsersService (middle tier)', () => {
  let it_: IntegrationContext;
  let users: UsersService;
  let prisma: PrismaService;
  beforeAll(async () => {
    it_ = await startIntegration({}, { referenceData: false });
    users = it_.ctx.get(UsersService);
    prisma = it_.ctx.get(PrismaService);
  });
  afterAll(() => it_.close());

  const password = () => `Correct-Horse-${randomUUID()}`;
  const email = () => `int-${randomUUID()}@test.example`;
  const asAdmin = (userId: string): AuthContext => ({ userId, email: 'a@test.example', role: 'ADMIN', buyerId: null, requestId: 'int' });

  it('creates the user and its audit event together; a duplicate e-mail is 409 DUPLICATE and leaves nothing', async () => {
    const e = email();
    const u = await users.create(null, { email: e, password: password(), role: 'ADMIN' });
    expect(await prisma.auditEvent.count({ where: { action: 'user.created', objectId: u.id } })).toBe(1);
    const before = await prisma.auditEvent.count();
    await expect(users.create(null, { email: e.toUpperCase(), password: password(), role: 'ADMIN' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect(await prisma.auditEvent.count()).toBe(before);
    expect(await prisma.user.count({ where: { email: e } })).toBe(1);
  });

  it('a failure after the write rolls the deactivation back (nothing half-written)', async () => {
    const admin = await users.create(null, { email: email(), password: password(), role: 'ADMIN' });
    const target = await users.create(null, { email: email(), password: password(), role: 'ADMIN' });
    const audit = it_.ctx.get(AuditService);
    const spy = jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(users.deactivate(asAdmin(admin.id), target.id)).rejects.toThrow('audit down');
    spy.mockRestore();
    const row = await prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.active).toBe(true);
    expect(row.tokenVersion).toBe(0);
  });

  it('two admins deactivating one user at once: the row lock serialises them, the second sees it inactive (409)', async () => {
    const a = await users.create(null, { email: email(), password: password(), role: 'ADMIN' });
    const b = await users.create(null, { email: email(), password: password(), role: 'ADMIN' });
    const target = await users.create(null, { email: email(), password: password(), role: 'ADMIN' });
    const results = await Promise.allSettled([users.deactivate(asAdmin(a.id), target.id), users.deactivate(asAdmin(b.id), target.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toMatchObject({ code: 'ALREADY_INACTIVE' });
    // One deactivation, one revocation, one event.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).tokenVersion).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'user.deactivated', objectId: target.id } })).toBe(1);
  });

  it('the guard’s read is one primary-key read of what the token needs', async () => {
    const u = await users.create(null, { email: email(), password: password(), role: 'ADMIN' });
    const head = await it_.ctx.get(UserRepository).head(u.id);
    expect(head).toEqual({ id: u.id, email: u.email, role: 'ADMIN', buyerId: null, active: true, tokenVersion: 0 });
  });
});
