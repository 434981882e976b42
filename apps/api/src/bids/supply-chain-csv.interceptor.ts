import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { locateField, parseSupplyChainCsv } from '@app/interop';
import { DomainError, FieldError, invalid } from '../common/problem';
import { flattenValidationErrors } from '../common/validation';
import { CreateBidDto } from './bids.dto';

/** The bid's fields beside the CSV: query parameters (text/csv) or form fields (multipart). */
export const CSV_BID_FIELDS = ['bidderId', 'receivedAt', 'price', 'figures'] as const;
/** The multipart part that carries the supply-chain CSV. */
export const SUPPLY_CHAIN_PART = 'supplyChain';

type LocatedError = FieldError & { line?: number; column?: string | null };

const at = (line: number, column: string | null): string => `line ${line}${column ? `, column ${column}` : ''}`;

/**
 * Turns a CSV bid (a text/csv body with the bid's fields in the query, or a
 * multipart form with the fields and the part "supplyChain") into the JSON
 * body of POST /api/v1/tenders/:id/bids before the body is validated, so the
 * JSON path, its service and its transaction stay the only way a bid is
 * stored. The whole bid is validated here first, so that every error about a
 * node names its line and column in the file.
 */
@Injectable()
export class SupplyChainCsvInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const csv = /^(text|application)\/csv\b/i.test(req.headers['content-type'] ?? '');
    if (!csv && !req.isMultipart()) return next.handle();
    return from(this.toJsonBody(req, csv)).pipe(switchMap(() => next.handle()));
  }

  private async toJsonBody(req: FastifyRequest, csv: boolean): Promise<void> {
    const errors: LocatedError[] = [];
    const fields: Record<string, string> = {};
    let file: Buffer | null = null;
    const take = (name: string, value: string): void => {
      if (!(CSV_BID_FIELDS as readonly string[]).includes(name)) errors.push({ field: name, message: 'unknown field' });
      else if (name in fields) errors.push({ field: name, message: 'given more than once' });
      else fields[name] = value;
    };
    if (csv) {
      for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) take(k, Array.isArray(v) ? '\u0000' : String(v));
      file = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : null;
    } else {
      for await (const part of req.parts({ limits: { parts: 20, fields: 10, files: 2 } })) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (part.fieldname !== SUPPLY_CHAIN_PART)
            errors.push({ field: part.fieldname, message: `unknown file part: send the CSV as the part "${SUPPLY_CHAIN_PART}"` });
          else if (file) errors.push({ field: SUPPLY_CHAIN_PART, message: 'only one supply-chain file per bid' });
          else file = data.length > 0 ? data : null;
          continue;
        }
        if (part.valueTruncated) errors.push({ field: part.fieldname, message: 'is too long' });
        take(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
      }
    }
    if (!file)
      errors.push({ field: SUPPLY_CHAIN_PART, message: `the supply chain CSV is required (a text/csv body, or the multipart part "${SUPPLY_CHAIN_PART}")` });
    let figures: unknown;
    if (fields.figures !== undefined) {
      try {
        figures = JSON.parse(fields.figures);
      } catch {
        errors.push({ field: 'figures', message: 'figures must be a JSON object {"CODE": "decimal"}' });
      }
    }
    if (!file) throw invalid(errors);
    const parsed = parseSupplyChainCsv(file);
    if (!parsed.ok) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `The supply chain file has ${parsed.errorCount} error${parsed.errorCount === 1 ? '' : 's'}${parsed.truncated ? ' (the first ones are listed)' : ''}; nothing was stored`,
        [...errors, ...parsed.errors.map((e) => ({ field: at(e.line, e.column), message: e.message, line: e.line, column: e.column }))],
        { errorCount: parsed.errorCount + errors.length, truncated: parsed.truncated },
      );
    }
    const body: Record<string, unknown> = { ...fields, supplyChain: parsed.tree };
    if (fields.figures !== undefined) body.figures = figures;
    // The same rules as the JSON body's (the global pipe checks it again): node errors are named by line and column.
    const dto = plainToInstance(CreateBidDto, body);
    for (const e of flattenValidationErrors(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }),
    )) {
      const where = locateField(e.field, parsed.nodeLines);
      errors.push(where ? { field: at(where.line, where.column), message: e.message, line: where.line, column: where.column } : e);
    }
    if (errors.length) throw invalid(errors);
    (req as { body: unknown }).body = body;
  }
}
