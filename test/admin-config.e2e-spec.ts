import { createHash } from 'node:crypto';
import { DEFAULT_RISK_MODEL } from '@app/evaluation';
import { ReferenceDataService } from '../apps/api/src/admin/reference-data.service';
import { createOwnDatabase } from './support/databases';
import { tenderBody } from './support/builders';
import { actor, Actor, buyerWorld, BuyerWorld, startTestApp, TestApp } from './support/test-app';

/**
 * Configuration over REST: criteria templates, the risk model, the risk
 * datasets, and the reference data present from the first start.
 *
 * Runs on a database of its own (created here on the run's server): these
 * tests activate risk models and datasets, which are global, and must not
 * change what the evaluation tests running in parallel compute.
 */
const SHIPPED_KINDS = ['GOODS_LIST', 'ILO_RATIFICATIONS', 'PRICE_LEVELS', 'TIP_TIERS'];

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

describe('configuration (ADMIN) over REST', () => {
  let db: { url: string; drop(): Promise<void> };
  let t: TestApp;
  let w: BuyerWorld;
  let admin: Actor;

  beforeAll(async () => {
    db = await createOwnDatabase('admin_config');
    t = await startTestApp({ DATABASE_URL: db.url });
    w = await buyerWorld(t);
    admin = w.admin;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** A dataset upload over a real socket: FormData (multipart) or a raw text/csv string. */
  async function upload(token: string | null, body: FormData | string, query = '', contentType = 'text/csv'): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (typeof body === 'string') headers['content-type'] = contentType;
    const res = await fetch(`${t.api.baseUrl}/api/v1/risk-datasets${query}`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
  }

  function form(fields: Record<string, string>, csv?: string, fileField = 'file'): FormData {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    if (csv !== undefined) f.append(fileField, new Blob([csv], { type: 'text/csv' }), 'data.csv');
    return f;
  }

  const activeCount = async (kind: string) => t.prisma.riskDataset.count({ where: { kind: kind as never, active: true } });

  describe('reference data at setup', () => {
    it('the first start stored the default risk model and the shipped datasets, each version 1 and active', async () => {
      const model = await admin.api.get('/api/v1/risk-model');
      expect(model.status).toBe(200);
      expect(model.body).toMatchObject({ version: 1, active: true, constants: JSON.parse(JSON.stringify(DEFAULT_RISK_MODEL)) });
      const list = await admin.api.get('/api/v1/risk-datasets');
      expect(list.status).toBe(200);
      expect(list.body.items.map((d: { kind: string }) => d.kind).sort()).toEqual(SHIPPED_KINDS);
      for (const d of list.body.items) {
        expect(d).toMatchObject({ version: 1, active: true, rowCount: expect.any(Number), contentDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
        expect(d).not.toHaveProperty('rows');
      }
      expect(list.body.items.find((d: { kind: string }) => d.kind === 'TIP_TIERS')).toMatchObject({
        rowCount: 188,
        retrievedAt: '2025-09-29',
        licence: expect.stringMatching(/Public domain/),
      });
      const events = await t.prisma.auditEvent.findMany({
        where: { action: { in: ['risk-model.activated', 'risk-dataset.imported', 'risk-dataset.activated'] } },
        select: { action: true },
      });
      expect(events.filter((e) => e.action === 'risk-dataset.imported')).toHaveLength(4);
      expect(events.filter((e) => e.action === 'risk-model.activated')).toHaveLength(1);
    });

    it('ensureDefaults is idempotent, and of concurrent runs on an empty database exactly one inserts', async () => {
      const service = t.app.get(ReferenceDataService);
      expect(await service.ensureDefaults()).toEqual({ riskModelVersion: null, datasets: [] });
      // Back to a database without reference data (this test's own database only).
      await t.prisma.riskDataset.deleteMany({});
      await t.prisma.riskModelVersion.deleteMany({});
      const results = await Promise.all([service.ensureDefaults(), service.ensureDefaults(), service.ensureDefaults()]);
      expect(results.filter((r) => r.riskModelVersion === 1)).toHaveLength(1);
      expect(results.flatMap((r) => r.datasets).sort()).toEqual(SHIPPED_KINDS);
      expect(await t.prisma.riskModelVersion.count()).toBe(1);
      expect(await t.prisma.riskDataset.count()).toBe(4);
      for (const kind of SHIPPED_KINDS) expect(await activeCount(kind)).toBe(1);
    });
  });

  describe('criteria templates', () => {
    const criteria = [
      { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '30' },
      { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
    ];

    it('ADMIN creates a template (201, version 1, decimals as strings); a wrong sum is 422 naming criteria and stores nothing', async () => {
      const res = await admin.api.post('/api/v1/criteria-templates', { name: '  Uniforms standard ', criteria });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Uniforms standard',
        version: 1,
        versionId: expect.any(String),
        createdAt: expect.any(String),
      });
      expect(res.body.criteria).toEqual(criteria);

      const before = await t.prisma.criteriaTemplate.count();
      const bad = await admin.api.post('/api/v1/criteria-templates', { name: 'Bad', criteria: [{ ...criteria[0], weight: '60' }, criteria[1]] });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([{ field: 'criteria', message: 'weights must sum to exactly 100 (they sum to 90)' }]);
      const malformed = await admin.api.post('/api/v1/criteria-templates', { name: 'Bad', criteria: [{ ...criteria[0], weight: 100 }], extra: 1 });
      expect(malformed.status).toBe(422);
      expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['criteria[0].weight', 'extra']));
      expect(await t.prisma.criteriaTemplate.count()).toBe(before);
    });

    it('lists and gets templates (officers read them too); a PUT stores a new version, and tenders keep the version they copied', async () => {
      const created = (await admin.api.post('/api/v1/criteria-templates', { name: 'Cleaning services', criteria })).body;
      const list = await w.officer.api.get('/api/v1/criteria-templates');
      expect(list.status).toBe(200);
      expect(list.body.items.find((x: { id: string }) => x.id === created.id)).toMatchObject({ version: 1, name: 'Cleaning services' });

      const tender1 = await w.officer.api.post('/api/v1/tenders', { ...tenderBody(), criteria: undefined, templateId: created.id });
      expect(tender1.status).toBe(201);
      expect(tender1.body.templateVersionId).toBe(created.versionId);

      const v2criteria = [
        { code: 'PRICE', name: 'Price', kind: 'PRICE', weight: '40', priceMethod: 'PROPORTIONAL' },
        { code: 'QUALITY', name: 'Quality', kind: 'QUALITY', weight: '35.5' },
        { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '24.5' },
      ];
      const put = await admin.api.put(
        `/api/v1/criteria-templates/${created.id}`,
        { name: 'Cleaning services 2027', criteria: v2criteria },
        { 'if-match': '"v1"' },
      );
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ id: created.id, version: 2, name: 'Cleaning services 2027', criteria: v2criteria });
      expect(put.headers.get('etag')).toBe('"v2"');
      expect(put.body.versionId).not.toBe(created.versionId);
      const stale = await admin.api.put(`/api/v1/criteria-templates/${created.id}`, { name: 'Stale', criteria }, { 'if-match': '"v1"' });
      expect(stale.status).toBe(412);

      // The tender still has version 1's criteria; a new tender copies version 2.
      const again = await w.officer.api.get(`/api/v1/tenders/${tender1.body.id}`);
      expect(again.body.templateVersionId).toBe(created.versionId);
      expect(again.body.criteria.map((c: { weight: string }) => c.weight)).toEqual(['50', '30', '20']);
      const tender2 = await w.officer.api.post('/api/v1/tenders', { ...tenderBody(), criteria: undefined, templateId: created.id });
      expect(tender2.body.templateVersionId).toBe(put.body.versionId);
      expect(tender2.body.criteria.map((c: { weight: string; priceMethod: string | null }) => [c.weight, c.priceMethod])).toEqual([
        ['40', 'PROPORTIONAL'],
        ['35.5', null],
        ['24.5', null],
      ]);

      const got = await w.officer.api.get(`/api/v1/criteria-templates/${created.id}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('etag')).toBe('"v2"');
      expect(got.body).toMatchObject({ version: 2, name: 'Cleaning services 2027' });
      expect(got.body.versions.map((v: { version: number; tenderCount: number; versionId: string }) => [v.version, v.versionId, v.tenderCount])).toEqual([
        [1, created.versionId, 1],
        [2, put.body.versionId, 1],
      ]);
      const v1 = await admin.api.get(`/api/v1/criteria-templates/${created.id}/versions/1`);
      expect(v1.body).toMatchObject({ version: 1, name: 'Cleaning services', criteria });
      expect((await admin.api.get(`/api/v1/criteria-templates/${created.id}/versions/3`)).status).toBe(404);
    });

    it('only ADMIN writes templates; auditors do not read them; unknown ids are 404; no token is 401', async () => {
      const created = (await admin.api.post('/api/v1/criteria-templates', { name: 'Perm', criteria })).body;
      expect((await w.officer.api.post('/api/v1/criteria-templates', { name: 'X', criteria })).status).toBe(403);
      expect((await w.officer.api.put(`/api/v1/criteria-templates/${created.id}`, { name: 'X', criteria })).status).toBe(403);
      expect((await w.auditor.api.put(`/api/v1/criteria-templates/${created.id}`, { name: 'X', criteria })).status).toBe(403);
      expect((await w.auditor.api.get('/api/v1/criteria-templates')).status).toBe(403);
      expect((await t.api.get('/api/v1/criteria-templates')).status).toBe(401);
      expect((await t.api.post('/api/v1/criteria-templates', { name: 'X', criteria })).status).toBe(401);
      expect((await admin.api.put('/api/v1/criteria-templates/00000000-0000-4000-8000-000000000000', { name: 'X', criteria })).status).toBe(404);
      expect((await admin.api.get('/api/v1/criteria-templates/not-a-uuid')).status).toBe(404);
      expect((await admin.api.get(`/api/v1/criteria-templates/${created.id}`)).body.versions).toHaveLength(1);
    });
  });

  describe('risk model', () => {
    const constants = (): Record<string, any> => JSON.parse(JSON.stringify(DEFAULT_RISK_MODEL));

    it('PUT stores version n+1 and makes it the only active one; GET and /versions show it', async () => {
      const current = (await admin.api.get('/api/v1/risk-model')).body;
      const c = constants();
      c.mitigation.cap = '0.5';
      c.weightsWithPrevalence = { tier: '0.5', iloGap: '0.1', prevalence: '0.4' };
      const put = await admin.api.put('/api/v1/risk-model', { constants: c, note: 'Cap lowered after review' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        version: current.version + 1,
        active: true,
        constants: c,
        note: 'Cap lowered after review',
        createdAt: expect.any(String),
      });
      const got = await admin.api.get('/api/v1/risk-model');
      expect(got.body).toMatchObject({ version: current.version + 1, constants: { mitigation: { cap: '0.5' } } });
      expect(got.headers.get('etag')).toBe(`"v${current.version + 1}"`);
      const versions = await admin.api.get('/api/v1/risk-model/versions');
      expect(versions.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
        [current.version + 1, true],
        [current.version, false],
      ]);
      const event = await t.prisma.auditEvent.findFirst({ where: { action: 'risk-model.activated', objectId: put.body.id } });
      expect(event?.actorId).toBe(admin.id);
    });

    it('invalid constants are 422 naming each bad field, and change nothing', async () => {
      const before = (await admin.api.get('/api/v1/risk-model')).body.version;
      const c = constants();
      c.tierScores['3'] = 0.9;
      c.weightsWithPrevalence.tier = '0.5';
      c.mitigation.cap = '1.2';
      c.socialAuditMonths = 0;
      c.unknownConstant = '1';
      const res = await admin.api.put('/api/v1/risk-model', { constants: c, surprise: true });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['surprise']);
      const res2 = await admin.api.put('/api/v1/risk-model', { constants: c });
      expect(res2.status).toBe(422);
      expect(res2.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'constants.mitigation.cap',
        'constants.socialAuditMonths',
        'constants.tierScores.3',
        'constants.unknownConstant',
        'constants.weightsWithPrevalence',
      ]);
      expect((await admin.api.put('/api/v1/risk-model', { note: 'no constants' })).status).toBe(422);
      expect((await admin.api.get('/api/v1/risk-model')).body.version).toBe(before);
      expect(await t.prisma.riskModelVersion.count({ where: { active: true } })).toBe(1);
    });

    it('concurrent PUTs get distinct versions and leave exactly one active; a stale If-Match is 412', async () => {
      const before = (await admin.api.get('/api/v1/risk-model')).body.version;
      const results = await Promise.all([1, 2, 3].map((i) => admin.api.put('/api/v1/risk-model', { constants: constants(), note: `parallel ${i}` })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.map((r) => r.body.version).sort()).toEqual([before + 1, before + 2, before + 3]);
      expect(await t.prisma.riskModelVersion.count({ where: { active: true } })).toBe(1);
      expect((await admin.api.get('/api/v1/risk-model')).body.version).toBe(before + 3);
      expect((await admin.api.put('/api/v1/risk-model', { constants: constants() }, { 'if-match': `"v${before}"` })).status).toBe(412);
    });

    it('only ADMIN reads or changes the risk model; no token is 401', async () => {
      expect((await w.officer.api.get('/api/v1/risk-model')).status).toBe(403);
      expect((await w.officer.api.put('/api/v1/risk-model', { constants: constants() })).status).toBe(403);
      expect((await w.auditor.api.put('/api/v1/risk-model', { constants: constants() })).status).toBe(403);
      expect((await t.api.put('/api/v1/risk-model', { constants: constants() })).status).toBe(401);
      expect((await t.api.get('/api/v1/risk-model/versions')).status).toBe(401);
    });
  });

  describe('risk datasets', () => {
    const tipCsv = 'iso2,tier\nCH,1\nBD,2WL\nXK,2\n';

    it('serves a CSV template per kind', async () => {
      const res = await admin.api.get('/api/v1/risk-datasets/templates/TIP_TIERS');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="tip-tiers-template.csv"');
      expect(res.text).toBe('iso2,tier\nCH,2\n');
      expect((await admin.api.get('/api/v1/risk-datasets/templates/GOODS_LIST')).text.split('\n')[0]).toBe(
        'iso2,good,child_labor,forced_labor,downstream_good',
      );
      expect((await admin.api.get('/api/v1/risk-datasets/templates/NOPE')).status).toBe(404);
    });

    it('imports a multipart upload as the next version of its kind, not active; activation switches the active version', async () => {
      const res = await upload(
        admin.token,
        form({ kind: 'TIP_TIERS', name: 'TIP 2026 (test)', source: 'US DoS TIP Report 2026', licence: 'Public domain', retrievedAt: '2026-06-30' }, tipCsv),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        kind: 'TIP_TIERS',
        version: 2,
        name: 'TIP 2026 (test)',
        source: 'US DoS TIP Report 2026',
        licence: 'Public domain',
        retrievedAt: '2026-06-30',
        rowCount: 3,
        contentDigest: createHash('sha256').update(tipCsv).digest('hex'),
        active: false,
        skipped: [],
      });
      expect(res.body).not.toHaveProperty('rows');
      const v1 = (await admin.api.get('/api/v1/risk-datasets?kind=TIP_TIERS')).body.items.find((d: { version: number }) => d.version === 1);
      expect(v1.active).toBe(true);

      const detail = await admin.api.get(`/api/v1/risk-datasets/${res.body.id}`);
      expect(detail.body.preview).toEqual([
        { line: 2, iso2: 'CH', tier: '1' },
        { line: 3, iso2: 'BD', tier: '2WL' },
        { line: 4, iso2: 'XK', tier: '2' },
      ]);

      const act = await admin.api.post(`/api/v1/risk-datasets/${res.body.id}/activate`);
      expect(act.status).toBe(200);
      expect(act.body).toMatchObject({ id: res.body.id, active: true });
      const list = (await admin.api.get('/api/v1/risk-datasets?kind=TIP_TIERS')).body.items;
      expect(list.map((d: { version: number; active: boolean }) => [d.version, d.active])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(await activeCount('TIP_TIERS')).toBe(1);
      // Activating the active version again changes nothing.
      expect((await admin.api.post(`/api/v1/risk-datasets/${res.body.id}/activate`)).status).toBe(200);
      const back = await admin.api.post(`/api/v1/risk-datasets/${v1.id}/activate`);
      expect(back.body).toMatchObject({ version: 1, active: true });
      expect(await activeCount('TIP_TIERS')).toBe(1);
      const events = await t.prisma.auditEvent.findMany({ where: { objectId: res.body.id }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true } });
      expect(events).toEqual([
        { action: 'risk-dataset.imported', actorId: admin.id },
        { action: 'risk-dataset.activated', actorId: admin.id },
      ]);
    });

    it('imports a text/csv body with the metadata in the query', async () => {
      const csv = 'iso2,per1000\r\nCH,0.5\r\nIN,7.9\r\n';
      const res = await upload(admin.token, csv, '?kind=PREVALENCE&name=GSI%202023%20(licensed%20copy)&source=Walk%20Free', 'text/csv; charset=utf-8');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'PREVALENCE', version: 1, rowCount: 2, active: false, licence: null, retrievedAt: null });
      // PREVALENCE is the one kind that may be left without an active version.
      expect((await admin.api.post(`/api/v1/risk-datasets/${res.body.id}/activate`)).body.active).toBe(true);
      const off = await admin.api.post(`/api/v1/risk-datasets/${res.body.id}/deactivate`);
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const tip = (await admin.api.get('/api/v1/risk-datasets?kind=TIP_TIERS')).body.items[0];
      expect((await admin.api.post(`/api/v1/risk-datasets/${tip.id}/deactivate`)).status).toBe(409);
    });

    it('a file with errors is 422 naming line and column of each, and nothing is stored', async () => {
      const before = await t.prisma.riskDataset.count();
      const csv = 'iso2,tier\nCH,1\nBD,Tier 2\nxx,2\nCH,3\nFR\n';
      for (const send of [
        () => upload(admin.token, form({ kind: 'TIP_TIERS', name: 'Broken', source: 'Test' }, csv)),
        () => upload(admin.token, csv, '?kind=TIP_TIERS&name=Broken&source=Test'),
      ]) {
        const res = await send();
        expect(res.status).toBe(422);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 422, errorCount: 4, truncated: false });
        expect(res.body.errors).toEqual([
          { field: 'file:line 3:tier', line: 3, column: 'tier', message: "tier 'Tier 2' is not one of 1, 2, 2WL, 3, special" },
          { field: 'file:line 4:iso2', line: 4, column: 'iso2', message: expect.stringMatching(/^iso2 'xx' must be two uppercase letters/) },
          { field: 'file:line 5:iso2', line: 5, column: 'iso2', message: "Duplicate iso2 'CH': also on line 2" },
          { field: 'file:line 6', line: 6, column: null, message: 'The row has 1 fields, the header has 2' },
        ]);
      }
      const headerless = await upload(admin.token, form({ kind: 'GOODS_LIST', name: 'Broken', source: 'Test' }, 'iso2,good\nIN,Cotton\n'));
      expect(headerless.body.errors.map((e: { field: string }) => e.field)).toEqual(['file:line 1:child_labor', 'file:line 1:forced_labor']);
      expect(await t.prisma.riskDataset.count()).toBe(before);
    });

    it('names missing or unknown metadata and a missing file; other media types are 415', async () => {
      const res = await upload(admin.token, form({ kind: 'TIP_TIERS', colour: 'red', retrievedAt: '2026-02-30' }, 'iso2,tier\nCH,x\n'));
      expect(res.status).toBe(422);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'colour',
        'file:line 2:tier',
        'name',
        'retrievedAt',
        'source',
      ]);
      const noFile = await upload(admin.token, form({ kind: 'TIP_TIERS', name: 'N', source: 'S' }));
      expect(noFile.body.errors).toEqual([{ field: 'file', message: expect.stringMatching(/CSV file is required/) }]);
      const wrongPart = await upload(admin.token, form({ kind: 'TIP_TIERS', name: 'N', source: 'S' }, tipCsv, 'upload'));
      expect(wrongPart.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['file', 'upload']);
      const badKind = await upload(admin.token, tipCsv, '?kind=TIP&name=N&source=S');
      expect(badKind.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
      const blank = await upload(admin.token, tipCsv, '?kind=TIP_TIERS&name=%20%20&source=S');
      expect(blank.body.errors).toEqual([{ field: 'name', message: 'name must not be blank' }]);
      const json = await admin.api.post('/api/v1/risk-datasets', { kind: 'TIP_TIERS', name: 'N', source: 'S', rows: [] });
      expect(json.status).toBe(415);
      // The order of the parts does not matter: here the file comes before the fields.
      const fileFirst = new FormData();
      fileFirst.append('file', new Blob([tipCsv]), 'tip.csv');
      for (const [k, v] of Object.entries({ kind: 'TIP_TIERS', name: 'File first', source: 'S' })) fileFirst.append(k, v);
      const ok = await upload(admin.token, fileFirst);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ name: 'File first', rowCount: 3, active: false });
    });

    it('only ADMIN imports, reads or activates datasets; no token is 401', async () => {
      const tip = (await admin.api.get('/api/v1/risk-datasets?kind=TIP_TIERS')).body.items[0];
      const meta = { kind: 'TIP_TIERS', name: 'N', source: 'S' };
      expect((await upload(w.officer.token, form(meta, tipCsv))).status).toBe(403);
      expect((await upload(w.auditor.token, tipCsv, '?kind=TIP_TIERS&name=N&source=S')).status).toBe(403);
      expect((await upload(null, form(meta, tipCsv))).status).toBe(401);
      expect((await w.officer.api.post(`/api/v1/risk-datasets/${tip.id}/activate`)).status).toBe(403);
      expect((await w.auditor.api.post(`/api/v1/risk-datasets/${tip.id}/activate`)).status).toBe(403);
      expect((await w.auditor.api.get('/api/v1/risk-datasets')).status).toBe(403);
      expect((await t.api.post(`/api/v1/risk-datasets/${tip.id}/activate`)).status).toBe(401);
      expect((await admin.api.post('/api/v1/risk-datasets/00000000-0000-4000-8000-000000000000/activate')).status).toBe(404);
    });

    it('a file larger than BODY_LIMIT is 413, in both upload forms', async () => {
      const small = await startTestApp({ DATABASE_URL: db.url, BODY_LIMIT: '2kb' });
      try {
        const a = await actor(small, 'ADMIN');
        const big = `iso2,per1000\n${Array.from({ length: 400 }, (_, i) => `${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + (i % 26))},12.5`).join('\n')}\n`;
        expect(big.length).toBeGreaterThan(2048);
        const post = (body: FormData | string, query = '') =>
          fetch(`${small.api.baseUrl}/api/v1/risk-datasets${query}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${a.token}`, ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : {}) },
            body,
          });
        expect((await post(form({ kind: 'PREVALENCE', name: 'N', source: 'S' }, big))).status).toBe(413);
        expect((await post(big, '?kind=PREVALENCE&name=N&source=S')).status).toBe(413);
      } finally {
        await small.close();
      }
    });
  });

  it('documents the upload forms in OpenAPI', async () => {
    const doc = (await t.api.get('/api/docs-json')).body;
    const op = doc.paths['/api/v1/risk-datasets'].post;
    expect(Object.keys(op.requestBody.content).sort()).toEqual(['application/csv', 'multipart/form-data', 'text/csv']);
    expect(op.description).toMatch(/file:line 12:tier/);
  });
});
