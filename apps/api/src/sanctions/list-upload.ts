import type { FastifyRequest } from 'fastify';
import type { SanctionListFormat } from '@app/interop';
import { multipartReadError } from '../common/http-hardening';
import { DomainError, type FieldError } from '../common/problem';

export const LIST_FILE_FIELD = 'file';
const META = ['name', 'source', 'format', 'mapping', 'defaults'];

export interface ListUpload {
  meta: Record<string, unknown>;
  file: Buffer | null;
  /** From the part's or body's content type, or the file name; null when neither says. */
  guessedFormat: SanctionListFormat | null;
  errors: FieldError[];
}

function guess(mime: string | undefined, filename: string | undefined): SanctionListFormat | null {
  if (/^(text|application)\/csv\b/i.test(mime ?? '') || /\.csv$/i.test(filename ?? '')) return 'CSV';
  if (/^application\/json\b/i.test(mime ?? '') || /\.json$/i.test(filename ?? '')) return 'JSON';
  return null;
}

/** Metadata and file of a multipart upload (the part count capped), or of a raw text/csv body with the metadata in the query. */
export async function readListUpload(req: FastifyRequest): Promise<ListUpload> {
  const query = { ...((req.query ?? {}) as Record<string, unknown>) };
  const errors: FieldError[] = [];
  if (req.isMultipart()) {
    const meta: Record<string, unknown> = { ...query };
    let file: Buffer | null = null;
    let guessedFormat: SanctionListFormat | null = null;
    try {
      for await (const part of req.parts({ limits: { parts: 20, fields: 10, files: 2 } })) {
        if (part.type === 'file') {
          // Read even a part we refuse: the stream must be consumed for the next part to arrive.
          const data = await part.toBuffer();
          if (part.fieldname !== LIST_FILE_FIELD)
            errors.push({ field: part.fieldname, message: `unknown file part: send the list as the part "${LIST_FILE_FIELD}"` });
          else if (file) errors.push({ field: LIST_FILE_FIELD, message: 'only one file per import' });
          else {
            file = data.length > 0 ? data : null;
            guessedFormat = guess(part.mimetype, part.filename);
          }
          continue;
        }
        if (part.fieldname in meta) {
          errors.push({ field: part.fieldname, message: 'given more than once (form field or query parameter)' });
          continue;
        }
        if (part.valueTruncated) errors.push({ field: part.fieldname, message: 'is too long' });
        meta[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    } catch (e) {
      throw multipartReadError(e, LIST_FILE_FIELD);
    }
    return { meta, file, guessedFormat, errors };
  }
  const type = req.headers['content-type'] ?? '';
  if (Buffer.isBuffer(req.body)) return { meta: query, file: req.body.length > 0 ? req.body : null, guessedFormat: guess(type, undefined), errors };
  if ((req.body === undefined || req.body === null) && /^(text|application)\/csv\b/i.test(type))
    return { meta: query, file: null, guessedFormat: 'CSV', errors };
  throw new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Send the list as multipart/form-data (fields ${META.join(', ')} and the part "${LIST_FILE_FIELD}", CSV or JSON) or as a text/csv body with the metadata in the query`,
  );
}
