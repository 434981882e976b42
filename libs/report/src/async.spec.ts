/**
 * renderAuditReportAsync on a worker thread: the same bytes as the synchronous
 * renderer, from TypeScript sources (Jest: the @swc/core worker) and from
 * compiled JavaScript (a dist-like copy: the plain report.worker.js).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from '@swc/core';
import { closeReportWorker, renderAuditReportAsync, reportWorkerMode } from './async';
import type { ReportLang } from './model';
import { renderAuditReport } from './render';
import { largeModel, workedExampleModel } from './testing/fixture';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

afterAll(() => closeReportWorker());

describe('from TypeScript sources (Jest)', () => {
  it('uses the @swc/core worker, not the in-process fallback', () => {
    expect(reportWorkerMode().kind).toBe('swc');
  });

  it('gives the same bytes as the synchronous renderer, for concurrent requests in every language', async () => {
    const langs: ReportLang[] = ['en', 'fr', 'de', 'en'];
    const got = await Promise.all(langs.map((l) => renderAuditReportAsync(workedExampleModel(), l)));
    langs.forEach((l, i) => expect(got[i].equals(renderAuditReport(workedExampleModel(), l))).toBe(true));
  });

  it('keeps the event loop free while a 200-bid report renders', async () => {
    const model = largeModel(200);
    await renderAuditReportAsync(workedExampleModel(), 'en'); // worker warm
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = process.hrtime.bigint();
    const pdf = await renderAuditReportAsync(model, 'en');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    clearInterval(timer);
    console.log(`200-bid report on the worker: ${ms.toFixed(0)} ms, event-loop ticks meanwhile: ${ticks}`);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(ticks).toBeGreaterThan(0);
  });

  it('passes the renderer’s errors back and keeps working', async () => {
    await expect(renderAuditReportAsync(workedExampleModel(), 'rm' as ReportLang)).rejects.toThrow(/unsupported report language/);
    const m = workedExampleModel();
    (m as unknown as { oops: () => void }).oops = () => undefined;
    await expect(renderAuditReportAsync(m, 'en')).rejects.toThrow(/could not be cloned/);
    const pdf = await renderAuditReportAsync(workedExampleModel(), 'de');
    expect(pdf.equals(renderAuditReport(workedExampleModel(), 'de'))).toBe(true);
  });

  it('starts a new worker after closeReportWorker()', async () => {
    await closeReportWorker();
    const pdf = await renderAuditReportAsync(workedExampleModel(), 'fr');
    expect(pdf.equals(renderAuditReport(workedExampleModel(), 'fr'))).toBe(true);
  });
});

describe('from compiled JavaScript (as in dist/)', () => {
  const root = path.resolve(__dirname, '../../..');
  let dir = '';

  beforeAll(() => {
    // A dist-like tree: the report, evaluation, i18n and interop (red-flag texts) libraries compiled to .js (same swc settings as Jest), node_modules linked.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-dist-'));
    for (const lib of ['libs/report/src', 'libs/evaluation/src', 'libs/i18n/src', 'libs/procedure/src', 'libs/interop/src']) {
      const walk = (rel: string): void => {
        for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
          const r = path.join(rel, e.name);
          if (e.isDirectory()) walk(r);
          else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) {
            const { code } = transformSync(fs.readFileSync(path.join(root, r), 'utf8'), {
              filename: r,
              swcrc: false,
              configFile: false,
              jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
              module: { type: 'commonjs' },
            });
            fs.mkdirSync(path.join(dir, path.dirname(r)), { recursive: true });
            fs.writeFileSync(path.join(dir, r.replace(/\.ts$/, '.js')), code);
          }
        }
      };
      walk(lib);
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses report.worker.js and gives the bytes the TypeScript renderer gives', () => {
    const script = `
      const { renderAuditReportAsync, closeReportWorker } = require('./libs/report/src/index.js');
      const { reportWorkerMode } = require('./libs/report/src/async.js');
      const { workedExampleModel } = require('./libs/report/src/testing/fixture.js');
      const { createHash } = require('node:crypto');
      renderAuditReportAsync(workedExampleModel(), 'de').then(async (pdf) => {
        console.log(JSON.stringify({ mode: reportWorkerMode().kind, sha: createHash('sha256').update(pdf).digest('hex') }));
        await closeReportWorker();
      });
    `;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    const res = JSON.parse(out.trim().split('\n').pop()!) as { mode: string; sha: string };
    expect(res.mode).toBe('compiled');
    expect(res.sha).toBe(sha(renderAuditReport(workedExampleModel(), 'de')));
  });
});
