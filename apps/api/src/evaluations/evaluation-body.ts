/**
 * The evaluation as the API shows it (GET /evaluations/:id, POST
 * /tenders/:id/evaluations), built from plain data: no Nest, no Prisma, so
 * that the evaluation worker renders the response body beside the result and
 * the request thread never re-serialises megabytes of JSON. Relative imports
 * (no path aliases): the worker loads this file too.
 */
import { dataGapNote, displayedFindingMessage } from '../../../../libs/i18n/src/findings';
import type { Lang } from '../../../../libs/i18n/src/languages';
import type { EvaluationResult, FindingParams } from '../../../../libs/evaluation/src/types';
import type { EvaluationDto } from './evaluation.dto';

// Finding identity has one home (libs/procedure); imported by path because this file also runs in the worker thread.
import { findingKeyOf } from '../../../../libs/procedure/src/findings';
export { findingKeyOf };

/** The stored finding row of an evaluation, as far as the response needs it. */
export interface StoredFindingRef {
  findingKey: string;
  id: string;
  params: unknown;
}

/** An evaluation row as the response needs it (everything but the inputs). */
export interface EvaluationView {
  id: string;
  tenderId: string;
  seq: number;
  createdAt: Date;
  createdById: string | null;
  methodVersion: string;
  riskModelVersion: number;
  datasetVersions: unknown;
  inputsDigest: string;
  digest: string;
  result: unknown;
  findings: readonly StoredFindingRef[];
}

/**
 * The evaluation as the API shows it, in the caller's language: finding
 * messages from their code and recorded parameters, data-gap notes from their
 * pattern. The stored snapshot (and its digest) is untouched: it keeps the
 * engine's English. Key order follows the objects given: for a row read from
 * PostgreSQL that is jsonb's order; a freshly computed result goes through
 * `jsonbOrdered` first, so both give the same bytes.
 */
export function toEvaluationDto(e: EvaluationView, lang: Lang = 'en'): EvaluationDto {
  const result = e.result as EvaluationResult;
  const rows = new Map(e.findings.map((f) => [f.findingKey, f]));
  return {
    id: e.id,
    tenderId: e.tenderId,
    seq: e.seq,
    createdAt: e.createdAt.toISOString(),
    createdById: e.createdById,
    methodVersion: e.methodVersion,
    riskModelVersion: e.riskModelVersion,
    datasetVersions: e.datasetVersions as EvaluationDto['datasetVersions'],
    inputsDigest: e.inputsDigest,
    digest: e.digest,
    bids: result.bids.map((b) => ({
      ...b,
      findings: b.findings.map((f) => {
        const row = rows.get(findingKeyOf(b.bidId, f));
        return { id: row?.id ?? null, ...f, message: displayedFindingMessage({ ...f, params: row?.params as FindingParams | null }, lang) };
      }),
      risk: b.risk && lang !== 'en' ? { ...b.risk, nodes: b.risk.nodes.map((n) => ({ ...n, dataGaps: n.dataGaps.map((g) => dataGapNote(g, lang)) })) } : b.risk,
    })),
    ranking: result.ranking,
    sensitivity: result.sensitivity,
    iia: result.iia,
    effectivePriceWeight: result.effectivePriceWeight,
    ties: result.ties,
  } as EvaluationDto;
}

/**
 * PostgreSQL's `jsonb` key order (shorter keys first, then bytewise on the
 * UTF-8 text), which is how a jsonb column reads back: a value stored
 * as jsonb and the same value passed through this function serialise to the
 * same bytes. Members whose value is `undefined` are dropped, as the
 * JSON text sent to the database drops them.
 */
export function jsonbOrdered<T>(value: T): T {
  return order(value) as T;
}

function compareJsonbKeys(a: string, b: string): number {
  const la = Buffer.byteLength(a, 'utf8');
  const lb = Buffer.byteLength(b, 'utf8');
  if (la !== lb) return la - lb;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Fast path for ASCII keys (the engine's): byte length is the string length, byte order the code-unit order. */
const ASCII = /^[ -~]*$/; // printable ASCII (control characters take the general path)

function compareKeys(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  return compareJsonbKeys(a, b);
}

function order(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : order(x)));
  const src = v as Record<string, unknown>;
  const keys = Object.keys(src).sort(compareKeys);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const x = src[k];
    if (x === undefined) continue;
    if (k === '__proto__') Object.defineProperty(out, k, { value: order(x), enumerable: true, writable: true, configurable: true });
    else out[k] = order(x);
  }
  return out;
}

/**
 * Objects whose JSON text is already known (e.g. the body the worker
 * rendered): the controller's interceptor sends that text instead of
 * serialising the object again.
 */
const PRESERIALISED = new WeakMap<object, string>();

export function withJsonText<T extends object>(value: T, text: string): T {
  PRESERIALISED.set(value, text);
  return value;
}

export function jsonTextOf(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' ? PRESERIALISED.get(value) : undefined;
}
