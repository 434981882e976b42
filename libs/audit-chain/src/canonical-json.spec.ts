import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { canonicalJson, digestOf, sha256Hex } from './index';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units, not by insertion or numeric order', () => {
    // Integer-like keys enumerate first in JS; code-unit order puts "10" before "9".
    expect(canonicalJson({ b: 1, a: 2, B: 3, _: 4, '10': 5, '9': 6 })).toBe('{"10":5,"9":6,"B":3,"_":4,"a":2,"b":1}');
  });

  it('orders astral-plane keys by code unit (JCS), unlike code-point order', () => {
    // U+1F600 is \uD83D\uDE00 in UTF-16, which sorts before U+FB01.
    expect(canonicalJson({ '\uFB01': 1, '\u{1F600}': 2 })).toBe('{"\u{1F600}":2,"\uFB01":1}');
  });

  it('sorts nested objects at every level, keeps array order, emits no whitespace', () => {
    const v = { z: [3, 1, { y: true, x: null }], a: { d: 'D', c: { f: [], e: {} } } };
    expect(canonicalJson(v)).toBe('{"a":{"c":{"e":{},"f":[]},"d":"D"},"z":[3,1,{"x":null,"y":true}]}');
  });

  it('gives the same text for the same value built in a different order', () => {
    const a = { tender: { id: 't', lots: [{ n: 1, price: '10.50' }] }, buyer: 'b' };
    const b = { buyer: 'b', tender: { lots: [{ price: '10.50', n: 1 }], id: 't' } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('escapes strings exactly as JSON.stringify does, non-ASCII raw', () => {
    const s = '"\\\b\f\n\r\t\u0000\u001f\u007f é € \u{1F600} \u2028';
    const out = canonicalJson(s);
    expect(out).toBe(String.raw`"\"\\\b\f\n\r\t\u0000\u001f` + '\u007f é € \u{1F600} \u2028"');
    expect(out).toBe(JSON.stringify(s));
  });

  it('rejects lone surrogates in values and keys (no UTF-8 form)', () => {
    expect(() => canonicalJson({ a: ['ok', 'x\uD800'] })).toThrow(/\$\.a\[1\]: string with a lone UTF-16 surrogate/);
    expect(() => canonicalJson({ ['\uDC00']: 1 })).toThrow(TypeError);
    expect(() => canonicalJson('\uDE00\uD83D')).toThrow(TypeError); // reversed pair
    expect(canonicalJson('\uD83D\uDE00')).toBe('"\u{1F600}"');
  });

  it('drops undefined object members but rejects undefined elsewhere', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson([1, undefined])).toThrow(/\$\[1\]: undefined/);
    expect(() => canonicalJson(undefined)).toThrow(/^canonicalJson: \$: undefined$/);
  });

  it('accepts safe integers, prints -0 as 0', () => {
    expect(canonicalJson([0, -0, -7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])).toBe('[0,0,-7,9007199254740991,-9007199254740991]');
  });

  it('rejects floats, naming the path', () => {
    const v = { bids: [{ price: '1.00' }, { price: '2.00' }, { price: 12.5 }] };
    expect(() => canonicalJson(v)).toThrow(TypeError);
    expect(() => canonicalJson(v)).toThrow('$.bids[2].price');
    expect(() => canonicalJson({ a: { 'odd key': [0.1] } })).toThrow('$.a["odd key"][0]');
    expect(() => canonicalJson(1e21)).toThrow(/\$: number 1e\+21 is not a safe integer/);
    expect(() => canonicalJson({ n: Number.MAX_SAFE_INTEGER + 1 })).toThrow('$.n');
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p', (n) => {
    expect(() => canonicalJson({ x: [n] })).toThrow(/\$\.x\[0\]: non-finite number/);
  });

  it('rejects bigint, functions, symbols and symbol keys, naming the path', () => {
    expect(() => canonicalJson({ seq: 1n })).toThrow(/\$\.seq: bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/\$\.f: function/);
    expect(() => canonicalJson([Symbol('s')])).toThrow(/\$\[0\]: symbol/);
    expect(() => canonicalJson({ [Symbol('k')]: 1 })).toThrow(/\$: symbol key/);
  });

  it('turns Dates into toISOString() and rejects invalid ones', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)) })).toBe('{"at":"2025-01-02T03:04:05.006Z"}');
    expect(() => canonicalJson({ at: new Date('nope') })).toThrow(/\$\.at: invalid Date/);
  });

  it('rejects non-plain objects instead of trusting toJSON', () => {
    class Bid {
      price = '1';
    }
    for (const v of [new Map(), new Set(), Buffer.from('x'), new Bid(), new String('x'), new Decimal('1.5')]) {
      expect(() => canonicalJson({ v })).toThrow(/\$\.v: non-plain object/);
    }
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('classifies objects from another realm like local ones', () => {
    const foreign = runInNewContext('({ b: [new Date(0)], a: Object.create(null), m: 1 })') as Record<string, unknown>;
    expect(canonicalJson(foreign)).toBe('{"a":{},"b":["1970-01-01T00:00:00.000Z"],"m":1}');
    expect(() => canonicalJson(runInNewContext('({ m: new Map() })'))).toThrow(/\$\.m: non-plain object/);
    expect(canonicalJson(structuredClone({ x: { y: [1] } }))).toBe('{"x":{"y":[1]}}');
  });

  it('rejects cycles and sparse arrays but allows shared references', () => {
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = { back: cyc };
    expect(() => canonicalJson(cyc)).toThrow(/\$\.self\.back: cycle/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow(/\$\[1\]: hole in sparse array/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  // JSON values the canonical form is defined on: integer numbers only.
  const jsonValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string({ unit: 'binary' }),
      fc.maxSafeInteger(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value')),
      fc.dictionary(fc.string({ unit: 'binary' }), tie('value')),
    ),
  })).value;

  it('round-trips through JSON.parse and is idempotent (property)', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sha256Hex / digestOf', () => {
  it('matches the FIPS 180-2 test vectors and hashes strings as UTF-8', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abc'))).toBe(sha256Hex('abc'));
    expect(sha256Hex('é')).toBe(sha256Hex(Buffer.from([0xc3, 0xa9])));
  });

  it('digestOf hashes the canonical text, so member order does not matter', () => {
    expect(digestOf({ b: '2', a: 1 })).toBe(sha256Hex('{"a":1,"b":"2"}'));
    expect(digestOf({ a: 1, b: '2' })).toBe(digestOf({ b: '2', a: 1 }));
    expect(() => digestOf({ price: 1.5 })).toThrow('$.price');
  });
});
