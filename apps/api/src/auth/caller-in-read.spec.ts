import { callerUnconfirmed, confirmCaller, pendingCaller, provisionalCaller, refuseUnconfirmedCaller } from './caller-in-read';

const USER = '0b6f4a4e-3a55-4b8e-9a55-0d7a1b2c3d4e';
const BUYER = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const row = (over: Record<string, unknown> = {}) =>
  ({ id: USER, email: 'o@example.org', role: 'OFFICER', buyerId: BUYER, active: true, tokenVersion: 2, ...over }) as any;

function replyStub(statusCode: number) {
  const sent: { status: number; headers: Record<string, string> } = { status: statusCode, headers: {} };
  return {
    sent,
    reply: {
      statusCode,
      code(s: number) {
        sent.status = s;
        return this;
      },
      header(n: string, v: string) {
        sent.headers[n] = v;
        return this;
      },
    },
  };
}

describe('@CallerInRead: the provisional caller and its confirmation', () => {
  const provisional = () => provisionalCaller({ sub: USER, role: 'OFFICER', buyerId: BUYER, tokenVersion: 2 }, 'req-1');

  it('asks the read for the caller row and is unconfirmed until the row passes the guard’s checks', () => {
    const auth = provisional();
    expect(pendingCaller(auth)).toBe(USER);
    expect(callerUnconfirmed(auth)).toBe(true);
    const actor = confirmCaller(auth, row());
    expect(actor).toEqual({ userId: USER, email: 'o@example.org', role: 'OFFICER', buyerId: BUYER, requestId: 'req-1' });
    expect(callerUnconfirmed(auth)).toBe(false);
  });

  it.each([
    ['no row', null, /not active/],
    ['an inactive account', row({ active: false }), /not active/],
    ['a newer token version', row({ tokenVersion: 3 }), /revoked/],
    ['another role on the row', row({ role: 'AUDITOR' }), /revoked/],
    ['another buyer on the row', row({ buyerId: '11111111-2222-4333-8444-555555555555' }), /revoked/],
  ])('refuses %s with the guard’s 401 and stays unconfirmed', (_what, user, message) => {
    const auth = provisional();
    expect(() => confirmCaller(auth, user)).toThrow(message);
    expect(callerUnconfirmed(auth)).toBe(true);
  });

  it('a caller the guard read itself needs no confirmation', () => {
    const full = { userId: USER, email: 'o@example.org', role: 'OFFICER' as const, buyerId: BUYER, requestId: 'r' };
    expect(pendingCaller(full)).toBeNull();
    expect(callerUnconfirmed(full)).toBe(false);
    expect(callerUnconfirmed(undefined)).toBe(false);
  });
});

describe('refuseUnconfirmedCaller (fails closed)', () => {
  const req = (auth: any) => ({ auth, id: 'req-9', method: 'GET', url: '/api/v1/tenders/x' });

  it('replaces a success answer on an unconfirmed caller by the 401 problem, and logs the defect', () => {
    const auth = provisionalCaller({ sub: USER, role: 'OFFICER', buyerId: BUYER, tokenVersion: 2 }, 'req-9');
    const { reply, sent } = replyStub(200);
    const logged: string[] = [];
    const out = refuseUnconfirmedCaller(req(auth), reply, '{"secret":"tender data"}', (m) => logged.push(m));
    expect(sent.status).toBe(401);
    expect(sent.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(String(out))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', requestId: 'req-9' });
    expect(String(out)).not.toContain('tender data');
    expect(logged).toHaveLength(1);
  });

  it('lets confirmed callers, full-path callers and error answers through untouched', () => {
    const confirmed = provisionalCaller({ sub: USER, role: 'OFFICER', buyerId: BUYER, tokenVersion: 2 }, 'r');
    confirmCaller(confirmed, row());
    const unconfirmed = provisionalCaller({ sub: USER, role: 'OFFICER', buyerId: BUYER, tokenVersion: 2 }, 'r');
    const cases: [any, number][] = [
      [confirmed, 200],
      [{ userId: USER, role: 'OFFICER', buyerId: BUYER }, 200],
      [undefined, 200],
      [unconfirmed, 404],
    ];
    for (const [auth, status] of cases) {
      const { reply, sent } = replyStub(status);
      const log = jest.fn();
      expect(refuseUnconfirmedCaller(req(auth), reply, 'payload', log)).toBe('payload');
      expect(sent.status).toBe(status);
      expect(log).not.toHaveBeenCalled();
    }
  });
});
