import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeTender, publishTender } from './support/builders';
import { type HttpResult, twoBuyerSuite } from './support/test-app';

jest.setTimeout(120_000);

/**
 * Runs the walkthrough of docs/api-examples.md ("The whole flow, step by
 * step") against the service: every ```http request block, in order, must get
 * the answer written in the ```http block after it (status; content type;
 * the fields shown, a subset of the real answer). So the doc cannot drift.
 */
interface Step {
  line: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  expectHeaders: Record<string, string>;
  expectBody: unknown;
}

const DOC = path.join(__dirname, '../docs/api-examples.md');

function parseHead(text: string): { first: string; headers: Record<string, string>; body: string } {
  const [head, ...rest] = text.split(/\n\n/);
  const [first, ...lines] = head.split('\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { first: first.trim(), headers, body: rest.join('\n\n').trim() };
}

function parseWalkthrough(): Step[] {
  const md = fs.readFileSync(DOC, 'utf8');
  const start = md.indexOf('## The whole flow, step by step');
  const end = md.indexOf('\n## ', start + 10);
  const section = md.slice(start, end);
  const offset = md.slice(0, start).split('\n').length;
  const blocks = [...section.matchAll(/```http\n([\s\S]*?)```/g)].map((m) => ({
    text: m[1].trimEnd(),
    line: offset + section.slice(0, m.index).split('\n').length,
  }));
  const steps: Step[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const req = parseHead(blocks[i].text);
    const res = blocks[i + 1] ? parseHead(blocks[i + 1].text) : null;
    const [method, p] = req.first.split(/\s+/);
    const status = res ? /^HTTP\/1\.1 (\d{3})/.exec(res.first)?.[1] : undefined;
    if (!res || !status) throw new Error(`docs/api-examples.md line ${blocks[i].line}: a request block must be followed by an answer block`);
    steps.push({
      line: blocks[i].line,
      method,
      path: p,
      headers: req.headers,
      body: req.body,
      status: Number(status),
      expectHeaders: res.headers,
      expectBody: res.body ? JSON.parse(res.body) : undefined,
    });
  }
  return steps;
}

type Vars = Record<string, string>;
const VAR_RE = /\{\{(\w+)\}\}/g;

function fill(text: string, vars: Vars, line: number): string {
  return text.replace(VAR_RE, (_, name: string) => {
    if (!(name in vars)) throw new Error(`docs/api-examples.md line ${line}: {{${name}}} is used before an answer gives it`);
    return vars[name];
  });
}

/** The expected fields are in the actual answer; arrays: each expected item matches some actual item. Returns the captures, or null. */
function match(expected: unknown, actual: unknown, vars: Vars): Vars | null {
  if (typeof expected === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(expected);
    if (whole) {
      if (typeof actual !== 'string') return null;
      if (whole[1] in vars) return vars[whole[1]] === actual ? vars : null;
      return { ...vars, [whole[1]]: actual };
    }
    return actual === expected.replace(VAR_RE, (m, n: string) => vars[n] ?? m) ? vars : null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return null;
    let v: Vars | null = vars;
    for (const e of expected) {
      let found: Vars | null = null;
      for (const a of actual) if ((found = match(e, a, v))) break;
      if (!found) return null;
      v = found;
    }
    return v;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return null;
    let v: Vars | null = vars;
    for (const [k, e] of Object.entries(expected)) if (!(v = match(e, (actual as Record<string, unknown>)[k], v!))) return null;
    return v;
  }
  return expected === actual ? vars : null;
}

describe('docs/api-examples.md: the whole flow, executed', () => {
  const s = twoBuyerSuite();
  const steps = parseWalkthrough();

  it('has the walkthrough the issue asks for: two officers, declarations, VERIFY resolution, exclusion and re-evaluation, award, auditor report', () => {
    const calls = steps.map((x) => `${x.method} ${x.path.replace(/\{\{\w+\}\}/g, ':id').replace(/\?.*$/, '')}`);
    for (const c of [
      'POST /api/v1/tenders/:id/declarations',
      'POST /api/v1/findings/:id/resolve',
      'POST /api/v1/tenders/:id/exclusions',
      'POST /api/v1/exclusions/:id/confirm',
      'POST /api/v1/tenders/:id/award',
      'GET /api/v1/evaluations/:id/report.pdf',
    ])
      expect(calls).toContain(c);
    expect(calls.filter((c) => c === 'POST /api/v1/tenders/:id/evaluations')).toHaveLength(2);
    expect(new Set(steps.map((x) => x.headers.authorization))).toEqual(new Set(['Bearer {{officer}}', 'Bearer {{officer2}}', 'Bearer {{auditor}}']));
  });

  it('every request gets the answer the doc shows', async () => {
    let vars: Vars = { officer: s.w.officer.token, officer2: s.w.officer2.token, auditor: s.w.auditor.token };
    const asToken = (auth: string) => auth.replace(/^Bearer /, '');
    for (const step of steps) {
      const where = `docs/api-examples.md line ${step.line}: ${step.method} ${step.path}`;
      const p = fill(step.path, vars, step.line);
      const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, fill(v, vars, step.line)]));
      const api = s.t.api.as(asToken(headers.authorization ?? ''));
      delete headers.authorization;
      const transition = /^\/api\/v1\/tenders\/([^/]+)\/(publish|close)$/.exec(p);
      let res: HttpResult;
      if (step.method === 'POST' && transition) res = await (transition[2] === 'publish' ? publishTender : closeTender)(s.t, api, transition[1]);
      else res = await api.request(step.method, p, step.body ? fill(step.body, vars, step.line) : undefined, headers);
      expect({ where, status: res.status, body: res.status === step.status ? undefined : res.text.slice(0, 2000) }).toEqual({
        where,
        status: step.status,
        body: undefined,
      });
      for (const [k, v] of Object.entries(step.expectHeaders)) expect({ where, [k]: res.headers.get(k)?.split(';')[0] }).toEqual({ where, [k]: v });
      if (step.expectBody !== undefined) {
        const next = match(step.expectBody, res.body, vars);
        if (!next)
          throw new Error(`${where}: the answer does not show what the doc says.\nDoc: ${JSON.stringify(step.expectBody)}\nGot: ${res.text.slice(0, 3000)}`);
        vars = next;
      }
    }
  });
});
