/**
 * Parsed, validated forms of the risk-model constants and the risk datasets,
 * built once per evaluation so that every bid is judged against the same
 * lookups.
 */
import { Dec, ONE, ZERO, parseDecimal } from './decimal';
import { EvaluationInputError, type RatificationStatus, type RiskDatasets, type RiskModelConstants, type TipTier } from './types';

export interface Issue {
  field?: string;
  message: string;
  bidId?: string;
  criterionCode?: string;
}

export function throwIfIssues(issues: Issue[]): void {
  if (issues.length > 0) {
    throw new EvaluationInputError('INVALID_INPUT', `Invalid evaluation input: ${issues[0].message}`, issues);
  }
}

/** Read a decimal field, recording an issue (and returning 0) when malformed or out of range. */
export function readDecimal(
  value: unknown,
  field: string,
  issues: Issue[],
  range: { min?: Dec; max?: Dec; minExclusive?: boolean } = {},
  extra: Partial<Issue> = {},
): Dec {
  const d = parseDecimal(value);
  if (d === null) {
    issues.push({ field, message: `${field} must be a decimal string, got ${JSON.stringify(value)}`, ...extra });
    return ZERO;
  }
  if (range.min && (range.minExclusive ? d.lte(range.min) : d.lt(range.min))) {
    issues.push({ field, message: `${field} must be ${range.minExclusive ? '>' : '≥'} ${range.min.toFixed()}, got ${value}`, ...extra });
  }
  if (range.max && d.gt(range.max)) {
    issues.push({ field, message: `${field} must be ≤ ${range.max.toFixed()}, got ${value}`, ...extra });
  }
  return d;
}

export interface ParsedModel {
  tierScores: Record<TipTier | 'missing', Dec>;
  weightsWithout: { tier: Dec; iloGap: Dec; prevalence: Dec };
  weightsWith: { tier: Dec; iloGap: Dec; prevalence: Dec };
  prevalenceDivisor: Dec;
  product: { forcedLabour: Dec; childLabour: Dec; listedElsewhere: Dec; downstream: Dec };
  mitigation: { socialAudit: Dec; certification: Dec; remediationPlan: Dec; cap: Dec };
  socialAuditMonths: number;
  violationLookbackYears: number;
  defaultSpan: Dec;
  defaultAbnormallyLowThreshold: Dec;
}

export function parseRiskModel(m: RiskModelConstants | undefined | null, issues: Issue[]): ParsedModel {
  const unit = { min: ZERO, max: ONE };
  const r = (v: unknown, f: string, range: { min?: Dec; max?: Dec; minExclusive?: boolean } = unit): Dec => readDecimal(v, `riskModel.${f}`, issues, range);
  const mm = (m ?? {}) as Partial<RiskModelConstants>;
  const tiers = mm.tierScores ?? ({} as RiskModelConstants['tierScores']);
  const wo = mm.weightsWithoutPrevalence ?? ({} as RiskModelConstants['weightsWithoutPrevalence']);
  const ww = mm.weightsWithPrevalence ?? ({} as RiskModelConstants['weightsWithPrevalence']);
  const pr = mm.productRisk ?? ({} as RiskModelConstants['productRisk']);
  const mi = mm.mitigation ?? ({} as RiskModelConstants['mitigation']);
  const intField = (v: unknown, f: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      issues.push({ field: `riskModel.${f}`, message: `riskModel.${f} must be a non-negative integer` });
      return 0;
    }
    return v;
  };
  return {
    tierScores: {
      '1': r(tiers['1'], 'tierScores.1'),
      '2': r(tiers['2'], 'tierScores.2'),
      '2WL': r(tiers['2WL'], 'tierScores.2WL'),
      '3': r(tiers['3'], 'tierScores.3'),
      special: r(tiers.special, 'tierScores.special'),
      missing: r(tiers.missing, 'tierScores.missing'),
    },
    weightsWithout: {
      tier: r(wo.tier, 'weightsWithoutPrevalence.tier'),
      iloGap: r(wo.iloGap, 'weightsWithoutPrevalence.iloGap'),
      prevalence: r(wo.prevalence, 'weightsWithoutPrevalence.prevalence'),
    },
    weightsWith: {
      tier: r(ww.tier, 'weightsWithPrevalence.tier'),
      iloGap: r(ww.iloGap, 'weightsWithPrevalence.iloGap'),
      prevalence: r(ww.prevalence, 'weightsWithPrevalence.prevalence'),
    },
    prevalenceDivisor: r(mm.prevalenceDivisor, 'prevalenceDivisor', { min: ZERO, minExclusive: true }),
    product: {
      forcedLabour: r(pr.forcedLabour, 'productRisk.forcedLabour'),
      childLabour: r(pr.childLabour, 'productRisk.childLabour'),
      listedElsewhere: r(pr.listedElsewhere, 'productRisk.listedElsewhere'),
      downstream: r(pr.downstream, 'productRisk.downstream'),
    },
    mitigation: {
      socialAudit: r(mi.socialAudit, 'mitigation.socialAudit'),
      certification: r(mi.certification, 'mitigation.certification'),
      remediationPlan: r(mi.remediationPlan, 'mitigation.remediationPlan'),
      cap: r(mi.cap, 'mitigation.cap'),
    },
    socialAuditMonths: intField(mm.socialAuditMonths, 'socialAuditMonths'),
    violationLookbackYears: intField(mm.violationLookbackYears, 'violationLookbackYears'),
    defaultSpan: r(mm.defaultSpan, 'defaultSpan', { min: ZERO, minExclusive: true }),
    defaultAbnormallyLowThreshold: r(mm.defaultAbnormallyLowThreshold, 'defaultAbnormallyLowThreshold', { min: ZERO }),
  };
}

export interface GoodsListing {
  iso2: string;
  childLabour: boolean;
  forcedLabour: boolean;
  downstream: boolean;
}

export interface DatasetIndex {
  tiers: Map<string, TipTier>;
  ilo: Map<string, Record<string, RatificationStatus>>;
  /** null: no prevalence table active. */
  prevalence: Map<string, Dec> | null;
  /** Lower-cased good → listings (flags of duplicate rows for one country are OR-ed). */
  goods: Map<string, Map<string, GoodsListing>>;
  /** null: no PRICE_LEVELS dataset given. */
  priceLevels: Map<string, Dec> | null;
}

export function normCountry(c: string | null | undefined): string | null {
  if (typeof c !== 'string') return null;
  const t = c.trim().toUpperCase();
  return t === '' ? null : t;
}

export function normGood(g: string): string {
  return g.trim().toLowerCase();
}

const TIERS: readonly string[] = ['1', '2', '2WL', '3', 'special'];

/**
 * Index the datasets. A country listed twice in a one-row-per-country dataset
 * is refused: which row wins would otherwise be an accident of order.
 */
export function indexDatasets(ds: RiskDatasets | undefined | null, issues: Issue[]): DatasetIndex {
  const d = (ds ?? {}) as Partial<RiskDatasets>;
  const unique = <R extends { iso2: string }, T>(rows: R[] | null | undefined, name: string, value: (row: R) => T | null): Map<string, T> => {
    const map = new Map<string, T>();
    for (const row of rows ?? []) {
      const iso = normCountry(row.iso2);
      if (!iso) {
        issues.push({ field: `datasets.${name}`, message: `datasets.${name} has a row without iso2` });
        continue;
      }
      if (map.has(iso)) {
        issues.push({ field: `datasets.${name}`, message: `datasets.${name} has more than one row for ${iso}` });
        continue;
      }
      const v = value(row);
      if (v !== null) map.set(iso, v);
    }
    return map;
  };

  const tiers = unique(d.tipTiers, 'tipTiers', (row): TipTier | null => {
    if (!TIERS.includes(row.tier)) {
      issues.push({ field: 'datasets.tipTiers', message: `datasets.tipTiers: unknown tier ${JSON.stringify(row.tier)} for ${row.iso2}` });
      return null;
    }
    return row.tier;
  });
  const ilo = unique(d.iloRatifications, 'iloRatifications', (row) => {
    const out: Record<string, RatificationStatus> = {};
    for (const [k, v] of Object.entries(row.conventions ?? {})) out[k.trim().toUpperCase()] = v;
    return out;
  });
  const prevalence =
    d.prevalence && d.prevalence.length > 0
      ? unique(d.prevalence, 'prevalence', (row) => readDecimal(row.per1000, `datasets.prevalence[${row.iso2}].per1000`, issues, { min: ZERO }))
      : null;
  const priceLevels = d.priceLevels
    ? unique(d.priceLevels, 'priceLevels', (row) =>
        readDecimal(row.ratio, `datasets.priceLevels[${row.iso2}].ratio`, issues, { min: ZERO, minExclusive: true }),
      )
    : null;

  const goods = new Map<string, Map<string, GoodsListing>>();
  for (const row of d.goodsList ?? []) {
    const iso = normCountry(row.iso2);
    if (!iso || typeof row.good !== 'string') {
      issues.push({ field: 'datasets.goodsList', message: 'datasets.goodsList has a row without iso2 or good' });
      continue;
    }
    const g = normGood(row.good);
    let byCountry = goods.get(g);
    if (!byCountry) goods.set(g, (byCountry = new Map()));
    const prev = byCountry.get(iso);
    byCountry.set(iso, {
      iso2: iso,
      childLabour: !!row.childLabour || !!prev?.childLabour,
      forcedLabour: !!row.forcedLabour || !!prev?.forcedLabour,
      downstream: !!row.downstream || !!prev?.downstream,
    });
  }
  return { tiers, ilo, prevalence, goods, priceLevels };
}
