import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config';
import { actor, startTestApp, TestApp, twoBuyerSuite, uniq } from './support/test-app';

const login = (t: TestApp, email: string, password: string) => t.api.post('/api/v1/auth/token', { email, password });

describe('accounts: own password, deactivation, token revocation, password strength', () => {
  const s = twoBuyerSuite();

  describe('POST /api/v1/users/me/password', () => {
    it('needs the current password (422 naming currentPassword), and changes nothing without it', async () => {
      const officer = await actor(s.t, 'OFFICER', s.w.buyerId);
      const res = await officer.api.post('/api/v1/users/me/password', { currentPassword: 'not-my-password', newPassword: 'violet staple gondola 42' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'currentPassword', message: 'The current password is wrong.' }]);
      expect((await login(s.t, officer.email, officer.password)).status).toBe(200);
      expect((await officer.api.get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(200);
      const missing = await officer.api.post('/api/v1/users/me/password', { newPassword: 'violet staple gondola 42' });
      expect(missing.status).toBe(422);
      expect([...new Set(missing.body.errors.map((e: { field: string }) => e.field))]).toEqual(['currentPassword']);
    });

    it('refuses weak new passwords with 422 naming newPassword and the estimator feedback, in en/fr/de/it', async () => {
      const officer = await actor(s.t, 'OFFICER', s.w.buyerId);
      const change = (newPassword: string, lang?: string) =>
        officer.api.post('/api/v1/users/me/password', { currentPassword: officer.password, newPassword }, lang ? { 'accept-language': lang } : {});

      const repeat = await change('aaaaaaaaaaaa');
      expect(repeat.status).toBe(422);
      expect(repeat.body).toMatchObject({
        type: '/problems/validation-failed',
        passwordFeedback: { score: 0, minScore: 3, warning: 'simpleRepeat', suggestions: ['anotherWord', 'repeated'] },
      });
      expect(repeat.body.errors).toEqual([
        {
          field: 'newPassword',
          message:
            'This password is too easy to guess. Repeated characters like "aaa" are easy to guess. Add more words that are less common. Avoid repeated words and characters.',
        },
      ]);
      const fr = await change('aaaaaaaaaaaa', 'fr-CH, de;q=0.8');
      expect(fr.body.errors[0].message).toBe(
        'Ce mot de passe est trop facile à deviner. Les caractères répétés comme « aaa » sont faciles à deviner. Ajoutez d’autres mots, moins courants. Évitez les mots et caractères répétés.',
      );
      const de = await change('aaaaaaaaaaaa', 'it;q=0.5, de-CH');
      expect(de.body.errors[0].message).toMatch(/^Dieses Passwort ist zu leicht zu erraten\. Wiederholte Zeichen wie „aaa“/);
      const it = await change('aaaaaaaaaaaa', 'it');
      expect(it.body.errors[0].message).toMatch(/^Questa password è troppo facile da indovinare\. I caratteri ripetuti come «aaa»/);

      const digits = await change('123456789012');
      expect(digits.status).toBe(422);
      expect(digits.body.passwordFeedback).toMatchObject({ warning: 'common' });
      expect(digits.body.errors[0]).toEqual({
        field: 'newPassword',
        message: 'This password is too easy to guess. This is a commonly used password. Add more words that are less common.',
      });

      const ownEmail = await change(officer.email);
      expect(ownEmail.status).toBe(422);
      expect(ownEmail.body.passwordFeedback).toMatchObject({ warning: 'userInputs' });
      expect(ownEmail.body.errors[0].field).toBe('newPassword');

      const same = await change(officer.password);
      expect(same.status).toBe(422);
      expect(same.body.errors).toEqual([{ field: 'newPassword', message: 'The new password must differ from the current one.' }]);

      // None of these changed anything.
      expect((await login(s.t, officer.email, officer.password)).status).toBe(200);
      expect(await s.t.prisma.auditEvent.count({ where: { action: 'user.password_changed', objectId: officer.id } })).toBe(0);
    });

    it('changes the password, revokes every earlier token at once, returns a fresh one and records it in the audit trail', async () => {
      const officer = await actor(s.t, 'OFFICER', s.w.buyerId);
      const second = await login(s.t, officer.email, officer.password);
      const newPassword = `saffron ${uniq()} lantern`;
      const res = await officer.api.post('/api/v1/users/me/password', { currentPassword: officer.password, newPassword });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

      for (const old of [officer.api, s.t.api.as(second.body.accessToken)]) {
        const denied = await old.get(`/api/v1/buyers/${s.w.buyerId}`);
        expect(denied.status).toBe(401);
        expect(denied.body.detail).toMatch(/revoked/);
      }
      expect((await s.t.api.as(res.body.accessToken).get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(200);
      expect((await login(s.t, officer.email, officer.password)).status).toBe(401);
      expect((await login(s.t, officer.email, newPassword)).status).toBe(200);

      const events = await s.t.prisma.auditEvent.findMany({ where: { action: 'user.password_changed', objectId: officer.id } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: officer.id, buyerId: s.w.buyerId, payload: { tokensRevoked: true } });
      expect(JSON.stringify(events[0].payload)).not.toContain(newPassword);
      expect((await s.w.auditor.api.get('/api/v1/audit-events/verify')).body.valid).toBe(true);
    });
  });

  describe('POST /api/v1/users (creation) judges the password too', () => {
    it.each([
      ['aaaaaaaaaaaa', 'simpleRepeat'],
      ['123456789012', 'common'],
      ['EMAIL', 'userInputs'],
    ])('refuses %s with 422 naming password', async (password, warning) => {
      const email = `new-${uniq()}@test.example`;
      const res = await s.w.admin.api.post('/api/v1/users', {
        email,
        password: password === 'EMAIL' ? email : password,
        role: 'OFFICER',
        buyerId: s.w.buyerId,
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/^This password is too easy to guess\./) }]);
      expect(res.body.passwordFeedback.warning).toBe(warning);
      expect(await s.t.prisma.user.count({ where: { email } })).toBe(0);
    });

    it('refuses a weak ADMIN_PASSWORD at start, naming the variable', () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tender-accounts-config-'));
      for (const password of ['aaaaaaaaaaaa', '123456789012', 'first.admin@example.org']) {
        const run = () => loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: 'first.admin@example.org', ADMIN_PASSWORD: password, DATA_DIR: dataDir });
        expect(run).toThrow(ConfigError);
        expect(run).toThrow(/ADMIN_PASSWORD is too easy to guess/);
      }
      expect(
        loadConfig({
          NODE_ENV: 'test',
          ADMIN_EMAIL: 'first.admin@example.org',
          ADMIN_PASSWORD: 'a long first password',
          DATA_DIR: dataDir,
        }).adminPassword,
      ).toBe('a long first password');
      rmSync(dataDir, { recursive: true, force: true });
    });
  });

  describe('deactivate and reactivate (ADMIN)', () => {
    it('a deactivated user cannot log in and its tokens stop at once; reactivation lets it log in again, old tokens stay revoked', async () => {
      const officer = await actor(s.t, 'OFFICER', s.w.buyerId);
      expect((await officer.api.get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(200);

      const off = await s.w.admin.api.post(`/api/v1/users/${officer.id}/deactivate`);
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ id: officer.id, active: false, email: officer.email, role: 'OFFICER' });
      expect((await officer.api.get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(401);
      const refused = await login(s.t, officer.email, officer.password);
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toBe('Unknown e-mail or wrong password');
      expect((await s.w.admin.api.post(`/api/v1/users/${officer.id}/deactivate`)).body).toMatchObject({ status: 409, reason: 'ALREADY_INACTIVE' });

      const on = await s.w.admin.api.post(`/api/v1/users/${officer.id}/reactivate`);
      expect(on.status).toBe(200);
      expect(on.body.active).toBe(true);
      expect((await officer.api.get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(401);
      const again = await login(s.t, officer.email, officer.password);
      expect(again.status).toBe(200);
      expect((await s.t.api.as(again.body.accessToken).get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(200);
      expect((await s.w.admin.api.post(`/api/v1/users/${officer.id}/reactivate`)).body).toMatchObject({ status: 409, reason: 'ALREADY_ACTIVE' });

      const events = await s.t.prisma.auditEvent.findMany({
        where: { objectId: officer.id, action: { in: ['user.deactivated', 'user.reactivated'] } },
        orderBy: { seq: 'asc' },
      });
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ['user.deactivated', s.w.admin.id],
        ['user.reactivated', s.w.admin.id],
      ]);
    });

    it('only ADMIN may; not oneself; unknown ids are 404', async () => {
      expect((await s.w.officer.api.post(`/api/v1/users/${s.w.officer2.id}/deactivate`)).status).toBe(403);
      expect((await s.w.auditor.api.post(`/api/v1/users/${s.w.officer2.id}/reactivate`)).status).toBe(403);
      expect((await s.w.admin.api.post(`/api/v1/users/${s.w.admin.id}/deactivate`)).body).toMatchObject({ status: 409, reason: 'SELF_DEACTIVATION' });
      expect((await s.w.admin.api.post('/api/v1/users/00000000-0000-4000-8000-000000000000/deactivate')).status).toBe(404);
      expect((await s.w.admin.api.post('/api/v1/users/not-a-uuid/reactivate')).status).toBe(404);
      expect((await s.w.officer2.api.get(`/api/v1/buyers/${s.w.buyerId}`)).status).toBe(200);
    });

    it('an ADMIN may deactivate another ADMIN, whose token stops at once', async () => {
      const other = await actor(s.t, 'ADMIN');
      expect((await s.w.admin.api.post(`/api/v1/users/${other.id}/deactivate`)).status).toBe(200);
      expect((await other.api.get('/api/v1/users')).status).toBe(401);
    });
  });
});

describe('login limits per client address across e-mails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_LIMIT_PER_ADDRESS: '6', LOGIN_RATE_WINDOW: '60' });
  });
  afterAll(() => t.close());

  it('caps attempts from one address over many e-mails (429 after LOGIN_RATE_LIMIT_PER_ADDRESS), besides the per-e-mail limit', async () => {
    const statuses: number[] = [];
    // A different e-mail each time: the per-e-mail limit (3) never trips, the per-address one (6) does.
    for (let i = 0; i < 8; i++) statuses.push((await login(t, `spray-${i}-${uniq()}@test.example`, 'guess-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const limited = await login(t, `spray-last-${uniq()}@test.example`, 'x');
    expect(limited.body).toMatchObject({ status: 429, type: '/problems/rate-limited' });
  });
});
