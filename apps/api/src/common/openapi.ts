import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { codesWithStatus, FAMILY_STATUS, PROBLEM_CODE_LIST, PROBLEM_CODES, PROBLEM_TITLE, type ProblemCode, statusOf } from './problem';
import { MAX_PAGE_SIZE } from './paging';

/**
 * The OpenAPI side of the contract: one problem schema, one page schema
 * factory, error responses per route, and the finishing pass over the whole
 * document (create-app.ts). docs/architecture.md "How to add an endpoint".
 */

/**
 * An enum-like object of a lib's string-literal list, for class-validator's
 * @IsEnum and the OpenAPI `enum` (the same values, messages and schema as a Prisma enum).
 */
export function literalEnum<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Art. 44 ground codes (BöB/LMP): 44-1-a … 44-1-j, 44-2-a … 44-2-h. */
export { ART44_GROUNDS } from '@app/procedure';

export class FieldErrorDto {
  /** The field, as a path into the request: `criteria[0].weight`, `file:line 12:tier`, `If-Match`. */
  @ApiProperty()
  field!: string;
  @ApiProperty()
  message!: string;
}

/** RFC 9457 problem details; extension members (e.g. `reasons`, `blocking`, `tenderStatus`) may follow. */
export class ProblemDto {
  /** A URI reference naming the problem family, e.g. /problems/conflict. */
  @ApiProperty({ example: '/problems/conflict' })
  type!: string;
  @ApiProperty({ example: PROBLEM_TITLE.CONFLICT })
  title!: string;
  @ApiProperty({ example: 409, minimum: 400, maximum: 599 })
  status!: number;
  @ApiProperty()
  detail!: string;
  @ApiProperty({
    enum: PROBLEM_CODE_LIST,
    enumName: 'ProblemCode',
    description: [
      'Stable, machine-readable; never changes with the language.',
      ...PROBLEM_CODE_LIST.map((c) => `- \`${c}\` (${statusOf(c)}): ${PROBLEM_CODES[c].description}`),
    ].join('\n'),
  })
  code!: ProblemCode;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Every failing field (422, and the fields of some 409s).' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'The request path.' })
  instance?: string;
  @ApiPropertyOptional({ description: 'Also in the X-Request-Id header and the logs.' })
  requestId?: string;
}

const STATUS_TEXT: Record<number, string> = Object.fromEntries(
  Object.entries(FAMILY_STATUS).map(([f, s]) => [s, PROBLEM_TITLE[f as keyof typeof PROBLEM_TITLE]]),
);

function problemResponse(status: number, codes: readonly ProblemCode[]) {
  return {
    description: `${STATUS_TEXT[status] ?? 'Error'}: ${codes.map((c) => `\`${c}\``).join(', ')}`,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
  };
}

/**
 * Documents the problems a route answers beyond those every route of its kind
 * answers (401/403/404/422/… are added by `finishDocument`): name the codes.
 * Carried as an extension and turned into responses by `finishDocument`, so
 * that the success response the swagger plugin infers stays in place.
 */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ProblemDto), ApiExtension(PROBLEMS_EXTENSION, codes));
}

const PROBLEMS_EXTENSION = 'x-problem-codes';

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The page class of an item DTO (`{items, page, pageSize, total}`), one schema `<Item>Page` per item type. */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; page: number; pageSize: number; total: number }> {
  const known = pages.get(item);
  if (known) return known as never;
  class Page {
    @ApiProperty({ type: [item] })
    items!: T[];
    @ApiProperty({ minimum: 1, description: '1-based' })
    page!: number;
    @ApiProperty({ minimum: 1, maximum: MAX_PAGE_SIZE })
    pageSize!: number;
    @ApiProperty({ minimum: 0, description: 'Items on all pages' })
    total!: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  pages.set(item, Page);
  return Page as never;
}

/** A JSON object keyed by code (criterion, dataset kind) whose values are `item`. */
export function mapOf(item: Type<unknown> | 'string'): { type: 'object'; additionalProperties: object } {
  return { type: 'object', additionalProperties: item === 'string' ? { type: 'string' } : { $ref: getSchemaPath(item) } };
}

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
};

/** Routes open without a token (api.md "Identity"): answered without the bearer requirement. */
const PUBLIC_PATHS = [/^\/health/, /^\/api\/v1\/auth\/token$/];

/**
 * The finishing pass over the generated document: the problems every route of
 * its kind can answer (from the global guard, pipes and body parser), the
 * bearer requirement, and closed schemas. What depends on one route stays on
 * that route (`@ApiProblems`).
 */
export function finishDocument(doc: OpenAPIObject): OpenAPIObject {
  const schemas = (doc.components ??= {}).schemas ?? {};
  doc.components.schemas = schemas;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const codes = new Map<number, ProblemCode[]>();
      const add = (...cs: ProblemCode[]) => {
        for (const c of cs) if (!codes.get(statusOf(c))?.includes(c)) codes.set(statusOf(c), [...(codes.get(statusOf(c)) ?? []), c]);
      };
      const ext = op as Record<string, unknown>;
      add(...((ext[PROBLEMS_EXTENSION] as ProblemCode[] | undefined) ?? []));
      delete ext[PROBLEMS_EXTENSION];
      if (PUBLIC_PATHS.some((re) => re.test(path))) op.security = [];
      else add('UNAUTHENTICATED', 'FORBIDDEN');
      // A path parameter can also be badly percent-encoded (400) or longer than the router reads (414): Fastify answers before the route.
      if ((op.parameters ?? []).some((p) => p.in === 'path')) add('BAD_REQUEST', 'NOT_FOUND', 'URI_TOO_LONG');
      // BAD_REQUEST: an empty or non-UTF-8 body, a multipart body cut short.
      if (op.requestBody) add('MALFORMED_JSON', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
      if (op.requestBody || (op.parameters ?? []).some((p) => p.in === 'query')) add('VALIDATION_FAILED');
      add('DATABASE_UNAVAILABLE');
      // A bare `@ApiResponse({status: 4xx, description})` keeps its description and gets the problem schema.
      const given: Record<string, string | undefined> = {};
      for (const [key, r] of Object.entries(op.responses)) {
        const status = Number(key);
        if (status < 400) continue;
        given[key] = (r as { description?: string }).description;
        if (!codes.has(status)) codes.set(status, codesWithStatus(status));
      }
      for (const [status, cs] of [...codes].sort(([x], [y]) => x - y)) {
        const response = problemResponse(status, cs);
        const text = given[String(status)];
        op.responses[String(status)] = text ? { ...response, description: `${text} (${response.description})` } : response;
      }
    }
  }
  // Response and request DTOs are allow-lists (the validation pipe refuses unknown fields; the
  // services map rows field by field): a schema with properties is closed unless it says otherwise.
  for (const [name, schema] of Object.entries(schemas) as [string, { type?: string; properties?: object; additionalProperties?: unknown }][]) {
    if (name === 'ProblemDto') continue;
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  // OpenAPI 3.0 wants a `type` beside `nullable`: a nullable reference takes the type of what it references.
  const fixNullable = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { nullable?: boolean; type?: string; allOf?: { $ref?: string }[] };
    const ref = n.allOf?.length === 1 ? n.allOf[0].$ref : undefined;
    if (n.nullable && !n.type && ref) n.type = (schemas[ref.split('/').pop()!] as { type?: string } | undefined)?.type ?? 'object';
    for (const v of Object.values(node)) fixNullable(v);
  };
  fixNullable(doc.components.schemas);
  fixNullable(doc.paths);
  return doc;
}
