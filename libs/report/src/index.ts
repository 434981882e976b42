/**
 * The audit report (api.md "Reports and audit"): plain data in, PDF bytes out.
 * Pure TypeScript — no Nest, no Prisma, no clock.
 */
export * from './model';
export { renderAuditReport, renderBarePdfkitBaseline } from './render';
export { renderAuditReportAsync, closeReportWorker, reportWorkerMode, type ReportWorkerMode } from './async';
export { buildReportContent } from './content';
export { formatDate, formatDateTime, formatDecimal, formatMoney, formatPoints, formatRisk, formatScore, roundHalfEven, groundCitation } from './format';
