import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Every e2e response checked against the served OpenAPI document: the status
 * must be documented for the operation, and a JSON body must match its schema
 * (closed DTOs: an undocumented field fails). Hooked into Api.request once, so
 * every suite gets it; routes the document does not know (unknown-route 404s)
 * are left alone.
 */
type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const DOC_ID = 'openapi.json';

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a union with null, references point into the registered document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out.$ref = `${DOC_ID}${v}`;
    else if (k !== 'nullable' && k !== 'example' && k !== 'examples') out[k] = toJsonSchema(v);
  }
  if ((node as Schema).nullable === true) {
    const { description, ...rest } = out;
    return { ...(description ? { description } : {}), anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

export class ContractChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: { method: string; re: RegExp; template: string; op: Operation }[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(doc: Doc) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    // class-validator's @IsBase64 documents `format: base64` (the checkpoint's signature): checked, not ignored.
    this.ajv.addFormat('base64', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
    this.ajv.addSchema({ $id: DOC_ID, components: toJsonSchema(doc.components) } as Schema);
    for (const [template, item] of Object.entries(doc.paths)) {
      const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(item)) this.routes.push({ method: method.toUpperCase(), re, template, op });
    }
    // Literal segments before parameters: /risk-datasets/templates/{kind} before /risk-datasets/{id}.
    this.routes.sort((a, b) => b.template.split('{').length - a.template.split('{').length).reverse();
  }

  /** Throws naming the operation when the answer is not the documented one. */
  check(method: string, url: string, status: number, contentType: string, body: unknown): void {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.re.test(path));
    if (!route) return;
    const name = `${method} ${route.template} → ${status}`;
    const response = route.op.responses[String(status)];
    if (!response) throw new Error(`contract: ${name} is not documented (documented: ${Object.keys(route.op.responses).join(', ')})`);
    const media = contentType.split(';')[0].trim();
    if (!response.content) {
      if (body !== undefined && body !== '') throw new Error(`contract: ${name} documents no body, got ${media}`);
      return;
    }
    const documented = response.content[media];
    if (!documented) throw new Error(`contract: ${name} answered ${media}, documented ${Object.keys(response.content).join(', ')}`);
    if (!media.includes('json') || !documented.schema) return;
    const key = `${name} ${media}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(documented.schema) as Schema);
      this.validators.set(key, validate);
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      throw new Error(`contract: ${name} body does not match its schema:\n  ${errors.join('\n  ')}`);
    }
  }
}

const checkers = new Map<string, Promise<ContractChecker>>();

/** One checker per server, from the document it serves. */
export function contractFor(baseUrl: string): Promise<ContractChecker> {
  let c = checkers.get(baseUrl);
  if (!c) {
    c = fetch(`${baseUrl}/api/docs-json`)
      .then((r) => r.json())
      .then((doc) => new ContractChecker(doc as Doc));
    checkers.set(baseUrl, c);
  }
  return c;
}
