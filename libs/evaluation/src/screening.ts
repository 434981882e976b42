/**
 * Fuzzy sanctions screening in the participation check (§2): a name or alias
 * of an entry in force and in scope scoring at least the threshold against a
 * node's name (same country, or the node's country undisclosed) is a
 * SANCTIONED_POSSIBLE_MATCH, VERIFY: a person must check whether it is the
 * same firm. Entries the node already matches exactly (SANCTIONED) are left
 * out. The matching itself lives in libs/interop/src/names.
 *
 * Belongs to the method version after 1 (method v1 has no fuzzy finding).
 */
import { DEFAULT_THRESHOLD, possibleMatches } from '../../interop/src/names';
import type { Common, FlatNode } from './prepare';

export function possibleSanctionMatch(
  n: FlatNode,
  c: Common,
  exact: ReadonlySet<string>,
  where: string,
): { message: string; data: Record<string, unknown> } | null {
  const name = n.path[n.path.length - 1];
  const candidates = c.sanctions
    .filter((s) => !exact.has(s.entry.id))
    .filter((s) => s.from <= c.deadlineDate && c.deadlineDate <= s.until)
    .filter((s) => s.entry.scope === 'ALL_FEDERAL' || (s.entry.scope === 'BUYER' && s.entry.buyerId === c.tender.buyerId))
    .map((s) => ({
      id: s.entry.id,
      name: String(s.entry.name ?? ''),
      aliases: Array.isArray(s.entry.aliases) ? s.entry.aliases : [],
      country: s.country ?? '',
      s,
    }));
  const matches = possibleMatches({ name, country: n.country }, candidates, DEFAULT_THRESHOLD);
  if (matches.length === 0) return null;
  const entries = matches.map((m) => ({
    sanctionId: m.entry.id,
    list: m.entry.s.entry.list ?? null,
    name: m.entry.name,
    matchedName: m.matchedName,
    country: m.entry.country,
    identifiers: m.entry.s.entry.identifiers,
    ground: m.entry.s.entry.ground,
    score: m.similarity.score,
  }));
  const text = entries.map(
    (e) =>
      `${e.sanctionId} (${e.name}${e.matchedName !== e.name ? `, alias ${e.matchedName}` : ''}, ${e.country}${e.identifiers.length ? `, ${e.identifiers.join(', ')}` : ''}${e.list ? `, list ${e.list.name} v${e.list.version}` : ''}, ground ${e.ground}, score ${e.score})`,
  );
  return {
    message: `${where} may be on the sanctions list (name similarity at least ${DEFAULT_THRESHOLD}): ${text.join('; ')}; verify whether it is the same firm.`,
    data: { threshold: DEFAULT_THRESHOLD, entries },
  };
}
