import { computeBuyerRedFlags, computeRedFlags, redFlagInputOf } from './compute';
import { redFlagThresholdErrors } from './thresholds';
import { DEFAULT_RED_FLAG_THRESHOLDS, type RedFlagBid, type RedFlagCode, type RedFlagTenderInput, type RedFlagThresholds } from './types';

const bid = (bidId: string, price: string, disqualified = false): RedFlagBid => ({ bidId, bidderName: `Bidder ${bidId}`, price, disqualified });

function tender(over: Partial<RedFlagTenderInput> = {}): RedFlagTenderInput {
  return {
    tenderId: 't1',
    procedure: 'OPEN',
    publishedAt: '2026-11-01T00:00:00.000Z',
    submissionDeadline: '2026-12-31T00:00:00.000Z',
    referencePrice: null,
    bids: [bid('a', '100000'), bid('b', '150000')],
    winnerBidId: 'a',
    biddingClosed: true,
    evaluated: true,
    winnersByEvaluation: ['a'],
    ...over,
  };
}

const th = (over: Partial<RedFlagThresholds> = {}): RedFlagThresholds => ({ ...DEFAULT_RED_FLAG_THRESHOLDS, ...over });
const flag = (code: RedFlagCode, t: RedFlagTenderInput, thresholds = th()) => computeRedFlags(t, thresholds).find((f) => f.code === code)!;

describe('red flags', () => {
  it('lists every flag once, in the documented order', () => {
    expect(computeRedFlags(tender(), th()).map((f) => f.code)).toEqual([
      'SINGLE_BID',
      'ALL_BUT_WINNER_DISQUALIFIED',
      'LOWEST_PRICE_DISQUALIFIED',
      'IDENTICAL_BID_PRICES',
      'BID_PRICES_CLUSTERED',
      'BID_PRICES_NEAR_REFERENCE',
      'WINNER_NEAR_REFERENCE',
      'WINNER_CHANGED',
      'SHORT_SUBMISSION_PERIOD',
    ]);
  });

  describe('SINGLE_BID', () => {
    it('raised for one bid in a competitive procedure, not for two, not applicable to a direct award or no bid', () => {
      expect(flag('SINGLE_BID', tender({ bids: [bid('a', '1')] }))).toEqual({
        code: 'SINGLE_BID',
        status: 'RAISED',
        threshold: null,
        numbers: { bids: 1, procedure: 'OPEN' },
      });
      expect(flag('SINGLE_BID', tender()).status).toBe('NOT_RAISED');
      expect(flag('SINGLE_BID', tender({ procedure: 'DIRECT', bids: [bid('a', '1')] })).status).toBe('NOT_APPLICABLE');
      expect(flag('SINGLE_BID', tender({ bids: [] })).status).toBe('NOT_APPLICABLE');
      expect(flag('SINGLE_BID', tender({ bids: [bid('a', '1')], biddingClosed: false })).status).toBe('NOT_APPLICABLE');
    });
  });

  describe('ALL_BUT_WINNER_DISQUALIFIED', () => {
    it('raised when every other bid is disqualified; not when one other stays valid', () => {
      const t = tender({ bids: [bid('a', '100'), bid('b', '90', true), bid('c', '95', true)] });
      expect(flag('ALL_BUT_WINNER_DISQUALIFIED', t)).toEqual({
        code: 'ALL_BUT_WINNER_DISQUALIFIED',
        status: 'RAISED',
        threshold: null,
        numbers: { bids: 3, winnerBidId: 'a', disqualifiedOthers: 2, disqualifiedBidIds: ['b', 'c'] },
      });
      const one = tender({ bids: [bid('a', '100'), bid('b', '90', true), bid('c', '95')] });
      expect(flag('ALL_BUT_WINNER_DISQUALIFIED', one).status).toBe('NOT_RAISED');
    });

    it('not applicable before an evaluation or without a winner', () => {
      expect(flag('ALL_BUT_WINNER_DISQUALIFIED', tender({ evaluated: false })).status).toBe('NOT_APPLICABLE');
      expect(flag('ALL_BUT_WINNER_DISQUALIFIED', tender({ winnerBidId: null })).status).toBe('NOT_APPLICABLE');
    });
  });

  describe('LOWEST_PRICE_DISQUALIFIED', () => {
    it('raised when a bid at the lowest price is disqualified, also in a tie for lowest', () => {
      const t = tender({ bids: [bid('a', '100.00'), bid('b', '99.99', true)] });
      expect(flag('LOWEST_PRICE_DISQUALIFIED', t)).toEqual({
        code: 'LOWEST_PRICE_DISQUALIFIED',
        status: 'RAISED',
        threshold: null,
        numbers: { lowestPrice: '99.99', lowestBidIds: ['b'], disqualifiedBidIds: ['b'] },
      });
      const tie = tender({ bids: [bid('a', '100'), bid('b', '100.0', true), bid('c', '120', true)] });
      expect(flag('LOWEST_PRICE_DISQUALIFIED', tie).numbers).toEqual({ lowestPrice: '100', lowestBidIds: ['a', 'b'], disqualifiedBidIds: ['b'] });
    });

    it('not raised when only a dearer bid is disqualified', () => {
      expect(flag('LOWEST_PRICE_DISQUALIFIED', tender({ bids: [bid('a', '100'), bid('b', '100.01', true)] })).status).toBe('NOT_RAISED');
    });
  });

  describe('IDENTICAL_BID_PRICES', () => {
    it('compares exact decimals: 100.00 equals 100, 100.0001 does not', () => {
      const t = tender({ bids: [bid('a', '100.00'), bid('b', '100'), bid('c', '100.0001')] });
      expect(flag('IDENTICAL_BID_PRICES', t)).toEqual({
        code: 'IDENTICAL_BID_PRICES',
        status: 'RAISED',
        threshold: null,
        numbers: { bids: 3, identicalPrices: ['100'], bidIds: ['a', 'b'] },
      });
      expect(flag('IDENTICAL_BID_PRICES', tender({ bids: [bid('a', '100'), bid('c', '100.0001')] })).status).toBe('NOT_RAISED');
    });
  });

  describe('BID_PRICES_CLUSTERED (1 %)', () => {
    it('raised at exactly 1 % of the lowest price, not one ten-thousandth above', () => {
      // 100000 · 1 % = 1000: a spread of exactly 1000 is within; 1000.0001 is not.
      const edge = tender({ bids: [bid('a', '100000'), bid('b', '100500'), bid('c', '101000')] });
      expect(flag('BID_PRICES_CLUSTERED', edge)).toEqual({
        code: 'BID_PRICES_CLUSTERED',
        status: 'RAISED',
        threshold: '1',
        numbers: { bids: 3, lowestPrice: '100000', highestPrice: '101000', spread: '1000', spreadLimit: '1000' },
      });
      const above = tender({ bids: [bid('a', '100000'), bid('b', '101000.0001')] });
      expect(flag('BID_PRICES_CLUSTERED', above)).toMatchObject({ status: 'NOT_RAISED', numbers: { spread: '1000.0001', spreadLimit: '1000' } });
    });

    it('uses the configured percentage exactly (0.3 % of 33333.33 is 99.99999)', () => {
      const t = tender({ bids: [bid('a', '33333.33'), bid('b', '33433.32999')] });
      expect(flag('BID_PRICES_CLUSTERED', t, th({ priceClusterPercent: '0.3' }))).toMatchObject({
        status: 'RAISED',
        numbers: { spread: '99.99999', spreadLimit: '99.99999' },
      });
      const over = tender({ bids: [bid('a', '33333.33'), bid('b', '33433.33')] });
      expect(flag('BID_PRICES_CLUSTERED', over, th({ priceClusterPercent: '0.3' })).status).toBe('NOT_RAISED');
    });

    it('needs two bids', () => {
      expect(flag('BID_PRICES_CLUSTERED', tender({ bids: [bid('a', '1')] })).status).toBe('NOT_APPLICABLE');
    });
  });

  describe('BID_PRICES_NEAR_REFERENCE (1 %)', () => {
    it('raised when the farthest bid is exactly 1 % off the reference, not when it is a little more', () => {
      const t = tender({ referencePrice: '200000', bids: [bid('a', '198000'), bid('b', '201999.99')] });
      expect(flag('BID_PRICES_NEAR_REFERENCE', t)).toEqual({
        code: 'BID_PRICES_NEAR_REFERENCE',
        status: 'RAISED',
        threshold: '1',
        numbers: { bids: 2, referencePrice: '200000', largestDeviation: '2000', deviationLimit: '2000' },
      });
      const off = tender({ referencePrice: '200000', bids: [bid('a', '197999.99'), bid('b', '200000')] });
      expect(flag('BID_PRICES_NEAR_REFERENCE', off)).toMatchObject({ status: 'NOT_RAISED', numbers: { largestDeviation: '2000.01' } });
    });

    it('not applicable without a reference price', () => {
      expect(flag('BID_PRICES_NEAR_REFERENCE', tender()).status).toBe('NOT_APPLICABLE');
    });
  });

  describe('WINNER_NEAR_REFERENCE (1 %)', () => {
    it('raised at exactly 1 % below or above the reference, not beyond', () => {
      const at = tender({ referencePrice: '100000', bids: [bid('a', '99000'), bid('b', '150000')] });
      expect(flag('WINNER_NEAR_REFERENCE', at)).toEqual({
        code: 'WINNER_NEAR_REFERENCE',
        status: 'RAISED',
        threshold: '1',
        numbers: { winnerBidId: 'a', winnerPrice: '99000', referencePrice: '100000', deviation: '1000', deviationLimit: '1000' },
      });
      expect(flag('WINNER_NEAR_REFERENCE', tender({ referencePrice: '100000', bids: [bid('a', '101000')] })).status).toBe('RAISED');
      expect(flag('WINNER_NEAR_REFERENCE', tender({ referencePrice: '100000', bids: [bid('a', '98999.99')] })).status).toBe('NOT_RAISED');
    });

    it('not applicable without a winner', () => {
      expect(flag('WINNER_NEAR_REFERENCE', tender({ referencePrice: '1', winnerBidId: null })).status).toBe('NOT_APPLICABLE');
    });
  });

  describe('WINNER_CHANGED (2 changes)', () => {
    it('counts changes of the first-ranked bid from one evaluation to the next', () => {
      expect(flag('WINNER_CHANGED', tender({ winnersByEvaluation: ['a', 'b', 'a'] }))).toEqual({
        code: 'WINNER_CHANGED',
        status: 'RAISED',
        threshold: 2,
        numbers: { evaluations: 3, changes: 2, winners: ['a', 'b', 'a'] },
      });
      expect(flag('WINNER_CHANGED', tender({ winnersByEvaluation: ['a', 'a', 'b'] }))).toMatchObject({ status: 'NOT_RAISED', numbers: { changes: 1 } });
      expect(flag('WINNER_CHANGED', tender({ winnersByEvaluation: ['a', 'a', 'b'] }), th({ winnerChangesMin: 1 })).status).toBe('RAISED');
      expect(flag('WINNER_CHANGED', tender({ winnersByEvaluation: ['a'] })).status).toBe('NOT_APPLICABLE');
    });
  });

  describe('SHORT_SUBMISSION_PERIOD (20 days)', () => {
    it('raised one millisecond short of 20 days, not at exactly 20 days', () => {
      const short = tender({ publishedAt: '2026-11-01T00:00:00.000Z', submissionDeadline: '2026-11-20T23:59:59.999Z' });
      expect(flag('SHORT_SUBMISSION_PERIOD', short)).toEqual({
        code: 'SHORT_SUBMISSION_PERIOD',
        status: 'RAISED',
        threshold: '20',
        numbers: {
          publishedAt: '2026-11-01T00:00:00.000Z',
          submissionDeadline: '2026-11-20T23:59:59.999Z',
          periodSeconds: '1727999.999',
          minimumSeconds: '1728000',
        },
      });
      const exact = tender({ publishedAt: '2026-11-01T00:00:00.000Z', submissionDeadline: '2026-11-21T00:00:00.000Z' });
      expect(flag('SHORT_SUBMISSION_PERIOD', exact)).toMatchObject({ status: 'NOT_RAISED', numbers: { periodSeconds: '1728000' } });
    });

    it('takes fractional days: 0.5 day is 43200 s', () => {
      const t = tender({ publishedAt: '2026-11-01T00:00:00.000Z', submissionDeadline: '2026-11-01T11:59:59.000Z' });
      expect(flag('SHORT_SUBMISSION_PERIOD', t, th({ minSubmissionDays: '0.5' }))).toMatchObject({
        status: 'RAISED',
        numbers: { periodSeconds: '43199', minimumSeconds: '43200' },
      });
    });

    it('not applicable to an unpublished tender', () => {
      expect(flag('SHORT_SUBMISSION_PERIOD', tender({ publishedAt: null })).status).toBe('NOT_APPLICABLE');
    });
  });

  it('per buyer: only the raised flags of each tender', () => {
    const out = computeBuyerRedFlags([tender({ tenderId: 'x', bids: [bid('a', '5')] }), tender({ tenderId: 'y' })], th());
    expect(out.map((t) => [t.tenderId, t.raised.map((f) => f.code)])).toEqual([
      ['x', ['SINGLE_BID']],
      ['y', []],
    ]);
  });
});

describe('redFlagThresholdErrors', () => {
  it('accepts the defaults', () => {
    expect(redFlagThresholdErrors({ ...DEFAULT_RED_FLAG_THRESHOLDS })).toEqual([]);
  });

  it('names every bad, missing and unknown field', () => {
    const errors = redFlagThresholdErrors({
      priceClusterPercent: 1,
      referenceClusterPercent: '101',
      winnerChangesMin: 0,
      minSubmissionDays: '1e2',
      extra: true,
    });
    expect(errors.map((e) => e.field)).toEqual([
      'thresholds.priceClusterPercent',
      'thresholds.referenceClusterPercent',
      'thresholds.winnerReferencePercent',
      'thresholds.minSubmissionDays',
      'thresholds.winnerChangesMin',
      'thresholds.extra',
    ]);
    expect(errors[1].message).toBe('must be at most 100');
    expect(errors[2].message).toBe('is required');
    expect(redFlagThresholdErrors(null)).toEqual([{ field: 'thresholds', message: expect.stringContaining('must be an object') }]);
  });
});

describe('redFlagInputOf', () => {
  const source = {
    tenderId: 't',
    procedure: 'OPEN' as const,
    publishedAt: null,
    submissionDeadline: '2026-12-31T00:00:00.000Z',
    referencePrice: null,
    status: 'CLOSED',
    bids: [
      { bidId: 'a', bidderName: 'A', price: '1' },
      { bidId: 'b', bidderName: 'B', price: '2' },
      { bidId: 'c', bidderName: 'C', price: '3' },
    ],
    confirmedExclusionBidIds: ['a'],
    activeAwardWinnerBidId: null,
    evaluation: {
      ranking: ['a', 'b'],
      bids: [
        { bidId: 'a', admissible: true },
        { bidId: 'b', admissible: true },
        { bidId: 'c', admissible: false },
      ],
    },
    winnersByEvaluation: ['a'],
  };

  it('disqualifies confirmed exclusions and inadmissible bids; the winner is the best-ranked bid still qualified', () => {
    const input = redFlagInputOf(source);
    expect(input.bids.map((b) => [b.bidId, b.disqualified])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    expect(input.winnerBidId).toBe('b');
    expect(input.evaluated).toBe(true);
    expect(input.biddingClosed).toBe(true);
    expect(['DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'CONCLUDED', 'CANCELLED'].map((st) => redFlagInputOf({ ...source, status: st }).biddingClosed)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it('the active award names the winner; without an evaluation nothing is disqualified but exclusions', () => {
    expect(redFlagInputOf({ ...source, activeAwardWinnerBidId: 'c' }).winnerBidId).toBe('c');
    const before = redFlagInputOf({ ...source, evaluation: null, confirmedExclusionBidIds: [] });
    expect([before.evaluated, before.winnerBidId, before.bids.some((b) => b.disqualified)]).toEqual([false, null, false]);
  });
});
