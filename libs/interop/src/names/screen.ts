/**
 * Fuzzy screening of one party (a supply-chain node) against sanctions
 * entries: the name or any alias at or above the threshold, same country or
 * the party's country unknown. Identifier and exact-name matches are decided
 * by the participation check itself (SANCTIONED); this finds what a person
 * must verify (SANCTIONED_POSSIBLE_MATCH).
 */
import { atLeast, DEFAULT_THRESHOLD, nameSimilarity, parseThreshold, type Similarity } from './similarity';

export interface ScreenedParty {
  name: string;
  /** ISO alpha-2, or null when undisclosed (then any country's entry may be the party). */
  country: string | null;
}

export interface ScreeningEntry {
  id: string;
  name: string;
  aliases?: readonly string[];
  country: string;
}

export interface PossibleMatch<E extends ScreeningEntry = ScreeningEntry> {
  entry: E;
  /** The entry's name or alias that scored best. */
  matchedName: string;
  similarity: Similarity;
}

/**
 * Every entry whose name or one of its aliases scores at least `threshold`
 * against the party's name, best score first (then entry id). The best of the
 * entry's names is reported.
 */
export function possibleMatches<E extends ScreeningEntry>(
  party: ScreenedParty,
  entries: readonly E[],
  threshold: string = DEFAULT_THRESHOLD,
): PossibleMatch<E>[] {
  const limit = parseThreshold(threshold);
  const out: PossibleMatch<E>[] = [];
  for (const entry of entries) {
    if (party.country !== null && party.country.toUpperCase() !== entry.country.toUpperCase()) continue;
    let best: PossibleMatch<E> | null = null;
    for (const candidate of [entry.name, ...(entry.aliases ?? [])]) {
      const similarity = nameSimilarity(party.name, candidate);
      if (!atLeast(similarity.ratio, limit)) continue;
      if (!best || !atLeast(best.similarity.ratio, similarity.ratio)) best = { entry, matchedName: candidate, similarity };
    }
    if (best) out.push(best);
  }
  return out.sort(
    (x, y) =>
      (atLeast(x.similarity.ratio, y.similarity.ratio) ? (atLeast(y.similarity.ratio, x.similarity.ratio) ? 0 : -1) : 1) ||
      (x.entry.id < y.entry.id ? -1 : x.entry.id > y.entry.id ? 1 : 0),
  );
}
