import { createHmac, createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { verifyHs256 } from './hs256';

const key = createSecretKey(Buffer.from('s'.repeat(32), 'utf8'));
const jwt = new JwtService({ secret: key });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token signed by hand: jsonwebtoken's sign refuses some payloads its verify must still refuse. */
const handSigned = (header: unknown, payload: unknown) => {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
};

/** What jsonwebtoken (through @nestjs/jwt, as the guard used it) says of a token: its payload or null. */
async function reference(token: string): Promise<Record<string, unknown> | null> {
  try {
    return (await jwt.verifyAsync(token, { algorithms: ['HS256'] })) as Record<string, unknown>;
  } catch {
    return null;
  }
}

describe('verifyHs256 agrees with jsonwebtoken', () => {
  const now = Date.now();
  const sec = Math.floor(now / 1000);
  const signed = (payload: Record<string, unknown>) => jwt.sign(payload, { algorithm: 'HS256' });
  const good = signed({ sub: 'u', role: 'OFFICER', tv: 2, exp: sec + 60 });
  const [h, p, s] = good.split('.');
  const otherKey = new JwtService({ secret: createSecretKey(Buffer.from('t'.repeat(32), 'utf8')) }).sign({ sub: 'u', exp: sec + 60 });
  const cases: [string, string][] = [
    ['valid', good],
    ['no exp', signed({ sub: 'u' })],
    ['expired', signed({ sub: 'u', exp: sec - 1 })],
    ['expires now', signed({ sub: 'u', exp: sec })],
    ['not yet valid', signed({ sub: 'u', nbf: sec + 30 })],
    ['nbf now', signed({ sub: 'u', nbf: sec })],
    ['exp not a number', handSigned({ alg: 'HS256', typ: 'JWT' }, { sub: 'u', exp: String(sec + 60) })],
    ['nbf not a number', handSigned({ alg: 'HS256', typ: 'JWT' }, { sub: 'u', nbf: 'soon' })],
    ['hand-signed, valid', handSigned({ alg: 'HS256' }, { sub: 'u', exp: sec + 60 })],
    ['hand-signed HS512 header', handSigned({ alg: 'HS512' }, { sub: 'u' })],
    ['other key', otherKey],
    ['payload changed', `${h}.${b64({ sub: 'admin', role: 'ADMIN', exp: sec + 60 })}.${s}`],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`],
    ['alg HS512 header', `${b64({ alg: 'HS512', typ: 'JWT' })}.${p}.${s}`],
    ['signature cut', `${h}.${p}.${s.slice(0, -2)}`],
    ['signature padded', `${h}.${p}.${s}=`],
    ['four parts', `${good}.x`],
    ['two parts', `${h}.${p}`],
    ['garbage', 'not-a-token'],
  ];
  it.each(cases)('%s', async (_name, token) => {
    const want = await reference(token);
    expect(verifyHs256(token, key, now)).toEqual(want);
  });

  it('accepts the valid token and refuses the tampered ones', () => {
    expect(verifyHs256(good, key, now)).toMatchObject({ sub: 'u', tv: 2 });
    expect(verifyHs256(`${h}.${b64({ sub: 'admin', exp: sec + 60 })}.${s}`, key, now)).toBeNull();
    // jsonwebtoken returns an array payload (the guard then refused it for its missing sub); refused here already.
    expect(verifyHs256(handSigned({ alg: 'HS256' }, [1, 2]), key, now)).toBeNull();
  });
});
