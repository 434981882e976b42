import { criteriaIssues, effectivePriceMethod, effectiveSpan, tenderSettingsIssues, tieBreakIssues } from './criteria-rules';
import { evaluate } from './evaluate';

const c = (code: string, kind: string, weight: string, extra: { priceMethod?: string | null; span?: string | null } = {}) => ({ code, kind, weight, ...extra });

describe('criteria rules', () => {
  it('accepts weights that sum to exactly 100 with six decimals, and names the exact sum otherwise', () => {
    expect(criteriaIssues([c('PRICE', 'PRICE', '33.333333'), c('QUALITY', 'QUALITY', '33.333333'), c('HUMAN_RIGHTS', 'HUMAN_RIGHTS', '33.333334')])).toEqual(
      [],
    );
    expect(criteriaIssues([c('PRICE', 'PRICE', '33.333333'), c('QUALITY', 'QUALITY', '66.666666')])).toEqual([
      { field: 'criteria', message: 'weights must sum to exactly 100 (they sum to 99.999999)' },
    ]);
  });

  it('names duplicate codes by index, a second PRICE or HUMAN_RIGHTS criterion, and method fields that do not apply', () => {
    const issues = criteriaIssues(
      [
        c('PRICE', 'PRICE', '40', { priceMethod: 'PROPORTIONAL', span: '0.3' }),
        c('PRICE', 'PRICE', '20'),
        c('Q', 'QUALITY', '20', { priceMethod: 'LINEAR_SPAN' }),
        c('H1', 'HUMAN_RIGHTS', '10'),
        c('H2', 'HUMAN_RIGHTS', '10'),
      ],
      'body.criteria',
    );
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ['body.criteria[0].span', 'span applies to the LINEAR_SPAN price method only'],
      ['body.criteria[1].code', 'duplicate criterion code PRICE'],
      ['body.criteria[2].priceMethod', 'only a PRICE criterion has a price method'],
      ['body.criteria', 'at most one PRICE criterion'],
      ['body.criteria', 'at most one HUMAN_RIGHTS criterion'],
    ]);
  });

  it('lets the engine skip the body-only method rules', () => {
    expect(criteriaIssues([c('PRICE', 'PRICE', '100', { priceMethod: 'PROPORTIONAL', span: '0.3' })], 'x', { methodFields: false })).toEqual([]);
  });

  it('does not check the sum when a weight is not a decimal (the caller reports the weight)', () => {
    expect(criteriaIssues([c('PRICE', 'PRICE', 'abc'), c('Q', 'QUALITY', '10')])).toEqual([]);
  });

  it('checks the tie-break chain against built-ins and criterion codes, and refuses repeats', () => {
    expect(tieBreakIssues(['HUMAN_RIGHTS', 'DAYS', 'X', 'PRICE', 'PRICE'], new Set(['DAYS']))).toEqual([
      { field: 'tieBreak[2]', message: 'X is neither HUMAN_RIGHTS, PRICE, RECEIVED_AT nor a criterion code' },
      { field: 'tieBreak', message: 'an entry appears twice' },
    ]);
  });

  it('requires a reference price when Pmin is the reference price, with the prefix on every field', () => {
    const criteria = [c('PRICE', 'PRICE', '100')];
    expect(tenderSettingsIssues({ criteria, priceBasis: 'REFERENCE' })).toEqual([
      { field: 'referencePrice', message: 'required when priceBasis is REFERENCE' },
    ]);
    expect(tenderSettingsIssues({ criteria, priceBasis: 'REFERENCE', referencePrice: '1000' })).toEqual([]);
    expect(tenderSettingsIssues({ criteria: [c('PRICE', 'PRICE', '90')], tieBreak: ['NOPE'] }, 'tender.').map((i) => i.field)).toEqual([
      'tender.criteria',
      'tender.tieBreak[0]',
    ]);
  });

  it('gives PRICE criteria LINEAR_SPAN with k = 0.5 by default, other kinds neither', () => {
    expect([effectivePriceMethod(c('P', 'PRICE', '1')), effectiveSpan(c('P', 'PRICE', '1'))]).toEqual(['LINEAR_SPAN', '0.5']);
    expect([
      effectivePriceMethod(c('P', 'PRICE', '1', { priceMethod: 'CUBIC' })),
      effectiveSpan(c('P', 'PRICE', '1', { priceMethod: 'CUBIC', span: '2' })),
    ]).toEqual(['CUBIC', null]);
    expect([effectivePriceMethod(c('Q', 'QUALITY', '1')), effectiveSpan(c('Q', 'QUALITY', '1'))]).toEqual([null, null]);
  });

  it('is what the engine applies: the engine refuses a recorded tender with the message the API gives', () => {
    const tender = {
      tenderId: 't',
      reference: 'R',
      procedure: 'OPEN',
      currency: 'CHF',
      submissionDeadline: '2026-03-31T10:00:00Z',
      placesOfPerformance: ['CH'],
      goods: [],
      criteria: [
        { code: 'PRICE', name: 'P', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN' },
        { code: 'PRICE', name: 'P2', kind: 'QUALITY', weight: '50' },
      ],
      tieBreak: [],
      additionalConventions: [],
      abnormallyLowThreshold: '0.8',
      requiredEvaluators: 1,
      priceBasis: 'LOWEST',
      referencePrice: null,
      priceLevelAdjustment: false,
    };
    let err: { details?: { field?: string; message: string }[] } = {};
    try {
      evaluate({ tender, bids: [], grades: [] } as never);
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'tender.criteria[1].code', message: 'duplicate criterion code PRICE' })]),
    );
  });
});
