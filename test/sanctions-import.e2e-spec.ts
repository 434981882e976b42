import { sanctionListTemplateCsv } from '@app/interop/sanctions-import';
import { allDeclarations, closedTenderOf, nodeBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * Sanctions lists as files: multipart or text/csv, CSV or JSON, a column
 * mapping for foreign layouts; validated as a whole (one bad row stores
 * nothing); versions per list name, the newest matching in evaluations.
 */
jest.setTimeout(60_000);

describe('sanctions list imports', () => {
  const s = twoBuyerSuite();

  async function upload(token: string, body: FormData | string, query = '', contentType = 'text/csv') {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (typeof body === 'string') headers['content-type'] = contentType;
    const res = await fetch(`${s.t.api.baseUrl}/api/v1/sanctions/imports${query}`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
  }
  function form(fields: Record<string, string>, content: string, filename = 'list.csv', type = 'text/csv'): FormData {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    f.append('file', new Blob([content], { type }), filename);
    return f;
  }
  const counts = async () => ({ lists: await s.t.prisma.sanctionList.count(), entries: await s.t.prisma.sanction.count() });

  it('imports the documented CSV layout (multipart): version 1, active, entries linked in file order; listed and read back', async () => {
    const res = await upload(
      s.w.admin.token,
      form({ name: 'Federal debarment list', source: 'https://example.admin.ch/debarment-2026-01.csv' }, sanctionListTemplateCsv()),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Federal debarment list',
      version: 1,
      format: 'CSV',
      active: true,
      entryCount: 2,
      mapping: null,
      contentDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdById: s.w.admin.id,
    });
    expect(res.body.entries.map((e: any) => [e.line, e.name, e.aliases, e.country, e.identifiers, e.scope, e.normalizedName])).toEqual([
      [2, 'Müller Textil AG', ['Mueller Textil', 'Textil Müller GmbH'], 'CH', ['CHE-123.456.789'], 'ALL_FEDERAL', 'muller textil'],
      [3, 'Дальтекс ООО', ['Daltex LLC'], 'RU', [], 'ALL_FEDERAL', 'дальтекс ооо'],
    ]);
    const one = await s.w.admin.api.get(`/api/v1/sanctions/lists/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(res.body);
    const page = await s.w.admin.api.get('/api/v1/sanctions/lists?pageSize=1');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 1, total: 1, items: [{ id: res.body.id, version: 1 }] });
    expect(page.body.items[0].entries).toBeUndefined();
    const audit = await s.t.prisma.auditEvent.findFirst({ where: { action: 'sanction-list.imported', objectId: res.body.id } });
    expect(audit?.payload).toMatchObject({ name: 'Federal debarment list', version: 1, entryCount: 2, supersedes: null });
  });

  it('a foreign layout through a mapping (text/csv, metadata in the query) and a JSON file', async () => {
    const foreign = ['Firm,ISO,Start,End,Why', `"Acme Trading, Ltd",GB,2026-02-01,2028-01-31,Collusion`].join('\n');
    const q = new URLSearchParams({
      name: 'World Bank debarred firms',
      source: 'World Bank, 2026-01',
      mapping: JSON.stringify({ name: 'Firm', country: 'ISO', from: 'Start', until: 'End', reasons: 'Why' }),
      defaults: JSON.stringify({ ground: '44-1-e', scope: 'BUYER', buyerId: s.w.buyerId }),
    });
    const res = await upload(s.w.admin.token, foreign, `?${q}`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, mapping: { name: 'Firm', country: 'ISO', from: 'Start', until: 'End', reasons: 'Why' } });
    expect(res.body.entries).toEqual([
      expect.objectContaining({ line: 2, name: 'Acme Trading, Ltd', country: 'GB', scope: 'BUYER', buyerId: s.w.buyerId, reasons: 'Collusion' }),
    ]);

    const json = JSON.stringify([
      {
        name: 'Ελληνικά Υφάσματα Α.Ε.',
        aliases: ['Ellinika Yfasmata'],
        country: 'GR',
        ground: '44-1-a',
        from: '2026-01-01',
        until: '2026-12-31',
        scope: 'ALL_FEDERAL',
      },
    ]);
    const j = await upload(s.w.admin.token, form({ name: 'Greek list', source: 'test' }, json, 'list.json', 'application/json'));
    expect(j.status).toBe(201);
    expect(j.body).toMatchObject({ format: 'JSON', entries: [{ line: 1, aliases: ['Ellinika Yfasmata'] }] });
  });

  it('one bad row stores nothing: 422 naming line and column of every error', async () => {
    const before = await counts();
    const csv = [
      'name,country,ground,from,until,scope,buyerId',
      'Good AG,CH,44-1-e,2026-01-01,2026-12-31,ALL_FEDERAL,',
      'Bad AG,XX,44-1-e,2026-01-01,2026-12-31,ALL_FEDERAL,',
      'Worse AG,CH,44-9-z,2026-01-01,2026-12-31,BUYER,',
    ].join('\n');
    const res = await upload(s.w.admin.token, form({ name: 'Broken', source: 'test' }, csv));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => [e.field, e.line, e.column])).toEqual([
      ['line 3, column country', 3, 'country'],
      ['line 4, column ground', 4, 'ground'],
      ['line 4, column buyerId', 4, 'buyerId'],
    ]);
    expect(res.body.errorCount).toBe(3);
    // A buyer that does not exist is named on its line too.
    const ghost = await upload(
      s.w.admin.token,
      form(
        { name: 'Ghost', source: 'test' },
        `name,country,ground,from,until,scope,buyerId\nX AG,CH,44-1-e,2026-01-01,2026-12-31,BUYER,00000000-0000-4000-8000-000000000000\n`,
      ),
    );
    expect(ghost.status).toBe(422);
    expect(ghost.body.errors).toEqual([{ field: 'line 2, column buyerId', message: 'no buyer with this id', line: 2, column: 'buyerId' }]);
    // Metadata errors name the field.
    const meta = await upload(s.w.admin.token, form({ source: 'test', mapping: '[1]' }, sanctionListTemplateCsv()));
    expect(meta.status).toBe(422);
    expect([...new Set(meta.body.errors.map((e: any) => e.field))].sort()).toEqual(['mapping', 'name']);
    expect(await counts()).toEqual(before);
  });

  it('only admins import and read lists; other media types are 415', async () => {
    expect((await upload(s.w.officer.token, sanctionListTemplateCsv(), '?name=x&source=y')).status).toBe(403);
    expect((await s.w.auditor.api.get('/api/v1/sanctions/lists')).status).toBe(403);
    expect((await s.w.admin.api.post('/api/v1/sanctions/imports', { name: 'x' })).status).toBe(415);
    expect((await s.w.admin.api.get('/api/v1/sanctions/lists/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('imported entries match in evaluations (exact: SANCTIONED; alias: SANCTIONED_POSSIBLE_MATCH); a new version supersedes the old', async () => {
    const { tenderId } = await closedTenderOf(s.w, [
      {
        name: 'Müller Textil AG',
        bid: {
          supplyChain: nodeBody('Müller Textil AG', {
            subcontractors: [nodeBody('Ellinika Yfasmata', { country: 'GR', sharePercent: '10', declarations: { ...allDeclarations } })],
          }),
        },
      },
    ]);
    const codes = async () => {
      const e = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
      expect(e.status).toBe(201);
      return (e.body.bids[0].findings as { code: string; nodePath: string[]; severity: string }[])
        .filter((f) => f.code.startsWith('SANCTIONED'))
        .map((f) => `${f.code}@${f.nodePath.join('/')}:${f.severity}`);
    };
    expect(await codes()).toEqual(['SANCTIONED@Müller Textil AG:EXCLUSION_GROUND', 'SANCTIONED_POSSIBLE_MATCH@Müller Textil AG/Ellinika Yfasmata:VERIFY']);
    // Version 2 of the federal list without Müller Textil: only the Greek list's alias still matches.
    const v2 = await upload(
      s.w.admin.token,
      form(
        { name: 'Federal debarment list', source: 'edition 2026-02' },
        `name,country,ground,from,until,scope\nSomeone Else AG,CH,44-1-e,2026-01-01,2026-12-31,ALL_FEDERAL\n`,
      ),
    );
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, active: true });
    const lists = (await s.w.admin.api.get('/api/v1/sanctions/lists')).body.items.filter((l: any) => l.name === 'Federal debarment list');
    expect(lists.map((l: any) => [l.version, l.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(await codes()).toEqual(['SANCTIONED_POSSIBLE_MATCH@Müller Textil AG/Ellinika Yfasmata:VERIFY']);
  });
});
