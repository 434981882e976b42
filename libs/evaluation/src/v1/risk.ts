/**
 * §4 Supply-chain human-rights risk: per node cr, pr, ir, m, rr and shares; the
 * bid's residual risk R = Σ ownShare·rr, with a line-by-line explanation.
 */
import { Dec, ONE, ZERO, cmpQ, fmt } from './decimal';
import { minusMonths } from './dates';
import { type DatasetIndex, type Issue, type ParsedModel, normGood, throwIfIssues } from './model';
import { type FlatNode, flattenChain, prepareCommon } from './prepare';
import {
  ANNEX6_CONVENTIONS,
  type BidRisk,
  type IsoDateString,
  type NodeRisk,
  type RiskDatasets,
  type RiskModelConstants,
  type SupplyChainNodeInput,
  type TenderInput,
} from './types';

export interface RiskContext {
  /** ISO 8601 timestamp with offset; audit and certification windows are measured from its Europe/Zurich date. */
  submissionDeadline: IsoDateString;
  riskModel: RiskModelConstants;
  datasets: RiskDatasets;
}

interface Env {
  model: ParsedModel;
  index: DatasetIndex;
  deadlineDate: string;
}

interface CountryRisk {
  cr: Dec;
  lines: string[];
  gaps: string[];
}

/** cr(c) = a·tier(c) + b·iloGap(c) + g·prevalence(c) (§4). */
function countryRisk(country: string | null, env: Env): CountryRisk {
  const { model, index } = env;
  const lines: string[] = [];
  const gaps: string[] = [];
  const withPrevalence = index.prevalence !== null;
  const w = withPrevalence ? model.weightsWith : model.weightsWithout;

  if (country === null) {
    // No country to look up: scored like a country absent from every dataset; rr is set to 1 anyway.
    const tier = model.tierScores.missing;
    const cr = w.tier.times(tier);
    gaps.push('country undisclosed');
    lines.push(`Country undisclosed: tier scored as not in the dataset (${fmt(tier)}), no ILO gap, no prevalence`);
    lines.push(`cr = ${fmt(w.tier)}·${fmt(tier)} = ${fmt(cr)}`);
    return { cr, lines, gaps };
  }

  const tierCode = index.tiers.get(country);
  const tier = tierCode ? model.tierScores[tierCode] : model.tierScores.missing;
  if (tierCode) {
    lines.push(`${country}: TIP tier ${tierCode === 'special' ? 'special case' : tierCode === '2WL' ? '2 Watch List' : tierCode} → ${fmt(tier)}`);
  } else {
    lines.push(`${country}: not in the TIP tier dataset → ${fmt(tier)}`);
    gaps.push(`TIP tier of ${country} not in the dataset`);
  }

  const rec = index.ilo.get(country);
  const notRatified: string[] = [];
  const unknown: string[] = [];
  for (const c of ANNEX6_CONVENTIONS) {
    const status = rec?.[c];
    if (status === 'not_ratified') notRatified.push(c);
    else if (status !== 'ratified') unknown.push(c);
  }
  const iloGap = new Dec(notRatified.length).div(ANNEX6_CONVENTIONS.length);
  lines.push(
    `ILO Annex 6: ${notRatified.length} of ${ANNEX6_CONVENTIONS.length} recorded as not ratified${notRatified.length ? ` (${notRatified.join(', ')})` : ''} → iloGap ${fmt(iloGap)}`,
  );
  if (!rec) gaps.push(`ILO ratifications of ${country} not in the dataset`);
  else if (unknown.length > 0) gaps.push(`ILO ratification status of ${country} unknown for ${unknown.join(', ')}`);

  let prevalence = ZERO;
  if (index.prevalence) {
    const per1000 = index.prevalence.get(country);
    if (per1000 === undefined) {
      gaps.push(`prevalence of ${country} not in the table`);
      lines.push(`Prevalence: ${country} not in the table → 0`);
    } else {
      prevalence = Dec.min(ONE, per1000.div(model.prevalenceDivisor));
      lines.push(`Prevalence: min(1, ${fmt(per1000)}/${fmt(model.prevalenceDivisor)}) = ${fmt(prevalence)}`);
    }
  }
  const cr = w.tier.times(tier).plus(w.iloGap.times(iloGap)).plus(w.prevalence.times(prevalence));
  lines.push(
    withPrevalence
      ? `cr = ${fmt(w.tier)}·${fmt(tier)} + ${fmt(w.iloGap)}·${fmt(iloGap)} + ${fmt(w.prevalence)}·${fmt(prevalence)} = ${fmt(cr)}`
      : `cr = ${fmt(w.tier)}·${fmt(tier)} + ${fmt(w.iloGap)}·${fmt(iloGap)} = ${fmt(cr)}`,
  );
  return { cr, lines, gaps };
}

/** The goods-list match of one good in one (possibly undisclosed) country, as §4 orders it. */
export function goodMatch(good: string, country: string | null, env: { model: ParsedModel; index: DatasetIndex }): { score: Dec; reason: string } {
  const { product } = env.model;
  const listings = env.index.goods.get(normGood(good));
  if (!listings) return { score: ZERO, reason: 'not on the goods list' };
  const own = country !== null ? listings.get(country) : undefined;
  if (own?.forcedLabour) return { score: product.forcedLabour, reason: `on the forced-labour list for ${country}` };
  if (own?.childLabour) return { score: product.childLabour, reason: `on the child-labour list (only) for ${country}` };
  if (own?.downstream) return { score: product.downstream, reason: `a downstream good of the list for ${country}` };
  const others = [...listings.keys()].filter((iso) => iso !== country).sort();
  if (others.length > 0) return { score: product.listedElsewhere, reason: `listed for other countries (${others.join(', ')})` };
  return { score: ZERO, reason: `listed for ${country} without a child- or forced-labour flag` };
}

function nodeRisk(n: FlatNode, env: Env): NodeRisk {
  const { model } = env;
  const { cr, lines, gaps } = countryRisk(n.country, env);
  const explanation = [...lines];

  // pr(n): the largest per-good score; no goods → 0.
  let pr = ZERO;
  const goods = Array.isArray(n.node.goods) ? n.node.goods.filter((g) => typeof g === 'string') : [];
  for (const g of goods) {
    const { score, reason } = goodMatch(g, n.country, env);
    explanation.push(`Good "${g}": ${reason} → ${fmt(score)}`);
    if (score.gt(pr)) pr = score;
  }
  explanation.push(goods.length === 0 ? 'pr = 0 (no goods)' : `pr = ${fmt(pr)}`);

  const inherent = ONE.minus(ONE.minus(cr).times(ONE.minus(pr)));
  explanation.push(`ir = 1 − (1 − ${fmt(cr)})·(1 − ${fmt(pr)}) = ${fmt(inherent)}`);

  // Mitigation: evidence counted only when it speaks for the situation at the deadline.
  const auditFrom = minusMonths(env.deadlineDate, model.socialAuditMonths);
  const audit = n.evidence.find((e) => e.kind === 'SOCIAL_AUDIT' && e.issuedAt >= auditFrom && e.issuedAt <= env.deadlineDate);
  const cert = n.evidence.find(
    (e) => e.kind === 'CERTIFICATION' && e.issuedAt <= env.deadlineDate && (e.validUntil === null || env.deadlineDate <= e.validUntil),
  );
  const plan = n.evidence.find((e) => e.kind === 'REMEDIATION_PLAN');
  const { mitigation: mw } = model;
  let raw = ZERO;
  if (audit) {
    raw = raw.plus(mw.socialAudit);
    explanation.push(
      `Social audit by ${audit.issuer} issued ${audit.issuedAt} (within ${model.socialAuditMonths} months before ${env.deadlineDate}) → ${fmt(mw.socialAudit)}`,
    );
  } else if (n.evidence.some((e) => e.kind === 'SOCIAL_AUDIT')) {
    explanation.push(`Social audit not counted: not issued between ${auditFrom} and ${env.deadlineDate}`);
  }
  if (cert) {
    raw = raw.plus(mw.certification);
    explanation.push(`Certification by ${cert.issuer} valid on ${env.deadlineDate} → ${fmt(mw.certification)}`);
  } else if (n.evidence.some((e) => e.kind === 'CERTIFICATION')) {
    explanation.push(`Certification not counted: not valid on ${env.deadlineDate}`);
  }
  if (plan) {
    raw = raw.plus(mw.remediationPlan);
    explanation.push(`Remediation plan by ${plan.issuer} → ${fmt(mw.remediationPlan)}`);
  }
  const mitigation = Dec.min(mw.cap, raw);
  explanation.push(raw.gt(mw.cap) ? `m = min(${fmt(mw.cap)}, ${fmt(raw)}) = ${fmt(mitigation)} (capped)` : `m = ${fmt(mitigation)}`);

  let residual: Dec;
  if (n.country === null) {
    residual = ONE;
    explanation.push('rr = 1 (country undisclosed)');
  } else {
    residual = inherent.times(ONE.minus(mitigation));
    explanation.push(`rr = ${fmt(inherent)}·(1 − ${fmt(mitigation)}) = ${fmt(residual)}`);
  }
  const contribution = n.ownShare.times(residual);
  explanation.push(
    `Share ${fmt(n.sharePercent)}% of its parent's work; effective share ${fmt(n.effectiveShare)}, own share ${fmt(n.ownShare)}; contribution ${fmt(n.ownShare)}·${fmt(residual)} = ${fmt(contribution)}`,
  );

  return {
    path: n.path,
    country: n.country,
    goods,
    countryRisk: fmt(cr),
    productRisk: fmt(pr),
    inherent: fmt(inherent),
    mitigation: fmt(mitigation),
    residual: fmt(residual),
    sharePercent: fmt(n.sharePercent),
    effectiveShare: fmt(n.effectiveShare),
    ownShare: fmt(n.ownShare),
    contribution: fmt(contribution),
    explanation,
    dataGaps: gaps,
  };
}

/** Risk of an already flattened, validated chain. Returns the residual as a Dec too, for scoring. */
export function riskOfNodes(nodes: FlatNode[], env: Env): { risk: BidRisk; residual: Dec } {
  let residual = ZERO;
  let best: { contribution: Dec; path: string[] } | null = null;
  const out: NodeRisk[] = [];
  for (const n of nodes) {
    const r = nodeRisk(n, env);
    const contribution = new Dec(r.contribution);
    residual = residual.plus(contribution);
    // Strictly greater: on a tie the node met first depth-first stays the largest.
    if (best === null || cmpQ(contribution, best.contribution) > 0) best = { contribution, path: n.path };
    out.push(r);
  }
  return { risk: { residual: fmt(residual), nodes: out, largestContributor: best ? best.path : [] }, residual };
}

/**
 * §4 for one supply chain (the bid's root node). Throws EvaluationInputError
 * ('INVALID_INPUT') for malformed shares (children's sharePercent sum > 100),
 * dates, constants or datasets.
 */
export function computeBidRisk(supplyChain: SupplyChainNodeInput, context: RiskContext): BidRisk {
  const issues: Issue[] = [];
  // prepareCommon validates the constants, datasets and deadline the same way evaluate() does.
  const common = prepareCommon(
    {
      // Only the deadline of the tender matters for risk; the rest falls back to defaults.
      tender: { submissionDeadline: context.submissionDeadline } as TenderInput,
      bids: [],
      excludedBidIds: [],
      sanctions: [],
      riskModel: context.riskModel,
      datasets: context.datasets,
    },
    issues,
  );
  const nodes = flattenChain(supplyChain, issues);
  throwIfIssues(issues);
  return riskOfNodes(nodes, { model: common.model, index: common.index, deadlineDate: common.deadlineDate }).risk;
}
