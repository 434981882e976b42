import fc from 'fast-check';
/**
 * §2 participation check: declarations, sanctions matching, violations window,
 * abnormally low prices, forced-labour goods; normaliseName.
 */
import { checkParticipation, normaliseName } from './index';
import { ALL_TRUE, bid, input, node, sanction, tender } from './testing/builders';
import type { BidInput, Finding, SanctionInput, SupplyChainNodeInput } from './types';

const check = (bids: BidInput[], over: Parameters<typeof input>[0] = {}) => checkParticipation(input({ bids, ...over }));
const codes = (fs: Finding[]) => fs.map((f) => `${f.code}@${f.nodePath.join('/')}`);

describe('declarations', () => {
  it('CH node: labour conditions and equal pay (Art. 12(1)); every node: environment, taxes; parents: subcontract clause', () => {
    const chain = node('Acme AG', {
      declarations: { ...ALL_TRUE, labourProtection: null, illegalEmploymentDuties: false, equalPay: false, subcontractClause: false },
      subcontractors: [
        node('Sub', {
          country: 'BD',
          sharePercent: '20',
          declarations: { ...ALL_TRUE, environmentalLaw: false, taxesAndSocialSecurityPaid: false },
        }),
      ],
    });
    const f = check([bid('A', '100', { supplyChain: chain })]).A;
    expect(f.map((x) => [x.code, x.legalBasis, x.severity, x.nodePath])).toEqual([
      ['CH_LABOUR_CONDITIONS', 'Art. 12(1), 44(1)(a)', 'EXCLUSION_GROUND', ['Acme AG']],
      ['CH_EQUAL_PAY', 'Art. 12(1), 44(1)(a)', 'EXCLUSION_GROUND', ['Acme AG']],
      ['ENVIRONMENTAL_LAW', 'Art. 12(3), 44(1)(a)', 'EXCLUSION_GROUND', ['Acme AG', 'Sub']],
      ['SUBCONTRACT_CLAUSE', 'Art. 12(4), 44(1)(a)', 'EXCLUSION_GROUND', ['Acme AG']],
      ['TAXES_SOCIAL_SECURITY', 'Art. 26(1), 44(1)(g)', 'EXCLUSION_GROUND', ['Acme AG', 'Sub']],
    ]);
    expect(f[0].message).toBe('Bidder Acme AG (work in Switzerland): declaration not given: labourProtection, illegalEmploymentDuties.');
  });

  it('nodes abroad: ILO core conventions and the extra conventions the tender requires (VöB 4(2)), case-insensitively', () => {
    const chain = node('Bidder', {
      // CH: the extra conventions are not asked of work in Switzerland.
      subcontractors: [
        node('Sub', {
          country: 'IN',
          sharePercent: '50',
          declarations: { ...ALL_TRUE, iloCoreConventions: false, additionalConventions: ['c155'] },
        }),
      ],
    });
    const f = check([bid('A', '100', { supplyChain: chain })], { tender: tender({ additionalConventions: ['P029', 'C155'] }) }).A;
    expect(f.map((x) => [x.code, x.legalBasis, x.nodePath])).toEqual([
      ['ILO_CORE_CONVENTIONS', 'Art. 12(2), Annex 6, 44(1)(a)', ['Bidder', 'Sub']],
      ['ILO_ADDITIONAL_CONVENTIONS', 'Art. 12(2), VöB 4(2), 44(1)(a)', ['Bidder', 'Sub']],
    ]);
    expect(f[1].message).toBe('Subcontractor Sub (work in IN): required convention(s) not declared: P029.');
  });

  it('FORCED_LABOUR_GOODS (INFO) for a good on the forced-labour list for the node country only', () => {
    const chain = node('Bidder', {
      goods: ['polysilicon'], // listed for CN, not CH: no finding here
      subcontractors: [
        node('Cn', { country: 'CN', sharePercent: '30', goods: ['Polysilicon', 'solar panels'] }),
        node('Bd', { country: 'BD', sharePercent: '30', goods: ['garments'] }), // child labour only
      ],
    });
    const f = check([bid('A', '100', { supplyChain: chain })]).A;
    expect(f).toEqual([
      {
        code: 'FORCED_LABOUR_GOODS',
        legalBasis: 'Art. 12(2), 29(1)',
        severity: 'INFO',
        nodePath: ['Bidder', 'Cn'],
        message: 'Subcontractor Cn: Polysilicon on the forced-labour list for CN.',
      },
    ]);
  });
});

describe('sanctions (Art. 45)', () => {
  const chain = node('Müller-Bau S.A.', {
    country: 'CH',
    identifiers: { uid: 'CHE-123.456.789', lei: null, vat: null },
    subcontractors: [node('Other Ltd', { country: 'DE', sharePercent: '10', identifiers: { vat: 'de 999 888 777' } })],
  });
  const sanctioned = (s: SanctionInput[]) => check([bid('A', '100', { supplyChain: chain })], { sanctions: s }).A.filter((f) => f.code === 'SANCTIONED');

  it('matches by a shared identifier, case- and space-insensitively', () => {
    const f = sanctioned([sanction({ id: 'S9', name: 'Unrelated', country: 'FR', identifiers: ['DE999888777'] })]);
    expect(f.map((x) => [x.nodePath, x.legalBasis, x.severity])).toEqual([[['Müller-Bau S.A.', 'Other Ltd'], 'Art. 44(1)(j), 45', 'EXCLUSION_GROUND']]);
    expect(f[0].message).toContain('S9 (Unrelated, ground 44-1-e, 2024-01-01 to 2026-12-31, matched by identifier)');
  });

  it('matches by normalised name and the same country, not with another country', () => {
    expect(sanctioned([sanction({ name: 'MULLER BAU AG', country: 'CH' })]).map((x) => x.nodePath)).toEqual([['Müller-Bau S.A.']]);
    expect(sanctioned([sanction({ name: 'MULLER BAU AG', country: 'AT' })])).toEqual([]);
  });

  it('ignores an entry whose period does not cover the deadline date (expired, or not yet started)', () => {
    expect(sanctioned([sanction({ name: 'Muller Bau', from: '2019-01-01', until: '2025-06-29' })])).toEqual([]);
    expect(sanctioned([sanction({ name: 'Muller Bau', from: '2025-07-01', until: '2027-01-01' })])).toEqual([]);
    // Inclusive on both ends.
    expect(sanctioned([sanction({ name: 'Muller Bau', from: '2025-06-30', until: '2025-06-30' })])).toHaveLength(1);
  });

  it('BUYER scope covers only that buyer; ALL_FEDERAL covers every buyer', () => {
    expect(sanctioned([sanction({ name: 'Muller Bau', scope: 'BUYER', buyerId: 'buyer-2' })])).toEqual([]);
    expect(sanctioned([sanction({ name: 'Muller Bau', scope: 'BUYER', buyerId: 'buyer-1' })])).toHaveLength(1);
    expect(sanctioned([sanction({ name: 'Muller Bau', scope: 'ALL_FEDERAL', buyerId: null })])).toHaveLength(1);
  });

  it('normaliseName strips accents, punctuation and trailing legal forms', () => {
    expect(normaliseName('  Müller-Bau   S.A. ')).toBe('muller bau');
    expect(normaliseName('Société Générale Sàrl')).toBe('societe generale');
    expect(normaliseName('Acme & Co. Ltd')).toBe('acme');
    expect(normaliseName('Rossi S.p.A.')).toBe('rossi');
    expect(normaliseName('Van Dijk B.V.')).toBe('van dijk');
    expect(normaliseName('AG')).toBe('ag'); // never empties a name
    expect(normaliseName('Agro Corp Holding')).toBe('agro corp holding'); // only trailing tokens
  });
});

describe('violations (5 years before the deadline date 2025-06-30)', () => {
  const withViolations = (v: SupplyChainNodeInput['violations']) => check([bid('A', '100', { supplyChain: node('B', { violations: v }) })]).A;
  const v = (ground: string, standard: 'ESTABLISHED' | 'INDICATION', occurredAt: string) => ({
    ground,
    standard,
    occurredAt,
    source: 'SECO',
    description: 'case',
  });

  it('counts from 2020-06-30 inclusive: established → Art. 44(1)(x), indication → Art. 44(2)(x)', () => {
    const f = withViolations([v('44-1-c', 'ESTABLISHED', '2020-06-30'), v('44-2-f', 'INDICATION', '2024-02-01'), v('44-1-e', 'ESTABLISHED', '2020-06-29')]);
    expect(f.map((x) => [x.code, x.legalBasis, x.severity])).toEqual([
      ['VIOLATION_ESTABLISHED', 'Art. 44(1)(c)', 'EXCLUSION_GROUND'],
      ['VIOLATION_INDICATION', 'Art. 44(2)(f)', 'VERIFY'],
    ]);
  });

  it('several grounds on one node make one finding citing each', () => {
    const f = withViolations([v('44-1-e', 'ESTABLISHED', '2023-01-01'), v('44-1-c', 'ESTABLISHED', '2022-01-01')]);
    expect(f.map((x) => [x.code, x.legalBasis])).toEqual([['VIOLATION_ESTABLISHED', 'Art. 44(1)(c), 44(1)(e)']]);
  });
});

describe('ABNORMALLY_LOW (threshold 0.80 × median of the other admissible bids without an exclusion ground)', () => {
  const low = (bids: BidInput[], over: Parameters<typeof input>[0] = {}) =>
    Object.fromEntries(Object.entries(check(bids, over)).map(([id, fs]) => [id, fs.some((f) => f.code === 'ABNORMALLY_LOW')]));

  it('flags 87.99 < 0.8 × median(100, 120) = 88; not 88 itself', () => {
    expect(low([bid('A', '87.99'), bid('B', '100'), bid('C', '120')])).toEqual({ A: true, B: false, C: false });
    expect(low([bid('A', '88'), bid('B', '100'), bid('C', '120')])).toEqual({ A: false, B: false, C: false });
    const f = check([bid('A', '87.99'), bid('B', '100'), bid('C', '120')]).A[0];
    expect(f).toMatchObject({ code: 'ABNORMALLY_LOW', legalBasis: 'Art. 38(3), 44(2)(c)', severity: 'VERIFY', nodePath: ['Bidder A'] });
  });

  it('odd count: median(100, 120, 200) = 120 → limit 96', () => {
    expect(low([bid('A', '95.99'), bid('B', '100'), bid('C', '120'), bid('D', '200')]).A).toBe(true);
    expect(low([bid('A', '96'), bid('B', '100'), bid('C', '120'), bid('D', '200')]).A).toBe(false);
  });

  it('needs two other clean admissible bids: one with an exclusion ground, a late one, or an excluded one do not count', () => {
    const dirty = bid('C', '120', { supplyChain: node('C', { declarations: { ...ALL_TRUE, environmentalLaw: false } }) });
    expect(low([bid('A', '10'), bid('B', '100'), dirty]).A).toBe(false);
    expect(low([bid('A', '10'), bid('B', '100'), bid('C', '120', { receivedAt: '2025-07-02T00:00:00Z' })]).A).toBe(false);
    expect(low([bid('A', '10'), bid('B', '100'), bid('C', '120')], { excludedBidIds: ['C'] }).A).toBe(false);
    // A custom threshold: 0.5 × 110 = 55.
    expect(low([bid('A', '54'), bid('B', '100'), bid('C', '120')], { tender: tender({ abnormallyLowThreshold: '0.5' }) }).A).toBe(true);
  });

  it('a bid with an exclusion ground of its own is still compared with the clean others: 10 < 0.8 × median(100, 120)', () => {
    const dirtyA = bid('A', '10', { supplyChain: node('A', { declarations: { ...ALL_TRUE, environmentalLaw: false } }) });
    expect(low([dirtyA, bid('B', '100'), bid('C', '120')])).toEqual({ A: true, B: false, C: false });
  });

  it('agrees with the median computed from scratch for every bid (random prices, random exclusion grounds)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ price: fc.integer({ min: 1, max: 60 }), dirty: fc.boolean() }), { minLength: 1, maxLength: 8 }), (rows) => {
        const ids = rows.map((_, i) => String.fromCharCode(65 + i));
        const bids = rows.map((r, i) =>
          bid(ids[i], String(r.price), r.dirty ? { supplyChain: node(ids[i], { declarations: { ...ALL_TRUE, environmentalLaw: false } }) } : {}),
        );
        const expected = Object.fromEntries(
          rows.map((r, i) => {
            const others = rows
              .filter((o, j) => j !== i && !o.dirty)
              .map((o) => o.price)
              .sort((x, y) => x - y);
            if (others.length < 2) return [ids[i], false];
            const m = others.length / 2;
            // ×10 keeps the comparison in integers: price < 0.8 × median ⇔ 10·price < 8·median
            const twiceMedian = others.length % 2 === 1 ? 2 * others[Math.floor(m)] : others[m - 1] + others[m];
            return [ids[i], 20 * r.price < 8 * twiceMedian];
          }),
        );
        expect(low(bids)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('findings list', () => {
  it('is ordered by the §2 table, then depth-first by node, whatever the input order of sanctions', () => {
    const chain = node('P', {
      country: null,
      subcontractors: [node('Q', { country: null, sharePercent: '10' })],
    });
    const s = [sanction({ id: 'S2', name: 'Q', country: 'XX', identifiers: ['id-q'] }), sanction({ id: 'S1', name: 'Q', identifiers: ['ID-Q'] })];
    const q = { ...chain, subcontractors: [{ ...chain.subcontractors[0], identifiers: { uid: 'ID Q' } }] };
    const a = check([bid('A', '100', { supplyChain: q })], { sanctions: s }).A;
    const b = check([bid('A', '100', { supplyChain: q })], { sanctions: [...s].reverse() }).A;
    expect(codes(a)).toEqual(['UNDISCLOSED_COUNTRY@P', 'UNDISCLOSED_COUNTRY@P/Q', 'SANCTIONED@P/Q']);
    expect(a).toEqual(b);
  });
});
