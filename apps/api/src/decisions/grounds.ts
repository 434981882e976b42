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
