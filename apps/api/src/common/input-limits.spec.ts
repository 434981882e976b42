import fc from 'fast-check';
import { ConfigError, loadConfig } from '../config/app-config';
import { exceedsDepth, jsonValueErrors, parseJsonBody, stringProblem } from './input-limits';
import { DomainError } from './problem';

const limits = { maxJsonDepth: 64, maxSupplyChainNodes: 500 };

/** The depth of a parsed JSON value, computed independently (recursion is fine on test data). */
const depthOf = (v: unknown): number =>
  Array.isArray(v) ? 1 + Math.max(0, ...v.map(depthOf)) : v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;

describe('input limits (pure)', () => {
  it('measures depth on the raw text as a parse would, whatever brackets, quotes and escapes strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(exceedsDepth(text, limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    expect(exceedsDepth('{"a":"[[[[\\"{{{{"}', 1)).toBe(false);
    expect(exceedsDepth('['.repeat(65) + ']'.repeat(65), 64)).toBe(true);
    expect(exceedsDepth('['.repeat(64) + ']'.repeat(64), 64)).toBe(false);
  });

  it('names NUL and unpaired surrogates, accepts valid pairs', () => {
    expect(stringProblem('a\u0000b')).toMatch(/NUL/);
    expect(stringProblem('a\ud800b')).toMatch(/unpaired/);
    expect(stringProblem('\udc00')).toMatch(/unpaired/);
    expect(stringProblem('end\ud83d')).toMatch(/unpaired/);
    expect(stringProblem('🧵 𝔘 Zürich')).toBeNull();
    expect(stringProblem('')).toBeNull();
  });

  it('names the path of each bad string, key or __proto__', () => {
    const v = JSON.parse('{"a":[{"b":"x\\u0000"}],"c\\ud800":1,"__proto__":{}}');
    expect(
      jsonValueErrors(v, limits)
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['__proto__', 'a[0].b', 'c\ud800']);
  });

  it('counts supply-chain nodes: the supplyChain object and every object in a subcontractors array, at any depth', () => {
    const node = (subs: unknown[]) => ({ name: 'n', declarations: { x: true }, evidence: [{ kind: 'A' }], subcontractors: subs });
    const body = { supplyChain: node([node([]), node([node([]), node([])])]) };
    expect(jsonValueErrors(body, limits).nodes).toBe(5);
    expect(jsonValueErrors({ other: node([node([])]) }, limits).nodes).toBe(1);
  });

  it('refuses above the node limit with 413 naming the limit', () => {
    const body = JSON.stringify({ supplyChain: { subcontractors: Array.from({ length: 500 }, () => ({})) } });
    let error: unknown;
    try {
      parseJsonBody(body, limits);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PAYLOAD_TOO_LARGE');
    expect((error as DomainError).errors).toEqual([{ field: 'supplyChain', message: 'at most 500 nodes (got 501)' }]);
    expect(parseJsonBody(JSON.stringify({ supplyChain: { subcontractors: Array.from({ length: 499 }, () => ({})) } }), limits)).toBeDefined();
  });

  it('MAX_JSON_DEPTH and MAX_SUPPLY_CHAIN_NODES are validated configuration keys with defaults 64 and 500', () => {
    const env = { DATABASE_URL: 'postgresql://x/y', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(env)).toMatchObject({ maxJsonDepth: 64, maxSupplyChainNodes: 500 });
    expect(loadConfig({ ...env, MAX_JSON_DEPTH: '100', MAX_SUPPLY_CHAIN_NODES: '2000' })).toMatchObject({ maxJsonDepth: 100, maxSupplyChainNodes: 2000 });
    expect(() => loadConfig({ ...env, MAX_JSON_DEPTH: '4' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, MAX_SUPPLY_CHAIN_NODES: 'many' })).toThrow(/MAX_SUPPLY_CHAIN_NODES/);
  });
});
