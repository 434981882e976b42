/**
 * Canonical JSON in the spirit of RFC 8785 (JCS), restricted to values that
 * survive a round trip through PostgreSQL `jsonb` and every JSON parser
 * unchanged. Evaluation digests and audit hashes are computed over this text,
 * so the same value must give the same bytes in any Node version and in an
 * auditor's re-implementation in another language.
 *
 * Output rules:
 * - objects: own enumerable string keys sorted by UTF-16 code units (JCS
 *   §3.2.3), members whose value is `undefined` dropped, no whitespace;
 * - arrays: order kept;
 * - strings: escaped exactly as `JSON.stringify` does (ES2019 "well-formed
 *   JSON.stringify": `\"`, `\\`, `\b \f \n \r \t`, other controls as
 *   lowercase `\u00xx`, everything else raw UTF-8);
 * - numbers: safe integers only (|n| <= 2^53 - 1), printed in decimal; -0
 *   prints as `0`;
 * - `true`, `false`, `null` as such; `Date` becomes its `toISOString()`.
 *
 * Rejected with a TypeError naming the path (e.g. `$.bids[2].price`):
 * - non-integer or unsafe numbers, NaN, ±Infinity: float formatting differs
 *   between languages and money must already be a decimal string;
 * - bigint: rejected rather than silently turned into a string, so the value
 *   hashed is the value stored (Prisma cannot store a bigint in a Json
 *   column either); convert it with `String(x)` yourself;
 * - functions, symbols, `undefined` in arrays or at the top level;
 * - strings or keys with lone UTF-16 surrogates: they have no UTF-8 form,
 *   so no other implementation could reproduce the bytes;
 * - invalid Dates, cycles, symbol keys, sparse arrays;
 * - objects that are not plain (Map, Set, Buffer, class instances such as
 *   Decimal, boxed primitives): `toJSON` is deliberately not honoured, as its
 *   output is whatever a library version decides.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '$', out, new Set<object>());
  return out.join('');
}

/** True for an unpaired high or low surrogate anywhere in the string. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function fail(path: string, what: string): never {
  throw new TypeError(`canonicalJson: ${path}: ${what}`);
}

function memberPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function writeString(s: string, path: string, out: string[]): void {
  if (LONE_SURROGATE.test(s)) fail(path, 'string with a lone UTF-16 surrogate');
  out.push(JSON.stringify(s));
}

/** Code-unit order, spelled out rather than relying on the default sort. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(value: unknown, path: string, out: string[], ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      writeString(value, path, out);
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(path, `non-finite number ${String(value)}`);
      if (!Number.isSafeInteger(value)) {
        fail(path, `number ${String(value)} is not a safe integer (pass decimals as strings)`);
      }
      out.push(String(value)); // String(-0) === '0'
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      return fail(path, 'bigint (convert to a decimal string first)');
    case 'undefined':
    case 'function':
    case 'symbol':
      fail(path, typeof value);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  const obj = value as object;
  // Tags and prototype shapes rather than instanceof, so objects from another
  // realm (vm contexts, Jest, structuredClone) are classified the same way.
  const tag = Object.prototype.toString.call(obj);
  if (tag === '[object Date]') {
    const t = Date.prototype.getTime.call(obj);
    if (Number.isNaN(t)) fail(path, 'invalid Date');
    out.push(JSON.stringify(Date.prototype.toISOString.call(obj)));
    return;
  }
  if (ancestors.has(obj)) fail(path, 'cycle');
  ancestors.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      const itemPath = `${path}[${i}]`;
      if (!(i in obj)) fail(itemPath, 'hole in sparse array');
      if (i > 0) out.push(',');
      write(obj[i], itemPath, out, ancestors);
    }
    out.push(']');
  } else {
    // Plain: made by a literal, JSON.parse or Object.create(null), i.e. the
    // prototype is null or a realm's Object.prototype (whose prototype is null).
    const proto = Object.getPrototypeOf(obj) as object | null;
    if (tag !== '[object Object]' || (proto !== null && Object.getPrototypeOf(proto) !== null)) {
      const name = (obj as { constructor?: { name?: unknown } }).constructor?.name;
      fail(path, `non-plain object${typeof name === 'string' && name ? ` (${name})` : ''}`);
    }
    if (Object.getOwnPropertySymbols(obj).some((s) => Object.prototype.propertyIsEnumerable.call(obj, s))) {
      fail(path, 'symbol key');
    }
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort(compareCodeUnits);
    out.push('{');
    let first = true;
    for (const key of keys) {
      const v = record[key];
      if (v === undefined) continue; // as JSON.stringify: an absent member
      const p = memberPath(path, key);
      if (!first) out.push(',');
      first = false;
      writeString(key, p, out);
      out.push(':');
      write(v, p, out, ancestors);
    }
    out.push('}');
  }
  ancestors.delete(obj);
}
