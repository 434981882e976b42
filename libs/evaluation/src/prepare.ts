/**
 * Validation and parsing of the engine's input. Everything the engine reads is
 * checked here once; the computing modules then work on parsed values only.
 * Problems are collected and thrown together as one INVALID_INPUT error, each
 * naming its field (and bid / criterion where it has one).
 */
import { Rational, HUNDRED, ONE, ZERO, parseDecimal } from './rational';
import { zurichDate } from '../../procedure/src/zurich-time';
import { parseCalendarDate, parseInstant } from './dates';
import { GROUND_RE } from './constants';
import { EVIDENCE_KINDS, exceedsWhole, subcontractorShareSum } from './supply-chain';
import { type DatasetIndex, type Issue, type ParsedModel, indexDatasets, normCountry, parseRiskModel, readDecimal } from './model';
import { normaliseIdentifier, normaliseName } from './names';
import { criteriaIssues, tieBreakIssues } from './criteria-rules';
import {
  DEFAULT_TIE_BREAK,
  type BidInput,
  type CriterionInput,
  type CriterionKind,
  type EvidenceInput,
  type GradeInput,
  type PriceMethod,
  type RiskDatasets,
  type RiskModelConstants,
  type SanctionInput,
  type SupplyChainNodeInput,
  type TenderInput,
  type ViolationInput,
} from './types';

/** A supply-chain node flattened in depth-first (pre-)order, with its shares. */
export interface FlatNode {
  node: SupplyChainNodeInput;
  path: string[];
  /** Position in depth-first order (0 = root). */
  index: number;
  country: string | null;
  sharePercent: Rational;
  effectiveShare: Rational;
  ownShare: Rational;
  hasChildren: boolean;
  evidence: { kind: EvidenceInput['kind']; issuer: string; issuedAt: string; validUntil: string | null }[];
  violations: (ViolationInput & { occurredDate: string })[];
}

export interface PreparedBid {
  bid: BidInput;
  receivedMs: number;
  price: Rational;
  nodes: FlatNode[];
  late: boolean;
  excluded: boolean;
  admissible: boolean;
}

export interface PreparedSanction {
  entry: SanctionInput;
  identifiers: Set<string>;
  name: string;
  country: string | null;
  from: string;
  until: string;
}

export interface Common {
  tender: TenderInput;
  model: ParsedModel;
  index: DatasetIndex;
  deadlineMs: number;
  /** The deadline's calendar date in Europe/Zurich: the day date windows are measured from. */
  deadlineDate: string;
  additionalConventions: string[];
  abnormallyLowThreshold: Rational;
  /** Sorted by sanction id, so that messages do not depend on the list's order. */
  sanctions: PreparedSanction[];
  /** Sorted by bidId. */
  bids: PreparedBid[];
}

export interface PreparedCriterion {
  input: CriterionInput;
  code: string;
  kind: CriterionKind;
  weight: Rational;
  priceMethod: PriceMethod | null;
  span: Rational;
}

export type TieKey = { kind: 'HUMAN_RIGHTS' } | { kind: 'PRICE' } | { kind: 'RECEIVED_AT' } | { kind: 'CRITERION'; code: string };

export interface Scoring {
  criteria: PreparedCriterion[];
  tieBreak: TieKey[];
  referencePrice: Rational | null;
  requiredEvaluators: number;
  /** bidId → criterionCode → evaluatorId → grade, for QUALITY criteria. */
  grades: Map<string, Map<string, Map<string, number>>>;
}

const PRICE_METHODS: readonly string[] = ['LINEAR_SPAN', 'PROPORTIONAL', 'QUADRATIC', 'CUBIC', 'MIN_MAX'];
const KINDS: readonly string[] = ['PRICE', 'QUALITY', 'HUMAN_RIGHTS', 'NUMBER_LOWER_BETTER', 'NUMBER_HIGHER_BETTER'];

export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Flatten a supply chain depth-first, computing effective and own shares (§4):
 * root effective share 1; a child's = parent's × sharePercent/100; own share =
 * effective × (1 − Σ children's sharePercent/100).
 */
export function flattenChain(root: SupplyChainNodeInput, issues: Issue[], bidId?: string): FlatNode[] {
  if (!root || typeof root !== 'object') {
    issues.push({ field: 'supplyChain', message: 'supplyChain must be a node', ...(bidId !== undefined ? { bidId } : {}) });
    return [];
  }
  const out: FlatNode[] = [];
  const ancestors = new Set<SupplyChainNodeInput>();
  const visit = (node: SupplyChainNodeInput, parentPath: string[], effective: Rational): void => {
    const name = typeof node?.name === 'string' ? node.name : '';
    const path = [...parentPath, name];
    const where = `supplyChain ${JSON.stringify(path)}`;
    const issue = (field: string, message: string): void => {
      issues.push({ field: `${where}.${field}`, message: `${where}: ${message}`, ...(bidId !== undefined ? { bidId } : {}) });
    };
    if (!node || typeof node !== 'object') {
      issue('node', 'not a node');
      return;
    }
    if (ancestors.has(node)) {
      issue('subcontractors', 'cycle in the supply chain');
      return;
    }
    if (name.trim() === '') issue('name', 'name is required');
    const sharePercent = readDecimal(node.sharePercent, `${where}.sharePercent`, issues, { min: ZERO, max: HUNDRED }, bidId !== undefined ? { bidId } : {});
    const children = Array.isArray(node.subcontractors) ? node.subcontractors : [];
    if (!Array.isArray(node.subcontractors)) issue('subcontractors', 'subcontractors must be an array');
    if (!Array.isArray(node.goods)) issue('goods', 'goods must be an array');
    const childSum = subcontractorShareSum(children);
    if (exceedsWhole(childSum)) issue('subcontractors', `the subcontractors' sharePercent sum to ${childSum.toDecimalString()} > 100`);
    const ownShare = effective.mul(ONE.sub(Rational.min(childSum, HUNDRED).div(HUNDRED)));

    const evidence: FlatNode['evidence'] = [];
    for (const [i, e] of (Array.isArray(node.evidence) ? node.evidence : []).entries()) {
      const issuedAt = parseCalendarDate(e?.issuedAt);
      const validUntil = e?.validUntil == null ? null : parseCalendarDate(e.validUntil);
      if (!(EVIDENCE_KINDS as readonly string[]).includes(e?.kind)) issue(`evidence[${i}].kind`, `unknown evidence kind ${JSON.stringify(e?.kind)}`);
      if (!issuedAt) issue(`evidence[${i}].issuedAt`, `evidence issuedAt must be a date YYYY-MM-DD`);
      if (e?.validUntil != null && !validUntil) issue(`evidence[${i}].validUntil`, `evidence validUntil must be a date YYYY-MM-DD`);
      if (issuedAt) evidence.push({ kind: e.kind, issuer: String(e.issuer ?? ''), issuedAt, validUntil });
    }
    const violations: FlatNode['violations'] = [];
    for (const [i, v] of (Array.isArray(node.violations) ? node.violations : []).entries()) {
      const occurredDate = parseCalendarDate(v?.occurredAt);
      if (typeof v?.ground !== 'string' || !GROUND_RE.test(v.ground)) issue(`violations[${i}].ground`, `unknown Art. 44 ground ${JSON.stringify(v?.ground)}`);
      if (v?.standard !== 'ESTABLISHED' && v?.standard !== 'INDICATION') issue(`violations[${i}].standard`, `standard must be ESTABLISHED or INDICATION`);
      if (!occurredDate) issue(`violations[${i}].occurredAt`, `violation occurredAt must be a date YYYY-MM-DD`);
      if (occurredDate) violations.push({ ...v, occurredDate });
    }

    out.push({
      node,
      path,
      index: out.length,
      country: normCountry(node.country),
      sharePercent,
      effectiveShare: effective,
      ownShare,
      hasChildren: children.length > 0,
      evidence,
      violations,
    });
    ancestors.add(node);
    for (const c of children) {
      const sp = parseDecimal(c?.sharePercent) ?? ZERO;
      visit(c, path, effective.mul(sp).div(HUNDRED));
    }
    ancestors.delete(node);
  };
  visit(root, [], ONE);
  return out;
}

function prepareSanction(s: SanctionInput, i: number, issues: Issue[]): PreparedSanction | null {
  const field = `sanctions[${i}]`;
  const from = parseCalendarDate(s?.from);
  const until = parseCalendarDate(s?.until);
  if (!from) issues.push({ field: `${field}.from`, message: `${field}.from must be a date YYYY-MM-DD` });
  if (!until) issues.push({ field: `${field}.until`, message: `${field}.until must be a date YYYY-MM-DD` });
  if (s?.scope !== 'BUYER' && s?.scope !== 'ALL_FEDERAL') issues.push({ field: `${field}.scope`, message: `${field}.scope must be BUYER or ALL_FEDERAL` });
  if (s?.scope === 'BUYER' && !s.buyerId) issues.push({ field: `${field}.buyerId`, message: `${field}: a BUYER-scope entry needs its buyerId` });
  if (typeof s?.id !== 'string') issues.push({ field: `${field}.id`, message: `${field}.id is required` });
  if (!from || !until || typeof s?.id !== 'string') return null;
  return {
    entry: s,
    identifiers: new Set(
      (Array.isArray(s.identifiers) ? s.identifiers : [])
        .filter((x) => typeof x === 'string')
        .map(normaliseIdentifier)
        .filter((x) => x !== ''),
    ),
    name: normaliseName(String(s.name ?? '')),
    country: normCountry(s.country),
    from,
    until,
  };
}

export interface CommonInput {
  tender: TenderInput;
  bids: BidInput[];
  excludedBidIds: string[];
  sanctions: SanctionInput[];
  riskModel: RiskModelConstants;
  datasets: RiskDatasets;
}

/** Parse what the participation check and the risk model need. */
export function prepareCommon(input: CommonInput, issues: Issue[]): Common {
  const tender = input.tender ?? ({} as TenderInput);
  const model = parseRiskModel(input.riskModel, issues);
  const index = indexDatasets(input.datasets, issues);

  const deadlineMs = parseInstant(tender.submissionDeadline);
  if (deadlineMs === null) {
    issues.push({ field: 'tender.submissionDeadline', message: 'tender.submissionDeadline must be an ISO 8601 timestamp with offset' });
  }
  const deadlineDate = deadlineMs === null ? '1970-01-01' : zurichDate(new Date(deadlineMs));

  const thresholdRaw = tender.abnormallyLowThreshold;
  const abnormallyLowThreshold =
    thresholdRaw == null || thresholdRaw === ''
      ? model.defaultAbnormallyLowThreshold
      : readDecimal(thresholdRaw, 'tender.abnormallyLowThreshold', issues, { min: ZERO });

  const additionalConventions = [
    ...new Set((Array.isArray(tender.additionalConventions) ? tender.additionalConventions : []).map((c) => String(c).trim().toUpperCase())),
  ].sort(byString);

  const sanctions = (input.sanctions ?? [])
    .map((s, i) => prepareSanction(s, i, issues))
    .filter((s): s is PreparedSanction => s !== null)
    .sort((a, b) => byString(a.entry.id, b.entry.id));

  const excluded = new Set(input.excludedBidIds ?? []);
  const seen = new Set<string>();
  const bids: PreparedBid[] = [];
  for (const [i, bid] of (input.bids ?? []).entries()) {
    const bidId = bid?.bidId;
    if (typeof bidId !== 'string' || bidId === '') {
      issues.push({ field: `bids[${i}].bidId`, message: `bids[${i}].bidId is required` });
      continue;
    }
    if (seen.has(bidId)) {
      issues.push({ field: `bids[${i}].bidId`, message: `bid ${bidId} is given more than once`, bidId });
      continue;
    }
    seen.add(bidId);
    const receivedMs = parseInstant(bid.receivedAt);
    if (receivedMs === null) {
      issues.push({ field: `bids[${i}].receivedAt`, message: `bid ${bidId}: receivedAt must be an ISO 8601 timestamp with offset`, bidId });
    }
    const price = readDecimal(bid.price, `bids[${i}].price`, issues, { min: ZERO, minExclusive: true }, { bidId });
    if (!bid.supplyChain) {
      issues.push({ field: `bids[${i}].supplyChain`, message: `bid ${bidId}: supplyChain is required`, bidId });
      continue;
    }
    const nodes = flattenChain(bid.supplyChain, issues, bidId);
    const late = receivedMs !== null && deadlineMs !== null && receivedMs > deadlineMs;
    const isExcluded = excluded.has(bidId);
    bids.push({ bid, receivedMs: receivedMs ?? 0, price, nodes, late, excluded: isExcluded, admissible: !late && !isExcluded });
  }
  for (const id of excluded) {
    if (!seen.has(id)) issues.push({ field: 'excludedBidIds', message: `excludedBidIds names an unknown bid ${id}`, bidId: id });
  }
  bids.sort((a, b) => byString(a.bid.bidId, b.bid.bidId));

  return {
    tender,
    model,
    index,
    deadlineMs: deadlineMs ?? 0,
    deadlineDate,
    additionalConventions,
    abnormallyLowThreshold,
    sanctions,
    bids,
  };
}

/** Parse the criteria, tie-break chain, grades and figures that scoring needs. */
export function prepareScoring(input: { tender: TenderInput; grades: GradeInput[] }, common: Common, issues: Issue[]): Scoring {
  const tender = input.tender ?? ({} as TenderInput);
  const criteria: PreparedCriterion[] = [];
  const codes = new Set<string>();
  const rawCriteria = Array.isArray(tender.criteria) ? tender.criteria : [];
  if (rawCriteria.length === 0) issues.push({ field: 'tender.criteria', message: 'the tender has no award criteria' });
  for (const [i, c] of rawCriteria.entries()) {
    const field = `tender.criteria[${i}]`;
    const code = c?.code;
    if (typeof code !== 'string' || code === '') {
      issues.push({ field: `${field}.code`, message: `${field}.code is required` });
      continue;
    }
    codes.add(code);
    if (!KINDS.includes(c.kind))
      issues.push({ field: `${field}.kind`, message: `criterion ${code}: unknown kind ${JSON.stringify(c.kind)}`, criterionCode: code });
    const weight = readDecimal(c.weight, `${field}.weight`, issues, { min: ZERO, max: HUNDRED }, { criterionCode: code });
    let priceMethod: PriceMethod | null = null;
    let span = common.model.defaultSpan;
    if (c.kind === 'PRICE') {
      if (typeof c.priceMethod !== 'string' || !PRICE_METHODS.includes(c.priceMethod)) {
        issues.push({
          field: `${field}.priceMethod`,
          message: `criterion ${code}: priceMethod must be one of ${PRICE_METHODS.join(', ')}`,
          criterionCode: code,
        });
      } else {
        priceMethod = c.priceMethod;
      }
      if (c.span != null && c.span !== '') {
        span = readDecimal(c.span, `${field}.span`, issues, { min: ZERO, minExclusive: true }, { criterionCode: code });
      }
    }
    criteria.push({ input: c, code, kind: c.kind, weight, priceMethod, span });
  }
  // The rules on the whole list (unique codes, one PRICE, weights summing to 100, …) are the API's: criteria-rules.ts.
  if (rawCriteria.length > 0)
    issues.push(
      ...criteriaIssues(
        criteria.map((c) => c.input),
        'tender.criteria',
        { methodFields: false },
      ),
    );

  const tieBreak: TieKey[] = [];
  const chain = Array.isArray(tender.tieBreak) && tender.tieBreak.length > 0 ? tender.tieBreak : DEFAULT_TIE_BREAK;
  issues.push(...tieBreakIssues(chain, codes, 'tender.tieBreak'));
  for (const key of chain) {
    if (key === 'HUMAN_RIGHTS' || key === 'PRICE' || key === 'RECEIVED_AT') tieBreak.push({ kind: key });
    else if (codes.has(key)) tieBreak.push({ kind: 'CRITERION', code: key });
  }

  let referencePrice: Rational | null = null;
  if (tender.priceBasis !== 'LOWEST' && tender.priceBasis !== 'REFERENCE') {
    issues.push({ field: 'tender.priceBasis', message: 'tender.priceBasis must be LOWEST or REFERENCE' });
  }
  if (tender.priceBasis === 'REFERENCE') {
    referencePrice = readDecimal(tender.referencePrice, 'tender.referencePrice', issues, { min: ZERO, minExclusive: true });
  }
  if (tender.priceLevelAdjustment && !common.index.priceLevels && criteria.some((c) => c.kind === 'PRICE')) {
    issues.push({
      field: 'datasets.priceLevels',
      message: 'the tender uses the price-level adjustment but no PRICE_LEVELS dataset was given',
    });
  }

  const req = tender.requiredEvaluators ?? 1;
  if (!Number.isInteger(req) || req < 1) {
    issues.push({ field: 'tender.requiredEvaluators', message: 'tender.requiredEvaluators must be an integer ≥ 1' });
  }

  // Figures of NUMBER_* criteria: required of every admissible bid, non-negative.
  for (const b of common.bids.filter((x) => x.admissible)) {
    for (const c of criteria.filter((x) => x.kind === 'NUMBER_LOWER_BETTER' || x.kind === 'NUMBER_HIGHER_BETTER')) {
      const v = b.bid.figures?.[c.code];
      if (v === undefined || v === null) {
        issues.push({
          field: `figures.${c.code}`,
          message: `bid ${b.bid.bidId} has no figure for criterion ${c.code}`,
          bidId: b.bid.bidId,
          criterionCode: c.code,
        });
      } else {
        readDecimal(v, `figures.${c.code}`, issues, { min: ZERO }, { bidId: b.bid.bidId, criterionCode: c.code });
      }
    }
  }

  const bidIds = new Set(common.bids.map((b) => b.bid.bidId));
  const kindOf = new Map(criteria.map((c) => [c.code, c.kind]));
  const grades: Scoring['grades'] = new Map();
  for (const [i, g] of (input.grades ?? []).entries()) {
    const field = `grades[${i}]`;
    const ctx = { bidId: g?.bidId, criterionCode: g?.criterionCode };
    if (!bidIds.has(g?.bidId)) {
      issues.push({ field: `${field}.bidId`, message: `${field}: unknown bid ${JSON.stringify(g?.bidId)}`, ...ctx });
      continue;
    }
    if (kindOf.get(g.criterionCode) !== 'QUALITY') {
      issues.push({
        field: `${field}.criterionCode`,
        message: `${field}: ${JSON.stringify(g.criterionCode)} is not a QUALITY criterion of the tender`,
        ...ctx,
      });
      continue;
    }
    if (typeof g.grade !== 'number' || !Number.isInteger(g.grade) || g.grade < 0 || g.grade > 5) {
      issues.push({ field: `${field}.grade`, message: `${field}: grade must be an integer 0–5, got ${JSON.stringify(g.grade)}`, ...ctx });
      continue;
    }
    if (typeof g.evaluatorId !== 'string' || g.evaluatorId === '') {
      issues.push({ field: `${field}.evaluatorId`, message: `${field}: evaluatorId is required`, ...ctx });
      continue;
    }
    let byCriterion = grades.get(g.bidId);
    if (!byCriterion) grades.set(g.bidId, (byCriterion = new Map()));
    let byEvaluator = byCriterion.get(g.criterionCode);
    if (!byEvaluator) byCriterion.set(g.criterionCode, (byEvaluator = new Map()));
    if (byEvaluator.has(g.evaluatorId)) {
      issues.push({ field, message: `${field}: evaluator ${g.evaluatorId} graded bid ${g.bidId} on ${g.criterionCode} twice`, ...ctx });
      continue;
    }
    byEvaluator.set(g.evaluatorId, g.grade);
  }

  return { criteria, tieBreak, referencePrice, requiredEvaluators: req, grades };
}
