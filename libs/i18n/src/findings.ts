/**
 * Findings, data gaps and legal bases in the reader's language, from the
 * codes and parameters the engine recorded. English is the engine's own text;
 * a finding without parameters (recorded before they were kept) or with a
 * code this catalogue does not know falls back to that recorded text.
 */
import type { FindingParams } from '../../evaluation/src/types';
import type { Lang } from './languages';
import { hasMessage, message, type MessageKey } from './messages';

const list = (xs: readonly string[] | undefined): string => (xs ?? []).join(', ');

function where(p: FindingParams, lang: Lang): string {
  return message(p.role === 'SUBCONTRACTOR' ? 'finding.where.SUBCONTRACTOR' : 'finding.where.BIDDER', lang, { node: p.node ?? '' });
}

/** The parameters every template of a code may use, as strings. */
function flat(code: string, p: FindingParams, lang: Lang): Record<string, string | number> {
  const sep = message('finding.listSeparator', lang);
  const country =
    p.country === null || p.country === undefined
      ? message('finding.undisclosedCountry', lang)
      : p.country === 'CH'
        ? message('finding.switzerland', lang)
        : p.country;
  const out: Record<string, string | number> = {
    where: where(p, lang),
    country: code === 'FORCED_LABOUR_GOODS' || code === 'SANCTIONED_POSSIBLE_MATCH' ? (p.country ?? '') : country,
    missing: list(p.missing),
    goods: list(p.goods),
    good: p.good ?? '',
    entry: p.entryName ?? '',
    score: p.score ?? '',
    matched: p.matched ?? '',
    since: p.since ?? '',
    receivedAt: p.receivedAt ?? '',
    deadline: p.deadline ?? '',
    price: p.price ?? '',
    threshold: p.threshold ?? '',
    median: p.median ?? '',
    count: p.count ?? '',
    limit: p.limit ?? '',
  };
  out.matches = (p.matches ?? [])
    .map((m) =>
      message('finding.sanctionMatch', lang, {
        entry: m.entryId,
        name: m.name,
        ground: m.ground,
        from: m.from,
        until: m.until,
        by: message(m.by === 'IDENTIFIER' ? 'finding.matchedBy.IDENTIFIER' : 'finding.matchedBy.NAME_AND_COUNTRY', lang),
      }),
    )
    .join(sep);
  out.violations = (p.violations ?? [])
    .map((v) => message('finding.violation', lang, { date: v.occurredAt, ground: v.ground, description: v.description, source: v.source }))
    .join(sep);
  return out;
}

/**
 * A finding's message in `lang`: from its code and parameters, else the
 * recorded (English) message.
 */
export function findingMessage(f: { code: string; message: string; params?: FindingParams | null }, lang: Lang): string {
  if (!f.params) return f.message;
  let key = `finding.${f.code}`;
  if (f.code === 'VIOLATION_ESTABLISHED' || f.code === 'VIOLATION_INDICATION') key += (f.params.violations?.length ?? 0) > 1 ? '.other' : '.one';
  if (!hasMessage(key)) return f.message;
  return message(key as MessageKey, lang, flat(f.code, f.params, lang));
}

/**
 * What the API and the report print: in English the message exactly as
 * recorded (the snapshot's text is authoritative), in another language the
 * catalogue's rendering from code and parameters.
 */
export function displayedFindingMessage(f: { code: string; message: string; params?: FindingParams | null }, lang: Lang): string {
  return lang === 'en' ? f.message : findingMessage(f, lang);
}

/** The engine's data-gap notes (libs/evaluation/src/risk.ts) and the catalogue key each one is. */
const GAPS: { re: RegExp; key: MessageKey; names: string[] }[] = [
  { re: /^country undisclosed$/, key: 'gap.countryUndisclosed', names: [] },
  { re: /^TIP tier of (\S+) not in the dataset$/, key: 'gap.tipTierMissing', names: ['country'] },
  { re: /^ILO ratifications of (\S+) not in the dataset$/, key: 'gap.iloMissing', names: ['country'] },
  { re: /^ILO ratification status of (\S+) unknown for (.+)$/, key: 'gap.iloUnknown', names: ['country', 'conventions'] },
  { re: /^prevalence of (\S+) not in the table$/, key: 'gap.prevalenceMissing', names: ['country'] },
];

/**
 * A data-gap note in `lang`. The notes are recorded in the snapshot as the
 * engine's fixed English sentences, so they are recognised by their pattern;
 * a note of another form is returned as recorded.
 */
export function dataGapNote(note: string, lang: Lang): string {
  for (const g of GAPS) {
    const m = g.re.exec(note);
    if (m) return message(g.key, lang, Object.fromEntries(g.names.map((n, i) => [n, m[i + 1]])));
  }
  return note;
}

/** The label of an Art. 44 ground code ("44-2-f"); undefined for an unknown code. */
export function groundLabel(ground: string, lang: Lang): string | undefined {
  const key = `ground.${ground}`;
  return hasMessage(key) ? message(key as MessageKey, lang) : undefined;
}

const ITEM_RE = /^(VöB )?(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?$/;
const ANNEX_RE = /^Annex (\d+)$/;

/**
 * A legal basis as the engine records it ("Art. 12(2), VöB 4(2), 44(1)(a)":
 * articles of the PPA unless marked VöB) in the citation style of `lang`, de
 * "Art. 12 Abs. 2, Art. 4 Abs. 2 VöB, Art. 44 Abs. 1 Bst. a". As in the
 * report's legal frame, articles without an act are the PPA's; only the
 * ordinance is named. English is the engine's own citation, returned as given;
 * so is a basis of another form.
 */
export function legalBasisLabel(basis: string, lang: Lang): string {
  const body = basis.startsWith('Art. ') ? basis.slice(5) : null;
  if (body === null || lang === 'en') return basis;
  const items: string[] = [];
  for (const token of body.split(', ')) {
    const annex = ANNEX_RE.exec(token);
    const item = ITEM_RE.exec(token);
    if (!annex && !item) return basis;
    items.push(
      annex
        ? message('law.annex', lang, { n: annex[1] })
        : message('law.article', lang, { n: item![2] }) +
            (item![3] ? message('law.paragraph', lang, { n: item![3] }) : '') +
            (item![4] ? message('law.letter', lang, { x: item![4] }) : '') +
            (item![1] ? message('law.actSeparator', lang) + message('law.ordinance', lang) : ''),
    );
  }
  return items.join(message('law.itemSeparator', lang));
}
