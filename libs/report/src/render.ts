/**
 * renderAuditReport(): the audit report as PDF bytes, synchronously.
 *
 * Same model + language ⇒ same bytes:
 * - no clock: CreationDate is the evaluation's createdAt, ModDate the model's
 *   generatedAt (which the service sets to a value fixed per evaluation);
 * - pdfkit's trailer /ID is an MD5 of the info dictionary (CreationDate,
 *   Title, Keywords with the digest, …), so it is fixed by the model too — no
 *   random bytes (only encryption would draw some, and there is none);
 * - fonts are embedded subsets of the DejaVu files shipped in an npm package,
 *   whose subset tag pdfkit derives from the font's internal id, not randomly;
 * - zlib output is deterministic for the same input and level.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { type Block, cellText } from './blocks';
import { buildReportContent } from './content';
import { dictionary } from '../../i18n/src/report-words';
import { FONT_BOLD, FONT_REGULAR, Layout } from './layout';
import { REPORT_LANGS, type ReportLang, type ReportModel } from './model';

interface Fonts {
  regular: Buffer;
  bold: Buffer;
}

let fonts: Fonts | null = null;

/** DejaVu Sans covers Latin, Greek and Cyrillic (and ✓ ✗ ›): bidder names in those scripts render. Read once per process. */
function loadFonts(): Fonts {
  if (!fonts) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = {
      regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return fonts;
}

function fixedDate(iso: string, field: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`report: ${field} is not a valid timestamp: ${JSON.stringify(iso)}`);
  return d;
}

function checkLang(lang: ReportLang): void {
  if (!REPORT_LANGS.includes(lang)) throw new RangeError(`unsupported report language ${JSON.stringify(lang)} (en, fr, de, it)`);
}

const PDF_LANG: Record<ReportLang, string> = { en: 'en', fr: 'fr-CH', de: 'de-CH', it: 'it-CH' };

function createDocument(model: ReportModel, lang: ReportLang): PDFKit.PDFDocument {
  const t = dictionary(lang);
  const doc = new PDFDocument({
    ...Layout.pageOptions,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    lang: PDF_LANG[lang],
    displayTitle: true,
    info: {
      Title: `${t.reportTitle} — ${model.tender.reference}`,
      Author: model.buyer.name,
      Subject: `${t.reportSubject} — ${t.law}: ${model.tender.title}`,
      Keywords: `${model.tender.reference}; evaluation ${model.evaluation.id}; digest ${model.evaluation.digest}`,
      Creator: 'Tender Evaluation',
      Producer: 'PDFKit',
      CreationDate: fixedDate(model.evaluation.createdAt, 'evaluation.createdAt'),
      ModDate: fixedDate(model.generatedAt, 'generatedAt'),
    },
  });
  const f = loadFonts();
  doc.registerFont(FONT_REGULAR, f.regular);
  doc.registerFont(FONT_BOLD, f.bold);
  doc.font(FONT_REGULAR);
  return doc;
}

/**
 * Ends the document and takes its bytes. pdfkit pushes every chunk into its
 * readable buffer synchronously during end(), so reading it right away gets
 * the whole file without waiting for 'data' events.
 */
function collect(doc: PDFKit.PDFDocument): Buffer {
  doc.end();
  const chunks: Buffer[] = [];
  let chunk: Buffer | null;
  while ((chunk = doc.read() as Buffer | null) !== null) chunks.push(chunk);
  const pdf = Buffer.concat(chunks);
  if (pdf.subarray(-6).toString('latin1').trim() !== '%%EOF') throw new Error('report: pdfkit did not finish the document synchronously');
  return pdf;
}

/** The audit report of an evaluation as an A4 PDF. Synchronous CPU work: see renderAuditReportAsync for servers. */
export function renderAuditReport(model: ReportModel, lang: ReportLang): Buffer {
  checkLang(lang);
  const t = dictionary(lang);
  const doc = createDocument(model, lang);
  const layout = new Layout(doc);
  layout.render(buildReportContent(model, lang));
  layout.finish({
    header: `${model.tender.reference} — ${model.tender.title}`,
    headerRight: `${t.reportTitle} · ${t.evaluation} ${model.evaluation.seq}`,
    footer: `${t.footerDigest}${t.colon}${model.evaluation.digest}`,
  });
  return collect(doc);
}

/** Every text run a block holds, in reading order, with its size and weight. */
function textRuns(blocks: Block[]): { text: string; size: number; bold: boolean }[] {
  const runs: { text: string; size: number; bold: boolean }[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        runs.push({ text: b.text, size: 20, bold: true }, { text: b.subtitle, size: 12, bold: false });
        break;
      case 'heading':
        runs.push({ text: b.text, size: b.level === 1 ? 13 : 10, bold: true });
        break;
      case 'paragraph':
        runs.push({ text: b.text, size: b.size ?? 9, bold: !!b.bold });
        break;
      case 'toc':
        runs.push({ text: b.title, size: 11, bold: true });
        break;
      case 'table': {
        const size = b.fontSize ?? 8;
        if (b.header !== false) for (const c of b.columns) runs.push({ text: c.header, size: b.headerFontSize ?? size, bold: true });
        for (const r of b.rows) for (const c of r.cells) runs.push({ text: cellText(c), size, bold: typeof c !== 'string' && !!c.bold });
        break;
      }
      case 'barChart':
        runs.push({ text: b.title, size: 9, bold: true });
        for (const l of b.legend ?? []) runs.push({ text: l.label, size: 7, bold: false });
        for (const tk of b.ticks) runs.push({ text: tk.label, size: 6.5, bold: false });
        for (const r of b.rows) runs.push({ text: r.label, size: 7.5, bold: false }, { text: r.valueText || r.emptyText || '', size: 7.5, bold: true });
        break;
      case 'space':
      case 'pageBreak':
        break;
    }
  }
  return runs.filter((r) => r.text !== '');
}

/**
 * The benchmark's baseline: the same text runs, same fonts and sizes, same
 * document settings, written with bare pdfkit text flow — no measuring, no
 * tables, charts, page furniture or table of contents. The difference to
 * renderAuditReport is the cost of the layout.
 */
export function renderBarePdfkitBaseline(model: ReportModel, lang: ReportLang): Buffer {
  checkLang(lang);
  const doc = createDocument(model, lang);
  for (const r of textRuns(buildReportContent(model, lang))) {
    doc
      .font(r.bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(r.size)
      .text(r.text);
  }
  return collect(doc);
}
