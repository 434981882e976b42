import { DomainError, FieldError } from './problem';

/**
 * Input rules every request meets before any DTO, service or database sees it:
 * a JSON body is no deeper than maxJsonDepth and holds at most
 * maxSupplyChainNodes supply-chain nodes; no string (value or key, in a body,
 * query or path) holds U+0000, which PostgreSQL cannot store, or an unpaired
 * UTF-16 surrogate, which would otherwise be stored as U+FFFD without a word.
 * Every check is a loop over an explicit stack: no input can overflow the call
 * stack, whatever its nesting.
 */
export interface InputLimits {
  maxJsonDepth: number;
  maxSupplyChainNodes: number;
}

/** Keys whose object values (and array elements) are supply-chain nodes. */
const NODE_KEYS = new Set(['supplyChain', 'subcontractors']);

/** Why a string is refused, or null; the message names the character so a caller can find it. */
export function stringProblem(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return 'must not contain the NUL character (U+0000)';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'must not contain an unpaired UTF-16 surrogate (not valid Unicode text)';
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'must not contain an unpaired UTF-16 surrogate (not valid Unicode text)';
  }
  return null;
}

const fieldOf = (parent: string, key: string | number): string => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * Depth of the JSON text before it is parsed: a single pass that skips string
 * contents. Stops at the first bracket beyond the limit, so a 10 MB body of
 * brackets costs microseconds, not the parser's time and memory.
 */
export function exceedsDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Walks a parsed JSON value (explicit stack) and names every string that
 * breaks the string rules, every `__proto__` key, and the supply-chain node
 * count when it is above the limit. At most 20 field errors are listed.
 */
export function jsonValueErrors(value: unknown, limits: InputLimits, root = ''): { errors: FieldError[]; nodes: number } {
  const errors: FieldError[] = [];
  let nodes = 0;
  const stack: { v: unknown; field: string; node: boolean }[] = [{ v: value, field: root, node: false }];
  while (stack.length && errors.length < 20) {
    const { v, field, node } = stack.pop()!;
    if (typeof v === 'string') {
      const p = stringProblem(v);
      if (p) errors.push({ field: field || 'body', message: p });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], field: fieldOf(field, i), node });
    } else if (v !== null && typeof v === 'object') {
      if (node) nodes++;
      for (const k of Object.keys(v)) {
        const kp = stringProblem(k);
        if (kp) errors.push({ field: fieldOf(field, k), message: `the field name ${kp}` });
        // JSON.parse makes "__proto__" an own key; refused so that no later merge can turn it into a prototype.
        else if (k === '__proto__') errors.push({ field: fieldOf(field, k), message: 'unknown field' });
        stack.push({ v: (v as Record<string, unknown>)[k], field: fieldOf(field, k), node: NODE_KEYS.has(k) });
      }
    }
  }
  return { errors, nodes };
}

/** Parses a JSON request body under the limits; every refusal is a problem document naming the field or the limit. */
export function parseJsonBody(text: string, limits: InputLimits): unknown {
  if (text.trim() === '') throw new DomainError('BAD_REQUEST', 'The request body is empty; send a JSON document (or no Content-Type)');
  if (exceedsDepth(text, limits.maxJsonDepth)) {
    throw new DomainError('VALIDATION_FAILED', `The JSON body is nested deeper than ${limits.maxJsonDepth} levels (MAX_JSON_DEPTH)`, [
      { field: 'body', message: `nested deeper than ${limits.maxJsonDepth} levels` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('BAD_REQUEST', 'The request body is not valid JSON');
  }
  const { errors, nodes } = jsonValueErrors(value, limits);
  if (nodes > limits.maxSupplyChainNodes) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The supply chain has more than ${limits.maxSupplyChainNodes} nodes (MAX_SUPPLY_CHAIN_NODES)`,
      [{ field: 'supplyChain', message: `at most ${limits.maxSupplyChainNodes} nodes (got ${nodes})` }],
      { limit: limits.maxSupplyChainNodes },
    );
  }
  if (errors.length) throw new DomainError('VALIDATION_FAILED', 'The request has invalid text', errors);
  return value;
}

/** Query strings and path parameters meet the same string rules as bodies. */
export function requestTextErrors(query: unknown, params: unknown): FieldError[] {
  const limits = { maxJsonDepth: Infinity, maxSupplyChainNodes: Infinity };
  return [...jsonValueErrors(query ?? {}, limits).errors, ...jsonValueErrors(params ?? {}, limits).errors];
}
