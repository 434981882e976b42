/**
 * Screening of an awarded bid during the execution of the contract (Art.
 * 26(1): the participation conditions hold during the award procedure and the
 * execution). Pure: the awarded bid's supply chain against the sanctions
 * entries in force today and the active goods list; a match the award's
 * evaluation could not have reported is new, and becomes a DURING_EXECUTION
 * finding.
 */
import { normaliseIdentifier, normaliseName } from '../../../evaluation/src/names';
import { possibleMatches } from './screen';
import { DEFAULT_THRESHOLD } from './similarity';

export const DURING_EXECUTION = 'DURING_EXECUTION';

/** What starts a re-screening: an entry added by hand, an imported list version, a goods list version activated. */
export const RESCREEN_TRIGGER_KINDS = ['SANCTION', 'SANCTION_LIST', 'RISK_DATASET'] as const;
export type RescreenTriggerKind = (typeof RESCREEN_TRIGGER_KINDS)[number];
export const DURING_EXECUTION_LEGAL_BASIS = 'Art. 26(1), 44(1)(a)';

export interface ExecutionNode {
  /** Names from the bidder down. */
  path: string[];
  country: string | null;
  identifiers: string[];
  goods: string[];
}

export interface ExecutionSanction {
  id: string;
  name: string;
  aliases: string[];
  identifiers: string[];
  country: string;
  ground: string;
  from: string;
  until: string;
  scope: 'BUYER' | 'ALL_FEDERAL';
  buyerId: string | null;
  list: { id: string; name: string; version: number } | null;
}

export interface ExecutionScreeningInput {
  /** Today (Europe/Zurich), YYYY-MM-DD: entries in force today count. */
  today: string;
  buyerId: string;
  nodes: ExecutionNode[];
  sanctions: ExecutionSanction[];
  /** The forced-labour (good, country) pairs of the active goods list. */
  forcedLabour: { good: string; iso2: string }[];
  /** What the award's evaluation knew: its deadline date, the entries it was given, its goods list's forced-labour pairs. */
  evaluated: { deadlineDate: string; sanctions: { id: string; from: string; until: string }[]; forcedLabour: { good: string; iso2: string }[] };
  threshold?: string;
}

export type ExecutionMatchKind = 'SANCTION_IDENTIFIER' | 'SANCTION_NAME' | 'SANCTION_POSSIBLE_MATCH' | 'FORCED_LABOUR_LISTING';

export interface ExecutionMatch {
  /** Identity of the match on its node: a finding per (node, key), never twice. */
  key: string;
  kind: ExecutionMatchKind;
  nodePath: string[];
  severity: 'EXCLUSION_GROUND' | 'VERIFY';
  message: string;
  data: Record<string, unknown>;
}

const good = (g: string): string => g.trim().toLowerCase();

function where(path: string[]): string {
  return path.length > 1 ? `Subcontractor ${path[path.length - 1]}` : `Bidder ${path[0]}`;
}

function entryText(s: ExecutionSanction): string {
  return `${s.id} (${s.name}, ${s.country}${s.identifiers.length ? `, ${s.identifiers.join(', ')}` : ''}${s.list ? `, list ${s.list.name} v${s.list.version}` : ''}, ground ${s.ground}, ${s.from} to ${s.until})`;
}

function entryData(s: ExecutionSanction) {
  return { sanctionId: s.id, list: s.list, name: s.name, country: s.country, identifiers: s.identifiers, ground: s.ground, from: s.from, until: s.until };
}

/** New matches of one awarded bid, in node order, then by key. */
export function screenDuringExecution(input: ExecutionScreeningInput): ExecutionMatch[] {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const inForce = input.sanctions.filter((s) => s.from <= input.today && input.today <= s.until && (s.scope === 'ALL_FEDERAL' || s.buyerId === input.buyerId));
  const couldHaveMatched = new Set(
    input.evaluated.sanctions.filter((s) => s.from <= input.evaluated.deadlineDate && input.evaluated.deadlineDate <= s.until).map((s) => s.id),
  );
  const fresh = inForce.filter((s) => !couldHaveMatched.has(s.id));
  const listed = new Set(input.forcedLabour.map((p) => `${good(p.good)}|${p.iso2.toUpperCase()}`));
  const knownListed = new Set(input.evaluated.forcedLabour.map((p) => `${good(p.good)}|${p.iso2.toUpperCase()}`));

  const out: ExecutionMatch[] = [];
  for (const n of input.nodes) {
    const name = n.path[n.path.length - 1] ?? '';
    const ids = new Set(n.identifiers.map(normaliseIdentifier).filter((x) => x !== ''));
    const exact = new Set<string>();
    const mine: ExecutionMatch[] = [];
    for (const s of fresh) {
      const byId = s.identifiers.map(normaliseIdentifier).some((x) => ids.has(x));
      const norm = normaliseName(name);
      const byName = norm !== '' && norm === normaliseName(s.name) && n.country !== null && n.country === s.country;
      if (!byId && !byName) continue;
      exact.add(s.id);
      mine.push({
        key: `sanction:${s.id}`,
        kind: byId ? 'SANCTION_IDENTIFIER' : 'SANCTION_NAME',
        nodePath: n.path,
        severity: 'EXCLUSION_GROUND',
        message: `During the execution of the contract: ${where(n.path)} matches the sanctions list by ${byId ? 'identifier' : 'name and country'}: ${entryText(s)}.`,
        data: { kind: byId ? 'SANCTION_IDENTIFIER' : 'SANCTION_NAME', entry: entryData(s) },
      });
    }
    const fuzzy = possibleMatches(
      { name, country: n.country },
      fresh.filter((s) => !exact.has(s.id)),
      threshold,
    );
    for (const m of fuzzy) {
      mine.push({
        key: `sanction:${m.entry.id}`,
        kind: 'SANCTION_POSSIBLE_MATCH',
        nodePath: n.path,
        severity: 'VERIFY',
        message: `During the execution of the contract: ${where(n.path)} may be on the sanctions list (name similarity ${m.similarity.score}, threshold ${threshold}${m.matchedName !== m.entry.name ? `, alias ${m.matchedName}` : ''}): ${entryText(m.entry)}; verify whether it is the same firm.`,
        data: { kind: 'SANCTION_POSSIBLE_MATCH', entry: entryData(m.entry), matchedName: m.matchedName, score: m.similarity.score, threshold },
      });
    }
    if (n.country !== null) {
      for (const g of [...new Set(n.goods.map(good))].sort()) {
        const k = `${g}|${n.country.toUpperCase()}`;
        if (!listed.has(k) || knownListed.has(k)) continue;
        mine.push({
          key: `forced-labour:${g}:${n.country.toUpperCase()}`,
          kind: 'FORCED_LABOUR_LISTING',
          nodePath: n.path,
          severity: 'EXCLUSION_GROUND',
          message: `During the execution of the contract: ${where(n.path)} supplies ${g} from ${n.country.toUpperCase()}, newly on the forced-labour list; ask the contractor and decide on the exclusion.`,
          data: { kind: 'FORCED_LABOUR_LISTING', good: g, country: n.country.toUpperCase() },
        });
      }
    }
    mine.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    out.push(...mine);
  }
  return out;
}
