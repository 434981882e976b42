import type { BidResult, EvaluationResult } from '@app/evaluation';
import { checkAward, type AwardFinding } from './award-check';
import { decisiveAdvantages, runnerUpOf } from './decisive-advantages';
import { findingHasDecision, findingState, type DecisionRecord, type ExclusionRef } from './findings';

function bid(bidId: string, points: Record<string, string>, extra: Partial<BidResult> = {}): BidResult {
  const scores = Object.fromEntries(Object.entries(points).map(([code, p]) => [code, { raw: null, score: '0', points: p }]));
  return {
    bidId,
    bidderName: bidId,
    admissible: true,
    findings: [],
    scores,
    total: null,
    rank: null,
    price: '100',
    adjustedPrice: '100',
    risk: { residual: '0', nodes: [], largestContributor: [] },
    tieUnresolved: false,
    ...extra,
  };
}

function result(bids: BidResult[], ranking: string[], ties: EvaluationResult['ties'] = []): EvaluationResult {
  return { methodVersion: '1', bids, ranking, ties, sensitivity: [], iia: [], effectivePriceWeight: null };
}

// The worked example of evaluation-method.md §8: A 50/24/16, B 30/30/18, C 0/30/19.
const worked = result(
  [
    bid('A', { PRICE: '50', QUALITY: '24', HUMAN_RIGHTS: '16' }),
    bid('B', { PRICE: '30', QUALITY: '30', HUMAN_RIGHTS: '18' }),
    bid('C', { PRICE: '0', QUALITY: '30', HUMAN_RIGHTS: '19' }),
  ],
  ['A', 'B', 'C'],
);
const ORDER = ['PRICE', 'QUALITY', 'HUMAN_RIGHTS'];
const none: DecisionRecord = { resolutions: [], exclusions: [] };

describe('decisive advantages (Art. 51(3))', () => {
  it('worked example: A beats the runner-up B on price only', () => {
    expect(runnerUpOf(worked, 'A')).toBe('B');
    expect(decisiveAdvantages(worked, 'A', 'B', ORDER)).toEqual([{ criterion: 'PRICE', points: '50', runnerUpPoints: '30', difference: '20' }]);
  });

  it('largest difference first; equal differences in the order of the tender criteria', () => {
    const r = result(
      [bid('X', { PRICE: '40', QUALITY: '28.5', HUMAN_RIGHTS: '19', CO2: '5' }), bid('Y', { PRICE: '35', QUALITY: '20', HUMAN_RIGHTS: '18', CO2: '4' })],
      ['X', 'Y'],
    );
    expect(decisiveAdvantages(r, 'X', 'Y', ['HUMAN_RIGHTS', 'CO2', 'PRICE', 'QUALITY']).map((a) => [a.criterion, a.difference])).toEqual([
      ['QUALITY', '8.5'],
      ['PRICE', '5'],
      ['HUMAN_RIGHTS', '1'],
      ['CO2', '1'],
    ]);
  });

  it('exact decimals: non-terminating points, no float artefacts, equal-to-30-places is not an advantage', () => {
    const third = '16.666666666666666666666666666666666666666666666667';
    const r = result(
      [
        bid('X', { PRICE: third, QUALITY: '0.3', HUMAN_RIGHTS: '10.000000000000000000000000000000000000000000000001' }),
        bid('Y', { PRICE: '10', QUALITY: '0.1', HUMAN_RIGHTS: '10' }),
      ],
      ['X', 'Y'],
    );
    expect(decisiveAdvantages(r, 'X', 'Y', ORDER)).toEqual([
      { criterion: 'PRICE', points: third, runnerUpPoints: '10', difference: '6.666666666666666666666666666666666666666666666667' },
      { criterion: 'QUALITY', points: '0.3', runnerUpPoints: '0.1', difference: '0.2' },
    ]);
  });

  it('version 2: compares the exact points, also where 30 (or 50) decimals cannot tell them apart', () => {
    // X leads by 1/10^40 on PRICE (invisible at 30 places) and by 1/(3·10^60) on QUALITY (invisible even in the 50-digit decimals).
    const tiny = `${10n ** 39n + 1n}/${10n ** 40n}`;
    const x = bid('X', { PRICE: '0.1000000000000000000000000000000000000001', QUALITY: '0.33333333333333333333333333333333333333333333333333', CO2: '1' });
    const y = bid('Y', { PRICE: '0.1', QUALITY: '0.33333333333333333333333333333333333333333333333333', CO2: '2' });
    x.scores.PRICE.pointsFraction = tiny;
    x.scores.QUALITY.pointsFraction = `${10n ** 60n + 1n}/${3n * 10n ** 60n}`;
    x.scores.CO2.pointsFraction = '1';
    y.scores.PRICE.pointsFraction = '1/10';
    y.scores.QUALITY.pointsFraction = '1/3';
    y.scores.CO2.pointsFraction = '2';
    const r = { ...result([x, y], ['X', 'Y']), methodVersion: '2' };
    expect(decisiveAdvantages(r, 'X', 'Y', ['QUALITY', 'PRICE', 'CO2']).map((a) => [a.criterion, a.difference])).toEqual([
      ['PRICE', '0.0000000000000000000000000000000000000001'],
      ['QUALITY', `0.${'0'.repeat(60)}${'3'.repeat(40)}`], // the engine's decimals of 1/(3·10^60)
    ]);
    // The same decimals without exact fractions (version 1) compare at 30 places: no advantage at all.
    expect(decisiveAdvantages(result([bid('X', { PRICE: x.scores.PRICE.points }), bid('Y', { PRICE: '0.1' })], ['X', 'Y']), 'X', 'Y')).toEqual([]);
    // And a lead the other way below 30 places is no advantage of Y either.
    expect(decisiveAdvantages(r, 'Y', 'X', ['QUALITY', 'PRICE', 'CO2']).map((a) => a.criterion)).toEqual(['CO2']);
  });

  it('a settled tie: the winner need not be first in the ranking; the runner-up is the next other bid', () => {
    expect(runnerUpOf(worked, 'B')).toBe('A');
    expect(decisiveAdvantages(worked, 'B', 'A', ORDER).map((a) => a.criterion)).toEqual(['QUALITY', 'HUMAN_RIGHTS']);
  });

  it('no runner-up: no advantages', () => {
    expect(runnerUpOf(result([bid('A', { PRICE: '100' })], ['A']), 'A')).toBeNull();
    expect(decisiveAdvantages(worked, 'A', null)).toEqual([]);
    expect(() => decisiveAdvantages(worked, 'Z', 'A')).toThrow(RangeError);
  });
});

describe('finding states', () => {
  const eg = { findingKey: 'A|SANCTIONED|["A"]', bidId: 'A', severity: 'EXCLUSION_GROUND' as const };
  const verify = { findingKey: 'A|ABNORMALLY_LOW|["A"]', bidId: 'A', severity: 'VERIFY' as const };
  const ex = (status: ExclusionRef['status'], findingKey: string | null = eg.findingKey, bidId = 'A', id = `x-${status}`): ExclusionRef => ({
    id,
    bidId,
    findingKey,
    status,
  });

  it('INFO never blocks; open findings do', () => {
    expect(findingState({ ...eg, severity: 'INFO' }, none)).toEqual({ state: 'INFO', open: false, exclusionId: null });
    expect(findingState(eg, none)).toEqual({ state: 'OPEN', open: true, exclusionId: null });
    expect(findingState(verify, none)).toEqual({ state: 'OPEN', open: true, exclusionId: null });
  });

  it('EXCLUSION_GROUND: proposed is still undecided; confirmed or rejected decides it', () => {
    expect(findingState(eg, { resolutions: [], exclusions: [ex('PROPOSED')] })).toMatchObject({ state: 'PROPOSED', open: true });
    expect(findingState(eg, { resolutions: [], exclusions: [ex('CONFIRMED')] })).toMatchObject({ state: 'EXCLUDED', open: false });
    expect(findingState(eg, { resolutions: [], exclusions: [ex('REJECTED')] })).toMatchObject({ state: 'NOT_EXCLUDED', open: false });
  });

  it('another confirmed exclusion of the same bid settles every finding of that bid; another bid’s does not', () => {
    expect(findingState(eg, { resolutions: [], exclusions: [ex('CONFIRMED', null)] })).toMatchObject({ state: 'BID_EXCLUDED', open: false });
    expect(findingState(verify, { resolutions: [], exclusions: [ex('CONFIRMED', null)] })).toMatchObject({ state: 'BID_EXCLUDED', open: false });
    expect(findingState(eg, { resolutions: [], exclusions: [ex('CONFIRMED', null, 'B')] })).toMatchObject({ state: 'OPEN', open: true });
  });

  it('VERIFY: accepted or escalated resolves it; the escalation is a decision of its own', () => {
    expect(findingState(verify, { resolutions: [{ findingKey: verify.findingKey, conclusion: 'ACCEPTED', exclusionId: null }], exclusions: [] })).toEqual({
      state: 'ACCEPTED',
      open: false,
      exclusionId: null,
    });
    expect(findingState(verify, { resolutions: [{ findingKey: verify.findingKey, conclusion: 'ESCALATED', exclusionId: 'x1' }], exclusions: [] })).toEqual({
      state: 'ESCALATED',
      open: false,
      exclusionId: 'x1',
    });
  });

  it('findingHasDecision: a resolution or any exclusion on the key', () => {
    expect(findingHasDecision(eg.findingKey, none)).toBe(false);
    expect(findingHasDecision(eg.findingKey, { resolutions: [], exclusions: [ex('REJECTED')] })).toBe(true);
    expect(
      findingHasDecision(verify.findingKey, { resolutions: [{ findingKey: verify.findingKey, conclusion: 'ACCEPTED', exclusionId: null }], exclusions: [] }),
    ).toBe(true);
  });
});

describe('checkAward', () => {
  const f = (id: string, bidId: string, severity: AwardFinding['severity'], code = 'X'): AwardFinding => ({
    id,
    bidId,
    severity,
    code,
    nodePath: [bidId],
    findingKey: `${bidId}|${code}|["${bidId}"]`,
  });
  const base = { result: worked, tieSettlementBidId: null, findings: [], record: none, criteriaOrder: ORDER };

  it('awards the first-ranked bid with its advantages over the runner-up', () => {
    expect(checkAward(base)).toEqual({
      ok: true,
      winnerBidId: 'A',
      runnerUpBidId: 'B',
      settledTie: null,
      decisiveAdvantages: [{ criterion: 'PRICE', points: '50', runnerUpPoints: '30', difference: '20' }],
    });
  });

  it('refuses while the winner has an undecided EXCLUSION_GROUND or an unresolved VERIFY finding; other bids’ findings do not matter', () => {
    const findings = [
      f('f1', 'A', 'EXCLUSION_GROUND', 'SANCTIONED'),
      f('f2', 'A', 'VERIFY', 'ABNORMALLY_LOW'),
      f('f3', 'B', 'EXCLUSION_GROUND'),
      f('f4', 'A', 'INFO'),
    ];
    const r1 = checkAward({ ...base, findings });
    expect(r1).toMatchObject({
      ok: false,
      status: 409,
      reason: 'EXCLUSION_GROUND_UNDECIDED',
      blocking: [{ findingId: 'f1', code: 'SANCTIONED', state: 'OPEN' }],
    });
    const rejected: DecisionRecord = { resolutions: [], exclusions: [{ id: 'e1', bidId: 'A', findingKey: findings[0].findingKey, status: 'REJECTED' }] };
    expect(checkAward({ ...base, findings, record: rejected })).toMatchObject({ ok: false, reason: 'VERIFY_UNRESOLVED', blocking: [{ findingId: 'f2' }] });
    const resolved: DecisionRecord = { ...rejected, resolutions: [{ findingKey: findings[1].findingKey, conclusion: 'ACCEPTED', exclusionId: null }] };
    expect(checkAward({ ...base, findings, record: resolved })).toMatchObject({ ok: true, winnerBidId: 'A' });
  });

  it('refuses while an exclusion of the winner is pending (proposed, or escalated from a VERIFY finding)', () => {
    const findings = [f('f2', 'A', 'VERIFY')];
    const record: DecisionRecord = {
      resolutions: [{ findingKey: findings[0].findingKey, conclusion: 'ESCALATED', exclusionId: 'e9' }],
      exclusions: [{ id: 'e9', bidId: 'A', findingKey: findings[0].findingKey, status: 'PROPOSED' }],
    };
    expect(checkAward({ ...base, findings, record })).toMatchObject({ ok: false, status: 409, reason: 'EXCLUSION_PENDING', blocking: [{ exclusionId: 'e9' }] });
  });

  it('a confirmed exclusion of a bid the evaluation still ranks makes it stale', () => {
    const record: DecisionRecord = { resolutions: [], exclusions: [{ id: 'e1', bidId: 'C', findingKey: null, status: 'CONFIRMED' }] };
    expect(checkAward({ ...base, record })).toMatchObject({ ok: false, status: 409, reason: 'STALE_EVALUATION', blocking: [{ bidIds: ['C'] }] });
  });

  it('names every blocking reason at once: stale evaluation, the winner’s open findings and a pending exclusion of it', () => {
    const findings = [f('f1', 'A', 'EXCLUSION_GROUND', 'SANCTIONED'), f('f2', 'A', 'VERIFY', 'ABNORMALLY_LOW')];
    const record: DecisionRecord = {
      resolutions: [],
      exclusions: [
        { id: 'e1', bidId: 'C', findingKey: null, status: 'CONFIRMED' },
        { id: 'e2', bidId: 'A', findingKey: findings[0].findingKey, status: 'PROPOSED' },
        { id: 'e3', bidId: 'A', findingKey: null, status: 'PROPOSED' },
      ],
    };
    const r = checkAward({ ...base, findings, record });
    expect(r).toMatchObject({ ok: false, status: 409, code: 'STALE_EVALUATION', reason: 'STALE_EVALUATION', blocking: [{ bidIds: ['C'] }] });
    if (r.ok || r.status !== 409) throw new Error('refusal expected');
    expect(r.reasons.map((x) => x.code)).toEqual(['STALE_EVALUATION', 'EXCLUSION_GROUND_UNDECIDED', 'VERIFY_UNRESOLVED', 'EXCLUSION_PENDING']);
    // e2 is named with the finding it decides; only e3 is listed as a pending exclusion on its own.
    expect(r.reasons[1].blocking).toEqual([{ findingId: 'f1', code: 'SANCTIONED', state: 'PROPOSED', nodePath: ['A'], exclusionId: 'e2' }]);
    expect(r.reasons[3].blocking).toEqual([{ exclusionId: 'e3' }]);
    expect(r.detail.split('; ')).toHaveLength(4);
  });

  it('an unsettled tie is named with a stale evaluation; the winner’s findings wait until the winner is known', () => {
    const tied = result([bid('A', { PRICE: '50' }), bid('B', { PRICE: '50' }), bid('C', { PRICE: '10' })], ['A', 'B', 'C'], [{ rank: 1, bidIds: ['A', 'B'] }]);
    const record: DecisionRecord = { resolutions: [], exclusions: [{ id: 'e1', bidId: 'C', findingKey: null, status: 'CONFIRMED' }] };
    const r = checkAward({ ...base, result: tied, record, findings: [f('f1', 'A', 'VERIFY')] });
    if (r.ok || r.status !== 409) throw new Error('refusal expected');
    expect(r.reasons.map((x) => [x.code, x.blocking])).toEqual([
      ['STALE_EVALUATION', [{ bidIds: ['C'] }]],
      ['TIE_UNSETTLED', [{ bidIds: ['A', 'B'] }]],
    ]);
    expect(checkAward({ ...base, result: tied })).toMatchObject({ code: 'TIE_UNSETTLED', reasons: [{ code: 'TIE_UNSETTLED' }] });
  });

  it('the problem code groups the finding reasons as OPEN_FINDINGS', () => {
    expect(checkAward({ ...base, findings: [f('f2', 'A', 'VERIFY')] })).toMatchObject({ code: 'OPEN_FINDINGS', reason: 'VERIFY_UNRESOLVED' });
  });

  it('no admissible bid: nothing to award', () => {
    expect(checkAward({ ...base, result: result([bid('A', {}, { admissible: false })], []) })).toMatchObject({
      ok: false,
      status: 409,
      reason: 'NO_ADMISSIBLE_BID',
    });
  });

  it('a tie for the first rank needs a settlement naming one of the tied bids', () => {
    const tied = result([bid('A', { PRICE: '50' }), bid('B', { PRICE: '50' }), bid('C', { PRICE: '10' })], ['A', 'B', 'C'], [{ rank: 1, bidIds: ['A', 'B'] }]);
    expect(checkAward({ ...base, result: tied })).toMatchObject({ ok: false, status: 409, reason: 'TIE_UNSETTLED', blocking: [{ bidIds: ['A', 'B'] }] });
    expect(checkAward({ ...base, result: tied, tieSettlementBidId: 'C' })).toMatchObject({ ok: false, status: 422, field: 'tieSettlement.bidId' });
    expect(checkAward({ ...base, result: tied, tieSettlementBidId: 'B' })).toMatchObject({
      ok: true,
      winnerBidId: 'B',
      runnerUpBidId: 'A',
      settledTie: ['A', 'B'],
      decisiveAdvantages: [],
    });
    // A tie below the first rank needs nothing; a settlement without a first-rank tie is refused.
    const lower = result(worked.bids, ['A', 'B', 'C'], [{ rank: 2, bidIds: ['B', 'C'] }]);
    expect(checkAward({ ...base, result: lower })).toMatchObject({ ok: true, winnerBidId: 'A' });
    expect(checkAward({ ...base, tieSettlementBidId: 'A' })).toMatchObject({ ok: false, status: 422, field: 'tieSettlement' });
  });
});
