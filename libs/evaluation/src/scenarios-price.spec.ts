/**
 * §3 PRICE: every method, the reference-price basis and the Art. 29(1)
 * price-level adjustment. Expected values computed by hand (see comments).
 */
import { evaluate } from './index';
import { bid, byId, criterion, datasets, input, node, tender } from './testing/builders';
import type { PriceMethod, TenderInput } from './types';

function priceOnly(method: PriceMethod, over: Partial<TenderInput> = {}, span?: string): TenderInput {
  return tender({ criteria: [criterion('PRICE', 'PRICE', '100', { priceMethod: method, span: span ?? null })], ...over });
}

function scoresOf(t: TenderInput, prices: Record<string, string>): Record<string, string> {
  const r = evaluate(input({ tender: t, bids: Object.entries(prices).map(([id, p]) => bid(id, p)) }));
  return Object.fromEntries(r.bids.map((b) => [b.bidId, b.scores.PRICE.score]));
}

describe('PRICE methods (basis: lowest admissible price)', () => {
  it('LINEAR_SPAN k = 0.2: s = (Pmin·1.2 − P)/(Pmin·0.2), clamped; equal totals ordered by lower price', () => {
    // Pmin = 100 → (120 − P)/20: A 20/20 = 1, B 10/20 = 0.5, D 0/20 = 0, C −10/20 → 0.
    const r = evaluate(input({ tender: priceOnly('LINEAR_SPAN', {}, '0.2'), bids: [bid('A', '100'), bid('B', '110'), bid('C', '130'), bid('D', '120')] }));
    const b = byId(r.bids);
    expect([b.A.scores.PRICE.score, b.B.scores.PRICE.score, b.C.scores.PRICE.score, b.D.scores.PRICE.score]).toEqual(['1', '0.5', '0', '0']);
    expect([b.A.total, b.B.total, b.C.total, b.D.total]).toEqual(['100', '50', '0', '0']);
    // C and D both total 0 and have the same R: the default chain's PRICE step puts D (120) before C (130).
    expect(r.ranking).toEqual(['A', 'B', 'D', 'C']);
    expect([b.D.rank, b.C.rank]).toEqual([3, 4]);
  });

  it('LINEAR_SPAN without a span uses the risk model default k = 0.5', () => {
    // (150 − 120)/50 = 0.6; (150 − 140)/50 = 0.2.
    expect(scoresOf(priceOnly('LINEAR_SPAN'), { A: '100', B: '120', C: '140' })).toEqual({ A: '1', B: '0.6', C: '0.2' });
  });

  it('PROPORTIONAL: s = Pmin/P; a non-terminating score carries 40 significant digits (and its exact fraction)', () => {
    // 80/80 = 1, 80/100 = 0.8, 80/120 = 2/3.
    expect(scoresOf(priceOnly('PROPORTIONAL'), { A: '80', B: '100', C: '120' })).toEqual({
      A: '1',
      B: '0.8',
      C: '0.6666666666666666666666666666666666666667',
    });
  });

  it('QUADRATIC: s = (Pmin/P)²', () => {
    // (80/100)² = 0.64, (80/160)² = 0.25.
    expect(scoresOf(priceOnly('QUADRATIC'), { A: '80', B: '100', C: '160' })).toEqual({ A: '1', B: '0.64', C: '0.25' });
  });

  it('CUBIC: s = (Pmin/P)³', () => {
    // (80/100)³ = 0.512, (80/160)³ = 0.125.
    expect(scoresOf(priceOnly('CUBIC'), { A: '80', B: '100', C: '160' })).toEqual({ A: '1', B: '0.512', C: '0.125' });
  });

  it('MIN_MAX: s = (Pmax − P)/(Pmax − Pmin); 1 for all when Pmax = Pmin', () => {
    // (200 − P)/100: 1, 0.5, 0.
    expect(scoresOf(priceOnly('MIN_MAX'), { A: '100', B: '150', C: '200' })).toEqual({ A: '1', B: '0.5', C: '0' });
    expect(scoresOf(priceOnly('MIN_MAX'), { A: '100.00', B: '100' })).toEqual({ A: '1', B: '1' });
  });
});

describe('PRICE with priceBasis REFERENCE (Pmin = the reference price 90)', () => {
  const ref = { priceBasis: 'REFERENCE' as const, referencePrice: '90' };
  const prices = { A: '80', B: '100', C: '120' };

  it('PROPORTIONAL: 90/80 → clamped to 1, 90/100 = 0.9, 90/120 = 0.75', () => {
    expect(scoresOf(priceOnly('PROPORTIONAL', ref), prices)).toEqual({ A: '1', B: '0.9', C: '0.75' });
  });

  it('LINEAR_SPAN k = 0.5: (135 − P)/45 → 55/45 → 1, 35/45 = 7/9, 15/45 = 1/3', () => {
    expect(scoresOf(priceOnly('LINEAR_SPAN', ref), prices)).toEqual({
      A: '1',
      B: '0.7777777777777777777777777777777777777778',
      C: '0.3333333333333333333333333333333333333333',
    });
  });

  it('QUADRATIC and CUBIC: (90/100)² = 0.81, (90/120)² = 0.5625; (90/100)³ = 0.729, (90/120)³ = 0.421875', () => {
    expect(scoresOf(priceOnly('QUADRATIC', ref), prices)).toEqual({ A: '1', B: '0.81', C: '0.5625' });
    expect(scoresOf(priceOnly('CUBIC', ref), prices)).toEqual({ A: '1', B: '0.729', C: '0.421875' });
  });

  it('MIN_MAX with the reference as Pmin: (120 − P)/30 → 40/30 → 1, 20/30 = 2/3, 0; reference above every bid → 1', () => {
    expect(scoresOf(priceOnly('MIN_MAX', ref), prices)).toEqual({
      A: '1',
      B: '0.6666666666666666666666666666666666666667',
      C: '0',
    });
    expect(scoresOf(priceOnly('MIN_MAX', { priceBasis: 'REFERENCE', referencePrice: '130' }), prices)).toEqual({ A: '1', B: '1', C: '1' });
  });
});

describe('Art. 29(1) price-level adjustment', () => {
  // PL: CH 1.2 (home), DE 0.8, FR 0.96; ZZ is not in the dataset.
  const levels = [
    { iso2: 'CH', ratio: '1.2' },
    { iso2: 'DE', ratio: '0.8' },
    { iso2: 'FR', ratio: '0.96' },
  ];
  const bids = [
    // A: own shares CH 0.5, DE 0.5 → 0.5·1.2/1.2 + 0.5·1.2/0.8 = 0.5 + 0.75 = 1.25 → 100·1.25 = 125.
    bid('A', '100', { supplyChain: node('Alpha', { subcontractors: [node('Alpha DE', { country: 'DE', sharePercent: '50' })] }) }),
    // B: CH 0.5, ZZ (not in the dataset) 0.3, undisclosed 0.2 → all at PL(home): factor 1 → 120.
    bid('B', '120', {
      supplyChain: node('Beta', {
        subcontractors: [node('Beta ZZ', { country: 'ZZ', sharePercent: '30' }), node('Beta ?', { country: null, sharePercent: '20' })],
      }),
    }),
    // C: FR 1 → 1.2/0.96 = 1.25 → 120·1.25 = 150.
    bid('C', '120', { supplyChain: node('Gamma', { country: 'FR' }) }),
  ];

  it('replaces each price by P·Σ ownShare·PL(home)/PL(c) before scoring; the published price is kept', () => {
    const r = evaluate(input({ tender: priceOnly('PROPORTIONAL', { priceLevelAdjustment: true }), bids, datasets: datasets({ priceLevels: levels }) }));
    const b = byId(r.bids);
    expect([b.A.adjustedPrice, b.B.adjustedPrice, b.C.adjustedPrice]).toEqual(['125', '120', '150']);
    expect([b.A.priceLevelFactor, b.B.priceLevelFactor, b.C.priceLevelFactor]).toEqual(['1.25', '1', '1.25']);
    expect([b.A.price, b.B.price, b.C.price]).toEqual(['100', '120', '120']);
    // Pmin = 120: A 120/125 = 0.96, B 1, C 120/150 = 0.8; raw is the adjusted price.
    expect(b.A.scores.PRICE).toEqual({ raw: '125', rawFraction: '125', score: '0.96', scoreFraction: '24/25', points: '96', pointsFraction: '96' });
    expect(b.B.scores.PRICE).toEqual({ raw: '120', rawFraction: '120', score: '1', scoreFraction: '1', points: '100', pointsFraction: '100' });
    expect(b.C.scores.PRICE).toEqual({ raw: '150', rawFraction: '150', score: '0.8', scoreFraction: '4/5', points: '80', pointsFraction: '80' });
    expect(r.ranking).toEqual(['B', 'A', 'C']);
  });

  it('without the adjustment the same bids rank A first (100/100 = 1 vs 100/120)', () => {
    const r = evaluate(input({ tender: priceOnly('PROPORTIONAL'), bids, datasets: datasets({ priceLevels: levels }) }));
    expect(r.ranking[0]).toBe('A');
    expect(byId(r.bids).A.adjustedPrice).toBe('100');
    expect(byId(r.bids).A.priceLevelFactor).toBeUndefined();
  });

  it("uses factor 1 when the buyer's own country is missing from the dataset", () => {
    const r = evaluate(
      input({
        tender: priceOnly('PROPORTIONAL', { priceLevelAdjustment: true, buyerCountry: 'LI' }),
        bids,
        datasets: datasets({ priceLevels: levels }),
      }),
    );
    const b = byId(r.bids);
    expect([b.A.adjustedPrice, b.B.adjustedPrice, b.C.adjustedPrice]).toEqual(['100', '120', '120']);
    expect(b.A.priceLevelFactor).toBe('1');
  });
});
