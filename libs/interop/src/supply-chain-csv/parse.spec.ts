import { locateField, parseSupplyChainCsv, supplyChainTemplateCsv } from './index';

const H = 'ref,parent,name,country,sharePercent,goods,equalPay,evidence,violations';

describe('supply chain CSV', () => {
  it('the template parses into the 3-level tree a JSON bid would carry', () => {
    const r = parseSupplyChainCsv(supplyChainTemplateCsv());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const yes = {
      labourProtection: true,
      workingConditions: true,
      equalPay: true,
      illegalEmploymentDuties: true,
      environmentalLaw: true,
      taxesAndSocialSecurityPaid: true,
      iloCoreConventions: true,
      subcontractClause: true,
    };
    const abroad = { environmentalLaw: true, taxesAndSocialSecurityPaid: true, iloCoreConventions: true };
    expect(r.tree).toEqual({
      name: 'Uniform AG',
      country: 'CH',
      identifiers: { uid: 'CHE-123.456.789' },
      sharePercent: '100',
      goods: ['Garments'],
      declarations: yes,
      evidence: [],
      violations: [],
      subcontractors: [
        {
          name: 'Dhaka Stitching Ltd',
          country: 'BD',
          sharePercent: '40',
          goods: ['Garments'],
          declarations: { ...abroad, subcontractClause: true, additionalConventions: ['C155'] },
          evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'Amfori BSCI', issuedAt: '2026-03-01', validUntil: '2028-02-29' }],
          violations: [],
          subcontractors: [
            {
              name: 'Cotton Spinners Ltd',
              country: 'IN',
              sharePercent: '30',
              goods: ['Cotton'],
              declarations: abroad,
              evidence: [],
              violations: [],
              subcontractors: [],
            },
          ],
        },
        { name: 'Tecidos Lda', country: 'PT', sharePercent: '20', goods: ['Textiles'], declarations: abroad, evidence: [], violations: [], subcontractors: [] },
      ],
    });
    expect(r.nodeLines).toEqual({
      supplyChain: 2,
      'supplyChain.subcontractors[0]': 3,
      'supplyChain.subcontractors[0].subcontractors[0]': 4,
      'supplyChain.subcontractors[1]': 5,
    });
  });

  it('children keep file order whatever the order of parents; lists split on semicolons; violations with five parts', () => {
    const csv = [H, 'c,b,Child,IN,10,Cotton; Yarn,,,', 'b,,Bidder AG,CH,100,,no,,44-2-f|INDICATION|2025-05-01|Press|Overtime'].join('\n');
    const r = parseSupplyChainCsv(csv);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.tree.declarations).toEqual({ equalPay: false });
    expect(r.tree.violations).toEqual([{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-05-01', source: 'Press', description: 'Overtime' }]);
    expect(r.tree.subcontractors.map((c) => [c.name, c.goods])).toEqual([['Child', ['Cotton', 'Yarn']]]);
    expect(r.nodeLines).toEqual({ supplyChain: 3, 'supplyChain.subcontractors[0]': 2 });
  });

  it('structure and cell errors name line and column', () => {
    const csv = [
      H,
      'b,,Bidder AG,CH,100,,maybe,,',
      'b,,Again,CH,100,,,AUDIT,',
      's1,zz,Orphan,BD,10,,,,',
      's2,s3,Loop A,BD,10,,,,',
      's3,s2,Loop B,BD,10,,,,bad',
      'short,b',
    ].join('\n');
    const r = parseSupplyChainCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'equalPay'],
      [3, 'evidence'],
      [6, 'violations'],
      [7, null],
      [3, 'ref'],
      [3, 'parent'],
      [4, 'parent'],
      [5, 'parent'],
      [6, 'parent'],
    ]);
  });

  it('header problems: unknown and missing columns', () => {
    const r = parseSupplyChainCsv('ref,name,colour\nb,Bidder,red\n');
    expect(r.ok === false && r.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 'colour'],
      [1, 'parent'],
      [1, 'sharePercent'],
    ]);
  });

  it('maps a bid validation field back to line and column', () => {
    const lines = {
      supplyChain: 2,
      'supplyChain.subcontractors[0]': 3,
      'supplyChain.subcontractors[0].subcontractors[0]': 4,
      'supplyChain.subcontractors[1]': 5,
    };
    expect(locateField('supplyChain.subcontractors[0].subcontractors[0].country', lines)).toEqual({ line: 4, column: 'country' });
    expect(locateField('supplyChain.subcontractors[1].declarations.additionalConventions', lines)).toEqual({ line: 5, column: 'additionalConventions' });
    expect(locateField('supplyChain.evidence[0].issuedAt', lines)).toEqual({ line: 2, column: 'evidence' });
    expect(locateField('supplyChain.identifiers.uid', lines)).toEqual({ line: 2, column: 'uid' });
    expect(locateField('supplyChain.goods[3]', lines)).toEqual({ line: 2, column: 'goods' });
    expect(locateField('supplyChain.subcontractors', lines)).toEqual({ line: 2, column: null });
    expect(locateField('price', lines)).toBeNull();
  });
});
