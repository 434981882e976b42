/**
 * A bid's supply chain as a CSV file, one row per node, into the same tree a
 * JSON bid carries (SupplyChainNodeDto). Pure. Structure and cell syntax are
 * checked here (with line and column); field rules (country codes, decimals,
 * lengths) are the bid's own validation, whose errors the caller maps back to
 * line and column through `nodeLines`.
 */
import { decodeUtf8, ErrorList, readCsvRecords, splitList, type ImportError } from '../sanctions-import/csv';

export const DECLARATION_COLUMNS = [
  'labourProtection',
  'workingConditions',
  'equalPay',
  'illegalEmploymentDuties',
  'environmentalLaw',
  'taxesAndSocialSecurityPaid',
  'iloCoreConventions',
  'subcontractClause',
] as const;

/** The template's columns, in order. `ref` names a row; `parent` is the parent row's ref (empty for the bidder itself, the root). */
export const SUPPLY_CHAIN_COLUMNS = [
  'ref',
  'parent',
  'name',
  'country',
  'sharePercent',
  'goods',
  'uid',
  'lei',
  'vat',
  ...DECLARATION_COLUMNS,
  'additionalConventions',
  'evidence',
  'violations',
] as const;
export type SupplyChainColumn = (typeof SUPPLY_CHAIN_COLUMNS)[number];
const REQUIRED: readonly SupplyChainColumn[] = ['ref', 'parent', 'name', 'sharePercent'];

export interface CsvNode {
  name: string;
  country?: string;
  identifiers?: { uid?: string; lei?: string; vat?: string };
  sharePercent: string;
  goods: string[];
  declarations: Partial<Record<(typeof DECLARATION_COLUMNS)[number], boolean>> & { additionalConventions?: string[] };
  evidence: { kind: string; issuer: string; issuedAt: string; validUntil?: string }[];
  violations: { ground: string; standard: string; occurredAt: string; source: string; description: string }[];
  subcontractors: CsvNode[];
}

export type SupplyChainCsvResult =
  | {
      ok: true;
      tree: CsvNode;
      /** Field path of each node as the bid's validation names it ("supplyChain", "supplyChain.subcontractors[0]", …) → its line. */
      nodeLines: Record<string, number>;
    }
  | { ok: false; errors: ImportError[]; errorCount: number; truncated: boolean };

const TRUE = ['true', 'yes', '1', 'x'];
const FALSE = ['false', 'no', '0'];

interface Row {
  line: number;
  ref: string;
  parent: string;
  node: CsvNode;
}

function cellsOf(line: number, get: (c: SupplyChainColumn) => string, errors: ErrorList): Row {
  const declarations: CsvNode['declarations'] = {};
  for (const c of DECLARATION_COLUMNS) {
    const v = get(c).trim().toLowerCase();
    if (v === '') continue;
    if (TRUE.includes(v)) declarations[c] = true;
    else if (FALSE.includes(v)) declarations[c] = false;
    else errors.add(line, c, `${c} must be yes or no (true/false, 1/0), or empty when not declared`);
  }
  const conventions = splitList(get('additionalConventions')).map((x) => x.toUpperCase());
  if (conventions.length) declarations.additionalConventions = conventions;
  const evidence: CsvNode['evidence'] = [];
  for (const item of splitList(get('evidence'))) {
    const parts = item.split('|').map((x) => x.trim());
    if (parts.length < 3 || parts.length > 4) {
      errors.add(line, 'evidence', `evidence ${JSON.stringify(item)} must be KIND|issuer|issuedAt[|validUntil]`);
      continue;
    }
    const [kind, issuer, issuedAt, validUntil] = parts;
    evidence.push({ kind: kind.toUpperCase(), issuer, issuedAt, ...(validUntil ? { validUntil } : {}) });
  }
  const violations: CsvNode['violations'] = [];
  for (const item of splitList(get('violations'))) {
    const parts = item.split('|').map((x) => x.trim());
    if (parts.length !== 5) {
      errors.add(line, 'violations', `violation ${JSON.stringify(item)} must be ground|standard|occurredAt|source|description`);
      continue;
    }
    const [ground, standard, occurredAt, source, description] = parts;
    violations.push({ ground, standard: standard.toUpperCase(), occurredAt, source, description });
  }
  const ids: NonNullable<CsvNode['identifiers']> = {};
  for (const k of ['uid', 'lei', 'vat'] as const) if (get(k).trim() !== '') ids[k] = get(k).trim();
  const country = get('country').trim().toUpperCase();
  return {
    line,
    ref: get('ref').trim(),
    parent: get('parent').trim(),
    node: {
      name: get('name').trim(),
      ...(country ? { country } : {}),
      ...(Object.keys(ids).length ? { identifiers: ids } : {}),
      sharePercent: get('sharePercent').trim(),
      goods: splitList(get('goods')),
      declarations,
      evidence,
      violations,
      subcontractors: [],
    },
  };
}

/** Parses and checks the whole file: header, one root, unique refs, parents that exist, no cycles. */
export function parseSupplyChainCsv(content: Buffer | string): SupplyChainCsvResult {
  const errors = new ErrorList();
  const fail = (): SupplyChainCsvResult => ({ ok: false, errors: errors.items, errorCount: errors.count, truncated: errors.truncated });
  const text = decodeUtf8(content, errors);
  const records = text === null ? null : readCsvRecords(text, errors);
  if (!records) return fail();
  if (records.length === 0) {
    errors.add(1, null, 'The file is empty: a header line is required');
    return fail();
  }
  const [header, ...data] = records;
  const names = header.fields.map((h) => h.trim());
  const index = new Map<string, number>();
  const known: readonly string[] = SUPPLY_CHAIN_COLUMNS;
  names.forEach((h, i) => {
    if (!known.includes(h)) errors.add(header.line, h, `unknown column ${JSON.stringify(h)}; the columns are ${SUPPLY_CHAIN_COLUMNS.join(', ')}`);
    else if (index.has(h)) errors.add(header.line, h, `column ${JSON.stringify(h)} appears twice`);
    else index.set(h, i);
  });
  for (const c of REQUIRED) if (!index.has(c)) errors.add(header.line, c, `required column ${JSON.stringify(c)} is missing`);
  if (errors.count > 0) return fail();
  if (data.length === 0) {
    errors.add(header.line + 1, null, 'No rows: the bidder itself is the first node (empty parent)');
    return fail();
  }

  const rows: Row[] = [];
  for (const r of data) {
    if (r.fields.length !== names.length) {
      errors.add(r.line, null, `${r.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    rows.push(cellsOf(r.line, (c) => (index.has(c) ? r.fields[index.get(c)!] : ''), errors));
  }
  const byRef = new Map<string, Row>();
  for (const r of rows) {
    if (r.ref === '') errors.add(r.line, 'ref', 'ref is required: a short name for the row that children give as their parent');
    else if (byRef.has(r.ref)) errors.add(r.line, 'ref', `ref ${JSON.stringify(r.ref)} is already used on line ${byRef.get(r.ref)!.line}`);
    else byRef.set(r.ref, r);
  }
  const roots = rows.filter((r) => r.parent === '');
  if (roots.length === 0 && rows.length > 0) errors.add(rows[0].line, 'parent', 'no root: the bidder itself is the row with an empty parent');
  for (const extra of roots.slice(1)) errors.add(extra.line, 'parent', `a second root: only the bidder (line ${roots[0].line}) has an empty parent`);
  for (const r of rows) {
    if (r.parent !== '' && !byRef.has(r.parent)) errors.add(r.line, 'parent', `parent ${JSON.stringify(r.parent)} is not the ref of any row`);
    else if (r.parent !== '' && r.parent === r.ref) errors.add(r.line, 'parent', 'a row cannot be its own parent');
  }
  // Every row must reach the root by its parents; a row that does not is in a cycle.
  for (const r of rows) {
    const seen = new Set<string>();
    let at: Row | undefined = r;
    while (at && at.parent !== '' && !seen.has(at.ref)) {
      seen.add(at.ref);
      at = byRef.get(at.parent);
    }
    if (at && at.parent !== '' && seen.has(at.ref) && byRef.has(r.parent))
      errors.add(r.line, 'parent', 'the parents of this row form a cycle and never reach the bidder');
  }
  if (errors.count > 0) return fail();

  const root = roots[0];
  const nodeLines: Record<string, number> = {};
  const children = new Map<string, Row[]>();
  for (const r of rows) if (r.parent !== '') children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  const build = (r: Row, field: string): CsvNode => {
    nodeLines[field] = r.line;
    r.node.subcontractors = (children.get(r.ref) ?? []).map((c, i) => build(c, `${field}.subcontractors[${i}]`));
    return r.node;
  };
  return { ok: true, tree: build(root, 'supplyChain'), nodeLines };
}

/**
 * The CSV column a bid validation error names, from its field path below the
 * node ("declarations.equalPay" → equalPay, "evidence[0].issuedAt" → evidence,
 * "identifiers.uid" → uid, "goods[2]" → goods); null for the row itself.
 */
export function columnOfField(rest: string): string | null {
  if (rest === '') return null;
  const first = rest.split(/[.[]/)[0];
  if (first === 'declarations' || first === 'identifiers') {
    const second = rest.split('.')[1]?.split('[')[0];
    return second ?? null;
  }
  if (first === 'subcontractors') return null;
  return first;
}

/** The node a bid validation error is about and the rest of its path: the longest node field path that prefixes it. */
export function locateField(field: string, nodeLines: Record<string, number>): { line: number; column: string | null } | null {
  let best: string | null = null;
  for (const k of Object.keys(nodeLines)) {
    if ((field === k || field.startsWith(`${k}.`) || field.startsWith(`${k}[`)) && (best === null || k.length > best.length)) best = k;
  }
  if (best === null) return null;
  const rest = field.slice(best.length).replace(/^\./, '');
  return { line: nodeLines[best], column: columnOfField(rest) };
}

/** The downloadable template: header and a 3-level example chain (bidder, two subcontractors, a sub-subcontractor). */
export function supplyChainTemplateCsv(): string {
  const header = SUPPLY_CHAIN_COLUMNS.join(',');
  const row = (cells: Partial<Record<SupplyChainColumn, string>>) =>
    SUPPLY_CHAIN_COLUMNS.map((c) => {
      const v = cells[c] ?? '';
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    }).join(',');
  const yes = Object.fromEntries(DECLARATION_COLUMNS.map((c) => [c, 'yes']));
  return (
    [
      header,
      row({ ref: 'B', parent: '', name: 'Uniform AG', country: 'CH', sharePercent: '100', goods: 'Garments', uid: 'CHE-123.456.789', ...yes }),
      row({
        ref: 'S1',
        parent: 'B',
        name: 'Dhaka Stitching Ltd',
        country: 'BD',
        sharePercent: '40',
        goods: 'Garments',
        ...yes,
        labourProtection: '',
        workingConditions: '',
        equalPay: '',
        illegalEmploymentDuties: '',
        additionalConventions: 'C155',
        evidence: 'SOCIAL_AUDIT|Amfori BSCI|2026-03-01|2028-02-29',
      }),
      row({
        ref: 'S1a',
        parent: 'S1',
        name: 'Cotton Spinners Ltd',
        country: 'IN',
        sharePercent: '30',
        goods: 'Cotton',
        iloCoreConventions: 'yes',
        environmentalLaw: 'yes',
        taxesAndSocialSecurityPaid: 'yes',
      }),
      row({
        ref: 'S2',
        parent: 'B',
        name: 'Tecidos Lda',
        country: 'PT',
        sharePercent: '20',
        goods: 'Textiles',
        iloCoreConventions: 'yes',
        environmentalLaw: 'yes',
        taxesAndSocialSecurityPaid: 'yes',
      }),
    ].join('\n') + '\n'
  );
}
