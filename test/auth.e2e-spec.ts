import { JwtService } from '@nestjs/jwt';
import { actor, startTestApp, TestApp, uniq } from './support/test-app';

describe('identity: POST /api/v1/auth/token and bearer tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '5', LOGIN_RATE_WINDOW: '60' });
  });
  afterAll(() => t.close());

  it('issues an expiring bearer token for valid credentials', async () => {
    const admin = await actor(t, 'ADMIN');
    const res = await t.api.post('/api/v1/auth/token', { email: admin.email.toUpperCase(), password: admin.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.sub).toBe(admin.id);
    expect((await admin.api.get('/api/v1/users')).status).toBe(200);
  });

  it('answers 401 problem+json for a wrong password and for an unknown e-mail, alike', async () => {
    const admin = await actor(t, 'ADMIN');
    const wrong = await t.api.post('/api/v1/auth/token', { email: admin.email, password: 'not-the-password' });
    const unknown = await t.api.post('/api/v1/auth/token', { email: `nobody-${uniq()}@x.example`, password: 'whatever-password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/unauthenticated', status: 401, detail: 'Unknown e-mail or wrong password' });
    }
  });

  it('422 names the invalid fields of the login body', async () => {
    const res = await t.api.post('/api/v1/auth/token', { email: 'not-an-email', password: '', extra: 1 });
    expect(res.status).toBe(422);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });

  it('401 without a token, with a malformed one, with a forged one and with an expired one', async () => {
    const admin = await actor(t, 'ADMIN');
    expect((await t.api.get('/api/v1/users')).status).toBe(401);
    expect((await t.api.get('/api/v1/users', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await t.api.as('not.a.jwt').get('/api/v1/users')).status).toBe(401);
    const forged = new JwtService({ secret: 'another-secret-another-secret-another-secret' }).sign({ sub: admin.id, role: 'ADMIN', buyerId: null });
    expect((await t.api.as(forged).get('/api/v1/users')).status).toBe(401);
    const jwt = t.app.get(JwtService);
    const expired = jwt.sign({ sub: admin.id, role: 'ADMIN', buyerId: null, exp: Math.floor(Date.now() / 1000) - 10 });
    const res = await t.api.as(expired).get('/api/v1/users');
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/invalid or expired/);
  });

  it('rate-limits login attempts per address and e-mail (429 after the limit)', async () => {
    const email = `target-${uniq()}@test.example`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.api.post('/api/v1/auth/token', { email, password: 'guess-' + i })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await t.api.post('/api/v1/auth/token', { email, password: 'x' });
    expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, type: '/problems/rate-limited' });
    // Another e-mail from the same address is not locked out.
    const other = await actor(t, 'ADMIN');
    expect((await t.api.post('/api/v1/auth/token', { email: other.email, password: other.password })).status).toBe(200);
  });

  it('a deactivated account cannot use a token issued before', async () => {
    const admin = await actor(t, 'ADMIN');
    await t.prisma.user.update({ where: { id: admin.id }, data: { active: false } });
    expect((await admin.api.get('/api/v1/users')).status).toBe(401);
  });
});
