import { RESCREEN_QUEUE, type RescreenTrigger } from '../apps/api/src/alerts/rescreening.service';
import { JobsService } from '../apps/api/src/jobs/jobs.service';
import { allDeclarations, awardedTender, nodeBody } from './support/builders';
import { twoBuyerSuite, type Actor } from './support/test-app';

/**
 * Re-screening during execution (Art. 26(1)): a sanction added after the
 * award reaches the buyer's officers as an alert with a DURING_EXECUTION
 * finding, which they resolve through the findings endpoints; the job runs on
 * pg-boss and the tests wait for it by polling, with a bounded timeout.
 */
jest.setTimeout(60_000);

/** Polls `probe` until it returns a value (not undefined), at most `ms`. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('re-screening of active awards', () => {
  // Its own database: the jobs other suites queued (sanctions they created) must not run here.
  const s = twoBuyerSuite({ JOBS_WORKER: 'true' }, { ownDatabase: 'rescreening' });

  const chain = (root: string) =>
    nodeBody(root, {
      identifiers: { uid: 'CHE-111.222.333' },
      subcontractors: [nodeBody('Daltex', { country: 'RU', sharePercent: '20', goods: ['Garments'], declarations: { ...allDeclarations } })],
    });
  const alerts = async (who: Actor) => {
    const res = await who.api.get('/api/v1/alerts');
    expect(res.status).toBe(200);
    return res.body as { items: any[]; page: number; pageSize: number; total: number };
  };
  const jobOf = async (triggerId: string): Promise<string> => {
    const ev = await eventually(
      async () =>
        (await s.t.prisma.auditEvent.findMany({ where: { action: 'rescreening.requested' }, orderBy: { seq: 'desc' } })).find(
          (e) => (e.payload as unknown as { trigger: RescreenTrigger }).trigger.id === triggerId,
        ),
      'the re-screening request',
    );
    return ev.objectId!;
  };
  const completed = (jobId: string) =>
    eventually(async () => ((await s.t.app.get(JobsService).state(RESCREEN_QUEUE, jobId)) === 'completed' ? true : undefined), `job ${jobId}`);

  let mine: Awaited<ReturnType<typeof awardedTender>>;
  let theirs: Awaited<ReturnType<typeof awardedTender>>;
  let sanctionId: string;

  beforeAll(async () => {
    mine = await awardedTender(s.w, { name: 'Alpha Uniform AG', bid: { supplyChain: chain('Alpha Uniform AG') } });
    theirs = await awardedTender(s.other, { name: 'Beta Uniform AG', bid: { supplyChain: chain('Beta Uniform AG') } });
  });

  it('a BUYER-scope sanction added after the award: an alert with a DURING_EXECUTION finding (VERIFY, fuzzy) for that buyer only', async () => {
    expect((await alerts(s.w.officer)).total).toBe(0);
    const created = await s.w.admin.api.post('/api/v1/sanctions', {
      name: 'Дальтекс ООО',
      country: 'RU',
      ground: '44-1-a',
      from: '2026-01-01',
      until: '2030-12-31',
      scope: 'BUYER',
      buyerId: s.w.buyerId,
    });
    expect(created.status).toBe(201);
    sanctionId = created.body.id;
    const jobId = await jobOf(sanctionId);
    await completed(jobId);

    const page = await alerts(s.w.officer);
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    const [a] = page.items;
    expect(a).toMatchObject({
      trigger: { kind: 'SANCTION', id: sanctionId, jobId },
      tender: { id: mine.tenderId },
      award: { id: mine.awardId, status: 'ACTIVE', winnerBidId: mine.bidId, bidderName: 'Alpha Uniform AG' },
      finding: {
        code: 'DURING_EXECUTION',
        legalBasis: 'Art. 26(1), 44(1)(a)',
        severity: 'VERIFY',
        nodePath: ['Alpha Uniform AG', 'Daltex'],
        state: 'OPEN',
        open: true,
        data: {
          kind: 'SANCTION_POSSIBLE_MATCH',
          score: '1.0000',
          threshold: '0.85',
          matchedName: 'Дальтекс ООО',
          entry: { sanctionId, name: 'Дальтекс ООО', country: 'RU', identifiers: [], list: null },
        },
      },
    });
    expect(a.finding.message).toContain('Subcontractor Daltex may be on the sanctions list (name similarity 1.0000, threshold 0.85)');
    // The tender's findings list it too, open, for the officers to resolve.
    const listed = (await s.w.officer.api.get(`/api/v1/tenders/${mine.tenderId}/findings`)).body.items.filter(
      (f: { code: string }) => f.code === 'DURING_EXECUTION',
    );
    expect(listed.map((f: { id: string; state: string }) => [f.id, f.state])).toEqual([[a.finding.id, 'OPEN']]);
    // Auditors read the same alerts; the other buyer's award was not touched.
    expect((await alerts(s.w.auditor)).items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await alerts(s.other.officer)).total).toBe(0);
    expect(await s.t.prisma.finding.count({ where: { bidId: theirs.bidId, code: 'DURING_EXECUTION' } })).toBe(0);
    // Admins have no buyer: the alerts are the officers'.
    expect((await s.w.admin.api.get('/api/v1/alerts')).status).toBe(403);
    // Recorded: how many awards were screened and findings opened.
    const done = await s.t.prisma.auditEvent.findFirst({ where: { action: 'rescreening.completed', objectId: jobId } });
    expect(done?.payload).toMatchObject({ awardsScreened: 1, findingsOpened: 1, trigger: { kind: 'SANCTION', id: sanctionId } });
    const opened = await s.t.prisma.auditEvent.findFirst({ where: { action: 'finding.opened-during-execution', tenderId: mine.tenderId } });
    expect(opened?.payload).toMatchObject({ jobId, findingKeys: [a.finding.findingKey] });
  });

  it('the same trigger twice opens no second finding', async () => {
    const trigger: RescreenTrigger = { kind: 'SANCTION', id: sanctionId, label: 'again', buyerIds: [s.w.buyerId] };
    const jobId = await s.t.app.get(JobsService).send(RESCREEN_QUEUE, { trigger });
    await completed(jobId);
    expect((await alerts(s.w.officer)).total).toBe(1);
    expect(await s.t.prisma.finding.count({ where: { bidId: mine.bidId, code: 'DURING_EXECUTION' } })).toBe(1);
    const done = await s.t.prisma.auditEvent.findFirst({ where: { action: 'rescreening.completed', objectId: jobId } });
    expect(done?.payload).toMatchObject({ awardsScreened: 1, findingsOpened: 0 });
  });

  it('an ALL_FEDERAL entry matching an identifier reaches both buyers as an EXCLUSION_GROUND', async () => {
    const created = await s.w.admin.api.post('/api/v1/sanctions', {
      name: 'Unrelated Name GmbH',
      identifiers: ['CHE111222333'],
      country: 'DE',
      ground: '44-1-e',
      from: '2026-01-01',
      until: '2030-12-31',
      scope: 'ALL_FEDERAL',
    });
    expect(created.status).toBe(201);
    await completed(await jobOf(created.body.id));
    for (const [who, root] of [
      [s.w.officer, 'Alpha Uniform AG'],
      [s.other.officer, 'Beta Uniform AG'],
    ] as const) {
      const newest = (await alerts(who)).items[0];
      expect(newest.finding).toMatchObject({
        severity: 'EXCLUSION_GROUND',
        nodePath: [root],
        data: { kind: 'SANCTION_IDENTIFIER', entry: { sanctionId: created.body.id } },
      });
    }
  });

  it('resolving the VERIFY finding as ESCALATED proposes an exclusion; confirmed by a second officer, it revokes the award', async () => {
    const alert = (await alerts(s.w.officer)).items.find((x: any) => x.finding.severity === 'VERIFY');
    const resolved = await s.w.officer.api.post(`/api/v1/findings/${alert.finding.id}/resolve`, {
      bidderAnswer: 'Daltex is the same firm; it says the sanction is under appeal.',
      conclusion: 'ESCALATED',
    });
    expect(resolved.status).toBe(201);
    expect(resolved.body.exclusion).toMatchObject({ status: 'PROPOSED', ground: '44-1-a', nodePath: ['Alpha Uniform AG', 'Daltex'] });
    const confirmed = await s.w.officer2.api.post(`/api/v1/exclusions/${resolved.body.exclusion.id}/confirm`, { note: 'Sanctioned during execution' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.revokedAwardId).toBe(mine.awardId);
    const awards = await s.w.officer.api.get(`/api/v1/tenders/${mine.tenderId}/awards`);
    expect(awards.body.items.find((x: { id: string }) => x.id === mine.awardId)).toMatchObject({ status: 'REVOKED' });
    const after = (await alerts(s.w.officer)).items.find((x: any) => x.id === alert.id);
    expect(after).toMatchObject({ award: { status: 'REVOKED' }, finding: { state: 'ESCALATED', open: false } });
  });

  it("a new goods list version listing a node's good and country for forced labour: EXCLUSION_GROUND alerts on every buyer's active award", async () => {
    const f = new FormData();
    f.append('kind', 'GOODS_LIST');
    f.append('name', 'Goods list with Russian garments');
    f.append('source', 'test');
    f.append('file', new Blob(['iso2,good,child_labor,forced_labor,downstream_good\nRU,Garments,false,true,false\n'], { type: 'text/csv' }), 'goods.csv');
    const imported = await fetch(`${s.t.api.baseUrl}/api/v1/risk-datasets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.w.admin.token}` },
      body: f,
    });
    expect(imported.status).toBe(201);
    const dataset = (await imported.json()) as { id: string };
    const before = (await alerts(s.other.officer)).total;
    expect((await s.w.admin.api.post(`/api/v1/risk-datasets/${dataset.id}/activate`)).status).toBe(200);
    await completed(await jobOf(dataset.id));
    const page = await alerts(s.other.officer);
    expect(page.total).toBe(before + 1);
    expect(page.items[0]).toMatchObject({
      trigger: { kind: 'RISK_DATASET', id: dataset.id },
      award: { id: theirs.awardId, status: 'ACTIVE' },
      finding: {
        severity: 'EXCLUSION_GROUND',
        nodePath: ['Beta Uniform AG', 'Daltex'],
        data: { kind: 'FORCED_LABOUR_LISTING', good: 'garments', country: 'RU' },
      },
    });
    // The revoked award is no longer screened.
    expect(await s.t.prisma.finding.count({ where: { bidId: mine.bidId, data: { path: ['kind'], equals: 'FORCED_LABOUR_LISTING' } } })).toBe(0);
  });
});
