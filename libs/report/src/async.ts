/**
 * renderAuditReportAsync(): the same bytes as renderAuditReport, rendered on a
 * worker thread so that a large report (200 bids ≈ 1 s of CPU) does not block
 * the event loop that serves requests.
 *
 * How the worker is started, in order of preference:
 * 1. compiled (dist): `report.worker.js` beside this file — a plain Worker;
 * 2. TypeScript sources (Jest, ts scripts): an `eval` worker that installs a
 *    require hook compiling `.ts` with @swc/core (the compiler Jest already
 *    uses here, with the same options as jest.config.js), then loads
 *    `report.worker.ts`;
 * 3. neither available (sources without @swc/core): rendering in-process on
 *    the next turn of the event loop (setImmediate) — correct bytes, but the
 *    loop is blocked for the render's duration.
 *
 * One long-lived worker renders the requests in order (rendering is CPU-bound,
 * so more workers than cores would only contend). It is unref'd while idle,
 * so it never keeps a process alive, and ref'd while a render is pending, so
 * a caller awaiting a report is not cut short. A crashed worker fails the
 * pending renders and is replaced on the next call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportLang, ReportModel } from './model';
import { renderAuditReport } from './render';
import type { RenderRequest, RenderResponse } from './report.worker';

export type ReportWorkerMode = { kind: 'compiled'; file: string } | { kind: 'swc'; entry: string; swc: string } | { kind: 'inline' };

/** Installs a `.ts` require hook with @swc/core, then runs the worker entry. Plain JS: it runs before any TypeScript support exists. */
const SWC_BOOTSTRAP = `
'use strict';
const fs = require('node:fs');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(workerData.swc);
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, configFile: false, sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

/** Which of the three ways renderAuditReportAsync uses in this process (see the file comment). */
export function reportWorkerMode(): ReportWorkerMode {
  const compiled = path.join(__dirname, 'report.worker.js');
  if (__filename.endsWith('.js') && fs.existsSync(compiled)) return { kind: 'compiled', file: compiled };
  const source = path.join(__dirname, 'report.worker.ts');
  if (fs.existsSync(source)) {
    try {
      return { kind: 'swc', entry: source, swc: require.resolve('@swc/core') };
    } catch {
      // @swc/core is a dev dependency: absent in a production install, where the compiled worker exists.
    }
  }
  return { kind: 'inline' };
}

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(w: Worker, err: Error): void {
  if (worker !== w) return;
  worker = null;
  const waiting = [...pending.values()];
  pending.clear();
  for (const p of waiting) p.reject(err);
}

function startWorker(mode: Exclude<ReportWorkerMode, { kind: 'inline' }>): Worker {
  const w = mode.kind === 'compiled' ? new Worker(mode.file) : new Worker(SWC_BOOTSTRAP, { eval: true, workerData: { entry: mode.entry, swc: mode.swc } });
  w.on('message', (res: RenderResponse) => {
    const p = pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    if (pending.size === 0) w.unref();
    if (res.ok) p.resolve(Buffer.from(res.pdf.buffer, res.pdf.byteOffset, res.pdf.byteLength));
    else {
      const err = new Error(res.error.message);
      err.name = res.error.name;
      if (res.error.stack) err.stack = res.error.stack;
      p.reject(err);
    }
  });
  w.on('error', (err) => failAll(w, err));
  w.on('exit', (code) => failAll(w, new Error(`report worker stopped (exit code ${code})`)));
  w.unref();
  return w;
}

function renderInline(model: ReportModel, lang: ReportLang): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(renderAuditReport(model, lang));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** renderAuditReport on a worker thread; resolves with the same bytes. */
export function renderAuditReportAsync(model: ReportModel, lang: ReportLang): Promise<Buffer> {
  const mode = reportWorkerMode();
  if (mode.kind === 'inline') return renderInline(model, lang);
  if (!worker) worker = startWorker(mode);
  const w = worker;
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    try {
      const req: RenderRequest = { id, model, lang };
      w.postMessage(req);
    } catch (e) {
      // e.g. a model that cannot be cloned (it holds a function): nothing was sent.
      pending.delete(id);
      if (pending.size === 0) w.unref();
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** Stops the worker (e.g. on application shutdown); pending renders are rejected. The next call starts a new one. */
export async function closeReportWorker(): Promise<void> {
  const w = worker;
  if (!w) return;
  failAll(w, new Error('report worker closed'));
  await w.terminate();
}
