/**
 * Worker-thread entry of renderAuditReportAsync: renders one report per
 * message, in order, and sends the bytes back as a transferred ArrayBuffer
 * (no copy). Compiled to report.worker.js beside async.js in dist; under
 * ts sources it is loaded through the @swc/core hook that async.ts installs.
 */
import { parentPort } from 'node:worker_threads';
import type { ReportLang, ReportModel } from './model';
import { renderAuditReport } from './render';

export interface RenderRequest {
  id: number;
  model: ReportModel;
  lang: ReportLang;
}

export type RenderResponse = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: RenderRequest) => {
    let res: RenderResponse;
    try {
      const buf = renderAuditReport(req.model, req.lang);
      // A Buffer may be a view into a larger pooled ArrayBuffer: transfer only an exact copy.
      const pdf = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? new Uint8Array(buf.buffer) : new Uint8Array(buf);
      res = { id: req.id, ok: true, pdf };
      port.postMessage(res, [pdf.buffer as ArrayBuffer]);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      res = { id: req.id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } };
      port.postMessage(res);
    }
  });
}
