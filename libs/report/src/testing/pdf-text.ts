/**
 * Text of a PDF through poppler's pdftotext (package poppler-utils), page by
 * page. Glyph runs of subset TrueType fonts are not searchable in the raw
 * bytes, so the tests read the PDF the way a person's viewer does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Whether pdftotext can be run here. */
export const HAS_PDFTOTEXT = !spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error;

export const PDFTOTEXT_MISSING = 'pdftotext not found: PDF text checks skipped. Install poppler-utils (apt-get install -y poppler-utils) to run them.';

/** One string per page (pdftotext separates pages with form feeds). */
export function pdfPages(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-text-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = text.split('\f');
    if (pages[pages.length - 1].trim() === '') pages.pop();
    return pages;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole text, whitespace runs folded to one space (table cells wrap across lines). */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf)
    .join('\n')
    .replace(/[ \t\r\n]+/g, ' ');
}
