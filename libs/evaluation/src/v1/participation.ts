/**
 * §2 Participation check (Art. 12, 26, 38(3), 44, 45): findings per bid. A
 * finding never excludes a bid by itself; officers decide (four-eyes).
 */
import { Dec, fmt } from './decimal';
import { minusYears } from './dates';
import { FINDING_ORDER, FINDING_RULES, groundArticle } from './constants';
import { type Issue, normGood, throwIfIssues } from './model';
import { normaliseIdentifier, normaliseName } from './names';
import { type Common, type CommonInput, type FlatNode, type PreparedBid, byString, prepareCommon } from './prepare';
import type { Finding, FindingCode } from './types';

export type ParticipationInput = CommonInput;

interface Located {
  finding: Finding;
  /** Depth-first index of the node; −1 for bid-level findings. */
  order: number;
}

function make(code: FindingCode, nodePath: string[], message: string, legalBasis = FINDING_RULES[code].legalBasis): Finding {
  // A copy: findings and risk nodes must not share arrays a consumer could mutate.
  return { code, legalBasis, severity: FINDING_RULES[code].severity, nodePath: [...nodePath], message };
}

const CH_LABOUR_KEYS = ['labourProtection', 'workingConditions', 'illegalEmploymentDuties'] as const;

function nodeFindings(n: FlatNode, c: Common): Finding[] {
  const out: Finding[] = [];
  const d = n.node.declarations ?? {};
  const where = n.path.length > 1 ? `Subcontractor ${n.path[n.path.length - 1]}` : `Bidder ${n.path[0]}`;

  if (n.country === 'CH') {
    const missing = CH_LABOUR_KEYS.filter((k) => d[k] !== true);
    if (missing.length > 0) {
      out.push(make('CH_LABOUR_CONDITIONS', n.path, `${where} (work in Switzerland): declaration not given: ${missing.join(', ')}.`));
    }
    if (d.equalPay !== true) out.push(make('CH_EQUAL_PAY', n.path, `${where} (work in Switzerland): equal pay for women and men not declared.`));
  } else {
    // Undisclosed country counts as abroad (§2).
    const abroad = n.country ?? 'an undisclosed country';
    if (d.iloCoreConventions !== true) {
      out.push(make('ILO_CORE_CONVENTIONS', n.path, `${where} (work in ${abroad}): compliance with the ILO core conventions of Annex 6 not declared.`));
    }
    const declared = new Set((Array.isArray(d.additionalConventions) ? d.additionalConventions : []).map((x) => String(x).trim().toUpperCase()));
    const missing = c.additionalConventions.filter((x) => !declared.has(x));
    if (missing.length > 0) {
      out.push(make('ILO_ADDITIONAL_CONVENTIONS', n.path, `${where} (work in ${abroad}): required convention(s) not declared: ${missing.join(', ')}.`));
    }
  }
  if (d.environmentalLaw !== true) out.push(make('ENVIRONMENTAL_LAW', n.path, `${where}: compliance with environmental law not declared.`));
  if (n.hasChildren && d.subcontractClause !== true) {
    out.push(make('SUBCONTRACT_CLAUSE', n.path, `${where}: the participation conditions are not declared written into its subcontracts.`));
  }
  if (d.taxesAndSocialSecurityPaid !== true) {
    out.push(make('TAXES_SOCIAL_SECURITY', n.path, `${where}: payment of taxes and social security contributions not declared.`));
  }
  if (n.country === null) out.push(make('UNDISCLOSED_COUNTRY', n.path, `${where}: country of performance not disclosed; ask the bidder.`));

  const sanction = sanctionMatches(n, c);
  if (sanction.length > 0) {
    const list = sanction.map((m) => `${m.entry.id} (${m.entry.name}, ground ${m.entry.ground}, ${m.from} to ${m.until}, matched by ${m.by})`);
    out.push(make('SANCTIONED', n.path, `${where} matches the sanctions list: ${list.join('; ')}.`));
  }

  const from = minusYears(c.deadlineDate, c.model.violationLookbackYears);
  const recent = n.violations
    .filter((v) => v.occurredDate >= from && v.occurredDate <= c.deadlineDate)
    .sort((a, b) => byString(a.occurredDate, b.occurredDate) || byString(a.ground, b.ground) || byString(String(a.source), String(b.source)));
  for (const [standard, code] of [
    ['ESTABLISHED', 'VIOLATION_ESTABLISHED'],
    ['INDICATION', 'VIOLATION_INDICATION'],
  ] as const) {
    const vs = recent.filter((v) => v.standard === standard);
    if (vs.length === 0) continue;
    // One finding per (code, node): that is how decisions are keyed; several grounds are cited together.
    const grounds = [...new Set(vs.map((v) => v.ground))].sort(byString);
    const legalBasis = `Art. ${grounds.map(groundArticle).join(', ')}`;
    const list = vs.map((v) => `${v.occurredDate} ${v.ground}: ${v.description} (source: ${v.source})`);
    const label = standard === 'ESTABLISHED' ? 'established violation' : 'indication of a violation';
    out.push(make(code, n.path, `${where}: ${label}${vs.length > 1 ? 's' : ''} since ${from}: ${list.join('; ')}.`, legalBasis));
  }

  if (n.country !== null) {
    const goods = (Array.isArray(n.node.goods) ? n.node.goods : []).filter(
      (g) => typeof g === 'string' && c.index.goods.get(normGood(g))?.get(n.country as string)?.forcedLabour,
    );
    if (goods.length > 0) {
      out.push(make('FORCED_LABOUR_GOODS', n.path, `${where}: ${goods.join(', ')} on the forced-labour list for ${n.country}.`));
    }
  }
  return out;
}

function sanctionMatches(n: FlatNode, c: Common): { entry: Common['sanctions'][number]['entry']; from: string; until: string; by: string }[] {
  const ids = [n.node.identifiers?.uid, n.node.identifiers?.lei, n.node.identifiers?.vat]
    .filter((x): x is string => typeof x === 'string')
    .map(normaliseIdentifier)
    .filter((x) => x !== '');
  const name = normaliseName(n.path[n.path.length - 1]);
  const out = [];
  for (const s of c.sanctions) {
    const active = s.from <= c.deadlineDate && c.deadlineDate <= s.until;
    const inScope = s.entry.scope === 'ALL_FEDERAL' || (s.entry.scope === 'BUYER' && s.entry.buyerId === c.tender.buyerId);
    if (!active || !inScope) continue;
    const byId = ids.some((x) => s.identifiers.has(x));
    const byName = name !== '' && name === s.name && n.country !== null && n.country === s.country;
    if (byId || byName) out.push({ entry: s.entry, from: s.from, until: s.until, by: byId ? 'identifier' : 'name and country' });
  }
  return out;
}

/** Median of a non-empty list; for an even count the mean of the two middle values. */
export function median(xs: Dec[]): Dec {
  const s = [...xs].sort((a, b) => a.cmp(b));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : s[mid - 1].plus(s[mid]).div(2);
}

/** Median of the sorted clean prices with the entry at `skip` left out (count = remaining entries). */
function medianOfSorted(sorted: PreparedBid[], skip: number | undefined, count: number): Dec {
  const at = (i: number) => sorted[skip !== undefined && i >= skip ? i + 1 : i].price;
  const mid = Math.floor(count / 2);
  return count % 2 === 1
    ? at(mid)
    : at(mid - 1)
        .plus(at(mid))
        .div(2);
}

/** Findings of every bid, keyed by bidId, on already prepared input. */
export function findingsOf(c: Common): Map<string, Finding[]> {
  const located = new Map<string, Located[]>();
  for (const b of c.bids) {
    const list: Located[] = [];
    const root = b.nodes[0]?.path ?? [b.bid.bidderName];
    if (b.late) {
      list.push({
        order: -1,
        finding: make('LATE_SUBMISSION', root, `Received ${b.bid.receivedAt}, after the submission deadline ${c.tender.submissionDeadline}.`),
      });
    }
    for (const n of b.nodes) for (const f of nodeFindings(n, c)) list.push({ finding: f, order: n.index });
    located.set(b.bid.bidId, list);
  }

  // ABNORMALLY_LOW compares published prices with the other admissible bids that have no exclusion ground.
  const admissible = c.bids.filter((b) => b.admissible);
  const isClean = (b: PreparedBid): boolean => !(located.get(b.bid.bidId) ?? []).some((l) => l.finding.severity === 'EXCLUSION_GROUND');
  // Clean prices sorted once; each bid's "others" is that list without its own entry (if it is clean),
  // so the median is read by index instead of re-sorting n times.
  const clean = admissible.filter(isClean).sort((x, y) => x.price.cmp(y.price));
  const cleanIndex = new Map(clean.map((b, i) => [b, i]));
  for (const b of admissible) {
    const own = cleanIndex.get(b);
    const count = clean.length - (own === undefined ? 0 : 1);
    if (count < 2) continue;
    const med = medianOfSorted(clean, own, count);
    const limit = c.abnormallyLowThreshold.times(med);
    if (b.price.lt(limit)) {
      located.get(b.bid.bidId)?.push({
        order: -1,
        finding: make(
          'ABNORMALLY_LOW',
          b.nodes[0]?.path ?? [b.bid.bidderName],
          `Price ${fmt(b.price)} is below ${fmt(c.abnormallyLowThreshold)} × ${fmt(med)} (median of ${count} other admissible bids without an exclusion ground) = ${fmt(limit)}; ask the bidder for explanations (Art. 38(3)).`,
        ),
      });
    }
  }

  const out = new Map<string, Finding[]>();
  for (const [bidId, list] of located) {
    list.sort((x, y) => FINDING_ORDER.indexOf(x.finding.code) - FINDING_ORDER.indexOf(y.finding.code) || x.order - y.order);
    out.set(
      bidId,
      list.map((l) => l.finding),
    );
  }
  return out;
}

/**
 * §2 for every bid of a tender: `{bidId: Finding[]}`. Throws
 * EvaluationInputError('INVALID_INPUT') on malformed input.
 */
export function checkParticipation(input: ParticipationInput): Record<string, Finding[]> {
  const issues: Issue[] = [];
  const common = prepareCommon(input, issues);
  throwIfIssues(issues);
  return Object.fromEntries(findingsOf(common));
}
