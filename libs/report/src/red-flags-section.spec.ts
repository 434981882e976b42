/**
 * The red-flags section of the audit report: present with the model's flags
 * in each language, absent without them, deterministic bytes.
 */
import { computeRedFlags, DEFAULT_RED_FLAG_THRESHOLDS, type RedFlagResult } from '../../interop/src/red-flags';
import { cellText, type TableBlock } from './blocks';
import { buildReportContent } from './content';
import type { ReportModel } from './model';
import { redFlagBlocks } from './red-flags-section';
import { renderAuditReport } from './render';
import { workedExampleModel } from './testing/fixture';
import { HAS_PDFTOTEXT, PDFTOTEXT_MISSING, pdfText } from './testing/pdf-text';

const withText = HAS_PDFTOTEXT ? it : it.skip;
if (!HAS_PDFTOTEXT) console.warn(PDFTOTEXT_MISSING);

function withFlags(): ReportModel {
  const m = workedExampleModel();
  const [a, b] = m.result.bids;
  const flags: RedFlagResult[] = computeRedFlags(
    {
      tenderId: 't',
      procedure: 'OPEN',
      publishedAt: '2026-11-01T00:00:00.000Z',
      submissionDeadline: '2026-11-11T00:00:00.000Z',
      referencePrice: null,
      bids: [
        { bidId: a.bidId, bidderName: a.bidderName, price: '100000', disqualified: false },
        { bidId: b.bidId, bidderName: b.bidderName, price: '100000', disqualified: true },
      ],
      winnerBidId: a.bidId,
      biddingClosed: true,
      evaluated: true,
      winnersByEvaluation: [a.bidId],
    },
    DEFAULT_RED_FLAG_THRESHOLDS,
  );
  return { ...m, redFlags: { thresholdsVersion: 3, flags } };
}

describe('red-flags section', () => {
  it('lists every flag with its title, code, status, threshold and figures; bid ids read as bidder names', () => {
    const m = withFlags();
    const blocks = redFlagBlocks(m, 'en', (id) => m.result.bids.find((b) => b.bidId === id)?.bidderName ?? id);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Red flags for integrity (Open Contracting Partnership)' });
    expect(blocks[1]).toMatchObject({ kind: 'paragraph', text: expect.stringContaining('threshold version 3') });
    const table = blocks[2] as TableBlock;
    expect(table.rows).toHaveLength(9);
    const identical = table.rows[3].cells.map(cellText);
    expect(identical).toEqual([
      'Identical bid prices (IDENTICAL_BID_PRICES)\nTwo or more bids have exactly the same price.',
      'raised',
      'none',
      `bids: 2\nidenticalPrices: 100000\nbidIds: ${[m.result.bids[0], m.result.bids[1]]
        .sort((x, y) => (x.bidId < y.bidId ? -1 : 1))
        .map((b) => b.bidderName)
        .join(', ')}`,
    ]);
    expect(table.rows[8].cells.map(cellText).slice(1, 3)).toEqual(['raised', '20']);
  });

  it('is part of the report in every language, and absent without red flags', () => {
    const titles = { en: 'Red flags for integrity', fr: 'Signaux d’alerte d’intégrité', de: 'Warnsignale für Integrität' } as const;
    for (const lang of ['en', 'fr', 'de'] as const) {
      const headings = buildReportContent(withFlags(), lang)
        .filter((b) => b.kind === 'heading')
        .map((b) => (b as { text: string }).text);
      expect(headings.some((h) => h.startsWith(titles[lang]))).toBe(true);
    }
    expect(buildReportContent(workedExampleModel(), 'en').some((b) => b.kind === 'heading' && b.text.startsWith('Red flags'))).toBe(false);
  });

  it('renders to the same bytes twice', () => {
    expect(renderAuditReport(withFlags(), 'de').equals(renderAuditReport(structuredClone(withFlags()), 'de'))).toBe(true);
  });

  withText('the PDF shows the section and the raised flags', () => {
    const text = pdfText(renderAuditReport(withFlags(), 'en'));
    expect(text).toContain('Red flags for integrity (Open Contracting Partnership)');
    expect(text).toContain('Identical bid prices (IDENTICAL_BID_PRICES)');
    expect(text).toContain('Short submission period (SHORT_SUBMISSION_PERIOD)');
  });
});
