import { createHmac } from 'node:crypto';
import { bidBody, nodeBody, publishTender, tenderBody } from './support/builders';
import { APP_CONFIG, type AppConfig } from '../apps/api/src/config/app-config';
import { actor, twoBuyerSuite } from './support/test-app';

/**
 * The hot reads (@CallerInRead: GET a tender, its bid list, one bid) read the
 * caller's row in their own statement: every answer the guard gave on its own
 * statement stays — revoked and deactivated tokens 401 with the guard's text,
 * before any 404; another buyer's 404; a role without the permission 403.
 */
describe('hot reads check the caller in their own statement', () => {
  const s = twoBuyerSuite();
  let paths: string[];
  let missing: string[];

  beforeAll(async () => {
    const tender = await s.w.officer.api.post('/api/v1/tenders', tenderBody());
    expect(tender.status).toBe(201);
    const tenderId = tender.body.id as string;
    expect((await publishTender(s.t, s.w.officer.api, tenderId)).status).toBe(200);
    const bidder = await s.w.officer.api.post('/api/v1/bidders', { name: 'Reader AG', country: 'CH' });
    const bid = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidder.body.id, { supplyChain: nodeBody('Reader AG') }));
    expect(bid.status).toBe(201);
    paths = [`/api/v1/tenders/${tenderId}`, `/api/v1/tenders/${tenderId}/bids`, `/api/v1/tenders/${tenderId}/bids/${bid.body.id}`];
    const none = '00000000-0000-4000-8000-000000000000';
    missing = [`/api/v1/tenders/${none}`, `/api/v1/tenders/${none}/bids`, `/api/v1/tenders/${tenderId}/bids/${none}`];
  });

  it("answers the buyer's officer and auditor, 404 to another buyer, 403 to an ADMIN", async () => {
    for (const p of paths) {
      expect((await s.w.officer.api.get(p)).status).toBe(200);
      expect((await s.w.auditor.api.get(p)).status).toBe(200);
      expect((await s.other.officer.api.get(p)).status).toBe(404);
      const admin = await s.w.admin.api.get(p);
      expect(admin.status).toBe(403);
      expect(admin.body.code).toBe('FORBIDDEN');
    }
    for (const p of missing) expect((await s.w.officer.api.get(p)).status).toBe(404);
  });

  it('a password change revokes the earlier token on these reads at once (401 "revoked", also where the target is missing)', async () => {
    const officer = await actor(s.t, 'OFFICER', s.w.buyerId);
    for (const p of paths) expect((await officer.api.get(p)).status).toBe(200);
    const changed = await officer.api.post('/api/v1/users/me/password', { currentPassword: officer.password, newPassword: 'violet staple gondola 42' });
    expect(changed.status).toBe(200);
    for (const p of [...paths, ...missing]) {
      const denied = await officer.api.get(p);
      expect(denied.status).toBe(401);
      expect(denied.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'This token was revoked (password changed or account deactivated); log in again' });
    }
    for (const p of paths) expect((await s.t.api.as(changed.body.accessToken).get(p)).status).toBe(200);
  });

  it('a deactivated account stops at once on these reads (401 "not active")', async () => {
    const officer = await actor(s.t, 'OFFICER', s.w.buyerId);
    expect((await s.w.admin.api.post(`/api/v1/users/${officer.id}/deactivate`)).status).toBe(200);
    for (const p of [...paths, ...missing]) {
      const denied = await officer.api.get(p);
      expect(denied.status).toBe(401);
      expect(denied.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'The account behind this token is not active' });
    }
  });

  it('a well-signed token of no account, or naming another buyer than its account, is refused', async () => {
    const secret = s.t.app.get<AppConfig>(APP_CONFIG).jwtSecret;
    const sign = (claims: Record<string, unknown>) => {
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 })}`;
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    };
    const ghost = s.t.api.as(sign({ sub: '00000000-0000-4000-8000-00000000beef', role: 'OFFICER', buyerId: s.w.buyerId, tv: 0 }));
    const elsewhere = s.t.api.as(sign({ sub: s.other.officer.id, role: 'OFFICER', buyerId: s.w.buyerId, tv: 0 }));
    for (const p of paths) {
      expect((await ghost.get(p)).body).toMatchObject({ status: 401, detail: 'The account behind this token is not active' });
      expect((await elsewhere.get(p)).status).toBe(401);
    }
  });
});
