import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { CHECKPOINT_FORMAT, checkCheckpoint, checkpointSigningText, compareWithCheckpoint, publicKeyId, signCheckpoint } from './index';

// RFC 8032 §7.1 TEST 1 secret key, as PKCS#8 DER (base64).
const PRIVATE = createPrivateKey({
  key: Buffer.from('MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g', 'base64'),
  format: 'der',
  type: 'pkcs8',
});
const PUBLIC = createPublicKey(PRIVATE);
const HEAD = { count: 42, headSeq: '42', headHash: '9af8e936d60de415dd8b24b0d36f705ed400dcc2480fe5d276510b93f2baa267', at: '2025-03-14T09:30:00.000Z' };

describe('checkpoint golden vector (computed independently with Python cryptography 48 over the literal text)', () => {
  const KEY_ID = '06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9';
  const TEXT =
    '{"at":"2025-03-14T09:30:00.000Z","count":42,"format":"tender-evaluation/audit-checkpoint/1","headHash":"9af8e936d60de415dd8b24b0d36f705ed400dcc2480fe5d276510b93f2baa267","headSeq":"42","keyId":"06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9"}';
  const SIGNATURE = '9/RPT0udaZFa9kKfXIFBriipONqRu85L4Q3COpn0xx+yvq3HJhWSEmtBttrqy4s9RV4m9+ugmFaaMB+yjXJuCg==';

  it('is the RFC 8032 key (its public key and the empty-message signature match TEST 1)', () => {
    expect(PUBLIC.export({ format: 'jwk' }).x).toBe(
      Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64url'),
    );
    expect(sign(null, Buffer.alloc(0), PRIVATE).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('pins keyId, the signed text and the signature', () => {
    expect(publicKeyId(PUBLIC)).toBe(KEY_ID);
    expect(publicKeyId(PRIVATE)).toBe(KEY_ID);
    const cp = signCheckpoint(HEAD, PRIVATE);
    expect(cp).toEqual({ format: CHECKPOINT_FORMAT, ...HEAD, keyId: KEY_ID, signature: SIGNATURE });
    expect(checkpointSigningText(cp)).toBe(TEXT);
    expect(checkCheckpoint(cp, PUBLIC)).toEqual([]);
  });
});

describe('checkCheckpoint', () => {
  const good = signCheckpoint(HEAD, PRIVATE);

  it.each([
    ['count', { count: 41 }],
    ['headSeq', { headSeq: '41' }],
    ['headHash', { headHash: '0'.repeat(64) }],
    ['at', { at: '2025-03-14T09:30:00.001Z' }],
  ])('refuses a checkpoint whose %s was changed after signing (signature)', (_f, patch) => {
    expect(checkCheckpoint({ ...good, ...patch }, PUBLIC)).toEqual([
      { field: 'signature', message: 'does not match the checkpoint: it was altered or forged' },
    ]);
  });

  it('refuses a checkpoint signed by another key, even when self-consistent', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = signCheckpoint({ ...HEAD, count: 10, headSeq: '10' }, other);
    expect(checkCheckpoint(forged, PUBLIC)).toEqual([{ field: 'keyId', message: 'signed by another key than this service’s checkpoint key' }]);
    // Claiming our keyId does not help: the signature then fails.
    expect(checkCheckpoint({ ...forged, keyId: good.keyId }, PUBLIC)).toEqual([
      { field: 'signature', message: 'does not match the checkpoint: it was altered or forged' },
    ]);
  });

  it('names malformed members instead of throwing', () => {
    expect(checkCheckpoint(null, PUBLIC)).toEqual([{ field: 'checkpoint', message: 'must be an object' }]);
    expect(checkCheckpoint([], PUBLIC)).toEqual([{ field: 'checkpoint', message: 'must be an object' }]);
    const fields = (x: unknown) => checkCheckpoint(x, PUBLIC).map((p) => p.field);
    expect(fields({ ...good, format: 'x' })).toEqual(['format']);
    expect(fields({ ...good, count: 1.5 })).toEqual(['count']);
    expect(fields({ ...good, headSeq: 42 })).toEqual(['headSeq']);
    expect(fields({ ...good, headHash: 'ABC' })).toEqual(['headHash']);
    expect(fields({ ...good, at: '2025-03-14T09:30:00Z' })).toEqual(['at']);
    expect(fields({ ...good, keyId: 7 })).toEqual(['keyId']);
    expect(fields({ ...good, signature: 'abc' })).toEqual(['signature']);
    expect(fields({ ...good, signature: undefined })).toEqual(['signature']);
  });

  it('signCheckpoint refuses a wrong key type and a malformed head', () => {
    expect(() => signCheckpoint(HEAD, PUBLIC)).toThrow(TypeError);
    expect(() => signCheckpoint(HEAD, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519/);
    expect(() => signCheckpoint({ ...HEAD, headSeq: '042' }, PRIVATE)).toThrow(/headSeq/);
    expect(() => signCheckpoint({ ...HEAD, count: -1 }, PRIVATE)).toThrow(/count/);
  });
});

describe('compareWithCheckpoint', () => {
  const cp = { count: 5, headSeq: '5', headHash: 'a'.repeat(64) };

  it('holds when the chain still has the head and grew after it', () => {
    expect(compareWithCheckpoint(cp, { count: 5, headSeq: '5' }, 'a'.repeat(64))).toEqual({ holds: true });
    expect(compareWithCheckpoint(cp, { count: 9, headSeq: '9' }, 'a'.repeat(64))).toEqual({ holds: true });
    expect(compareWithCheckpoint({ count: 0, headSeq: '0', headHash: '0'.repeat(64) }, { count: 0, headSeq: '0' }, null)).toEqual({ holds: true });
  });

  it('detects the deletion of the newest events', () => {
    expect(compareWithCheckpoint(cp, { count: 4, headSeq: '4' }, null)).toEqual({
      holds: false,
      firstBrokenSeq: '5',
      reason: 'the chain now ends at seq 4 (4 events) but the checkpoint saw seq 5 (5 events): events were deleted',
    });
  });

  it('detects a rewrite (same length, other hash) and deletion followed by new appends', () => {
    expect(compareWithCheckpoint(cp, { count: 5, headSeq: '5' }, 'b'.repeat(64))).toEqual({
      holds: false,
      firstBrokenSeq: '5',
      reason: "the event at seq 5 no longer has the checkpoint's hash: the chain was rewritten",
    });
    // Cut to 3 and appended 4 fresh events: long enough again, but seq 5 is another event.
    expect(compareWithCheckpoint(cp, { count: 7, headSeq: '7' }, 'c'.repeat(64)).holds).toBe(false);
  });
});
