/**
 * The floor of the API bench: a bare Fastify + pg server answering the
 * measured routes from the service's own database with the same status,
 * content-type and body bytes (the bench checks them byte for byte), written
 * the plainest fast way: no framework beyond Fastify, no ORM, one SQL
 * statement per read (authentication, buyer scope and the data in one round
 * trip), JSON assembled in JS from rows whose values Postgres already
 * formatted (timestamps, decimal strings).
 *
 * Like the service it verifies the HS256 bearer token (with a key built once)
 * and checks the user row (active, token version, role) on every request, and
 * confines reads to the user's buyer. Bid intake does the service's writes in
 * one transaction (tender row FOR SHARE, bid row, supply-chain rows, audit
 * event on the tender's chain under its locked head row, as
 * AuditService.record) with a hand-written validator instead of
 * class-validator. Only English texts (no Accept-Language handling), only
 * YYYY-MM-DD calendar days, no Idempotency-Key, no CSV: the bench does not
 * send them.
 *
 *   DATABASE_URL=… JWT_SECRET=… PORT=… node -r ./tools/ts-register.js bench/api/floor-server.ts
 */
import { createHmac, createSecretKey, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import { Pool, type PoolClient } from 'pg';
import { eventHash, GENESIS_HASH, type AuditEventContent } from '../../libs/audit-chain/src';

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'));

// ---------------------------------------------------------------- auth

interface Claims {
  sub: string;
  role: string;
  buyerId: string | null;
  tv?: number;
  exp?: number;
}

function verifyToken(header: string | undefined): Claims | null {
  if (!header || !header.startsWith('Bearer ')) return null;
  const token = header.slice(7);
  const dot1 = token.indexOf('.');
  const dot2 = token.lastIndexOf('.');
  if (dot1 < 0 || dot2 <= dot1) return null;
  const sig = Buffer.from(token.slice(dot2 + 1), 'base64url');
  const want = createHmac('sha256', key).update(token.slice(0, dot2)).digest();
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
  try {
    const head = JSON.parse(Buffer.from(token.slice(0, dot1), 'base64url').toString('utf8')) as { alg?: string };
    if (head.alg !== 'HS256') return null;
    const claims = JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8')) as Claims;
    if (typeof claims.sub !== 'string' || !UUID_RE.test(claims.sub)) return null;
    if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

function problem(reply: FastifyReply, status: number, code: string, title: string, detail: string, errors?: { field: string; message: string }[]) {
  const body: Record<string, unknown> = { type: `https://tender-evaluation.example/problems/${code.toLowerCase()}`, title, status, detail, code };
  if (errors) body.errors = errors;
  return reply.code(status).header('content-type', PROBLEM_TYPE).send(JSON.stringify(body));
}

const unauthenticated = (reply: FastifyReply) => problem(reply, 401, 'UNAUTHENTICATED', 'Unauthenticated', 'The bearer token is invalid or expired');
const forbidden = (reply: FastifyReply) => problem(reply, 403, 'FORBIDDEN', 'Forbidden', 'This action needs another role');
const notFound = (reply: FastifyReply, what: string) => problem(reply, 404, 'NOT_FOUND', 'Not found', `${what} not found`);

/** The user columns every statement checks: active, token version; role and buyer come from the row. */
const USER_WHERE = 'u.id = $1::uuid AND u.active AND u.token_version = $2';

// ---------------------------------------------------------------- formatting

/** formatDecimal(x, 2) of a trimmed decimal string: at least two places. */
function money(trimmed: string): string {
  const dot = trimmed.indexOf('.');
  if (dot < 0) return `${trimmed}.00`;
  return trimmed.length - dot === 2 ? `${trimmed}0` : trimmed;
}

/** Decimal(x).toFixed() of a validated decimal string: no trailing zeros. */
function plain(s: string): string {
  let out = s;
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return out === '-0' ? '0' : out;
}

/** The key order jsonb gives an object: shorter keys first, then bytewise. */
function jsonbOrder(o: Record<string, string>): Record<string, string> {
  const keys = Object.keys(o).sort((a, b) => {
    const la = Buffer.byteLength(a);
    const lb = Buffer.byteLength(b);
    return la !== lb ? la - lb : Buffer.compare(Buffer.from(a), Buffer.from(b));
  });
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = o[k];
  return out;
}

// ---------------------------------------------------------------- reads

const TENDER_SQL = `
SELECT u.role::text AS role, t.id, t.buyer_id, t.reference, t.title, t.procedure::text AS procedure, t.currency,
  to_char(t.submission_deadline AT TIME ZONE 'UTC', ${ISO}) AS submission_deadline,
  to_json(t.places_of_performance)::text AS places, to_json(t.goods)::text AS goods, t.status::text AS status, t.version,
  (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'kind', c.kind, 'weight', trim_scale(c.weight)::text,
      'priceMethod', c.price_method, 'span', trim_scale(c.span)::text) ORDER BY c.position), '[]')::text
     FROM tender_criterion c WHERE c.tender_id = t.id) AS criteria,
  to_json(t.tie_break)::text AS tie_break, to_json(t.additional_conventions)::text AS conventions,
  trim_scale(t.abnormally_low_threshold)::text AS alt, t.required_evaluators, t.price_basis::text AS price_basis,
  trim_scale(t.reference_price)::text AS reference_price, t.price_level_adjustment, t.template_version_id,
  to_char(t.published_at AT TIME ZONE 'UTC', ${ISO}) AS published_at, to_char(t.closed_at AT TIME ZONE 'UTC', ${ISO}) AS closed_at,
  to_char(t.cancelled_at AT TIME ZONE 'UTC', ${ISO}) AS cancelled_at, to_char(t.concluded_at AT TIME ZONE 'UTC', ${ISO}) AS concluded_at,
  to_char(t.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, to_char(t.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at
FROM app_user u LEFT JOIN tender t ON t.id = $3::uuid AND t.buyer_id = u.buyer_id
WHERE ${USER_WHERE}`;

/**
 * The tender as the service writes it. Arrays and the criteria come as JSON
 * text and are spliced in: Postgres' to_json of a text array and of
 * json_build_object values are JSON.stringify's escapes for these strings,
 * but json_agg's text has spaces; the criteria are parsed and re-serialised.
 */
function tenderJson(r: Record<string, any>): string {
  return JSON.stringify({
    id: r.id,
    buyerId: r.buyer_id,
    reference: r.reference,
    title: r.title,
    procedure: r.procedure,
    currency: r.currency,
    submissionDeadline: r.submission_deadline,
    placesOfPerformance: JSON.parse(r.places),
    goods: JSON.parse(r.goods),
    status: r.status,
    version: r.version,
    criteria: JSON.parse(r.criteria),
    tieBreak: JSON.parse(r.tie_break),
    additionalConventions: JSON.parse(r.conventions),
    abnormallyLowThreshold: money(r.alt),
    requiredEvaluators: r.required_evaluators,
    priceBasis: r.price_basis,
    referencePrice: r.reference_price === null ? null : money(r.reference_price),
    priceLevelAdjustment: r.price_level_adjustment,
    templateVersionId: r.template_version_id,
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    cancelledAt: r.cancelled_at,
    concludedAt: r.concluded_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

const BIDS_SQL = `
WITH s AS (SELECT u.role::text AS role, t.id AS tender_id, t.currency FROM app_user u LEFT JOIN tender t ON t.id = $3::uuid AND t.buyer_id = u.buyer_id WHERE ${USER_WHERE})
SELECT s.role, s.tender_id, s.currency, (SELECT count(*) FROM bid WHERE tender_id = s.tender_id)::int AS total,
  (SELECT coalesce(json_agg(x.j ORDER BY x.received_at, x.id), '[]')::text FROM (
     SELECT b.received_at, b.id, json_build_object('id', b.id, 'tenderId', b.tender_id, 'bidderId', b.bidder_id, 'bidderName', d.name,
       'receivedAt', to_char(b.received_at AT TIME ZONE 'UTC', ${ISO}), 'price', round(b.price, greatest(2, scale(trim_scale(b.price))))::text,
       'currency', s.currency, 'figures', b.figures, 'nodeCount', (SELECT count(*) FROM supply_chain_node n WHERE n.bid_id = b.id),
       'createdAt', to_char(b.created_at AT TIME ZONE 'UTC', ${ISO})) AS j
     FROM bid b JOIN bidder d ON d.id = b.bidder_id WHERE b.tender_id = s.tender_id
     ORDER BY b.received_at, b.id LIMIT $4 OFFSET $5) x) AS items
FROM s`;

const EVALUATION_SQL = `
SELECT u.role::text AS role, e.id, e.tender_id, e.seq, to_char(e.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, e.created_by_id,
  e.method_version, e.risk_model_version, e.dataset_versions::text AS dataset_versions, e.inputs_digest, e.digest, e.result::text AS result,
  (SELECT coalesce(json_object_agg(f.finding_key, f.id), '{}')::text FROM finding f WHERE f.evaluation_id = e.id) AS finding_ids
FROM app_user u LEFT JOIN (evaluation e JOIN tender t ON t.id = e.tender_id) ON e.id = $3::uuid AND t.buyer_id = u.buyer_id
WHERE ${USER_WHERE}`;

interface StoredFinding {
  code: string;
  nodePath: string[];
  message: string;
  [k: string]: unknown;
}

function evaluationJson(r: Record<string, any>): string {
  const result = JSON.parse(r.result) as { bids: { bidId: string; findings: StoredFinding[]; risk: unknown }[]; [k: string]: unknown };
  const ids = JSON.parse(r.finding_ids) as Record<string, string>;
  return JSON.stringify({
    id: r.id,
    tenderId: r.tender_id,
    seq: r.seq,
    createdAt: r.created_at,
    createdById: r.created_by_id,
    methodVersion: r.method_version,
    riskModelVersion: r.risk_model_version,
    datasetVersions: JSON.parse(r.dataset_versions),
    inputsDigest: r.inputs_digest,
    digest: r.digest,
    bids: result.bids.map((b) => ({
      ...b,
      findings: b.findings.map((f) => ({ id: ids[`${b.bidId}|${f.code}|${JSON.stringify(f.nodePath)}`] ?? null, ...f, message: f.message })),
      risk: b.risk,
    })),
    ranking: result.ranking,
    sensitivity: result.sensitivity,
    iia: result.iia,
    effectivePriceWeight: result.effectivePriceWeight,
    ties: result.ties,
  });
}

// ---------------------------------------------------------------- intake validation

interface NodeIn {
  name: string;
  country?: string;
  identifiers?: { uid?: string; lei?: string; vat?: string };
  sharePercent: string;
  goods: string[];
  declarations: Record<string, unknown>;
  evidence: { kind: string; issuer: string; issuedAt: string; validUntil?: string }[];
  violations: { ground: string; standard: string; occurredAt: string; source: string; description: string }[];
  subcontractors: NodeIn[];
}

const DEC_RE = /^-?(0|[1-9]\d{0,19})(\.\d{1,12})?$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const BOOL_KEYS = [
  'labourProtection',
  'workingConditions',
  'equalPay',
  'illegalEmploymentDuties',
  'environmentalLaw',
  'taxesAndSocialSecurityPaid',
  'iloCoreConventions',
  'subcontractClause',
];
const EVIDENCE_KINDS = new Set(['SOCIAL_AUDIT', 'CERTIFICATION', 'REMEDIATION_PLAN']);
const GROUND_RE = /^44-(1-[a-j]|2-[a-h])$/;

/** Micro-units of a decimal string with at most 6 places (shares), or null. */
function micro(s: unknown): bigint | null {
  if (typeof s !== 'string' || !DEC_RE.test(s)) return null;
  const [i, f = ''] = s.split('.');
  if (f.length > 6) return null;
  return BigInt(i) * 1_000_000n + (i.startsWith('-') ? -1n : 1n) * BigInt((f + '000000').slice(0, 6));
}

function validateBid(body: any, errors: { field: string; message: string }[]): number {
  if (typeof body !== 'object' || body === null) {
    errors.push({ field: 'body', message: 'must be an object' });
    return 0;
  }
  if (typeof body.bidderId !== 'string' || !UUID_RE.test(body.bidderId)) errors.push({ field: 'bidderId', message: 'must be a UUID' });
  if (typeof body.receivedAt !== 'string' || !DATETIME_RE.test(body.receivedAt) || Number.isNaN(Date.parse(body.receivedAt)))
    errors.push({ field: 'receivedAt', message: 'receivedAt must be an ISO 8601 date-time with an offset' });
  if (
    typeof body.price !== 'string' ||
    !DEC_RE.test(body.price) ||
    (body.price.split('.')[1] ?? '').length > 4 ||
    !/[1-9]/.test(body.price) ||
    body.price.startsWith('-')
  )
    errors.push({ field: 'price', message: 'must be a decimal string greater than 0 with at most 4 places' });
  if (body.figures !== undefined) {
    if (typeof body.figures !== 'object' || body.figures === null || Array.isArray(body.figures))
      errors.push({ field: 'figures', message: 'must be an object' });
    else
      for (const [k, v] of Object.entries(body.figures))
        if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(k) || micro(v) === null || (v as string).startsWith('-'))
          errors.push({ field: 'figures', message: 'must be an object of CRITERION_CODE → decimal string' });
  }
  let count = 0;
  const walk = (n: any, field: string, depth: number, root: boolean) => {
    count++;
    if (typeof n !== 'object' || n === null) return errors.push({ field, message: 'must be an object' });
    if (typeof n.name !== 'string' || n.name.length < 1 || n.name.length > 300) errors.push({ field: `${field}.name`, message: 'must be 1–300 characters' });
    if (n.country !== undefined && (typeof n.country !== 'string' || !/^[A-Za-z]{2}$/.test(n.country)))
      errors.push({ field: `${field}.country`, message: 'must be ISO 3166-1 alpha-2' });
    const share = micro(n.sharePercent);
    if (share === null || share < 0n || share > 100_000_000n) errors.push({ field: `${field}.sharePercent`, message: 'must be a decimal from 0 to 100' });
    if (root && share !== 100_000_000n) errors.push({ field: 'supplyChain.sharePercent', message: 'the root (the bidder itself) has sharePercent 100' });
    if (!Array.isArray(n.goods) || n.goods.length > 100 || n.goods.some((g: unknown) => typeof g !== 'string' || g.length > 120))
      errors.push({ field: `${field}.goods`, message: 'must be an array of strings' });
    const d = n.declarations;
    if (typeof d !== 'object' || d === null) errors.push({ field: `${field}.declarations`, message: 'must be an object' });
    else
      for (const k of Object.keys(d))
        if (k === 'additionalConventions') {
          if (!Array.isArray(d[k]) || d[k].some((c: unknown) => typeof c !== 'string' || !/^[CP]\d{3}$/.test(c)))
            errors.push({ field: `${field}.declarations.${k}`, message: 'each convention must look like C155 or P029' });
        } else if (!BOOL_KEYS.includes(k) || typeof d[k] !== 'boolean') errors.push({ field: `${field}.declarations.${k}`, message: 'must be a boolean' });
    if (!Array.isArray(n.evidence) || n.evidence.length > 100) errors.push({ field: `${field}.evidence`, message: 'must be an array' });
    else
      n.evidence.forEach((e: any, i: number) => {
        if (
          typeof e !== 'object' ||
          e === null ||
          !EVIDENCE_KINDS.has(e.kind) ||
          typeof e.issuer !== 'string' ||
          e.issuer.length < 1 ||
          !DAY_RE.test(e.issuedAt) ||
          (e.validUntil !== undefined && !DAY_RE.test(e.validUntil))
        )
          errors.push({ field: `${field}.evidence[${i}]`, message: 'invalid evidence' });
      });
    if (!Array.isArray(n.violations) || n.violations.length > 100) errors.push({ field: `${field}.violations`, message: 'must be an array' });
    else
      n.violations.forEach((v: any, i: number) => {
        if (
          typeof v !== 'object' ||
          v === null ||
          !GROUND_RE.test(v.ground) ||
          (v.standard !== 'ESTABLISHED' && v.standard !== 'INDICATION') ||
          !DAY_RE.test(v.occurredAt) ||
          typeof v.source !== 'string' ||
          typeof v.description !== 'string'
        )
          errors.push({ field: `${field}.violations[${i}]`, message: 'invalid violation' });
      });
    if (!Array.isArray(n.subcontractors) || n.subcontractors.length > 200)
      return errors.push({ field: `${field}.subcontractors`, message: 'must be an array' });
    if (depth > 12) return errors.push({ field, message: 'the supply chain is deeper than 12 levels' });
    let sum = 0n;
    const names = new Set<string>();
    n.subcontractors.forEach((c: any, i: number) => {
      sum += micro(c?.sharePercent) ?? 0n;
      const k = typeof c?.name === 'string' ? c.name.trim().toLowerCase() : '';
      if (names.has(k)) errors.push({ field: `${field}.subcontractors[${i}].name`, message: 'two subcontractors of the same node have the same name' });
      names.add(k);
      walk(c, `${field}.subcontractors[${i}]`, depth + 1, false);
    });
    if (sum > 100_000_000n) errors.push({ field: `${field}.subcontractors`, message: "the subcontractors' sharePercent sum to more than 100" });
  };
  walk(body.supplyChain, 'supplyChain', 1, true);
  if (count > 500) errors.push({ field: 'supplyChain', message: 'at most 500 nodes per bid' });
  return count;
}

// ---------------------------------------------------------------- intake

const INTAKE_LOCK_SQL = `
SELECT u.role::text AS role, u.buyer_id, t.status, t.published_at, t.currency, t.number_codes, t.bidder_name
FROM app_user u LEFT JOIN LATERAL (
  SELECT t.status::text AS status, t.published_at, t.currency,
    ARRAY(SELECT c.code FROM tender_criterion c WHERE c.tender_id = t.id AND c.kind IN ('NUMBER_LOWER_BETTER', 'NUMBER_HIGHER_BETTER') ORDER BY c.position) AS number_codes,
    (SELECT d.name FROM bidder d WHERE d.id = $4::uuid AND d.buyer_id = t.buyer_id) AS bidder_name
  FROM tender t WHERE t.id = $3::uuid AND t.buyer_id = u.buyer_id FOR SHARE OF t) t ON true
WHERE ${USER_WHERE}`;

interface Flat {
  nodes: unknown[][];
  evidence: unknown[][];
  violations: unknown[][];
  out: Record<string, unknown>;
}

/** Depth-first rows (as flattenSupplyChain) and the tree as the service answers it (as buildSupplyChain). */
function flatten(bidId: string, root: NodeIn): Flat {
  const f: Flat = { nodes: [], evidence: [], violations: [], out: {} };
  const walk = (n: NodeIn, parentId: string | null, parentPath: string[]): Record<string, unknown> => {
    const id = randomUUID();
    const name = n.name.trim();
    const path = [...parentPath, name];
    const d = n.declarations as Record<string, boolean | string[] | undefined>;
    const decl = {
      labourProtection: d.labourProtection ?? null,
      workingConditions: d.workingConditions ?? null,
      equalPay: d.equalPay ?? null,
      illegalEmploymentDuties: d.illegalEmploymentDuties ?? null,
      environmentalLaw: d.environmentalLaw ?? null,
      taxesAndSocialSecurityPaid: d.taxesAndSocialSecurityPaid ?? null,
      iloCoreConventions: d.iloCoreConventions ?? null,
      additionalConventions: (d.additionalConventions as string[] | undefined) ?? [],
      subcontractClause: d.subcontractClause ?? null,
    };
    const ids = { uid: n.identifiers?.uid?.trim() || null, lei: n.identifiers?.lei?.trim() || null, vat: n.identifiers?.vat?.trim() || null };
    const country = n.country?.toUpperCase() ?? null;
    const goods = n.goods.map((g) => g.trim());
    f.nodes.push([
      id,
      bidId,
      parentId,
      f.nodes.length,
      path,
      name,
      country,
      ids.uid,
      ids.lei,
      ids.vat,
      n.sharePercent,
      goods,
      decl.labourProtection,
      decl.workingConditions,
      decl.equalPay,
      decl.illegalEmploymentDuties,
      decl.environmentalLaw,
      decl.taxesAndSocialSecurityPaid,
      decl.iloCoreConventions,
      decl.additionalConventions,
      decl.subcontractClause,
    ]);
    const evidence = n.evidence.map((e, position) => {
      const issuer = e.issuer.trim();
      f.evidence.push([randomUUID(), id, position, e.kind, issuer, e.issuedAt, e.validUntil ?? null]);
      return { kind: e.kind, issuer, issuedAt: e.issuedAt, validUntil: e.validUntil ?? null };
    });
    const violations = n.violations.map((v, position) => {
      const source = v.source.trim();
      f.violations.push([randomUUID(), id, position, v.ground, v.standard, v.occurredAt, source, v.description]);
      return { ground: v.ground, standard: v.standard, occurredAt: v.occurredAt, source, description: v.description };
    });
    const out: Record<string, unknown> = {
      name,
      country,
      identifiers: ids,
      sharePercent: plain(n.sharePercent),
      goods,
      declarations: decl,
      evidence,
      violations,
      subcontractors: [],
    };
    out.subcontractors = n.subcontractors.map((c) => walk(c, id, path));
    return out;
  };
  f.out = walk(root, null, []);
  return f;
}

function values(rows: unknown[][], first: number, casts: string[]): string {
  let p = first;
  return rows.map(() => `(${casts.map((c) => `$${p++}${c}`).join(', ')})`).join(', ');
}

const NODE_CASTS = ['::uuid', '::uuid', '::uuid', '::int', '::text[]', '', '', '', '', '', '::numeric', '::text[]', '', '', '', '', '', '', '', '::text[]', ''];
const EVIDENCE_CASTS = ['::uuid', '::uuid', '::int', '::"EvidenceKind"', '', '::date', '::date'];
const VIOLATION_CASTS = ['::uuid', '::uuid', '::int', '', '::"ViolationStandard"', '::date', '', ''];

async function intake(client: PoolClient, claims: Claims, requestId: string, tenderId: string, body: any, reply: FastifyReply): Promise<unknown> {
  const l = await client.query(INTAKE_LOCK_SQL, [claims.sub, claims.tv ?? 0, tenderId, body.bidderId]);
  if (l.rows.length === 0) return unauthenticated(reply);
  const t = l.rows[0];
  if (t.role !== 'OFFICER') return forbidden(reply);
  if (t.status === null) return notFound(reply, 'Tender');
  if (t.status !== 'PUBLISHED')
    return problem(reply, 409, 'TENDER_NOT_PUBLISHED', 'Conflict', `The tender is ${t.status}; bids are accepted only while it is PUBLISHED`);
  const errors: { field: string; message: string }[] = [];
  const receivedAt = new Date(body.receivedAt);
  if (t.published_at && receivedAt.getTime() < t.published_at.getTime())
    errors.push({ field: 'receivedAt', message: "must not be before the tender's publication" });
  if (t.bidder_name === null) errors.push({ field: 'bidderId', message: 'no bidder with this id in your register' });
  const figures = (body.figures ?? {}) as Record<string, string>;
  for (const code of t.number_codes as string[])
    if (!(code in figures)) errors.push({ field: `figures.${code}`, message: `required: the tender scores criterion ${code} on this figure` });
  for (const code of Object.keys(figures))
    if (!(t.number_codes as string[]).includes(code)) errors.push({ field: `figures.${code}`, message: 'the tender has no NUMBER criterion with this code' });
  if (errors.length) return problem(reply, 422, 'VALIDATION_FAILED', 'Validation failed', 'The request has invalid fields', errors);

  const bidId = randomUUID();
  const flat = flatten(bidId, body.supplyChain as NodeIn);
  const params: unknown[] = [bidId, tenderId, body.bidderId, receivedAt, body.price, JSON.stringify(figures), claims.sub];
  let sql = `WITH b AS (INSERT INTO bid (id, tender_id, bidder_id, received_at, price, figures, created_by_id) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::numeric, $6::jsonb, $7::uuid) RETURNING created_at)`;
  sql += `, n AS (INSERT INTO supply_chain_node (id, bid_id, parent_id, position, path, name, country, uid, lei, vat, share_percent, goods, labour_protection, working_conditions, equal_pay, illegal_employment_duties, environmental_law, taxes_and_social_security_paid, ilo_core_conventions, additional_conventions, subcontract_clause) VALUES ${values(flat.nodes, params.length + 1, NODE_CASTS)})`;
  params.push(...flat.nodes.flat());
  if (flat.evidence.length) {
    sql += `, e AS (INSERT INTO node_evidence (id, node_id, position, kind, issuer, issued_at, valid_until) VALUES ${values(flat.evidence, params.length + 1, EVIDENCE_CASTS)})`;
    params.push(...flat.evidence.flat());
  }
  if (flat.violations.length) {
    sql += `, v AS (INSERT INTO node_violation (id, node_id, position, ground, standard, occurred_at, source, description) VALUES ${values(flat.violations, params.length + 1, VIOLATION_CASTS)})`;
    params.push(...flat.violations.flat());
  }
  // The tender chain's head, locked and moved on as AuditRepository.lockHead does (here within the write).
  params.push(`tender:${tenderId}`, GENESIS_HASH);
  const p = params.length;
  sql += `, h AS (INSERT INTO audit_chain (chain_key, seq, hash) VALUES ($${p - 1}, 1, $${p}) ON CONFLICT (chain_key) DO UPDATE SET seq = audit_chain.seq + 1
      RETURNING seq, hash, nextval('audit_event_seq_seq') AS global_seq)
    SELECT to_char((SELECT created_at FROM b) AT TIME ZONE 'UTC', ${ISO}) AS created_at, h.global_seq::text AS global_seq, h.seq::int AS chain_seq, h.hash AS prev_hash FROM h`;
  let w;
  try {
    w = await client.query(sql, params);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') return problem(reply, 409, 'DUPLICATE', 'Conflict', 'This bidder already has a bid on this tender');
    throw e;
  }
  const row = w.rows[0];
  const out = {
    id: bidId,
    tenderId,
    bidderId: body.bidderId,
    bidderName: t.bidder_name,
    receivedAt: receivedAt.toISOString(),
    price: money(plain(body.price)),
    currency: t.currency,
    figures: jsonbOrder(figures),
    supplyChain: flat.out,
    createdAt: row.created_at,
  };
  const occurredAt = new Date();
  const content: AuditEventContent = {
    seq: row.global_seq,
    id: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    actorId: claims.sub,
    actorRole: t.role,
    buyerId: t.buyer_id,
    tenderId,
    tenderSeq: row.chain_seq,
    action: 'bid.submitted',
    objectType: 'bid',
    objectId: bidId,
    requestId,
    payload: {
      bidderId: out.bidderId,
      bidderName: out.bidderName,
      receivedAt: out.receivedAt,
      price: out.price,
      figures: out.figures,
      supplyChain: out.supplyChain,
    },
  };
  // One chain: the tender columns repeat the chain's (sealChainEvent); the insert moves the head (AuditRepository.insertAndMoveHead).
  const hash = eventHash(row.prev_hash, content);
  await client.query(
    `WITH e AS (INSERT INTO audit_event (seq, id, occurred_at, actor_id, actor_role, buyer_id, tender_id, tender_seq, action, object_type, object_id, request_id, payload, prev_hash, hash, tender_prev_hash, tender_hash, chain_key, chain_seq)
     VALUES ($1, $2::uuid, $3, $4::uuid, $5, $6::uuid, $7::uuid, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $14, $15, $16, $8) RETURNING chain_key, hash)
     UPDATE audit_chain c SET hash = e.hash FROM e WHERE c.chain_key = e.chain_key`,
    [
      content.seq,
      content.id,
      occurredAt,
      content.actorId,
      content.actorRole,
      content.buyerId,
      tenderId,
      content.tenderSeq,
      content.action,
      content.objectType,
      content.objectId,
      requestId,
      JSON.stringify(content.payload),
      row.prev_hash,
      hash,
      `tender:${tenderId}`,
    ],
  );
  return out;
}

// ---------------------------------------------------------------- routes

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });

app.get('/health', async (_req, reply) => reply.header('content-type', JSON_TYPE).send('{"status":"ok"}'));

type IdParams = { Params: { id: string }; Querystring: { page?: string; pageSize?: string } };

app.get<IdParams>('/api/v1/tenders/:id', async (req, reply) => {
  const claims = verifyToken(req.headers.authorization);
  if (!claims) return unauthenticated(reply);
  if (!UUID_RE.test(req.params.id)) return notFound(reply, 'Tender');
  const { rows } = await pool.query(TENDER_SQL, [claims.sub, claims.tv ?? 0, req.params.id]);
  if (rows.length === 0) return unauthenticated(reply);
  if (rows[0].role !== 'OFFICER' && rows[0].role !== 'AUDITOR') return forbidden(reply);
  if (rows[0].id === null) return notFound(reply, 'Tender');
  return reply.header('content-type', JSON_TYPE).header('etag', `"v${rows[0].version}"`).send(tenderJson(rows[0]));
});

app.get<IdParams>('/api/v1/tenders/:id/bids', async (req, reply) => {
  const claims = verifyToken(req.headers.authorization);
  if (!claims) return unauthenticated(reply);
  if (!UUID_RE.test(req.params.id)) return notFound(reply, 'Tender');
  const page = req.query.page === undefined ? 1 : Number(req.query.page);
  const pageSize = req.query.pageSize === undefined ? 50 : Number(req.query.pageSize);
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
    return problem(reply, 422, 'VALIDATION_FAILED', 'Validation failed', 'page or pageSize out of range');
  const { rows } = await pool.query(BIDS_SQL, [claims.sub, claims.tv ?? 0, req.params.id, pageSize, (page - 1) * pageSize]);
  if (rows.length === 0) return unauthenticated(reply);
  if (rows[0].role !== 'OFFICER' && rows[0].role !== 'AUDITOR') return forbidden(reply);
  if (rows[0].tender_id === null) return notFound(reply, 'Tender');
  // The items re-serialised compactly; page fields as the service orders them.
  return reply
    .header('content-type', JSON_TYPE)
    .send(`{"items":${JSON.stringify(JSON.parse(rows[0].items))},"page":${page},"pageSize":${pageSize},"total":${rows[0].total}}`);
});

app.get<IdParams>('/api/v1/evaluations/:id', async (req, reply) => {
  const claims = verifyToken(req.headers.authorization);
  if (!claims) return unauthenticated(reply);
  if (!UUID_RE.test(req.params.id)) return notFound(reply, 'Evaluation');
  const { rows } = await pool.query(EVALUATION_SQL, [claims.sub, claims.tv ?? 0, req.params.id]);
  if (rows.length === 0) return unauthenticated(reply);
  if (rows[0].role !== 'OFFICER' && rows[0].role !== 'AUDITOR') return forbidden(reply);
  if (rows[0].id === null) return notFound(reply, 'Evaluation');
  return reply.header('content-type', JSON_TYPE).send(evaluationJson(rows[0]));
});

app.post<{ Params: { id: string } }>('/api/v1/tenders/:id/bids', async (req, reply) => {
  const claims = verifyToken(req.headers.authorization);
  if (!claims) return unauthenticated(reply);
  if (!UUID_RE.test(req.params.id)) return notFound(reply, 'Tender');
  const errors: { field: string; message: string }[] = [];
  validateBid(req.body, errors);
  if (errors.length) return problem(reply, 422, 'VALIDATION_FAILED', 'Validation failed', 'The request has invalid fields', errors);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await intake(client, claims, randomUUID(), req.params.id, req.body, reply);
    if (out === reply) {
      await client.query('ROLLBACK');
      return reply;
    }
    await client.query('COMMIT');
    return reply.code(201).header('content-type', JSON_TYPE).send(JSON.stringify(out));
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
});

const port = Number(process.env.PORT ?? 3100);
app.listen({ port, host: '127.0.0.1' }).catch((e: unknown) => {
  process.stderr.write(`floor: ${(e as Error).message}\n`);
  process.exit(1);
});
const stop = () => void app.close().then(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
