/**
 * Admissible set (confirmed exclusions, late bids), grading completeness,
 * QUALITY means, NUMBER_* criteria and input validation.
 */
import { evaluate, EvaluationInputError } from './index';
import { bid, byId, criterion, grade, input, node, tender, thrown } from './testing/builders';

describe('admissible set', () => {
  it('a confirmed exclusion removes the bid from scoring and ranking; Pmin is taken over the rest', () => {
    // Without A (80): Pmin = 100 → B 1, C 100/120 = 0.8333…
    const r = evaluate(input({ bids: [bid('A', '80'), bid('B', '100'), bid('C', '120')], excludedBidIds: ['A'] }));
    const b = byId(r.bids);
    expect(r.ranking).toEqual(['B', 'C']);
    expect(b.B.scores.PRICE.score).toBe('1');
    expect(b.C.scores.PRICE.score).toBe('0.8333333333333333333333333333333333333333');
    expect(b.A).toMatchObject({
      admissible: false,
      inadmissibleReason: 'EXCLUDED',
      scores: {},
      total: null,
      rank: null,
      tieUnresolved: false,
    });
    // Still checked and risk-assessed: CH, tier 1 → 0.07.
    expect(b.A.risk.residual).toBe('0.07');
    expect(b.A.findings).toEqual([]);
  });

  it('a bid received after the deadline is LATE_SUBMISSION and not ranked; one received at the deadline is in time', () => {
    const r = evaluate(
      input({
        tender: tender({
          criteria: [criterion('PRICE', 'PRICE', '60', { priceMethod: 'PROPORTIONAL' }), criterion('QUALITY', 'QUALITY', '40')],
        }),
        bids: [
          bid('A', '50', { receivedAt: '2025-06-30T12:00:01+02:00' }),
          // 10:00Z is 12:00 in Zurich (summer time): exactly at the deadline.
          bid('B', '100', { receivedAt: '2025-06-30T10:00:00Z' }),
        ],
        // The late bid lacks grades: that does not make the grading incomplete.
        grades: [grade('B', 'QUALITY', 'e1', 5)],
      }),
    );
    const b = byId(r.bids);
    expect(b.A.findings).toEqual([
      {
        code: 'LATE_SUBMISSION',
        legalBasis: 'Art. 44(1)(b)',
        severity: 'EXCLUSION_GROUND',
        nodePath: ['Bidder A'],
        message: 'Received 2025-06-30T12:00:01+02:00, after the submission deadline 2025-06-30T12:00:00+02:00.',
      },
    ]);
    expect(b.A).toMatchObject({ admissible: false, inadmissibleReason: 'LATE', scores: {}, total: null, rank: null });
    expect(b.B).toMatchObject({ admissible: true, inadmissibleReason: null, total: '100', rank: 1 });
    expect(r.ranking).toEqual(['B']);
  });
});

describe('QUALITY grading', () => {
  const t = tender({
    requiredEvaluators: 2,
    criteria: [criterion('PRICE', 'PRICE', '50', { priceMethod: 'PROPORTIONAL' }), criterion('Q', 'QUALITY', '50')],
  });

  it('GRADING_INCOMPLETE names each admissible bid × criterion lacking grades from the required evaluators', () => {
    const e = thrown(() =>
      evaluate(
        input({
          tender: t,
          bids: [bid('A', '100'), bid('B', '100'), bid('C', '100', { receivedAt: '2025-07-01T08:00:00+02:00' })],
          grades: [grade('A', 'Q', 'e1', 4), grade('A', 'Q', 'e2', 5), grade('B', 'Q', 'e1', 3)],
        }),
      ),
    );
    expect(e).toBeInstanceOf(EvaluationInputError);
    expect(e.code).toBe('GRADING_INCOMPLETE');
    expect(e.details).toEqual([{ bidId: 'B', criterionCode: 'Q', message: 'bid B has grades from 1 of 2 required evaluators on Q' }]);
  });

  it('a second grade from the same evaluator is refused, not counted as a second evaluator', () => {
    const e = thrown(() => evaluate(input({ tender: t, bids: [bid('A', '100')], grades: [grade('A', 'Q', 'e1', 4), grade('A', 'Q', 'e1', 5)] })));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details[0]).toMatchObject({ bidId: 'A', criterionCode: 'Q' });
  });

  it('the mean of three grades: (4 + 4 + 5)/3 = 13/3, score 13/15', () => {
    const r = evaluate(
      input({
        tender: t,
        bids: [bid('A', '100')],
        grades: [grade('A', 'Q', 'e3', 5), grade('A', 'Q', 'e1', 4), grade('A', 'Q', 'e2', 4)],
      }),
    );
    expect(byId(r.bids).A.scores.Q).toEqual({
      raw: '4.333333333333333333333333333333333333333',
      rawFraction: '13/3',
      score: '0.8666666666666666666666666666666666666667',
      scoreFraction: '13/15',
      points: '43.33333333333333333333333333333333333333',
      pointsFraction: '130/3',
    });
  });
});

describe('NUMBER_* criteria', () => {
  const numbers = tender({
    criteria: [criterion('DAYS', 'NUMBER_LOWER_BETTER', '50'), criterion('CO2', 'NUMBER_HIGHER_BETTER', '50')],
  });

  it('lower better s = min/x and higher better s = x/max', () => {
    // DAYS: min 10 → A 10/20 = 0.5, B 1. CO2 (savings): max 200 → A 1, B 50/200 = 0.25.
    const r = evaluate(
      input({
        tender: numbers,
        bids: [bid('A', '100', { figures: { DAYS: '20', CO2: '200' } }), bid('B', '100', { figures: { DAYS: '10', CO2: '50' } })],
      }),
    );
    const b = byId(r.bids);
    expect(b.A.scores.DAYS).toEqual({ raw: '20', rawFraction: '20', score: '0.5', scoreFraction: '1/2', points: '25', pointsFraction: '25' });
    expect(b.B.scores.DAYS).toEqual({ raw: '10', rawFraction: '10', score: '1', scoreFraction: '1', points: '50', pointsFraction: '50' });
    expect(b.A.scores.CO2).toEqual({ raw: '200', rawFraction: '200', score: '1', scoreFraction: '1', points: '50', pointsFraction: '50' });
    expect(b.B.scores.CO2).toEqual({ raw: '50', rawFraction: '50', score: '0.25', scoreFraction: '1/4', points: '12.5', pointsFraction: '25/2' });
    expect([b.A.total, b.B.total]).toEqual(['75', '62.5']);
  });

  it('x = 0 scores 1 (lower better), and max = 0 scores 0 for all (higher better)', () => {
    // DAYS: min 0 → A (x = 0) 1, B 0/10 = 0. CO2: max 0 → 0 for both.
    const r = evaluate(
      input({
        tender: numbers,
        bids: [bid('A', '100', { figures: { DAYS: '0', CO2: '0' } }), bid('B', '100', { figures: { DAYS: '10', CO2: '0' } })],
      }),
    );
    const b = byId(r.bids);
    expect([b.A.scores.DAYS.score, b.B.scores.DAYS.score, b.A.scores.CO2.score, b.B.scores.CO2.score]).toEqual(['1', '0', '0', '0']);
    expect([b.A.total, b.B.total]).toEqual(['50', '0']);
  });
});

describe('INVALID_INPUT', () => {
  it('names each problem: weights not summing to 100, a missing figure, an unknown tie-break key', () => {
    const e = thrown(() =>
      evaluate(
        input({
          tender: tender({
            tieBreak: ['LOWEST_RISK'],
            criteria: [criterion('PRICE', 'PRICE', '60', { priceMethod: 'PROPORTIONAL' }), criterion('DAYS', 'NUMBER_LOWER_BETTER', '39.5')],
          }),
          bids: [bid('A', '100', { figures: {} })],
        }),
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details.map((d) => d.message)).toEqual([
      'weights must sum to exactly 100 (they sum to 99.5)',
      'LOWEST_RISK is neither HUMAN_RIGHTS, PRICE, RECEIVED_AT nor a criterion code',
      'bid A has no figure for criterion DAYS',
    ]);
  });

  it('refuses children whose sharePercent sum exceeds 100, and REFERENCE without a reference price', () => {
    const e = thrown(() =>
      evaluate(
        input({
          tender: tender({ priceBasis: 'REFERENCE', referencePrice: null }),
          bids: [
            bid('A', '100', {
              supplyChain: node('Alpha', { subcontractors: [node('S1', { sharePercent: '60' }), node('S2', { sharePercent: '40.01' })] }),
            }),
          ],
        }),
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details.map((d) => d.message)).toEqual([
      `supplyChain ["Alpha"]: the subcontractors' sharePercent sum to 100.01 > 100`,
      'tender.referencePrice must be a decimal string, got null',
    ]);
    expect(e.details[0].bidId).toBe('A');
  });

  it('refuses a grade outside 0–5 and a price that is not a plain decimal', () => {
    const e = thrown(() =>
      evaluate(
        input({
          tender: tender({ criteria: [criterion('PRICE', 'PRICE', '50', { priceMethod: 'CUBIC' }), criterion('Q', 'QUALITY', '50')] }),
          bids: [bid('A', '1e5')],
          grades: [grade('A', 'Q', 'e1', 6)],
        }),
      ),
    );
    expect(e.details.map((d) => d.field)).toEqual(['bids[0].price', 'grades[0].grade']);
  });
});
