import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildReleasePackage } from '@app/interop';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config';
import { AWARDED_TENDER } from '../libs/interop/src/ocds/testing/fixture';
import { allDeclarations, closeTender, nodeBody, tenderBody, tenderWithBids } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

// The shared machine is busy: booting the app and walking a tender through its life takes more than the default 5 s.
jest.setTimeout(30_000);

/** The OCDS 1.1.5 schemas of ../shared/ocds, read at test time (never copied into the project). */
export const OCDS_SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'shared', 'ocds');

/** A validator of release packages; throws, naming where it looked, when the schemas are not there. */
export function releasePackageValidator(dir = OCDS_SCHEMA_DIR) {
  const files = ['release-package-schema.json', 'release-schema.json'].map((f) => path.join(dir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length)
    throw new Error(`OCDS 1.1.5 schemas not found: looked for ${missing.join(' and ')} (the shared/ocds folder beside the repository, as CI lays it out)`);
  const [pkg, release] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(release);
  const validate = ajv.compile(pkg);
  return (doc: unknown): string[] => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

/**
 * GET /api/v1/tenders/:id/ocds over the real stack: every package of the
 * scenario (draft, published with bids, evaluated, awarded, award revoked
 * after a confirmed exclusion of the winner) validates against the OCDS
 * 1.1.5 release-package schema and carries the mapping of
 * docs/interoperability.md.
 */
describe('OCDS export over REST', () => {
  const s = twoBuyerSuite({ OCDS_OCID_PREFIX: 'ocds-t3st00' });
  const validate = releasePackageValidator();

  async function ocds(tenderId: string) {
    const res = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/ocds`);
    expect(res.status).toBe(200);
    expect(validate(res.body)).toEqual([]);
    return res.body;
  }

  it('fails loudly, naming the place, when the schema folder is absent', () => {
    expect(() => releasePackageValidator('/nonexistent/ocds')).toThrow(
      'OCDS 1.1.5 schemas not found: looked for /nonexistent/ocds/release-package-schema.json and /nonexistent/ocds/release-schema.json',
    );
  });

  it('the validator refuses a package that breaks the schema (so a pass means something)', () => {
    expect(validate({ uri: 'not a uri', version: '1.1', publisher: {}, publishedDate: 'yesterday', releases: [{ ocid: '' }] }).length).toBeGreaterThan(3);
  });

  it('OCDS_OCID_PREFIX: defaults to a placeholder, refuses anything but "ocds-" and six characters, naming the variable', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y' }).ocdsOcidPrefix).toBe('ocds-te2019');
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', OCDS_OCID_PREFIX: 'ocds-abc123' }).ocdsOcidPrefix).toBe('ocds-abc123');
    for (const bad of ['abc123', 'ocds-ABC123', 'ocds-abc12', 'ocds-abc1234']) {
      expect(() => loadConfig({ DATABASE_URL: 'postgresql://x/y', OCDS_OCID_PREFIX: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: 'postgresql://x/y', OCDS_OCID_PREFIX: bad })).toThrow(/OCDS_OCID_PREFIX must be "ocds-"/);
    }
  });

  it('OpenAPI: each new route has its operationId, typed answer, errors and bearer auth; flag codes are a named enum', async () => {
    const doc = (await s.t.api.get('/api/docs-json')).body;
    const ops = {
      getTenderOcds: doc.paths['/api/v1/tenders/{id}/ocds'].get,
      getTenderRedFlags: doc.paths['/api/v1/tenders/{id}/red-flags'].get,
      listRedFlags: doc.paths['/api/v1/red-flags'].get,
      getRedFlagThresholds: doc.paths['/api/v1/red-flag-thresholds'].get,
      listRedFlagThresholdVersions: doc.paths['/api/v1/red-flag-thresholds/versions'].get,
      putRedFlagThresholds: doc.paths['/api/v1/red-flag-thresholds'].put,
    };
    for (const [id, op] of Object.entries(ops)) {
      expect(op.operationId).toBe(id);
      expect(op.summary).toEqual(expect.any(String));
      expect(op.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(JSON.stringify(op.responses['200'].content['application/json'].schema)).toMatch(/#\/components\/schemas\/\w+Dto/);
    }
    expect(doc.components.schemas.RedFlagCode.enum).toHaveLength(9);
    expect(doc.components.schemas.RedFlagStatus.enum).toEqual(['RAISED', 'NOT_RAISED', 'NOT_APPLICABLE']);
  });

  it('the example of docs/interoperability.md (the unit fixture) is a valid package too', () => {
    expect(validate(buildReleasePackage(AWARDED_TENDER))).toEqual([]);
  });

  it('a draft: planned, no start of the tender period, the buyer as the only party', async () => {
    const t = await s.w.officer.api.post('/api/v1/tenders', tenderBody({ procedure: 'SELECTIVE', goods: ['Garments', 'Footwear'] }));
    expect(t.status).toBe(201);
    const pkg = await ocds(t.body.id);
    const r = pkg.releases[0];
    expect(pkg).toMatchObject({ version: '1.1', publisher: { name: expect.stringMatching(/^Buyer /) } });
    expect(pkg.uri).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/v1/tenders/${t.body.id}/ocds$`));
    expect(r.ocid).toBe(`ocds-t3st00-${t.body.id}`);
    expect(r.tag).toEqual(['planning']);
    expect(r.tender).toMatchObject({
      id: t.body.reference ?? expect.any(String),
      status: 'planned',
      procurementMethod: 'selective',
      awardCriteria: 'ratedCriteria',
      awardCriteriaDetails: 'PRICE (Price): 50 %; QUALITY (Quality): 30 %; HUMAN_RIGHTS (Human rights): 20 %',
      items: [
        { id: '1', description: 'Garments' },
        { id: '2', description: 'Footwear' },
      ],
      tenderPeriod: { endDate: '2026-12-31T11:00:00.000Z' },
      numberOfTenderers: 0,
    });
    expect(r.tender.x_tenderEvaluation.awardCriteria.map((c: any) => [c.code, c.weight])).toEqual([
      ['PRICE', '50'],
      ['QUALITY', '30'],
      ['HUMAN_RIGHTS', '20'],
    ]);
    expect(r.parties).toEqual([
      { id: `TE-BUYER-${s.w.buyerId}`, name: expect.any(String), address: { countryName: 'Switzerland', country: 'CH' }, roles: ['buyer'] },
    ]);
    expect(r.bids.details).toEqual([]);
  });

  describe('a tender from publication to a revoked award', () => {
    let tenderId: string;
    let ids: Record<string, string>;
    let bidderIds: Record<string, string>;
    let evaluationId: string;
    const alphaChain = nodeBody('Alpha AG', {
      identifiers: { uid: 'CHE-111.222.333' },
      subcontractors: [
        nodeBody('Lisboa Têxteis Lda', {
          country: 'PT',
          sharePercent: '30',
          identifiers: { lei: '5493001KJTIIGC8Y1R12', vat: 'PT501234567' },
          declarations: { ...allDeclarations },
        }),
      ],
    });

    beforeAll(async () => {
      ({ tenderId, ids, bidderIds } = await tenderWithBids(
        s.w.officer,
        [
          { name: 'Alpha AG', price: '100000.05', supplyChain: alphaChain, bidder: { identifiers: { uid: 'CHE-111.222.333', vat: 'CHE-111.222.333 MWST' } } },
          { name: 'Beta AG', price: '120000.00' },
        ],
        { declare: [s.w.officer, s.w.officer2], close: false },
      ));
    });

    it('published with bids: active, the bids valid with exact amounts, tenderers and subcontractors as parties', async () => {
      const r = (await ocds(tenderId)).releases[0];
      expect(r.tag).toEqual(['tender']);
      expect(r.tender.status).toBe('active');
      expect(r.tender.procurementMethod).toBe('open');
      expect(r.tender.numberOfTenderers).toBe(2);
      // Both bids arrive at the same time, so their order is by id: find them by id.
      const alpha = r.bids.details.find((d: any) => d.id === ids['Alpha AG']);
      const beta = r.bids.details.find((d: any) => d.id === ids['Beta AG']);
      expect(alpha).toMatchObject({
        id: ids['Alpha AG'],
        status: 'valid',
        tenderers: [{ id: `TE-BIDDER-${bidderIds['Alpha AG']}`, name: 'Alpha AG' }],
        value: { amount: 100000.05, currency: 'CHF', x_tenderEvaluation: { amount: '100000.05' } },
        countriesOfOrigin: ['CH', 'PT'],
      });
      expect(beta).toMatchObject({ status: 'valid', value: { amount: 120000, x_tenderEvaluation: { amount: '120000.00' } }, countriesOfOrigin: ['CH'] });
      expect(alpha.x_tenderEvaluation.supplyChain.map((n: any) => [n.path, n.country, n.sharePercent, n.risk])).toEqual([
        [['Alpha AG'], 'CH', '100', null],
        [['Alpha AG', 'Lisboa Têxteis Lda'], 'PT', '30', null],
      ]);
      const sub = r.parties.find((p: any) => p.roles.includes('subcontractor'));
      expect(sub).toEqual({
        id: alpha.x_tenderEvaluation.supplyChain[1].partyId,
        name: 'Lisboa Têxteis Lda',
        identifier: { scheme: 'XI-LEI', id: '5493001KJTIIGC8Y1R12', legalName: 'Lisboa Têxteis Lda' },
        additionalIdentifiers: [{ scheme: 'VAT', id: 'PT501234567', legalName: 'Lisboa Têxteis Lda' }],
        address: { countryName: 'Portugal', country: 'PT' },
        roles: ['subcontractor'],
      });
      expect(r.parties.find((p: any) => p.id === `TE-BIDDER-${bidderIds['Alpha AG']}`)).toMatchObject({
        identifier: { scheme: 'CH-FDJP', id: 'CHE-111.222.333' },
        roles: ['tenderer'],
      });
    });

    it('evaluated: rank, points and the risk of every node are those of the evaluation, exactly', async () => {
      expect((await closeTender(s.t, s.w.officer.api, tenderId)).status).toBe(200);
      for (const id of Object.values(ids))
        expect((await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${id}/grades/QUALITY`, { grade: 4 })).status).toBe(200);
      const ev = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
      expect(ev.status).toBe(201);
      const r = (await ocds(tenderId)).releases[0];
      expect(r.x_tenderEvaluation.evaluation).toMatchObject({ id: ev.body.id, seq: 1, digest: ev.body.digest, methodVersion: '2' });
      const alphaResult = ev.body.bids.find((b: any) => b.bidId === ids['Alpha AG']);
      const alpha = r.bids.details.find((d: any) => d.id === ids['Alpha AG']);
      // Method version 2: each computed value's exact fraction travels beside its decimal string.
      expect(alphaResult.totalFraction).toEqual(expect.stringMatching(/^-?\d+\/\d+$/));
      expect(alpha.x_tenderEvaluation).toMatchObject({
        rank: alphaResult.rank,
        totalPoints: alphaResult.total,
        totalPointsFraction: alphaResult.totalFraction,
        residualRisk: alphaResult.risk.residual,
        residualRiskFraction: alphaResult.risk.residualFraction,
      });
      expect(alpha.x_tenderEvaluation.supplyChain.map((n: any) => n.risk)).toEqual(
        alphaResult.risk.nodes.map((n: any) => ({
          countryRisk: n.countryRisk,
          countryRiskFraction: n.countryRiskFraction,
          productRisk: n.productRisk,
          inherentRisk: n.inherent,
          inherentRiskFraction: n.inherentFraction,
          mitigation: n.mitigation,
          residualRisk: n.residual,
          residualRiskFraction: n.residualFraction,
          ownShare: n.ownShare,
          contribution: n.contribution,
          contributionFraction: n.contributionFraction,
        })),
      );
      evaluationId = ev.body.id;
    });

    it('awarded: complete, an active award related to the winning bid, the winner a supplier', async () => {
      const a = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/award`, { evaluationId: evaluationId });
      expect(a.status).toBe(201);
      const r = (await ocds(tenderId)).releases[0];
      expect(r.tag).toEqual(['tender', 'award']);
      expect(r.tender.status).toBe('complete');
      expect(r.awards).toEqual([
        {
          id: a.body.id,
          status: 'active',
          date: a.body.notifiedAt,
          value: { amount: 100000.05, currency: 'CHF', x_tenderEvaluation: { amount: '100000.05' } },
          suppliers: [{ id: `TE-BIDDER-${bidderIds['Alpha AG']}`, name: 'Alpha AG' }],
          relatedBids: [ids['Alpha AG']],
          x_tenderEvaluation: { evaluationId: evaluationId, appealDeadline: a.body.appealDeadline, revokedAt: null, revokingExclusionId: null },
        },
      ]);
      expect(r.parties.find((p: any) => p.id === `TE-BIDDER-${bidderIds['Alpha AG']}`).roles).toEqual(['tenderer', 'supplier']);
    });

    it('a confirmed exclusion of the winner revokes the award: cancelled, the bid disqualified, no supplier left', async () => {
      const p = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/exclusions`, {
        bidId: ids['Alpha AG'],
        ground: '44-1-e',
        reasons: 'Conviction for bribery became final after the award',
      });
      expect(p.status).toBe(201);
      const c = await s.w.officer2.api.post(`/api/v1/exclusions/${p.body.id}/confirm`);
      expect(c.status).toBe(200);
      const r = (await ocds(tenderId)).releases[0];
      expect(r.tag).toEqual(['tender', 'award', 'awardCancellation']);
      expect(r.tender.status).toBe('active');
      expect(r.awards[0]).toMatchObject({ status: 'cancelled', x_tenderEvaluation: { revokingExclusionId: p.body.id, revokedAt: expect.any(String) } });
      expect(r.bids.details.find((d: any) => d.id === ids['Alpha AG'])).toMatchObject({
        status: 'disqualified',
        x_tenderEvaluation: { disqualificationReason: 'EXCLUDED' },
      });
      expect(r.parties.some((p: any) => p.roles.includes('supplier'))).toBe(false);
    });

    it('auditors of the buyer read it; other buyers get 404, admins 403, no token 401', async () => {
      const auditor = await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/ocds`);
      expect(auditor.status).toBe(200);
      expect(validate(auditor.body)).toEqual([]);
      expect((await s.other.officer.api.get(`/api/v1/tenders/${tenderId}/ocds`)).status).toBe(404);
      expect((await s.other.auditor.api.get(`/api/v1/tenders/${tenderId}/ocds`)).status).toBe(404);
      expect((await s.w.admin.api.get(`/api/v1/tenders/${tenderId}/ocds`)).status).toBe(403);
      expect((await s.t.api.get(`/api/v1/tenders/${tenderId}/ocds`)).status).toBe(401);
      const bad = await s.w.officer.api.get('/api/v1/tenders/not-a-uuid/ocds');
      expect(bad.status).toBe(404);
      expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    });
  });
});
