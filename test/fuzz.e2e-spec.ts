import http from 'node:http';
import fc from 'fast-check';
import { bidBody, bidder, closedTenderWithBids, nodeBody, publishedTender, tenderBody } from './support/builders';
import { twoBuyerSuite, uniq } from './support/test-app';

/**
 * Property: whatever arrives — any operation of the served OpenAPI document,
 * with or without a (valid, foreign, forged) token, with valid bodies and
 * mutated ones — the answer is below 500 and has the documented content type
 * (application/problem+json for every error, whose `status` is the HTTP one).
 *
 * The requests are a seeded sample (FUZZ_SEED, FUZZ_REQUESTS) of symbolic
 * requests: ids are names ("the closed tender", "another buyer's tender")
 * resolved against the world built in beforeAll, so one seed replays the same
 * request shapes in any run. Sent FUZZ_CONCURRENCY at a time over keep-alive.
 *
 * Under Jest the DTO schemas of the served document are empty (the swagger
 * compiler plugin runs in `nest build`, not under SWC), so valid bodies come
 * from the shared builders and the responses each operation of the document
 * lists; the operations, path parameters, request content types and security
 * are the document's.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);

// 40–90 s for 10,000 requests on two free cores; several times that when the machine is shared.
jest.setTimeout(600_000);

interface Operation {
  method: string;
  path: string;
  operationId: string;
  pathParams: string[];
  queryParams: string[];
  headerParams: string[];
  consumes: string[];
  secured: boolean;
  /** Documented 2xx content types; empty: the operation documents none. */
  produces: string[];
}

/** What the served document does not say under Jest (see above): the two non-JSON answers. */
const PRODUCES_OVERRIDE: Record<string, string> = {
  reports_evaluationReport: 'application/pdf',
  reports_tenderReport: 'application/pdf',
  riskDatasets_template: 'text/csv',
  getSupplyChainTemplate: 'text/csv',
  getSanctionsListTemplate: 'text/csv',
};

type Who = 'officer' | 'officer2' | 'auditor' | 'admin' | 'otherOfficer' | 'none' | 'forged' | 'malformed';
type IdRef =
  | 'draftTender'
  | 'publishedTender'
  | 'closedTender'
  | 'otherTender'
  | 'bid'
  | 'otherBid'
  | 'bidder'
  | 'evaluation'
  | 'finding'
  | 'exclusion'
  | 'sanction'
  | 'dataset'
  | 'template'
  | 'buyer'
  | 'otherBuyer'
  | 'user'
  | 'randomUuid';
const ID_REFS: IdRef[] = [
  'draftTender',
  'publishedTender',
  'closedTender',
  'otherTender',
  'bid',
  'otherBid',
  'bidder',
  'evaluation',
  'finding',
  'exclusion',
  'sanction',
  'dataset',
  'template',
  'buyer',
  'otherBuyer',
  'user',
  'randomUuid',
];

/** The ids that fit a path parameter, by the collection named before it; others' and random ids are drawn too. */
const REFS_BY_COLLECTION: Record<string, IdRef[]> = {
  tenders: ['draftTender', 'publishedTender', 'closedTender', 'otherTender'],
  bids: ['bid', 'otherBid'],
  evaluations: ['evaluation'],
  findings: ['finding'],
  exclusions: ['exclusion'],
  sanctions: ['sanction'],
  'risk-datasets': ['dataset'],
  'criteria-templates': ['template'],
  buyers: ['buyer', 'otherBuyer'],
  bidders: ['bidder'],
  // A throw-away auditor: deactivating it (or reactivating it) takes no token the other requests use.
  users: ['user'],
};

type Segment = { ref: IdRef } | { raw: string };

/**
 * A mutation of a valid body, applied at a path picked by index among the
 * body's paths; `pick` chooses among the values that are wrong for what
 * stands there (see EVIL_BY_TYPE), so arrays get nested arrays, strings get
 * NUL and surrogates, numbers get huge ones, any field gets null.
 */
type Mutation =
  | { kind: 'none' }
  | { kind: 'set'; at: number; pick: number; container: boolean }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; pick: number }
  | { kind: 'wrap' }
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; hex: string };

interface SymbolicRequest {
  op: number;
  who: Who;
  segments: Record<string, Segment>;
  query: [string, string][];
  headers: Record<string, string>;
  contentType: string | null | 'default';
  sendBody: boolean;
  mutations: Mutation[];
  /** If-Match: the resource's current ETag (fetched just before) or a given value. */
  ifMatch: { current: true } | { raw: string } | null;
}

const DEEP = (n: number) => '['.repeat(n) + ']'.repeat(n);
const DEEP_CHAIN = (n: number) => {
  let node = JSON.stringify(nodeBody('Leaf'));
  for (let i = 0; i < n; i++) node = JSON.stringify({ ...nodeBody(`N${i}`), subcontractors: [] }).replace('"subcontractors":[]', `"subcontractors":[${node}]`);
  return node;
};

const EVIL_STRINGS: unknown[] = [
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udc00',
  '\ud83d',
  '',
  ' ',
  'x'.repeat(20_000),
  '9'.repeat(400),
  '1e400',
  '-0',
  'NaN',
  '9999-12-31',
  '0000-01-01',
  '+275760-09-13T00:00:00.000Z',
  '2025-02-30',
  '2026-13-01T00:00:00+01:00',
  '9999-12-31T23:59:59+14:00',
  '2999-12-31',
  '\u202eevil',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  "'; DROP TABLE tender; --",
  '00000000-0000-0000-0000-000000000000',
];
const EVIL_COMMON: unknown[] = [null, null, true, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, [], {}, [[[]]], 'x'];
const EVIL_BY_TYPE: Record<'string' | 'number' | 'boolean' | 'array' | 'object', unknown[]> = {
  string: [...EVIL_STRINGS, ...EVIL_COMMON],
  number: [...EVIL_COMMON, '1', '', '1e400', Number.MIN_VALUE, -0],
  boolean: [...EVIL_COMMON, 'true', 1],
  array: [...EVIL_COMMON, [[]], [null], [1], ['x'], ['a\u0000'], [{}], [[{}]], Array(300).fill('x'), Array(300).fill({})],
  object: [...EVIL_COMMON, [[]], [null], [{}], { a: { b: { c: [] } } }],
};
const typeOf = (v: unknown): keyof typeof EVIL_BY_TYPE =>
  Array.isArray(v)
    ? 'array'
    : v !== null && typeof v === 'object'
      ? 'object'
      : typeof v === 'number'
        ? 'number'
        : typeof v === 'boolean'
          ? 'boolean'
          : 'string';

const rawBodies = fc.constantFrom(
  '',
  'null',
  '[]',
  '"x"',
  '1',
  '{',
  '{"a":',
  '{"a":1}garbage',
  '\ufeff{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"title":"a\\u0000b"}',
  '{"email":"a\\ud800b@x.ch","password":"x"}',
  '{"a":1e999999}',
  '{"a":' + '9'.repeat(5000) + '}',
  DEEP(20_000),
  '{"a":'.repeat(1000) + '1' + '}'.repeat(1000),
  '{"criteria":[[[]]]}',
  '{"supplyChain":{"evidence":[[[]]],"subcontractors":[[[]]],"violations":[[]]}}',
);

const badSegment = fc.oneof(
  fc.constantFrom(
    '%00',
    '%ED%A0%80',
    '%E0%A4%A',
    'a'.repeat(120),
    '..',
    '%2e%2e%2f',
    'null',
    '-1',
    '1e400',
    '%20',
    '%C3%BF',
    'PRICE',
    '0',
    '99999999999999999999',
    'not-a-uuid',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => {
    try {
      return encodeURIComponent(s) || 'x';
    } catch {
      return '%ED%A0%80';
    }
  }),
);

const QUERY_KEYS = [
  'page',
  'pageSize',
  'q',
  'status',
  'kind',
  'from',
  'to',
  'tenderId',
  'blocking',
  'type',
  'actorId',
  'bidId',
  'name',
  'source',
  'licence',
  'retrievedAt',
  'lang',
];
const queryValue = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '50',
    '200',
    '0',
    '-1',
    '201',
    '99999999999999999999',
    '1.5',
    'true',
    'ACTIVE',
    'DRAFT',
    'PROPOSED',
    'COUNTRY',
    'en',
    'de',
    '2026-01-01T00:00:00Z',
    '0000-01-01',
    '9999-12-31',
  ),
  fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%E0%A4%A', '%ff', '', 'x'.repeat(3000), '%2B', '[]', '{}'),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
);
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const latin1Text = fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 10 });

/**
 * Operations with a request body are drawn most (their bodies are where the
 * input rules bite), reads less, CPU-heavy ones (password hashing, PDF
 * rendering, evaluation, chain verification) least.
 */
const HEAVY = new Set([
  'auth_token',
  'createUser',
  'changeOwnPassword',
  'reports_evaluationReport',
  'reports_tenderReport',
  'evaluations_evaluate',
  'evaluations_replay',
  'audit_verify',
  'verifyAuditChainAgainstCheckpoint',
  'riskDatasets_activate',
  'riskDatasets_deactivate',
  'importSanctionList',
]);

function requestArbitrary(ops: Operation[]): fc.Arbitrary<SymbolicRequest> {
  const drawn = ops.flatMap((o, i) => Array<number>(HEAVY.has(o.operationId) ? 1 : o.consumes.length ? 8 : 3).fill(i));
  return fc.constantFrom(...drawn).chain((op) => {
    const o = ops[op];
    const segment = (name: string): fc.Arbitrary<Segment> => {
      if (name === 'criterionCode')
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('PRICE', 'QUALITY', 'HUMAN_RIGHTS').map((raw) => ({ raw })) },
          { weight: 1, arbitrary: badSegment.map((raw) => ({ raw })) },
        );
      if (name === 'kind')
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .constantFrom('TIP_TIERS', 'ILO_RATIFICATIONS', 'GOODS_LIST', 'PREVALENCE', 'PRICE_LEVELS', 'COUNTRY', 'tip_tiers')
              .map((raw) => ({ raw })),
          },
          { weight: 1, arbitrary: badSegment.map((raw) => ({ raw })) },
        );
      if (name === 'version') return fc.constantFrom('1', '2', '0', '-1', '99999999999999999999', 'x', '1.5').map((raw) => ({ raw }));
      const before = o.path.split('/')[o.path.split('/').indexOf(`{${name}}`) - 1];
      const fitting = REFS_BY_COLLECTION[before] ?? ID_REFS;
      return fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...fitting).map((ref) => ({ ref })) },
        { weight: 2, arbitrary: fc.constantFrom(...ID_REFS).map((ref) => ({ ref })) },
        { weight: 2, arbitrary: badSegment.map((raw) => ({ raw })) },
      );
    };
    const segments = fc.record(Object.fromEntries(o.pathParams.map((p) => [p, segment(p)]))) as fc.Arbitrary<Record<string, Segment>>;
    const query = fc.array(
      fc.tuple(
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...o.queryParams, ...QUERY_KEYS) }, { weight: 1, arbitrary: headerText.map(encodeURIComponent) }),
        queryValue,
      ),
      { maxLength: 3 },
    );
    const headers = fc.record(
      {
        'idempotency-key': fc.oneof(fc.uuid(), headerText, latin1Text, fc.constant('k'.repeat(300))),
        'x-request-id': fc.oneof(headerText, latin1Text),
        accept: fc.constantFrom('application/xml', '*/*', 'application/problem+json', 'text/html'),
        'accept-language': fc.constantFrom('de', 'fr-CH', 'it', 'xx', '*', 'de;q=abc'),
      },
      { requiredKeys: [] },
    );
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 10, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), pick: fc.nat(), container: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('extra' as const),
          at: fc.nat(),
          key: fc.constantFrom('id', 'buyerId', 'version', 'status', 'role', 'isAdmin', 'x'),
          pick: fc.nat(),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) },
      { weight: 2, arbitrary: rawBodies.map((text) => ({ kind: 'raw' as const, text })) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('7b2278223a22ff227d', '7b2278223a22eda080227d', 'c0af', '7b2278223a2200227d')
          .map((hex) => ({ kind: 'bytes' as const, hex })),
      },
    );
    const takesIfMatch = o.headerParams.includes('if-match');
    return fc.record({
      op: fc.constant(op),
      who: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.constant(
            o.path.includes('risk-') || o.path.includes('sanctions') || o.path.includes('buyers') || o.path.includes('users')
              ? ('admin' as Who)
              : ('officer' as Who),
          ),
        },
        { weight: 4, arbitrary: fc.constantFrom<Who>('officer', 'officer2', 'auditor', 'admin', 'otherOfficer', 'none', 'forged', 'malformed') },
      ),
      segments,
      query,
      headers,
      contentType: fc.oneof(
        { weight: 12, arbitrary: fc.constant('default' as const) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            null,
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
            'application/JSON',
            'application/vnd.api+json',
            'text/csv',
            'application/json; charset="utf-8"',
            '*/*',
            'application/json, text/plain',
          ),
        },
      ),
      sendBody: fc.oneof({ weight: 6, arbitrary: fc.constant(o.consumes.length > 0) }, { weight: 1, arbitrary: fc.boolean() }),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      ifMatch: fc.oneof(
        { weight: takesIfMatch ? 6 : 0, arbitrary: fc.constant({ current: true as const }) },
        { weight: takesIfMatch ? 1 : 6, arbitrary: fc.constant(null) },
        {
          weight: 2,
          arbitrary: fc.constantFrom('"v1"', '"v2"', 'W/"v1"', '*', '"v99999999999999999999"', '"v-1"', 'v1', '', '"v1", "v2"').map((raw) => ({ raw })),
        },
      ),
    });
  });
}

/** Every path (as key lists) of a JSON value, parents before children; iterative. */
function pathsOf(value: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { v: unknown; p: (string | number)[] }[] = [{ v: value, p: [] }];
  while (stack.length) {
    const { v, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push({ v: x, p: [...p, k] });
  }
  return out;
}

const isContainer = (v: unknown): boolean => v !== null && typeof v === 'object';
const valueAt = (v: unknown, path: (string | number)[]): unknown => path.reduce((x: any, k) => x?.[k], v);

/** Applies the mutations in turn; a raw or byte mutation replaces the whole text. */
function mutate(body: unknown, mutations: Mutation[]): string | Buffer {
  let value = structuredClone(body);
  for (const m of mutations) {
    if (m.kind === 'raw') return m.text;
    if (m.kind === 'bytes') return Buffer.from(m.hex, 'hex');
    if (m.kind === 'none') continue;
    if (m.kind === 'wrap') {
      value = [value];
      continue;
    }
    const all = pathsOf(value);
    // Half the settings aim at a nested object or array: where the shape rules (objects in arrays, null) matter.
    const containers = m.kind === 'set' && m.container ? all.filter((p) => p.length > 0 && isContainer(valueAt(value, p))) : [];
    const paths = containers.length ? containers : all;
    const path = paths[m.at % paths.length];
    let parent: any = null;
    let target: any = value;
    for (const k of path) {
      parent = target;
      target = target[k];
    }
    const evil = (pick: number, like: unknown) => {
      const list = EVIL_BY_TYPE[typeOf(like)];
      return structuredClone(list[pick % list.length]);
    };
    const last = path[path.length - 1];
    if (m.kind === 'set') {
      if (parent === null) value = evil(m.pick, value);
      else parent[last] = evil(m.pick, target);
    } else if (m.kind === 'delete') {
      if (parent === null) value = undefined;
      else if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (target !== null && typeof target === 'object' && !Array.isArray(target)) target[m.key] = evil(m.pick, 'x');
  }
  return value === undefined ? '' : JSON.stringify(value);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Answer {
  status: number;
  contentType: string;
  text: string;
  etag?: string;
}

function send(base: URL, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
          etag: res.headers.etag,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('OpenAPI-driven fuzzing', () => {
  const s = twoBuyerSuite();
  const ops: Operation[] = [];
  const ids = {} as Record<IdRef, string>;
  const tokens = {} as Record<Who, string | null>;
  let riskModel: unknown = {};
  let redFlagThresholds: unknown = {};
  let checkpoint: unknown = {};

  beforeAll(async () => {
    const { w, other } = s;
    const doc = (await s.t.api.get('/api/docs-json')).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            parameters?: { in: string; name: string }[];
            requestBody?: { content: Record<string, unknown> };
            security?: unknown[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          }
        >
      >;
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        ops.push({
          method: method.toUpperCase(),
          path,
          operationId: op.operationId,
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          headerParams: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
          consumes: Object.keys(op.requestBody?.content ?? {}),
          secured: (op.security ?? []).length > 0,
          produces: Object.entries(op.responses)
            .filter(([code]) => code.startsWith('2'))
            .flatMap(([, r]) => Object.keys(r.content ?? {})),
        });
      }
    }
    expect(ops.length).toBeGreaterThan(50);

    const closed = await closedTenderWithBids(w.officer, w.officer2, ['100000.00', '90000.00']);
    const evaluation = await w.officer.api.post(`/api/v1/tenders/${closed.tenderId}/evaluations`);
    expect(evaluation.status).toBe(201);
    const findings = await w.officer.api.get(`/api/v1/tenders/${closed.tenderId}/findings`);
    const exclusion = await w.officer.api.post(`/api/v1/tenders/${closed.tenderId}/exclusions`, {
      bidId: closed.bidIds[0],
      ground: '44-1-a',
      reasons: 'Participation conditions not met',
    });
    const otherTender = await publishedTender(other.officer);
    const otherBid = await other.officer.api.post(`/api/v1/tenders/${otherTender}/bids`, bidBody(await bidder(other.officer)));
    const sanction = await w.admin.api.post('/api/v1/sanctions', {
      name: 'Sanctioned AG',
      country: 'CH',
      ground: '44-1-e',
      from: '2026-01-01',
      until: '2027-01-01',
      scope: 'ALL_FEDERAL',
    });
    const template = await w.admin.api.post('/api/v1/criteria-templates', { name: `Template ${uniq()}`, criteria: tenderBody().criteria });
    const datasets = await w.admin.api.get('/api/v1/risk-datasets');
    riskModel = (await w.admin.api.get('/api/v1/risk-model')).body;
    redFlagThresholds = (await w.admin.api.get('/api/v1/red-flag-thresholds')).body;
    checkpoint = (await w.auditor.api.get('/api/v1/audit-events/checkpoint')).body;
    const spareUser = await w.admin.api.post('/api/v1/users', {
      email: `spare-${uniq()}@test.example`,
      password: `pw-${uniq()}-${uniq()}`,
      role: 'AUDITOR',
      buyerId: w.buyerId,
    });
    const first = (list: { body: unknown }) => ((list.body as { items?: { id: string }[] }).items ?? (list.body as { id: string }[]))[0]?.id;
    Object.assign(ids, {
      draftTender: (await w.officer.api.post('/api/v1/tenders', tenderBody())).body.id,
      publishedTender: await publishedTender(w.officer),
      closedTender: closed.tenderId,
      otherTender,
      bid: closed.bidIds[0],
      otherBid: otherBid.body.id,
      bidder: closed.bidderIds[0],
      evaluation: evaluation.body.id,
      finding: first(findings) ?? '00000000-0000-4000-8000-000000000001',
      exclusion: exclusion.body.id ?? '00000000-0000-4000-8000-000000000002',
      sanction: sanction.body.id,
      dataset: first(datasets) ?? '00000000-0000-4000-8000-000000000003',
      template: template.body.id,
      buyer: w.buyerId,
      otherBuyer: other.buyerId,
      user: spareUser.body.id,
      randomUuid: '7f0c4b9e-3c1a-4d2e-9b8f-0a1b2c3d4e5f',
    });
    for (const [k, v] of Object.entries(ids)) if (typeof v !== 'string') throw new Error(`fuzz world: no ${k}`);
    Object.assign(tokens, {
      officer: w.officer.token,
      officer2: w.officer2.token,
      auditor: w.auditor.token,
      admin: w.admin.token,
      otherOfficer: other.officer.token,
      none: null,
      forged: `${w.officer.token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`,
      malformed: 'not.a.jwt',
    });
  });

  /** A valid body for each operation that takes one; the mutations start from it. */
  function validBody(operationId: string): unknown {
    return (validBodies()[operationId] ?? (() => ({})))();
  }

  function validBodies(): Record<string, () => unknown> {
    // Keyed by the document's operationIds (tools/openapi-metadata + @ApiOperation), which a test below checks are all covered.
    const b: Record<string, () => unknown> = {
      auth_token: () => ({ email: `nobody-${uniq()}@test.example`, password: 'wrong-password-123' }),
      buyers_create: () => ({ name: `Buyer ${uniq()}`, country: 'CH' }),
      buyers_update: () => ({ name: `Buyer ${uniq()}`, holidays: ['2026-12-25', '2026-12-26T10:00:00+01:00'] }),
      createUser: () => ({ email: `u-${uniq()}@test.example`, password: `pw-${uniq()}-${uniq()}`, role: 'AUDITOR', buyerId: ids.buyer }),
      // A wrong current password: a valid change would end the sessions the other requests use.
      changeOwnPassword: () => ({ currentPassword: 'not-the-current-one', newPassword: `Fuzz-${uniq()}-horse-battery` }),
      bidders_create: () => ({ name: `Bidder ${uniq()} AG`, country: 'CH' }),
      tenders_create: () => tenderBody(),
      tenders_update: () => ({ title: 'Renamed', currency: 'EUR', requiredEvaluators: 2 }),
      bids_submit: () => bidBody(ids.bidder),
      evaluations_declare: () => ({ impartial: true, interests: '' }),
      evaluations_grade: () => ({ grade: 3, comment: 'ok' }),
      decisions_resolve: () => ({ bidderAnswer: 'Answered', conclusion: 'ACCEPTED' }),
      decisions_propose: () => ({ bidId: ids.bid, ground: '44-1-a', reasons: 'Conditions not met', nodePath: ['Bidder AG'] }),
      decisions_confirm: () => ({ note: 'Confirmed' }),
      decisions_reject: () => ({ note: 'Rejected' }),
      decisions_award: () => ({ evaluationId: ids.evaluation, tieSettlement: { method: 'LOT', note: 'drawn', bidId: ids.bid } }),
      criteriaTemplates_create: () => ({ name: `Template ${uniq()}`, criteria: tenderBody().criteria }),
      criteriaTemplates_update: () => ({ name: `Template ${uniq()}`, criteria: tenderBody().criteria }),
      riskModel_put: () => riskModel,
      putRedFlagThresholds: () => redFlagThresholds,
      verifyAuditChainAgainstCheckpoint: () => checkpoint,
      sanctions_create: () => ({
        name: `S ${uniq()} AG`,
        country: 'CH',
        ground: '44-1-e',
        from: '2026-01-01',
        until: '2027-01-01T12:00:00+01:00',
        scope: 'ALL_FEDERAL',
      }),
    };
    return b;
  }

  it('has a valid body for every operation that takes a JSON one (else it would be fuzzed from {} only)', () => {
    const uploads = ['riskDatasets_import', 'importSanctionList'];
    const missing = ops.filter((o) => o.consumes.includes('application/json') && !uploads.includes(o.operationId) && !(o.operationId in validBodies()));
    expect(missing.map((o) => `${o.method} ${o.path} (${o.operationId})`)).toEqual([]);
  });

  /** Sanctions list imports: a CSV (as text/csv with the metadata in the query, or multipart; sometimes cut short or out of range). */
  function listUploadBody(r: SymbolicRequest): { body: string; contentType: string; query: string } {
    const header = 'name,aliases,country,identifiers,ground,from,until,source,scope,buyerId\n';
    const row = (from: string, until: string) => `Listed ${uniq()} AG,,CH,,44-1-e,${from},${until},https://example.org,ALL_FEDERAL,\n`;
    const csv = header + row('2026-01-01', '2027-01-01');
    const meta = `name=Fuzz%20list%20${uniq()}&source=https%3A%2F%2Fexample.org`;
    const m = r.mutations[0];
    const variant = m.kind === 'set' ? m.at % 5 : m.kind === 'raw' ? 5 : 6;
    const part = (name: string, value: string, file = false) =>
      `--x\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="list.csv"\r\nContent-Type: text/csv' : ''}\r\n\r\n${value}\r\n`;
    const multipart = part('name', `Fuzz list ${uniq()}`) + part('source', 'https://example.org') + part('file', csv, true) + '--x--\r\n';
    if (variant === 0) return { body: csv, contentType: 'text/csv', query: meta };
    if (variant === 1) return { body: multipart, contentType: 'multipart/form-data; boundary=x', query: '' };
    if (variant === 2) return { body: multipart.slice(0, multipart.length - 30), contentType: 'multipart/form-data; boundary=x', query: '' };
    if (variant === 3) return { body: header + row('9999-12-30', '9999-12-31') + row('1899-12-31', '1900-01-02'), contentType: 'text/csv', query: meta };
    if (variant === 4) return { body: 'a\u0000b,\ud800\n', contentType: 'text/csv', query: meta };
    return { body: m.kind === 'raw' ? m.text : '{}', contentType: 'application/json', query: '' };
  }

  /** Dataset imports: a CSV (as text/csv or multipart, sometimes cut short), else whatever the mutation makes. */
  function uploadBody(r: SymbolicRequest): { body: string; contentType: string; query: string } {
    const csv = 'country,score\nCH,0.1\nBD,0.9\n';
    const meta = 'kind=COUNTRY&name=Fuzz&source=https%3A%2F%2Fexample.org';
    const m = r.mutations[0];
    const variant = m.kind === 'set' ? m.at % 4 : m.kind === 'raw' ? 4 : 5;
    const part = (name: string, value: string, file = false) =>
      `--x\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="d.csv"\r\nContent-Type: text/csv' : ''}\r\n\r\n${value}\r\n`;
    const multipart = part('kind', 'COUNTRY') + part('name', 'Fuzz') + part('source', 'https://example.org') + part('file', csv, true) + '--x--\r\n';
    if (variant === 0) return { body: csv, contentType: 'text/csv', query: meta };
    if (variant === 1) return { body: multipart, contentType: 'multipart/form-data; boundary=x', query: '' };
    if (variant === 2) return { body: multipart.slice(0, multipart.length - 30), contentType: 'multipart/form-data; boundary=x', query: '' };
    if (variant === 3) return { body: 'a\u0000b,\ud800\n', contentType: 'text/csv', query: meta };
    return { body: m.kind === 'raw' ? m.text : '{}', contentType: 'application/json', query: '' };
  }

  it(`answers ${REQUESTS} generated requests without a 5xx, each with its documented content type (seed ${SEED})`, async () => {
    const base = new URL(s.t.api.baseUrl);
    const sample = fc.sample(requestArbitrary(ops), { seed: SEED, numRuns: REQUESTS });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const opTime = new Map<string, number>();
    const started = Date.now();
    let next = 0;

    const one = async (index: number) => {
      const r = sample[index];
      const op = ops[r.op];
      let path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const seg = r.segments[name];
        return 'ref' in seg ? ids[seg.ref] : seg.raw;
      });
      const headers: Record<string, string> = { ...r.headers };
      const token = tokens[r.who];
      if (token) headers.authorization = r.who === 'malformed' ? token : `Bearer ${token}`;
      let body: string | Buffer | undefined;
      let query = r.query.map(([k, v]) => `${k}=${v}`).join('&');
      if ((op.operationId === 'riskDatasets_import' || op.operationId === 'importSanctionList') && r.sendBody) {
        const u = op.operationId === 'riskDatasets_import' ? uploadBody(r) : listUploadBody(r);
        body = u.body;
        headers['content-type'] = r.contentType === 'default' ? u.contentType : (r.contentType ?? '');
        if (u.query) query = query ? `${u.query}&${query}` : u.query;
      } else if (r.sendBody) {
        body = mutate(validBody(op.operationId), r.mutations);
        if (r.contentType === 'default') headers['content-type'] = 'application/json';
        else if (r.contentType !== null) headers['content-type'] = r.contentType;
        if (op.operationId === 'bids_submit' && r.mutations[0].kind === 'raw' && r.mutations[0].text === '[]') {
          body = JSON.stringify({ ...bidBody(ids.bidder), supplyChain: JSON.parse(DEEP_CHAIN(1000)) });
        }
      }
      if (headers['content-type'] === '') delete headers['content-type'];
      if (r.ifMatch && 'raw' in r.ifMatch) headers['if-match'] = r.ifMatch.raw;
      else if (r.ifMatch) {
        // The current ETag, read with the same token: lets a PATCH or PUT get past its precondition to the body rules.
        const resource = op.method === 'POST' ? path.replace(/\/[^/]+$/, '') : path;
        const current = await send(base, 'GET', resource, token ? { authorization: headers.authorization } : {}).catch(() => null);
        const etag = current?.etag;
        if (etag) headers['if-match'] = etag;
      }
      if (query) path += `?${query}`;
      let answer: Answer;
      const t0 = Date.now();
      try {
        answer = await send(base, op.method, path, headers, body);
        if (process.env.FUZZ_PROFILE) opTime.set(op.operationId, (opTime.get(op.operationId) ?? 0) + Date.now() - t0);
      } catch (e) {
        failures.push(`#${index} ${op.method} ${path}: connection error ${(e as Error).message}`);
        return;
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const problem = (why: string) =>
        failures.push(
          `#${index} ${why}: ${op.method} ${path.slice(0, 300)} as ${r.who} → ${answer.status} ${answer.contentType} ${answer.text.slice(0, 200)}\n  body ${String(body ?? '').slice(0, 400)}\n  headers ${JSON.stringify({ ...headers, authorization: headers.authorization ? '…' : undefined }).slice(0, 300)}`,
        );
      if (answer.status >= 500) return problem('5xx');
      if (answer.status >= 400) {
        if (!answer.contentType.startsWith('application/problem+json')) return problem('error not problem+json');
        let doc: { status?: unknown };
        try {
          doc = JSON.parse(answer.text);
        } catch {
          return problem('problem document is not JSON');
        }
        if (doc.status !== answer.status) return problem('problem status differs from the HTTP status');
        return;
      }
      if (answer.status === 204) {
        if (answer.text !== '') problem('204 with a body');
        return;
      }
      const expected = op.produces.length ? op.produces : [PRODUCES_OVERRIDE[op.operationId] ?? 'application/json'];
      if (!expected.some((t) => answer.contentType.startsWith(t))) problem(`content type not ${expected.join(' or ')}`);
    };

    const worker = async () => {
      while (next < sample.length) await one(next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([st, n]) => `${st}: ${n}`);
    console.log(
      `fuzz: seed ${SEED}, ${sample.length} requests over ${ops.length} operations in ${seconds} s; statuses { ${counts.join(', ')} }; ${failures.length} failures`,
    );
    if (process.env.FUZZ_PROFILE) console.log([...opTime.entries()].sort(([, a], [, b]) => b - a).slice(0, 12));
    if (failures.length) {
      throw new Error(
        `fuzz failed with seed ${SEED} (re-run: FUZZ_SEED=${SEED} npx jest test/fuzz.e2e-spec.ts); ${failures.length} failures, first ones:\n${failures.slice(0, 15).join('\n')}`,
      );
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  });
});
