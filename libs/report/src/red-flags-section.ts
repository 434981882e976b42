/**
 * The red-flags section of the audit report: what the model's red flags
 * (computed by libs/interop for this evaluation) say, as blocks. Its words
 * come from libs/interop/src/red-flags/texts.ts, so the API and the report
 * never disagree. Pure: the same model and language give the same blocks.
 */
import { redFlagTexts, type RedFlagResult } from '../../interop/src/red-flags';
import { type Block, type Cell, COLORS } from './blocks';
import type { ReportModel } from './model';

const STATUS_COLOR: Record<RedFlagResult['status'], string> = { RAISED: COLORS.bad, NOT_RAISED: COLORS.ok, NOT_APPLICABLE: COLORS.muted };

/** "key: value" lines of the exact figures; bid ids read as bidder names. */
function figures(f: RedFlagResult, nameOf: (bidId: string) => string): string {
  const show = (v: unknown): string => {
    if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '–';
    if (v === null || v === undefined) return '–';
    return nameOf(String(v));
  };
  return Object.entries(f.numbers)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join('\n');
}

/** Nothing when the model carries no red flags (a report model built before they existed). */
export function redFlagBlocks(m: ReportModel, lang: string, nameOf: (bidId: string) => string): Block[] {
  if (!m.redFlags) return [];
  const t = redFlagTexts(lang);
  const rows = m.redFlags.flags.map((f) => ({
    cells: [
      { text: `${t.titles[f.code]} (${f.code})\n${t.definitions[f.code]}` },
      { text: t.statuses[f.status], color: STATUS_COLOR[f.status], bold: f.status === 'RAISED' },
      f.threshold === null ? t.none : String(f.threshold),
      { text: figures(f, nameOf), color: COLORS.muted },
    ] as Cell[],
  }));
  return [
    { kind: 'heading', level: 1, text: t.sectionTitle },
    { kind: 'paragraph', text: t.sectionIntro(String(m.redFlags.thresholdsVersion)), size: 8.5 },
    {
      kind: 'table',
      columns: [
        { header: t.flag, width: 44 },
        { header: t.status, width: 12 },
        { header: t.threshold, width: 10, align: 'right' },
        { header: t.numbers, width: 34 },
      ],
      rows,
      fontSize: 7.5,
    },
  ];
}
