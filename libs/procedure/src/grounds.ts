/**
 * The Art. 44 PPA exclusion grounds: their list, how a ground is cited, and
 * which ground an escalated finding is proposed on. The one home of these
 * rules: the API's DTOs, decisions, sanctions and the report use them.
 */

/** Art. 44(1)(a)–(j) and Art. 44(2)(a)–(h), as `44-<paragraph>-<letter>`. */
export const ART44_GROUNDS: readonly string[] = [...'abcdefghij'].map((l) => `44-1-${l}`).concat([...'abcdefgh'].map((l) => `44-2-${l}`));

/** "44-1-c" → "Art. 44(1)(c)". */
export function groundArticleOf(ground: string): string {
  const [, para, letter] = ground.split('-');
  return `Art. 44(${para})(${letter})`;
}

/**
 * The ground an escalated VERIFY finding is proposed on, when the officer names
 * none: the first Art. 44 ground the finding cites ("Art. 38(3), 44(2)(c)" →
 * 44-2-c); a finding citing none (an undisclosed country, Art. 12(4), 26(1))
 * concerns the participation conditions: 44-1-a.
 */
export function defaultGround(legalBasis: string): string {
  const m = /44\(([12])\)\(([a-j])\)/.exec(legalBasis);
  return m ? `44-${m[1]}-${m[2]}` : '44-1-a';
}
