/**
 * renderAuditReport() against renderBarePdfkitBaseline(): the same model, the
 * same language, the same embedded DejaVu fonts and document settings, in the
 * same process. The baseline writes the same text runs with bare pdfkit text
 * flow (no measuring, tables, charts, page furniture or table of contents),
 * so the ratio is the cost of the report's layout.
 *
 * Models: the worked-example fixture (libs/report/src/testing/fixture.ts) and
 * the fixture module's largeModel(200) (200 bids, 3-node chains).
 *
 * Run: `npm run bench` (all benches) or
 *      `node --expose-gc -r ./tools/ts-register.js bench/report.bench.ts`.
 */
import { writeFileSync } from 'node:fs';
import { type ReportLang, type ReportModel, renderAuditReport, renderBarePdfkitBaseline } from '../libs/report/src';
import { largeModel, workedExampleModel } from '../libs/report/src/testing/fixture';
import { measurePair } from './lib/measure';
import { type BenchOutput, type PairRecord, outPath } from './lib/result';

interface Case {
  name: string;
  model: () => ReportModel;
  describe: string;
  warmup: number;
  runs: number;
  baselinePerRound: number;
}

const LANG: ReportLang = 'en';

/** ≈ 20 s on 2 cores (fixture: ≈ 75 ms vs 65 ms per run; 200 bids: ≈ 0.7 s vs 0.45 s). */
const CASES: Case[] = [
  { name: 'fixture', model: workedExampleModel, describe: 'workedExampleModel(): 4 bids (3 ranked, 1 late)', warmup: 5, runs: 25, baselinePerRound: 1 },
  { name: '200-bids', model: () => largeModel(200), describe: 'largeModel(200): 200 bids, 3-node chains', warmup: 2, runs: 9, baselinePerRound: 1 },
];

function main(): void {
  console.log(`renderAuditReport() vs renderBarePdfkitBaseline(), language ${LANG}, DejaVu Sans embedded on both sides`);
  const pairs: PairRecord[] = [];
  for (const c of CASES) {
    const model = c.model();
    const report = renderAuditReport(model, LANG);
    const bare = renderBarePdfkitBaseline(model, LANG);
    // Both must still be the PDFs they claim to be, and deterministic (same bytes twice).
    for (const [what, pdf, again] of [
      ['report', report, renderAuditReport(model, LANG)],
      ['baseline', bare, renderBarePdfkitBaseline(model, LANG)],
    ] as const) {
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-' || !pdf.equals(again)) {
        console.error(`ABORT: ${what} of ${c.name} is not a deterministic PDF`);
        process.exit(2);
      }
    }
    const pages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    const times = measurePair({
      label: c.name,
      subject: { name: 'renderAuditReport()', run: () => renderAuditReport(model, LANG) },
      baseline: { name: 'renderBarePdfkitBaseline()', run: () => renderBarePdfkitBaseline(model, LANG) },
      subjectWarmup: c.warmup,
      subjectRuns: c.runs,
      baselineWarmup: c.warmup,
      baselinePerRound: c.baselinePerRound,
    });
    pairs.push({
      name: `report/${c.name}`,
      group: 'report',
      params: {
        model: c.describe,
        bids: model.result.bids.length,
        lang: LANG,
        reportBytes: report.length,
        reportPages: pages(report),
        baselineBytes: bare.length,
        baselinePages: pages(bare),
      },
      subject: { name: 'renderAuditReport()', ...times.subject },
      baseline: { name: 'renderBarePdfkitBaseline()', ...times.baseline },
      ratio: times.ratio,
      ratioOfMins: times.ratioOfMins,
      target: null,
      targetMet: null,
      checks: { pdf: 'ok', deterministic: true },
    });
  }
  const out: BenchOutput = { bench: 'report', pairs };
  const file = outPath();
  if (file) writeFileSync(file, JSON.stringify(out, null, 2));
}

main();
