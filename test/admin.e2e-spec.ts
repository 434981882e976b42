import { actor, twoBuyerSuite } from './support/test-app';

describe('buyers, users and bidders over REST', () => {
  const s = twoBuyerSuite();

  it('ADMIN creates, lists and updates buyers (holidays as dates)', async () => {
    const created = await s.w.admin.api.post('/api/v1/buyers', { name: 'Canton of Vaud', country: 'ch' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Canton of Vaud', country: 'CH', holidays: [] });
    const patched = await s.w.admin.api.patch(`/api/v1/buyers/${created.body.id}`, { holidays: ['2026-12-25', '2026-08-01'] });
    expect(patched.status).toBe(200);
    expect(patched.body.holidays).toEqual(['2026-08-01', '2026-12-25']);
    const bad = await s.w.admin.api.patch(`/api/v1/buyers/${created.body.id}`, { holidays: ['25.12.2026'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('holidays');
    // Every buyer of the run's database, page by page (other suites add theirs).
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const list = await s.w.admin.api.get(`/api/v1/buyers?page=${page}&pageSize=100`);
      expect(list.status).toBe(200);
      ids.push(...list.body.items.map((b: { id: string }) => b.id));
      if (ids.length >= list.body.total || list.body.items.length === 0) break;
    }
    expect(ids).toContain(created.body.id);
    expect((await s.w.admin.api.patch('/api/v1/buyers/00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });

  it('officers read their own buyer only; only ADMIN writes buyers and users', async () => {
    expect((await s.w.officer.api.get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(200);
    expect((await s.w.officer.api.get(`/api/v1/buyers/${s.other.buyerId}`)).status).toBe(404);
    expect((await s.w.officer.api.post('/api/v1/buyers', { name: 'X', country: 'CH' })).status).toBe(403);
    expect((await s.w.auditor.api.patch(`/api/v1/buyers/${s.w.buyerId}`, { name: 'X' })).status).toBe(403);
    expect((await s.w.officer.api.post('/api/v1/users', { email: 'x@y.example', password: 'long-enough-pw', role: 'ADMIN' })).status).toBe(403);
    expect((await s.w.officer.api.get('/api/v1/users')).status).toBe(403);
  });

  it('ADMIN creates users; the password is never returned; duplicates are 409; the new user can log in', async () => {
    const email = `new-${Date.now()}@test.example`;
    const res = await s.w.admin.api.post('/api/v1/users', { email, password: 'correct horse battery', role: 'AUDITOR', buyerId: s.w.buyerId });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), email, role: 'AUDITOR', buyerId: s.w.buyerId, active: true, createdAt: expect.any(String) });
    expect(res.text).not.toMatch(/password|argon2/i);
    expect((await s.w.admin.api.post('/api/v1/users', { email, password: 'correct horse battery', role: 'AUDITOR', buyerId: s.w.buyerId })).status).toBe(409);
    const login = await s.t.api.post('/api/v1/auth/token', { email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const stored = await s.t.prisma.user.findUnique({ where: { email } });
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const short = await s.w.admin.api.post('/api/v1/users', { email: `s-${email}`, password: 'short', role: 'ADMIN' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].field).toBe('password');
    const adminWithBuyer = await s.w.admin.api.post('/api/v1/users', { email: `a-${email}`, password: 'long-enough-pw', role: 'ADMIN', buyerId: s.w.buyerId });
    expect(adminWithBuyer.body.errors).toEqual([{ field: 'buyerId', message: 'an ADMIN belongs to no buyer' }]);
  });

  it('each buyer keeps its own register of bidders', async () => {
    const created = await s.w.officer.api.post('/api/v1/bidders', { name: 'Textiles Romands SA', country: 'CH', identifiers: { uid: 'CHE-404.505.606' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Textiles Romands SA', country: 'CH', identifiers: { uid: 'CHE-404.505.606', lei: null, vat: null } });
    expect((await s.w.auditor.api.get(`/api/v1/bidders/${created.body.id}`)).status).toBe(200);
    expect((await s.other.officer.api.get(`/api/v1/bidders/${created.body.id}`)).status).toBe(404);
    const mine = await s.w.officer.api.get('/api/v1/bidders?name=romands');
    expect(mine.body.items.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
    const theirs = await s.other.officer.api.get('/api/v1/bidders?name=romands');
    expect(theirs.body.items).toEqual([]);
    expect((await s.w.auditor.api.post('/api/v1/bidders', { name: 'X', country: 'CH' })).status).toBe(403);
    const bad = await s.w.officer.api.post('/api/v1/bidders', { name: '', country: 'Switzerland', identifiers: { iban: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'identifiers.iban', 'name']);
  });

  it('records every write in the audit trail with its actor', async () => {
    const before = await s.t.prisma.auditEvent.count({ where: { actorId: s.w.officer.id } });
    await s.w.officer.api.post('/api/v1/bidders', { name: 'Audited AG', country: 'CH' });
    const after = await s.t.prisma.auditEvent.findMany({ where: { actorId: s.w.officer.id }, orderBy: { seq: 'desc' } });
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ action: 'bidder.created', actorRole: 'OFFICER', buyerId: s.w.buyerId });
  });

  it('a denied request (403) is recorded as a security event', async () => {
    const a = await actor(s.t, 'AUDITOR', s.w.buyerId);
    await a.api.post('/api/v1/bidders', { name: 'X', country: 'CH' });
    const ev = await s.t.prisma.auditEvent.findFirst({ where: { actorId: a.id, action: 'security.denied' } });
    expect(ev).toMatchObject({ objectType: 'route', objectId: 'POST /api/v1/bidders' });
  });
});
