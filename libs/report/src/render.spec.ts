/**
 * The audit report of the §8 worked example (fixture.ts): same bytes for the
 * same model and language, the figures and citations a reader must find, the
 * digest and "x / y" in every footer, names in Greek and Cyrillic.
 *
 * Text is read with pdftotext (poppler-utils). Where it is missing those
 * checks are skipped with a message, and the content-level checks below
 * (the same strings, before layout) still run.
 */
import { createHash } from 'node:crypto';
import { findingMessage } from '../../i18n/src/findings';
import { cellText } from './blocks';
import { buildReportContent } from './content';
import type { ReportLang, ReportModel } from './model';
import { renderAuditReport, renderBarePdfkitBaseline } from './render';
import { DIGEST, NAMES, largeModel, singleBidModel, workedExampleModel } from './testing/fixture';
import { HAS_PDFTOTEXT, PDFTOTEXT_MISSING, pdfPages, pdfText } from './testing/pdf-text';

const withText = HAS_PDFTOTEXT ? it : it.skip;
if (!HAS_PDFTOTEXT) console.warn(PDFTOTEXT_MISSING);

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const latin1 = (b: Buffer): string => b.toString('latin1');

const strings = (lang: ReportLang): string[] =>
  buildReportContent(workedExampleModel(), lang).flatMap((b) => {
    switch (b.kind) {
      case 'table':
        return [...b.columns.map((c) => c.header), ...b.rows.flatMap((r) => r.cells.map(cellText))];
      case 'barChart':
        return [b.title, ...b.rows.flatMap((r) => [r.label, r.valueText, r.emptyText ?? '']), ...b.ticks.map((t) => t.label)];
      case 'title':
        return [b.text, b.subtitle];
      case 'heading':
      case 'paragraph':
        return [b.text];
      default:
        return [];
    }
  });

describe('same model + language ⇒ same bytes', () => {
  it.each(['en', 'fr', 'de'] as const)('%s: two renders are byte-identical, also from a deep copy of the model', (lang) => {
    const a = renderAuditReport(workedExampleModel(), lang);
    const b = renderAuditReport(structuredClone(workedExampleModel()), lang);
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(latin1(a.subarray(-6)).trim()).toBe('%%EOF');
    expect(a.equals(b)).toBe(true);
  });

  it('does not read the clock: the bytes are the same at another "now"', () => {
    const before = renderAuditReport(workedExampleModel(), 'en');
    jest.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z') });
    try {
      expect(new Date().getUTCFullYear()).toBe(2031);
      expect(sha(renderAuditReport(workedExampleModel(), 'en'))).toBe(sha(before));
    } finally {
      jest.useRealTimers();
    }
  });

  it('dates the PDF with the evaluation, is not encrypted, and derives its /ID from the model', () => {
    const pdf = latin1(renderAuditReport(workedExampleModel(), 'en'));
    // pdfkit writes each info entry as its own object: both dates, and no other, are 2025-07-02T09:15:00+02:00.
    expect(pdf.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20250702071500Z)', '(D:20250702071500Z)']);
    expect(pdf).toMatch(/\/CreationDate \d+ 0 R/);
    expect(pdf).toMatch(/\/ModDate \d+ 0 R/);
    expect(pdf).not.toContain('/Encrypt');
    const id = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(pdf);
    expect(id).not.toBeNull();
    const other = workedExampleModel();
    other.evaluation.digest = 'f'.repeat(64);
    const otherId = /\/ID \[<([0-9a-f]{32})>/.exec(latin1(renderAuditReport(other, 'en')));
    expect(otherId![1]).not.toBe(id![1]);
  });

  it('languages differ from each other', () => {
    const hashes = (['en', 'fr', 'de'] as const).map((l) => sha(renderAuditReport(workedExampleModel(), l)));
    expect(new Set(hashes).size).toBe(3);
  });
});

describe('what the reader finds (pdftotext)', () => {
  const render = (lang: ReportLang, m: ReportModel = workedExampleModel()) => renderAuditReport(m, lang);

  withText('en: totals, ranking, sensitivity, risks, money and citations', () => {
    const text = pdfText(render('en'));
    for (const s of [
      'Federal Act on Public Procurement (PPA)',
      'BBL-2025-0417',
      'Bundesamt für Bauten und Logistik BBL',
      // totals and points
      '90.00',
      '78.00',
      '49.00',
      '24.00',
      // sensitivity: δ −150/7 ≈ −21.43 (swap at 28.57), 105/4 = 26.25, 480/11 ≈ 43.64
      '-21.43',
      '-150/7',
      '28.57',
      '+26.25',
      '105/4',
      '+43.64',
      '480/11',
      '63.64',
      // supply-chain example: R = 0.35029, rr(X) = 0.54145 half-even → 0.5414, own shares 60/20/20 %
      'R = 0.3503',
      '0.7735',
      '0.5414',
      '0.1083',
      '60.00 %',
      `Largest contributor: ${NAMES.D} › X › Y`,
      // money
      'CHF 100,000.00',
      'CHF 95,000.00',
      // citations
      'Art. 44(1)(b)',
      'Art. 38(3), 44(2)(c)',
      'Art. 12(2), 29(1)',
      'Art. 51(3) PPA',
      'Art. 56 PPA',
      'VöB Art. 3',
      // decisions and who took them
      'confirmed',
      'Luca Rossi',
      'Own weaving mill',
      // award and appeal
      '2025-07-10 09:00',
      '2025-07-30 23:59',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('0.5415');
    expect(text).toContain('Removing any other admissible bid does not change the winner.');
  });

  withText('fr: law name, French number format and citations', () => {
    const text = pdfText(render('fr'));
    for (const s of [
      'Loi fédérale sur les marchés publics (LMP)',
      '90,00',
      '-21,43',
      '0,3503',
      'art. 51, al. 3, LMP',
      'art. 56 LMP',
      'art. 3 OMP',
      'art. 44, al. 1, let. b', // the finding's legal basis in the French citation style
      '30.07.2025 23:59',
    ]) {
      expect(text).toContain(s);
    }
    // pdftotext gives the narrow no-break space of the French grouping as a plain space.
    expect(text).toMatch(/CHF 100[\u202f ]000,00/);
  });

  withText('de: law name, Swiss number format and citations', () => {
    const text = pdfText(render('de'));
    for (const s of [
      'Bundesgesetz über das öffentliche Beschaffungswesen (BöB)',
      'CHF 100\u2019000.00',
      '90.00',
      '+26.25',
      'Art. 51 Abs. 3 BöB',
      'Art. 56 BöB',
      'Art. 3 VöB',
      'Ausschlussgrund',
      'bestätigt',
    ]) {
      expect(text).toContain(s);
    }
  });

  withText.each(['en', 'fr', 'de'] as const)('%s: every page has the digest and "x / N" in its footer', (lang) => {
    const pages = pdfPages(render(lang));
    expect(pages.length).toBeGreaterThan(2);
    // Printed "x / y"; pdftotext drops the thin gaps around the slash, so the spaces are optional here.
    const pageNo = (x: number, y: number) => new RegExp(`(^|\\D)${x} ?/ ?${y}(\\D|$)`, 'm');
    pages.forEach((page, i) => {
      expect(page).toContain(DIGEST);
      expect(page).toMatch(pageNo(i + 1, pages.length));
    });
    expect(pages[0]).toMatch(pageNo(1, pages.length));
  });

  withText('names in Greek, Cyrillic and accented Latin come out as written', () => {
    const text = pdfText(render('en'));
    expect(text).toContain(NAMES.B);
    expect(text).toContain(NAMES.D);
    expect(text).toContain(NAMES.C);
    expect(text).toContain('✓');
    expect(text).toContain('✗');
  });

  withText('the cover lists the identifiers of the evaluation', () => {
    const first = pdfPages(render('en'))[0].replace(/\s+/g, ' ');
    const m = workedExampleModel();
    expect(first).toContain(m.evaluation.id);
    expect(first).toContain(m.evaluation.inputsDigest);
    expect(first).toContain(m.auditChainHeadHash);
    expect(first).toContain('Open procedure');
    expect(first).toContain('2025-06-30 12:00');
    expect(first).toContain('Contents');
  });
});

describe('content before layout (runs without pdftotext)', () => {
  it('holds the figures of the worked example', () => {
    const all = strings('en').join('\n');
    for (const s of ['90.00', '78.00', '49.00', '-21.43', '-150/7', '+26.25', '+43.64', '0.3503', '0.5414', 'CHF 160,000.00', DIGEST]) {
      expect(all).toContain(s);
    }
  });

  it('marks the participation matrix: LATE ✗ for D, ABNORMALLY_LOW ? for A, forced-labour goods i for Y', () => {
    const blocks = buildReportContent(workedExampleModel(), 'en');
    const matrix = blocks.find((b) => b.kind === 'table' && b.columns.some((c) => c.header === 'LATE'));
    if (!matrix || matrix.kind !== 'table') throw new Error('no participation matrix');
    const col = (abbr: string) => matrix.columns.findIndex((c) => c.header === abbr);
    const row = (node: string) => matrix.rows.find((r) => cellText(r.cells[1]) === node)!;
    expect(cellText(row(NAMES.D).cells[col('LATE')])).toBe('✗');
    expect(cellText(row(NAMES.A).cells[col('LOW')])).toBe('?');
    expect(cellText(row('Y').cells[col('FLG')])).toBe('i');
    expect(cellText(row('Y').cells[col('SUB')])).toBe('–'); // a leaf has no subcontracts
    expect(cellText(row('X').cells[col('SUB')])).toBe('✓');
    expect(cellText(row('X').cells[col('CH-P')])).toBe('–'); // BD: the CH checks do not apply
    expect(cellText(row('X').cells[col('ILO')])).toBe('✓');
    expect(matrix.rows).toHaveLength(6); // A, B, C one node each; D three
  });

  it('shows "no swap" where the engine found none', () => {
    const m = workedExampleModel();
    m.result.sensitivity[2] = { criterion: 'HUMAN_RIGHTS', delta: null, deltaFraction: null, swapWeight: null };
    const chart = buildReportContent(m, 'de').find((b) => b.kind === 'barChart' && b.title.startsWith('Tauschabstand'));
    if (!chart || chart.kind !== 'barChart') throw new Error('no sensitivity chart');
    expect(chart.rows[2]).toMatchObject({ segments: [], emptyText: 'kein Tausch' });
    expect(chart.rows[0].segments[0].value).toBeCloseTo(150 / 7, 10);
  });
});

describe('Italian (and every language) from the catalogue', () => {
  it('prints the recorded English message in English: code and parameters give exactly the same text', () => {
    for (const d of workedExampleModel().decisions) expect(findingMessage(d, 'en')).toBe(d.message);
  });

  it('renders findings, data gaps, legal bases and headings in Italian', () => {
    const all = strings('it').join('\n');
    for (const s of [
      'Rapporto di audit — valutazione delle offerte',
      'Accertamenti e decisioni (art. 38 cpv. 3, 44, 45 LAPub)',
      'Il prezzo 100000 è inferiore a 0.8 × 140000 (mediana di 2 altre offerte ammissibili senza motivo di esclusione) = 112000; chiedere spiegazioni all’offerente (art. 38 cpv. 3).',
      'Ricevuta il 2025-06-30T12:04:00+02:00, dopo il termine di inoltro del 2025-06-30T12:00:00+02:00.',
      'Subappaltatore Y: cotton nell’elenco del lavoro forzato per IN.',
      'stato di ratifica OIL di IN sconosciuto per C029, C100, C105, C111, C138, C182',
      'art. 38 cpv. 3, art. 44 cpv. 2 lett. c',
      'CHF 160’000.00',
    ])
      expect(all).toContain(s);
    // No English sentence of the engine is left in the Italian report.
    expect(all).not.toContain('ask the bidder');
    expect(all).not.toContain('not in the dataset');
  });

  it.each(['fr', 'de', 'it'] as const)('%s: same model, same bytes', (lang) => {
    expect(sha(renderAuditReport(workedExampleModel(), lang))).toBe(sha(renderAuditReport(workedExampleModel(), lang)));
  });

  withText('the Italian PDF carries the Italian words', () => {
    const text = pdfText(renderAuditReport(workedExampleModel(), 'it'));
    expect(text).toContain('Indice');
    expect(text).toContain('Procedura libera');
    expect(text).toContain('30.06.2025 12:00');
  });
});

describe('other shapes of model', () => {
  withText('one bid, no award, no decisions, no declarations', () => {
    const m = singleBidModel();
    m.award = null;
    m.declarations = [];
    const text = pdfText(renderAuditReport(m, 'en'));
    expect(text).toContain('Needs at least two ranked bids.');
    expect(text).toContain('No award has been made on this evaluation.');
    expect(text).toContain('No declarations recorded.');
    expect(text).toContain('No exclusion decisions.');
  });

  it('refuses an unknown language and an invalid evaluation time', () => {
    expect(() => renderAuditReport(workedExampleModel(), 'rm' as ReportLang)).toThrow(RangeError);
    const m = workedExampleModel();
    m.evaluation.createdAt = 'yesterday';
    expect(() => renderAuditReport(m, 'en')).toThrow(/createdAt/);
  });

  it('renders 200 bids (time printed, not asserted)', () => {
    const m = largeModel(200);
    const t0 = process.hrtime.bigint();
    const pdf = renderAuditReport(m, 'en');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const pages = /\/Count (\d+)/.exec(latin1(pdf));
    console.log(`200-bid report: ${ms.toFixed(0)} ms, ${pages?.[1]} pages, ${(pdf.length / 1024).toFixed(0)} KiB`);
    expect(Number(pages?.[1])).toBeGreaterThan(20);
    if (HAS_PDFTOTEXT) {
      const texts = pdfPages(pdf);
      expect(texts[texts.length - 1]).toMatch(new RegExp(`${texts.length} ?/ ?${texts.length}`));
      expect(texts.join('\n')).toContain('Поставщик 6');
    }
  });
});

describe('bare-pdfkit baseline for the benchmark', () => {
  it('writes the same text runs, deterministically', () => {
    const a = renderBarePdfkitBaseline(workedExampleModel(), 'en');
    expect(a.equals(renderBarePdfkitBaseline(workedExampleModel(), 'en'))).toBe(true);
    if (HAS_PDFTOTEXT) {
      const text = pdfText(a);
      for (const s of [NAMES.D, 'CHF 100,000.00', '-150/7', 'Art. 51(3) PPA']) expect(text).toContain(s);
    }
  });
});
