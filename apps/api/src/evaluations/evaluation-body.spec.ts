import { canonicalJson, digestOf } from '@app/audit-chain';
import { bid, input, node } from '../../../../libs/evaluation/src/testing/builders';
import { evaluate } from '../../../../libs/evaluation/src/evaluate';
import { jsonbOrdered, jsonTextOf, withJsonText } from './evaluation-body';
import { snapshotDigests, snapshotDocument, snapshotTexts } from './snapshot';

describe('jsonbOrdered', () => {
  it("orders keys as PostgreSQL's jsonb does: shorter first, then by bytes", () => {
    const v = jsonbOrdered({ bb: 1, a: 2, ab: 3, c: { zz: 1, y: [{ b: 1, a: 2 }] }, B: 4 });
    expect(JSON.stringify(v)).toBe('{"B":4,"a":2,"c":{"y":[{"a":2,"b":1}],"zz":1},"ab":3,"bb":1}');
  });

  it('measures and compares non-ASCII keys in UTF-8 bytes', () => {
    // "é" is 2 bytes: longer than "z"; "Ā" (C4 80) sorts after "é" (C3 A9) by bytes.
    expect(Object.keys(jsonbOrdered({ é: 1, z: 2, Ā: 3, aa: 4 }))).toEqual(['z', 'aa', 'é', 'Ā']);
  });

  it('drops undefined members, keeps null, keeps a "__proto__" key as data', () => {
    const v = jsonbOrdered(JSON.parse('{"x":null,"__proto__":{"p":1}}') as Record<string, unknown>);
    expect(JSON.stringify(jsonbOrdered({ a: undefined, b: null }))).toBe('{"b":null}');
    expect(JSON.stringify(v)).toBe('{"x":null,"__proto__":{"p":1}}');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});

describe('snapshotTexts', () => {
  it('serialises inputs and result once and gives the digests of the whole canonical snapshot', () => {
    const inputs = input({ bids: [bid('b1', '100000'), bid('b2', '120000', { supplyChain: node('Beta AG', { country: 'BD' }) })] });
    const result = evaluate(inputs);
    const s = { methodVersion: result.methodVersion, riskModelVersion: 3, datasetVersions: { TIP_TIERS: { id: 'x', version: 1 } }, inputs, result };
    const t = snapshotTexts(s);
    expect(t.inputs).toBe(canonicalJson(inputs));
    expect(t.result).toBe(canonicalJson(result));
    expect({ inputsDigest: t.inputsDigest, digest: t.digest }).toEqual(snapshotDigests(s));
    expect(t.digest).toBe(digestOf(snapshotDocument(s)));
  });
});

describe('withJsonText', () => {
  it('remembers the text of that object only', () => {
    const o = withJsonText({ a: 1 }, '{"a":1}');
    expect(jsonTextOf(o)).toBe('{"a":1}');
    expect(jsonTextOf({ a: 1 })).toBeUndefined();
    expect(jsonTextOf('text')).toBeUndefined();
  });
});
