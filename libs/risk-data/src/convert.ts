/**
 * Parsed (or stored) rows → the engine's `RiskDatasets`. Accepts rows with
 * or without `line`, so rows read back from the database convert too.
 */
import type { RiskDatasets } from '../../evaluation/src/types';
import type { GoodsListRow, IloRatificationRow, PrevalenceRow, PriceLevelRow, TipTierRow } from './types';

type Stored<R> = Omit<R, 'line'> & { line?: number };

export interface RiskDatasetParts {
  TIP_TIERS?: readonly Stored<TipTierRow>[];
  ILO_RATIFICATIONS?: readonly Stored<IloRatificationRow>[];
  GOODS_LIST?: readonly Stored<GoodsListRow>[];
  PREVALENCE?: readonly Stored<PrevalenceRow>[];
  PRICE_LEVELS?: readonly Stored<PriceLevelRow>[];
}

/**
 * Builds fresh objects (nothing shared with the input). A missing TIP, ILO
 * or goods part becomes an empty list: the method then treats every country
 * as absent from it (TIP "missing", ILO unknown, no listed goods). A missing
 * prevalence or price-level part becomes null: "no active table".
 */
export function toRiskDatasets(parts: RiskDatasetParts): RiskDatasets {
  return {
    tipTiers: (parts.TIP_TIERS ?? []).map(({ iso2, tier }) => ({ iso2, tier })),
    iloRatifications: (parts.ILO_RATIFICATIONS ?? []).map(({ iso2, conventions }) => ({ iso2, conventions: { ...conventions } })),
    goodsList: (parts.GOODS_LIST ?? []).map(({ iso2, good, childLabour, forcedLabour, downstream }) => ({
      iso2,
      good,
      childLabour,
      forcedLabour,
      downstream,
    })),
    prevalence: parts.PREVALENCE ? parts.PREVALENCE.map(({ iso2, per1000 }) => ({ iso2, per1000 })) : null,
    priceLevels: parts.PRICE_LEVELS ? parts.PRICE_LEVELS.map(({ iso2, ratio }) => ({ iso2, ratio })) : null,
  };
}
