/**
 * §5 ranking and tie-break chain, §6 robustness (sensitivity, IIA, effective
 * price weight). Expected values computed by hand (see comments).
 */
import { evaluate } from './index';
import { bid, byId, criterion, grade, input, node, tender } from './testing/builders';
import type { BidInput, GradeInput, TenderInput } from './types';

const priceQuality = (pw: string, qw: string, over: Partial<TenderInput> = {}, method: 'PROPORTIONAL' | 'MIN_MAX' = 'PROPORTIONAL'): TenderInput =>
  tender({ criteria: [criterion('PRICE', 'PRICE', pw, { priceMethod: method }), criterion('QUALITY', 'QUALITY', qw)], ...over });

const grades = (g: Record<string, number>): GradeInput[] => Object.entries(g).map(([id, v]) => grade(id, 'QUALITY', 'e1', v));

describe('tie-break chain', () => {
  it('equal totals: the default chain ranks the higher HUMAN_RIGHTS score (lower R) first', () => {
    // PRICE 60 + QUALITY 40, both 100 and grade 4: 60 + 40·0.8 = 92 each.
    // R: A in CH = 0.7·0.10 = 0.07, B in FR = 0.7·0.35 = 0.245 → A first.
    const r = evaluate(
      input({
        tender: priceQuality('60', '40'),
        bids: [bid('B', '100', { supplyChain: node('Beta', { country: 'FR' }) }), bid('A', '100', { supplyChain: node('Alpha') })],
        grades: grades({ A: 4, B: 4 }),
      }),
    );
    const b = byId(r.bids);
    expect([b.A.total, b.B.total]).toEqual(['92', '92']);
    expect(r.ranking).toEqual(['A', 'B']);
    expect([b.A.rank, b.B.rank, b.A.tieUnresolved, b.B.tieUnresolved]).toEqual([1, 2, false, false]);
    expect(r.ties).toEqual([]);
  });

  // PRICE 50 + QUALITY 50: A 100, grade 3 → 50 + 30 = 80; B 125, grade 4 → 50·100/125 + 40 = 80. Same R (both CH).
  const equalTotals = (over: Partial<TenderInput>, bOver: Partial<BidInput> = {}) =>
    evaluate(input({ tender: priceQuality('50', '50', over), bids: [bid('A', '100'), bid('B', '125', bOver)], grades: grades({ A: 3, B: 4 }) }));

  it('equal totals and equal HUMAN_RIGHTS: the lower price comes first', () => {
    const r = equalTotals({});
    expect(byId(r.bids).A.total).toBe('80');
    expect(byId(r.bids).B.total).toBe('80');
    expect(r.ranking).toEqual(['A', 'B']);
  });

  it('a criterion code in the chain ranks the higher score on that criterion first', () => {
    // QUALITY: B 0.8 > A 0.6, although B is dearer.
    expect(equalTotals({ tieBreak: ['QUALITY', 'PRICE'] }).ranking).toEqual(['B', 'A']);
  });

  it('RECEIVED_AT: the earlier bid first, when the chain reaches it', () => {
    // The chain [RECEIVED_AT] alone: B arrived a day before A.
    expect(equalTotals({ tieBreak: ['RECEIVED_AT'] }, { receivedAt: '2025-06-28T09:00:00+02:00' }).ranking).toEqual(['B', 'A']);
    // Default chain with equal totals, R and price: decided by receivedAt.
    const r = evaluate(
      input({
        tender: priceQuality('50', '50'),
        bids: [bid('A', '100'), bid('B', '100', { receivedAt: '2025-06-28T09:00:00+02:00' })],
        grades: grades({ A: 3, B: 3 }),
      }),
    );
    expect(r.ranking).toEqual(['B', 'A']);
    expect(r.ties).toEqual([]);
  });

  it('still equal after the chain: shared rank (1, 1, 3), listed in ties, flagged unresolved', () => {
    // PRICE 100 PROPORTIONAL: A 100 → 100, B 100 → 100, C 200 → 50; A and B equal on R, price and receivedAt.
    const r = evaluate(input({ tender: tender(), bids: [bid('C', '200'), bid('B', '100'), bid('A', '100')] }));
    const b = byId(r.bids);
    expect(r.ranking).toEqual(['A', 'B', 'C']);
    expect([b.A.rank, b.B.rank, b.C.rank]).toEqual([1, 1, 3]);
    expect(r.ties).toEqual([{ rank: 1, bidIds: ['A', 'B'] }]);
    expect([b.A.tieUnresolved, b.B.tieUnresolved, b.C.tieUnresolved]).toEqual([true, true, false]);
  });

  it('an unresolved tie below the first rank: ranks 1, 2, 2', () => {
    // A 50 → 100; B and C 100 → 50 each.
    const r = evaluate(input({ tender: tender(), bids: [bid('A', '50'), bid('C', '100'), bid('B', '100')] }));
    const b = byId(r.bids);
    expect([b.A.rank, b.B.rank, b.C.rank]).toEqual([1, 2, 2]);
    expect(r.ties).toEqual([{ rank: 2, bidIds: ['B', 'C'] }]);
  });
});

describe('robustness (§6)', () => {
  // PRICE 50 MIN_MAX + QUALITY 50. A 100 grade 3, B 110 grade 5, C 200 grade 5.
  // Pmin 100, Pmax 200: A 1 → 50 + 30 = 80; B (200 − 110)/100 = 0.9 → 45 + 50 = 95; C 0 → 0 + 50 = 50.
  const r = evaluate(
    input({
      tender: priceQuality('50', '50', {}, 'MIN_MAX'),
      bids: [bid('A', '100'), bid('B', '110'), bid('C', '200')],
      grades: grades({ A: 3, B: 5, C: 5 }),
    }),
  );

  it('ranks B, A, C', () => {
    const b = byId(r.bids);
    expect([b.A.total, b.B.total, b.C.total]).toEqual(['80', '95', '50']);
    expect(r.ranking).toEqual(['B', 'A', 'C']);
  });

  it('IIA: removing C changes the winner to A (Pmax falls to 110: A 80, B 0 + 50 = 50); removing A does not', () => {
    expect(r.iia).toEqual([{ removedBidId: 'C', winnerBidId: 'A' }]);
  });

  it('sensitivity, first B, second A: PRICE δ = +30 (weight 80), QUALITY δ = −30 (weight 20)', () => {
    // d_price = 0.9 − 1 = −0.1, d_quality = 1 − 0.6 = 0.4, D(0) = 15.
    // PRICE: S = 50·0.4 = 20, slope = −0.1 − 20/50 = −0.5, δ = −15/−0.5 = 30 (at 80/20: B 72 + 20 = 92 = A 80 + 12).
    // QUALITY: S = 50·(−0.1) = −5, slope = 0.4 + 5/50 = 0.5, δ = −15/0.5 = −30.
    expect(r.sensitivity).toEqual([
      { criterion: 'PRICE', delta: '30', deltaFraction: '30', swapWeight: '80', swapWeightFraction: '80' },
      { criterion: 'QUALITY', delta: '-30', deltaFraction: '-30', swapWeight: '20', swapWeightFraction: '20' },
    ]);
  });

  it('effective price weight = (1 − 0) × 50', () => {
    expect(r.effectivePriceWeight).toEqual({ nominal: '50', effective: '50', effectiveFraction: '50' });
  });

  it('no swap when one bid dominates: δ falls outside [−w_i, 100 − w_i]', () => {
    // A 100 grade 5, B 200 grade 4 (PROPORTIONAL): d_p = 0.5, d_q = 0.2, D(0) = 35.
    // PRICE: slope = 0.5 − 10/50 = 0.3 → δ = −116.67 < −50. QUALITY: slope = 0.2 − 25/50 = −0.3 → δ = 116.67 > 50.
    const s = evaluate(input({ tender: priceQuality('50', '50'), bids: [bid('A', '100'), bid('B', '200')], grades: grades({ A: 5, B: 4 }) }));
    expect(s.sensitivity).toEqual([
      { criterion: 'PRICE', delta: null, deltaFraction: null, swapWeight: null, swapWeightFraction: null },
      { criterion: 'QUALITY', delta: null, deltaFraction: null, swapWeight: null, swapWeightFraction: null },
    ]);
    // Price scores 1 and 0.5: spread 0.5 × 50.
    expect(s.effectivePriceWeight).toEqual({ nominal: '50', effective: '25', effectiveFraction: '25' });
  });

  it('no swap when the slope is 0 (equal score differences) or the weight is 100; no list below 2 bids', () => {
    // A 100 grade 5, B 125 grade 4: d_p = 1 − 0.8 = 0.2 = d_q → slope 0.2 − 50·0.2/50 = 0.
    const s = evaluate(input({ tender: priceQuality('50', '50'), bids: [bid('A', '100'), bid('B', '125')], grades: grades({ A: 5, B: 4 }) }));
    expect(s.sensitivity.map((x) => x.delta)).toEqual([null, null]);
    const w100 = evaluate(input({ tender: tender(), bids: [bid('A', '100'), bid('B', '125')] }));
    expect(w100.sensitivity).toEqual([{ criterion: 'PRICE', delta: null, deltaFraction: null, swapWeight: null, swapWeightFraction: null }]);
    const one = evaluate(input({ tender: tender(), bids: [bid('A', '100')] }));
    expect([one.sensitivity, one.iia, one.ranking]).toEqual([[], [], ['A']]);
  });

  it('effective price weight is null without a PRICE criterion', () => {
    const s = evaluate(input({ tender: tender({ criteria: [criterion('QUALITY', 'QUALITY', '100')] }), bids: [bid('A', '100')], grades: grades({ A: 2 }) }));
    expect(s.effectivePriceWeight).toBeNull();
    expect(byId(s.bids).A.total).toBe('40');
  });
});
