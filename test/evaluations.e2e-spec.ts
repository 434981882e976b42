import { createHash } from 'node:crypto';
import { digestOf } from '../libs/audit-chain/src';
import { evaluate } from '../libs/evaluation/src';
import { toEvaluationDto } from '../apps/api/src/evaluations/evaluation-body';
import { snapshotDigests } from '../apps/api/src/evaluations/snapshot';
import { allDeclarations, bidBody, closeTender, nodeBody, publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * Grade, evaluate, read back, replay — on the shipped datasets. Expected values
 * are computed by hand from data/risk (2025 TIP tiers: DE, AT, FR tier 1, PT
 * tier 2; no recorded non-ratification for any of them; Garments listed for
 * other countries than PT) and the worked example's weights.
 */
describe('evaluation over REST', () => {
  const s = twoBuyerSuite();
  let tenderId: string;
  const bid: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  beforeAll(async () => {
    tenderId = (await s.w.officer.api.post('/api/v1/tenders', tenderBody())).body.id;
    await publishTender(s.t, s.w.officer.api, tenderId);
    const mk = async (name: string, country: string) => (await s.w.officer.api.post('/api/v1/bidders', { name, country })).body.id as string;
    const submit = async (bidderId: string, price: string, supplyChain: Record<string, unknown>) => {
      const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(bidderId, { price, supplyChain }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    bid.A = await submit(await mk('Alpha GmbH', 'DE'), '100000.00', nodeBody('Alpha GmbH', { country: 'DE' }));
    bid.B = await submit(
      await mk('Beta AG', 'AT'),
      '120000.00',
      nodeBody('Beta AG', {
        country: 'AT',
        subcontractors: [nodeBody('Porto Confecções Lda', { country: 'PT', sharePercent: '50', goods: ['garments'], declarations: { ...allDeclarations } })],
      }),
    );
    bid.C = await submit(
      await mk('Gamma SA', 'FR'),
      '160000.00',
      nodeBody('Gamma SA', { country: 'FR', declarations: { ...allDeclarations, environmentalLaw: false, subcontractClause: true } }),
    );
  });

  it('refuses to evaluate a tender that is not CLOSED (409)', async () => {
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/only a CLOSED tender is evaluated/);
  });

  it('grading needs an impartiality declaration (403), then records grades 0–5 on QUALITY criteria only', async () => {
    const denied = await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.A}/grades/QUALITY`, { grade: 4 });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ reason: 'NO_DECLARATION' });
    const decl = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/declarations`, { impartial: true, interests: '' });
    expect(decl.status).toBe(201);
    const ok = await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.A}/grades/QUALITY`, { grade: 4, comment: 'good fit' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ bidId: bid.A, criterionCode: 'QUALITY', evaluatorId: s.w.officer.id, grade: 4, comment: 'good fit' });
    expect((await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.A}/grades/QUALITY`, { grade: 6 })).status).toBe(422);
    expect((await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.A}/grades/QUALITY`, { grade: 4.5 })).status).toBe(422);
    expect((await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.A}/grades/PRICE`, { grade: 4 })).status).toBe(422);
    expect((await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.A}/grades/NOPE`, { grade: 4 })).status).toBe(404);
    const conflicted = await s.w.officer2.api.post(`/api/v1/tenders/${tenderId}/declarations`, {
      impartial: false,
      interests: 'Brother-in-law works at Beta AG',
    });
    expect(conflicted.status).toBe(201);
    const barred = await s.w.officer2.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.B}/grades/QUALITY`, { grade: 1 });
    expect(barred.status).toBe(403);
    expect(barred.body).toMatchObject({ reason: 'CONFLICT_DECLARED' });
    expect((await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/declarations`)).body).toMatchObject({ total: 2, items: [{}, {}] });
  });

  it('an evaluation with grades missing is refused, naming each missing grade', async () => {
    await closeTender(s.t, s.w.officer.api, tenderId);
    await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.B}/grades/QUALITY`, { grade: 5 });
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'GRADING_INCOMPLETE' });
    expect(res.body.errors).toEqual([{ field: `grades.${bid.C}.QUALITY`, message: expect.stringMatching(/0 of 1/) }]);
    expect(await s.t.prisma.evaluation.count({ where: { tenderId } })).toBe(0);
  });

  let evaluationId: string;
  let first: any;

  it('evaluates exactly: totals, risk per node, ranking, sensitivity; stores the snapshot and its digests', async () => {
    await s.w.officer.api.put(`/api/v1/tenders/${tenderId}/bids/${bid.C}/grades/QUALITY`, { grade: 5 });
    const res = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(res.status).toBe(201);
    first = res.body;
    evaluationId = res.body.id;
    expect(res.body).toMatchObject({
      tenderId,
      methodVersion: '2',
      riskModelVersion: expect.any(Number),
      inputsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Object.keys(res.body.datasetVersions).sort()).toEqual(['GOODS_LIST', 'ILO_RATIFICATIONS', 'TIP_TIERS']);
    const byId = Object.fromEntries(res.body.bids.map((b: any) => [b.bidId, b]));
    // A: DE tier 1 → cr = 0.7 × 0.10 = 0.07 = R; 50·1 + 30·0.8 + 20·0.93 = 92.6
    expect(byId[bid.A]).toMatchObject({ bidderName: 'Alpha GmbH', admissible: true, total: '92.6', rank: 1 });
    expect(byId[bid.A].risk.residual).toBe('0.07');
    expect(byId[bid.A].scores).toEqual({
      PRICE: expect.objectContaining({ score: '1', points: '50' }),
      QUALITY: expect.objectContaining({ score: '0.8', points: '24' }),
      HUMAN_RIGHTS: expect.objectContaining({ score: '0.93', points: '18.6' }),
    });
    // B: root AT 0.07 on own share 0.5; Porto (PT, tier 2: cr 0.245; garments listed elsewhere: pr 0.3;
    // ir = 1 − 0.755·0.7 = 0.4715) on 0.5 → R = 0.035 + 0.23575 = 0.27075; total 30 + 30 + 20·0.72925 = 74.585
    expect(byId[bid.B]).toMatchObject({ total: '74.585', rank: 2 });
    expect(byId[bid.B].risk.residual).toBe('0.27075');
    // Method version 2: the exact fractions beside the decimals (74.585 = 14917/200, 0.27075 = 1083/4000).
    expect(byId[bid.B].totalFraction).toBe('14917/200');
    expect(byId[bid.B].risk.residualFraction).toBe('1083/4000');
    expect(byId[bid.B].risk.nodes).toEqual([
      expect.objectContaining({
        path: ['Beta AG'],
        countryRisk: '0.07',
        productRisk: '0',
        inherent: '0.07',
        mitigation: '0',
        residual: '0.07',
        ownShare: '0.5',
        contribution: '0.035',
      }),
      expect.objectContaining({
        path: ['Beta AG', 'Porto Confecções Lda'],
        countryRisk: '0.245',
        productRisk: '0.3',
        inherent: '0.4715',
        residual: '0.4715',
        ownShare: '0.5',
        contribution: '0.23575',
      }),
    ]);
    expect(byId[bid.B].risk.largestContributor).toEqual(['Beta AG', 'Porto Confecções Lda']);
    // C: price above Pmin·1.5 → 0; 0 + 30 + 18.6 = 48.6; environmental-law declaration missing → finding
    expect(byId[bid.C]).toMatchObject({ total: '48.6', rank: 3 });
    expect(byId[bid.C].findings).toEqual([
      {
        id: expect.any(String),
        code: 'ENVIRONMENTAL_LAW',
        legalBasis: 'Art. 12(3), 44(1)(a)',
        severity: 'EXCLUSION_GROUND',
        nodePath: ['Gamma SA'],
        message: expect.any(String),
      },
    ]);
    expect(res.body.ranking).toEqual([bid.A, bid.B, bid.C]);
    // PRICE: D(δ) = 18.015 + 0.4397·δ → δ = −18.015/0.4397 = −180150/4397
    const price = res.body.sensitivity.find((s: any) => s.criterion === 'PRICE');
    expect(price).toMatchObject({ deltaFraction: '-180150/4397' });
    expect(price.delta).toMatch(/^-40\.971116670457129861/);
    expect(res.body.effectivePriceWeight).toEqual({ nominal: '50', effective: '50', effectiveFraction: '50' });
    expect(res.body.iia).toEqual([]);
    expect(res.body.ties).toEqual([]);
    expect(await s.t.prisma.finding.count({ where: { evaluationId } })).toBe(1);
  });

  it('reads back the same evaluation, lists it, and an auditor can replay it identically', async () => {
    const got = await s.w.auditor.api.get(`/api/v1/evaluations/${evaluationId}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(first);
    const list = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(list.body.items.map((e: any) => e.id)).toEqual([evaluationId]);
    const replay = await s.w.auditor.api.post(`/api/v1/evaluations/${evaluationId}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ identical: true, digest: first.digest, replayDigest: first.digest });
  });

  it('serves the canonical snapshot whose SHA-256 is the digest', async () => {
    const res = await fetch(`${s.w.auditor.api.baseUrl}/api/v1/evaluations/${evaluationId}/snapshot`, {
      headers: { authorization: `Bearer ${s.w.auditor.token}` },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.digest);
    const doc = JSON.parse(bytes.toString('utf8'));
    expect(Object.keys(doc)).toEqual(['datasetVersions', 'inputs', 'methodVersion', 'result', 'riskModelVersion']);
    expect(digestOf(doc.inputs)).toBe(first.inputsDigest);
  });

  it('a new evaluation never rewrites an old one; same inputs give the same digests', async () => {
    const second = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(evaluationId);
    expect(second.body.seq).toBe(2);
    expect(second.body.digest).toBe(first.digest);
    expect(second.body.inputsDigest).toBe(first.inputsDigest);
    const list = await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(list.body.items.map((e: any) => e.seq)).toEqual([2, 1]);
    expect((await s.w.officer.api.get(`/api/v1/evaluations/${evaluationId}`)).body).toEqual(first);
  });

  it('serves the stored body byte for byte as the stored row renders (every language); an evaluation without a stored body renders the same', async () => {
    const row = await s.t.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId }, include: { findings: true } });
    for (const lang of ['en', 'fr', 'de', 'it'] as const) {
      const res = await s.w.auditor.api.get(`/api/v1/evaluations/${evaluationId}`, { 'accept-language': lang });
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      // The old path: the row read back through Prisma, rendered and serialised.
      expect(res.text).toBe(JSON.stringify(toEvaluationDto(row, lang)));
    }
    const list = await s.w.auditor.api.get(`/api/v1/tenders/${tenderId}/evaluations?pageSize=1&page=2`);
    expect(list.text).toBe(JSON.stringify({ items: [toEvaluationDto(row)], page: 2, pageSize: 1, total: 2 }));
    // A record without a stored body (made before bodies were kept): rendered from the result, the same bytes.
    const copy = await s.t.prisma.evaluation.create({
      data: {
        tenderId,
        seq: 98,
        methodVersion: row.methodVersion,
        riskModelVersion: row.riskModelVersion,
        datasetVersions: row.datasetVersions as object,
        inputs: row.inputs as object,
        result: row.result as object,
        inputsDigest: row.inputsDigest,
        digest: row.digest,
        createdAt: row.createdAt,
        createdById: row.createdById,
      },
    });
    try {
      const old = await s.w.auditor.api.get(`/api/v1/evaluations/${copy.id}`);
      const expected = JSON.stringify(toEvaluationDto({ ...row, id: copy.id, seq: 98, findings: [] }));
      expect(old.text).toBe(expected);
      expect((await s.w.auditor.api.post(`/api/v1/evaluations/${copy.id}/replay`)).body).toMatchObject({ identical: true });
    } finally {
      await s.t.prisma.evaluation.delete({ where: { id: copy.id } });
    }
  });

  it('a version-1 record replays identically on the frozen v1 engine', async () => {
    const row = await s.t.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    const inputs = { ...(row.inputs as any), methodVersion: '1' };
    const result = evaluate(inputs);
    expect(result.methodVersion).toBe('1');
    const digests = snapshotDigests({
      methodVersion: '1',
      riskModelVersion: row.riskModelVersion,
      datasetVersions: row.datasetVersions as any,
      inputs,
      result,
    });
    const v1 = await s.t.prisma.evaluation.create({
      data: {
        tenderId,
        seq: 97,
        methodVersion: '1',
        riskModelVersion: row.riskModelVersion,
        datasetVersions: row.datasetVersions as object,
        inputs,
        result: result as any,
        ...digests,
      },
    });
    try {
      const replay = await s.w.auditor.api.post(`/api/v1/evaluations/${v1.id}/replay`);
      expect(replay.body).toEqual({ identical: true, digest: digests.digest, replayDigest: digests.digest, methodVersion: '1' });
      const got = await s.w.auditor.api.get(`/api/v1/evaluations/${v1.id}`);
      expect(got.text).toBe(
        JSON.stringify(toEvaluationDto(await s.t.prisma.evaluation.findUniqueOrThrow({ where: { id: v1.id }, include: { findings: true } }))),
      );
    } finally {
      await s.t.prisma.evaluation.delete({ where: { id: v1.id } });
    }
  });

  it('replay detects a tampered snapshot', async () => {
    const row = await s.t.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    const inputs = row.inputs as any;
    inputs.bids.find((b: any) => b.bidId === bid.A).price = '99999.00';
    const copy = await s.t.prisma.evaluation.create({
      data: {
        tenderId,
        seq: 99,
        methodVersion: row.methodVersion,
        riskModelVersion: row.riskModelVersion,
        datasetVersions: row.datasetVersions as object,
        inputs,
        result: row.result as object,
        inputsDigest: row.inputsDigest,
        digest: row.digest,
      },
    });
    const replay = await s.w.officer.api.post(`/api/v1/evaluations/${copy.id}/replay`);
    expect(replay.body.identical).toBe(false);
    expect(replay.body.replayDigest).not.toBe(row.digest);
    await s.t.prisma.evaluation.delete({ where: { id: copy.id } });
  });

  it('other buyers get 404; auditors cannot evaluate', async () => {
    expect((await s.other.officer.api.get(`/api/v1/evaluations/${evaluationId}`)).status).toBe(404);
    expect((await s.other.auditor.api.post(`/api/v1/evaluations/${evaluationId}/replay`)).status).toBe(404);
    expect((await s.other.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`)).status).toBe(404);
    expect((await s.w.auditor.api.post(`/api/v1/tenders/${tenderId}/evaluations`)).status).toBe(403);
  });
});
