/**
 * SANCTIONED_POSSIBLE_MATCH through the participation check: fuzzy name or
 * alias, same country or undisclosed, VERIFY; exact matches stay SANCTIONED.
 */
import { checkParticipation } from './participation';
import { bid, input, node, sanction } from './testing/builders';
import type { BidInput, SanctionInput } from './types';

const check = (bids: BidInput[], sanctions: SanctionInput[]) => checkParticipation(input({ bids, sanctions }));

describe('possible sanctions matches (fuzzy)', () => {
  const chain = node('Textil Müller GmbH', {
    country: 'CH',
    subcontractors: [node('Daltex', { country: 'RU', sharePercent: '20' }), node('Ellinika Yfasmata', { country: null, sharePercent: '10' })],
  });
  const of = (s: SanctionInput[]) => check([bid('A', '100', { supplyChain: chain })], s).A.filter((f) => f.code.startsWith('SANCTIONED'));

  it('token order, umlauts and legal forms: VERIFY with the entry and score in message and data', () => {
    const f = of([sanction({ id: 'S1', name: 'MUELLER TEXTIL AG', country: 'CH', identifiers: ['CHE-1'], list: { id: 'L1', name: 'SECO', version: 2 } })]);
    expect(f).toEqual([
      {
        code: 'SANCTIONED_POSSIBLE_MATCH',
        legalBasis: 'Art. 44(1)(j), 45',
        severity: 'VERIFY',
        nodePath: ['Textil Müller GmbH'],
        message:
          'Bidder Textil Müller GmbH may be on the sanctions list (name similarity at least 0.85): S1 (MUELLER TEXTIL AG, CH, CHE-1, list SECO v2, ground 44-1-e, score 1.0000); verify whether it is the same firm.',
        data: {
          threshold: '0.85',
          entries: [
            {
              sanctionId: 'S1',
              list: { id: 'L1', name: 'SECO', version: 2 },
              name: 'MUELLER TEXTIL AG',
              matchedName: 'MUELLER TEXTIL AG',
              country: 'CH',
              identifiers: ['CHE-1'],
              ground: '44-1-e',
              score: '1.0000',
            },
          ],
        },
      },
    ]);
  });

  it('Cyrillic name through an alias; undisclosed country matches any country; exact matches stay SANCTIONED only', () => {
    const f = of([
      sanction({ id: 'S2', name: 'Дальтекс ООО', country: 'RU' }),
      sanction({ id: 'S3', name: 'Other', aliases: ['Ελληνικά Υφάσματα Α.Ε.'], country: 'GR' }),
      // exact under today's rule (normalised name + country): SANCTIONED, not repeated as possible
      sanction({ id: 'S4', name: 'Textil Müller', country: 'CH' }),
    ]);
    expect(
      f.map((x) => [
        x.code,
        x.severity,
        x.nodePath.join('/'),
        (x.data?.entries as { sanctionId: string; score: string }[] | undefined)?.map((e) => `${e.sanctionId}:${e.score}`),
      ]),
    ).toEqual([
      ['SANCTIONED', 'EXCLUSION_GROUND', 'Textil Müller GmbH', undefined],
      ['SANCTIONED_POSSIBLE_MATCH', 'VERIFY', 'Textil Müller GmbH/Daltex', ['S2:1.0000']],
      ['SANCTIONED_POSSIBLE_MATCH', 'VERIFY', 'Textil Müller GmbH/Ellinika Yfasmata', ['S3:1.0000']],
    ]);
    expect(f[2].message).toContain('S3 (Other, alias Ελληνικά Υφάσματα Α.Ε., GR, ground 44-1-e, score 1.0000)');
  });

  it('near-misses, other countries, other buyers and periods not covering the deadline do not match', () => {
    expect(of([sanction({ name: 'Müller Textilien AG', country: 'CH' })])).toEqual([]);
    expect(of([sanction({ name: 'Mueller Textil', country: 'AT' })])).toEqual([]);
    expect(of([sanction({ name: 'Dalton', country: 'RU' })])).toEqual([]);
    expect(of([sanction({ name: 'Mueller Textil', scope: 'BUYER', buyerId: 'buyer-2' })])).toEqual([]);
    expect(of([sanction({ name: 'Mueller Textil', from: '2019-01-01', until: '2025-06-29' })])).toEqual([]);
  });
});
