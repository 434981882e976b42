import { closeForEvaluation, nodeBody, publishedTenderOf } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * Bids whose supply chain comes as CSV (text/csv with the bid's fields in the
 * query, or multipart): the same tree, the same storage path, the same
 * evaluation as a JSON bid; errors name line and column.
 */
jest.setTimeout(60_000);

const HEADER =
  'ref,parent,name,country,sharePercent,goods,uid,lei,vat,labourProtection,workingConditions,equalPay,illegalEmploymentDuties,environmentalLaw,taxesAndSocialSecurityPaid,iloCoreConventions,subcontractClause,additionalConventions,evidence,violations';
/** Four levels: bidder → stitching → weaving → spinning, plus a second subcontractor of the bidder. */
const FOUR_LEVELS = [
  HEADER,
  'B,,Uniform Four AG,CH,100,Garments,CHE-123.456.789,,,yes,yes,yes,yes,yes,yes,yes,yes,,,',
  'S1,B,Dhaka Stitching Ltd,BD,40,Garments; Buttons,,,,,,,,yes,yes,yes,yes,C155,SOCIAL_AUDIT|Amfori BSCI|2026-03-01|2028-02-29,',
  'S1a,S1,Weaving Mills Ltd,IN,50,Textiles,,,,,,,,yes,yes,yes,yes,,,44-2-f|INDICATION|2025-05-01|Press report|Excessive overtime',
  'S1a1,S1a,Cotton Spinners,UZ,60,Cotton,,,,,,,,yes,yes,yes,,,CERTIFICATION|Fairtrade|2026-01-10|,',
  'S2,B,Tecidos Lda,PT,20,Textiles,,,,,,,,yes,no,yes,,,,',
].join('\n');

const abroad = { iloCoreConventions: true, environmentalLaw: true, taxesAndSocialSecurityPaid: true };
/** The same chain as JSON. */
const fourLevelsJson = nodeBody('Uniform Four AG', {
  goods: ['Garments'],
  identifiers: { uid: 'CHE-123.456.789' },
  subcontractors: [
    nodeBody('Dhaka Stitching Ltd', {
      country: 'BD',
      sharePercent: '40',
      goods: ['Garments', 'Buttons'],
      declarations: { ...abroad, subcontractClause: true, additionalConventions: ['C155'] },
      evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'Amfori BSCI', issuedAt: '2026-03-01', validUntil: '2028-02-29' }],
      subcontractors: [
        nodeBody('Weaving Mills Ltd', {
          country: 'IN',
          sharePercent: '50',
          goods: ['Textiles'],
          declarations: { ...abroad, subcontractClause: true },
          violations: [{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-05-01', source: 'Press report', description: 'Excessive overtime' }],
          subcontractors: [
            nodeBody('Cotton Spinners', {
              country: 'UZ',
              sharePercent: '60',
              goods: ['Cotton'],
              declarations: { ...abroad },
              evidence: [{ kind: 'CERTIFICATION', issuer: 'Fairtrade', issuedAt: '2026-01-10' }],
            }),
          ],
        }),
      ],
    }),
    nodeBody('Tecidos Lda', {
      country: 'PT',
      sharePercent: '20',
      goods: ['Textiles'],
      declarations: { iloCoreConventions: true, environmentalLaw: true, taxesAndSocialSecurityPaid: false },
    }),
  ],
});

describe('bids with a CSV supply chain', () => {
  const s = twoBuyerSuite();
  let tenderId: string;

  beforeAll(async () => {
    tenderId = await publishedTenderOf(s.w);
  });

  const bidder = async (name: string) => (await s.w.officer.api.post('/api/v1/bidders', { name, country: 'CH' })).body.id as string;
  const postCsv = async (csv: string, query: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${s.t.api.baseUrl}/api/v1/tenders/${tenderId}/bids?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.w.officer.token}`, 'content-type': 'text/csv', ...headers },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const postMultipart = async (csv: string, fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    f.append('supplyChain', new Blob([csv], { type: 'text/csv' }), 'chain.csv');
    const res = await fetch(`${s.t.api.baseUrl}/api/v1/tenders/${tenderId}/bids`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.w.officer.token}` },
      body: f,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const bidFields = (bidderId: string) => ({ bidderId, receivedAt: '2026-12-01T10:00:00+01:00', price: '100000.00' });
  const ids: Record<string, string> = {};

  it('serves the template: a header row and a 3-level example chain', async () => {
    const res = await fetch(`${s.t.api.baseUrl}/api/v1/templates/supply-chain.csv`, { headers: { authorization: `Bearer ${s.w.auditor.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'ref,parent,name',
      'B,,Uniform AG',
      'S1,B,Dhaka Stitching Ltd',
      'S1a,S1,Cotton Spinners Ltd',
      'S2,B,Tecidos Lda',
    ]);
    expect((await fetch(`${s.t.api.baseUrl}/api/v1/templates/supply-chain.csv`)).status).toBe(401);
  });

  it('a 4-level chain round-trips: CSV (text/csv and multipart) in, the same tree out as the equivalent JSON bid', async () => {
    const json = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, { ...bidFields(await bidder('Json Bidder AG')), supplyChain: fourLevelsJson });
    expect(json.status).toBe(201);
    const csv = await postCsv(FOUR_LEVELS, bidFields(await bidder('Csv Bidder AG')));
    expect(csv.status).toBe(201);
    const multi = await postMultipart(FOUR_LEVELS, bidFields(await bidder('Form Bidder AG')));
    expect(multi.status).toBe(201);
    ids.json = json.body.id;
    ids.csv = csv.body.id;
    ids.multi = multi.body.id;
    const read = async (id: string) => (await s.w.officer.api.get(`/api/v1/tenders/${tenderId}/bids/${id}`)).body;
    const [j, c, m] = [await read(ids.json), await read(ids.csv), await read(ids.multi)];
    expect(c.supplyChain).toEqual(j.supplyChain);
    expect(m.supplyChain).toEqual(j.supplyChain);
    // Four levels deep, as sent.
    expect(c.supplyChain.subcontractors[0].subcontractors[0].subcontractors[0]).toMatchObject({ name: 'Cotton Spinners', country: 'UZ', sharePercent: '60' });
    expect({ price: c.price, receivedAt: c.receivedAt }).toEqual({ price: j.price, receivedAt: j.receivedAt });
  });

  it('bad rows: 422 with the exact line and column of every error, nothing stored', async () => {
    const before = await s.t.prisma.bid.count({ where: { tenderId } });
    const rules = [
      HEADER,
      'B,,Bad Rules AG,CH,100,,,,,yes,yes,yes,yes,yes,yes,yes,yes,,,',
      'S1,B,Country Ltd,XX,40,,,,,,,,,yes,yes,yes,,,,',
      'S2,B,Share Ltd,BD,150,,,,,,,,,yes,yes,yes,,,,',
      'S3,B,Evidence Ltd,BD,10,,,,,,,,,yes,yes,yes,,C15X,SOCIAL_AUDIT|SGS|2026-13-01,',
    ].join('\n');
    const res = await postCsv(rules, { ...bidFields(await bidder('Bad Rules AG')), price: '-1' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([
        'price',
        'line 3, column country',
        'line 4, column sharePercent',
        'line 5, column additionalConventions',
        'line 5, column evidence',
      ]),
    );
    expect(res.body.errors.find((e: { field: string }) => e.field === 'line 3, column country')).toMatchObject({ line: 3, column: 'country' });
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(
      ['line 3, column country', 'line 4, column sharePercent', 'line 5, column additionalConventions', 'line 5, column evidence', 'price'].sort(),
    );

    const structure = [HEADER, 'B,,Bidder AG,CH,100,,,,,maybe,,,,,,,,,,', 'S1,X,Orphan Ltd,BD,10,,,,,,,,,,,,,,,'].join('\n');
    const s2 = await postCsv(structure, bidFields(await bidder('Structure AG')));
    expect(s2.status).toBe(422);
    expect(s2.body.errors.map((e: { field: string }) => e.field)).toEqual(['line 2, column labourProtection', 'line 3, column parent']);
    expect((await postCsv(structure, { ...bidFields(await bidder('Extra AG')), colour: 'red' })).body.errors[0]).toEqual({
      field: 'colour',
      message: 'unknown field',
    });
    expect(await s.t.prisma.bid.count({ where: { tenderId } })).toBe(before);
  });

  it('a CSV bid and a JSON bid of the same chain evaluate identically', async () => {
    await closeForEvaluation(s.w, tenderId, [ids.json, ids.csv, ids.multi]);
    const e = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
    expect(e.status).toBe(201);
    const of = (id: string) => {
      const b = e.body.bids.find((x: { bidId: string }) => x.bidId === id);
      const { bidId: _id, bidderName: _name, rank: _rank, findings, ...rest } = b;
      return { ...rest, findings: findings.map(({ id: _f, ...f }: { id: string }) => f) };
    };
    expect(of(ids.csv)).toEqual(of(ids.json));
    expect(of(ids.multi)).toEqual(of(ids.json));
    expect(of(ids.json).findings.map((f: { code: string }) => f.code)).toContain('VIOLATION_INDICATION');
  });
});
