import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildReleasePackage, countryName } from './map';
import { AWARDED_TENDER } from './testing/fixture';
import type { OcdsInput } from './types';

const withTender = (over: Partial<OcdsInput['tender']>, rest: Partial<OcdsInput> = {}): OcdsInput => ({
  ...AWARDED_TENDER,
  ...rest,
  tender: { ...AWARDED_TENDER.tender, ...over },
});

describe('buildReleasePackage', () => {
  const pkg = buildReleasePackage(AWARDED_TENDER);
  const release = pkg.releases[0];

  it('wraps one release with the ocid from the prefix and the tender id', () => {
    expect(pkg).toMatchObject({
      uri: AWARDED_TENDER.packageUri,
      version: '1.1',
      publishedDate: '2027-01-20T09:00:00.000Z',
      publisher: { name: 'Federal Office for Buildings and Logistics' },
    });
    expect(release.ocid).toBe('ocds-te2019-7d0c5a9e-0000-4000-8000-000000000001');
    expect(release.id).toBe('ocds-te2019-7d0c5a9e-0000-4000-8000-000000000001-20270120T090000000Z');
    expect(release.tag).toEqual(['tender', 'award']);
  });

  it('maps the tender: status, method, criteria with weights, items, period', () => {
    expect(release.tender).toMatchObject({
      id: 'BBL-2027-017',
      status: 'complete',
      procurementMethod: 'limited',
      procurementMethodDetails: 'Invitation procedure (Art. 20 PPA)',
      awardCriteria: 'ratedCriteria',
      awardCriteriaDetails: 'PRICE (Price): 50 %; HUMAN_RIGHTS (Human rights): 50 %',
      items: [{ id: '1', description: 'Garments' }],
      tenderPeriod: { startDate: '2026-11-02T08:00:00.000Z', endDate: '2026-12-31T11:00:00.000Z' },
      numberOfTenderers: 2,
    });
    expect(release.tender.x_tenderEvaluation.awardCriteria).toEqual([
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '50', priceMethod: null, span: null },
    ]);
  });

  it('maps every lifecycle status and procedure to its codelist value', () => {
    const status = (s: OcdsInput['tender']['status']) => buildReleasePackage(withTender({ status: s })).releases[0].tender.status;
    expect(['DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'CONCLUDED', 'CANCELLED'].map((s) => status(s as never))).toEqual([
      'planned',
      'active',
      'active',
      'complete',
      'complete',
      'cancelled',
    ]);
    const method = (p: OcdsInput['tender']['procedure']) => buildReleasePackage(withTender({ procedure: p })).releases[0].tender.procurementMethod;
    expect(['OPEN', 'SELECTIVE', 'INVITATION', 'DIRECT'].map((p) => method(p as never))).toEqual(['open', 'selective', 'limited', 'direct']);
    const priceOnly = withTender({ criteria: [{ code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '100' }] });
    expect(buildReleasePackage(priceOnly).releases[0].tender.awardCriteria).toBe('priceOnly');
  });

  it('lists the parties with their roles, identifiers and countries', () => {
    expect(release.parties).toEqual([
      {
        id: 'TE-BUYER-b0000000-0000-4000-8000-000000000001',
        name: 'Federal Office for Buildings and Logistics',
        address: { countryName: 'Switzerland', country: 'CH' },
        roles: ['buyer'],
      },
      {
        id: 'TE-BIDDER-bidder-1',
        name: 'Uniform AG',
        identifier: { scheme: 'CH-FDJP', id: 'CHE-123.456.789', legalName: 'Uniform AG' },
        additionalIdentifiers: [{ scheme: 'VAT', id: 'CHE-123.456.789 MWST', legalName: 'Uniform AG' }],
        address: { countryName: 'Switzerland', country: 'CH' },
        roles: ['tenderer', 'supplier'],
      },
      {
        id: 'TE-NODE-n-2',
        name: 'Dhaka Stitching Ltd',
        identifier: { scheme: 'XI-LEI', id: '5493001KJTIIGC8Y1R12', legalName: 'Dhaka Stitching Ltd' },
        address: { countryName: 'Bangladesh', country: 'BD' },
        roles: ['subcontractor'],
      },
      { id: 'TE-BIDDER-bidder-2', name: 'Textil SA', address: { countryName: 'Switzerland', country: 'CH' }, roles: ['tenderer'] },
    ]);
  });

  it('writes the bids extension with status, value (number and exact decimal), countries of origin and the risk per node', () => {
    const [first, second] = release.bids.details;
    expect(first).toMatchObject({
      id: 'bid-1',
      date: '2026-12-01T09:00:00.000Z',
      status: 'valid',
      tenderers: [{ id: 'TE-BIDDER-bidder-1', name: 'Uniform AG' }],
      value: { amount: 100000.05, currency: 'CHF', x_tenderEvaluation: { amount: '100000.05' } },
      countriesOfOrigin: ['CH', 'BD'],
    });
    expect(first.x_tenderEvaluation).toEqual({
      disqualificationReason: null,
      rank: 1,
      totalPoints: '71.25',
      residualRisk: '0.2',
      supplyChain: [
        {
          partyId: 'TE-BIDDER-bidder-1',
          parentPartyId: null,
          path: ['Uniform AG'],
          country: 'CH',
          sharePercent: '100',
          goods: [],
          risk: { countryRisk: '0', productRisk: '0', inherentRisk: '0', mitigation: '0', residualRisk: '0', ownShare: '0.6', contribution: '0' },
        },
        {
          partyId: 'TE-NODE-n-2',
          parentPartyId: 'TE-BIDDER-bidder-1',
          path: ['Uniform AG', 'Dhaka Stitching Ltd'],
          country: 'BD',
          sharePercent: '40',
          goods: ['Garments'],
          risk: {
            countryRisk: '0.75',
            productRisk: '0.5',
            inherentRisk: '0.625',
            mitigation: '0.2',
            residualRisk: '0.5',
            ownShare: '0.4',
            contribution: '0.2',
          },
        },
      ],
    });
    expect(second).toMatchObject({ id: 'bid-2', status: 'disqualified', x_tenderEvaluation: { disqualificationReason: 'EXCLUDED', rank: null } });
  });

  it('maps awards with relatedBids; a revoked award is cancelled and its winner no supplier', () => {
    expect(release.awards).toEqual([
      {
        id: 'award-1',
        status: 'active',
        date: '2027-01-15T10:00:00.000Z',
        value: { amount: 100000.05, currency: 'CHF', x_tenderEvaluation: { amount: '100000.05' } },
        suppliers: [{ id: 'TE-BIDDER-bidder-1', name: 'Uniform AG' }],
        relatedBids: ['bid-1'],
        x_tenderEvaluation: { evaluationId: 'eval-1', appealDeadline: '2027-02-04T22:59:59.999Z', revokedAt: null, revokingExclusionId: null },
      },
    ]);
    const revoked = buildReleasePackage({
      ...AWARDED_TENDER,
      tender: { ...AWARDED_TENDER.tender, status: 'CLOSED' },
      awards: [{ ...AWARDED_TENDER.awards[0], status: 'REVOKED', revokedAt: '2027-01-18T10:00:00.000Z', revokingExclusionId: 'x-1' }],
    }).releases[0];
    expect(revoked.awards[0].status).toBe('cancelled');
    expect(revoked.tag).toEqual(['tender', 'award', 'awardCancellation']);
    expect(revoked.parties.find((p) => p.id === 'TE-BIDDER-bidder-1')!.roles).toEqual(['tenderer']);
  });

  it('a draft: planning tag, planned status, no start date, no bids or awards', () => {
    const draft = buildReleasePackage({ ...withTender({ status: 'DRAFT', publishedAt: null }), bids: [], evaluation: null, awards: [] }).releases[0];
    expect(draft.tag).toEqual(['planning']);
    expect(draft.tender.tenderPeriod).toEqual({ endDate: '2026-12-31T11:00:00.000Z' });
    expect(draft.bids.details).toEqual([]);
    expect(draft.awards).toEqual([]);
    expect(draft.x_tenderEvaluation.evaluation).toBeNull();
  });

  it("passes method version 2's exact fractions on beside the decimals (rounded where they do not terminate); version 1 has none", () => {
    const v1 = pkg.releases[0].bids.details[0].x_tenderEvaluation;
    expect(Object.keys(v1).filter((k) => k.endsWith('Fraction'))).toEqual([]);
    const e = AWARDED_TENDER.evaluation!;
    const [b1, ...others] = e.bids;
    const v2 = buildReleasePackage({
      ...AWARDED_TENDER,
      evaluation: {
        ...e,
        methodVersion: '2',
        bids: [
          {
            ...b1,
            total: '66.66666666666666666666666666666666666667',
            totalFraction: '200/3',
            risk: {
              ...b1.risk,
              residualFraction: '1/5',
              nodes: b1.risk.nodes.map((n, i) =>
                i === 1 ? { ...n, countryRiskFraction: '3/4', inherentFraction: '5/8', residualFraction: '1/2', contributionFraction: '1/5' } : n,
              ),
            },
          },
          ...others.map((b) => ({ ...b, totalFraction: null })),
        ],
      },
    });
    const [first, second] = v2.releases[0].bids.details;
    expect(first.x_tenderEvaluation).toMatchObject({
      totalPoints: '66.66666666666666666666666666666666666667',
      totalPointsFraction: '200/3',
      residualRisk: '0.2',
      residualRiskFraction: '1/5',
    });
    expect(first.x_tenderEvaluation.supplyChain[1].risk).toEqual({
      countryRisk: '0.75',
      countryRiskFraction: '3/4',
      productRisk: '0.5',
      inherentRisk: '0.625',
      inherentRiskFraction: '5/8',
      mitigation: '0.2',
      residualRisk: '0.5',
      residualRiskFraction: '1/2',
      ownShare: '0.4',
      contribution: '0.2',
      contributionFraction: '1/5',
    });
    expect(second.x_tenderEvaluation).toMatchObject({ totalPoints: null, totalPointsFraction: null });
    expect(v2.releases[0].x_tenderEvaluation.evaluation?.methodVersion).toBe('2');
  });

  it('names countries in English and keeps an unknown code as it is', () => {
    expect([countryName('ch'), countryName('IN'), countryName('PT'), countryName('XY')]).toEqual(['Switzerland', 'India', 'Portugal', 'XY']);
  });
});

describe('docs/interoperability.md', () => {
  it('shows the package this fixture gives, exactly', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../../../docs/interoperability.md'), 'utf8');
    const block = /<!-- ocds-example -->\s*```json\n([\s\S]*?)\n```/.exec(doc);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1])).toEqual(buildReleasePackage(AWARDED_TENDER));
  });
});
