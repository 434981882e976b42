import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROBLEM_CODE_LIST, PROBLEM_CODES, FAMILY_STATUS } from '../apps/api/src/common/problem';
import { ContractChecker } from './support/contract';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The OpenAPI document is the contract clients are generated from: complete,
 * lint-clean, the same in tests as in production, and the committed client
 * types and plugin metadata regenerate to the same bytes.
 */
describe('OpenAPI contract', () => {
  let t: TestApp;
  let doc: any;
  const root = path.resolve(__dirname, '..');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.api.get('/api/docs-json')).body;
  }, 60_000);
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await t?.close();
  });

  /** A property's referenced schema, written either as `$ref` or as `allOf: [{$ref}]` (nullable, described). */
  const refOf = (s: any): string | undefined => s?.$ref ?? s?.allOf?.[0]?.$ref;
  const deref = (s: any): any => (refOf(s) ? doc.components.schemas[refOf(s)!.split('/').pop()!] : s);

  const operations = () =>
    Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
      Object.entries(item).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, path: p, method: m, op })),
    );

  it('Redocly (recommended rules, redocly.yaml) reports no error on the served document', () => {
    const file = path.join(tmp, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'json'],
        {
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    const errors = report.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('every operation has an operationId, a summary, a typed success response and documented problems', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const gaps: string[] = [];
    for (const { key, op } of ops) {
      if (!op.operationId) gaps.push(`${key}: operationId`);
      if (!op.summary) gaps.push(`${key}: summary`);
      const ok = Object.entries(op.responses).filter(([s]) => /^2/.test(s));
      if (ok.length === 0) gaps.push(`${key}: no 2xx`);
      for (const [s, r] of ok as [string, any][])
        if (s !== '204' && !Object.values(r.content ?? {}).some((c: any) => c.schema)) gaps.push(`${key} ${s}: untyped`);
      const errors = Object.entries(op.responses).filter(([s]) => Number(s) >= 400) as [string, any][];
      if (errors.length === 0) gaps.push(`${key}: no error documented`);
      for (const [s, r] of errors)
        if (r.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/ProblemDto') gaps.push(`${key} ${s}: not a problem document`);
    }
    expect(gaps).toEqual([]);
  });

  it('bearer auth on every route but the token and health routes; servers, licence and contact are set', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const open = operations()
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map((o) => o.key)
      .sort();
    expect(open).toEqual(['GET /health', 'GET /health/ready', 'POST /api/v1/auth/token']);
    for (const { key, op } of operations())
      if (!open.includes(key)) expect([key, op.responses['401']?.description]).toEqual([key, expect.stringContaining('UNAUTHENTICATED')]);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.info.license).toMatchObject({ name: 'EUPL-1.2' });
    expect(doc.info.contact?.name).toBeTruthy();
  });

  it('the problem schema carries the closed code list, and each code documented on a route has that route’s status', () => {
    const problem = doc.components.schemas.ProblemDto;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    const codeSchema = deref(problem.properties.code);
    expect([...codeSchema.enum].sort()).toEqual([...PROBLEM_CODE_LIST].sort());
    expect(PROBLEM_CODE_LIST).toEqual(
      expect.arrayContaining([
        'TENDER_NOT_FOUND'.replace('TENDER_', ''),
        'CRITERIA_FROZEN',
        'FOUR_EYES',
        'NO_DECLARATION',
        'STALE_EVALUATION',
        'OPEN_FINDINGS',
        'TIE_UNSETTLED',
        'VALIDATION_FAILED',
        'MALFORMED_JSON',
      ]),
    );
    for (const { key, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses) as [string, any][]) {
        if (Number(status) < 400) continue;
        for (const code of String(r.description).match(/`([A-Z_]+)`/g) ?? []) {
          const c = code.slice(1, -1) as keyof typeof PROBLEM_CODES;
          expect([key, c, FAMILY_STATUS[PROBLEM_CODES[c].family]]).toEqual([key, c, Number(status)]);
        }
      }
    }
    expect(operations().find((o) => o.key === 'POST /api/v1/tenders/{id}/award')!.op.responses['409'].description).toEqual(
      expect.stringContaining('OPEN_FINDINGS'),
    );
  });

  it('enums are enums with their values (no bare objects), Art. 44 grounds included', () => {
    const bare: string[] = [];
    for (const [name, s] of Object.entries(doc.components.schemas as Record<string, any>)) {
      for (const [prop, v] of Object.entries((s.properties ?? {}) as Record<string, any>)) {
        const x = v.items ?? v;
        if (x.type === 'object' && !x.properties && !x.$ref && !x.allOf && x.additionalProperties === undefined) bare.push(`${name}.${prop}`);
      }
    }
    expect(bare).toEqual([]);
    const grounds = [...'abcdefghij'].map((l) => `44-1-${l}`).concat([...'abcdefgh'].map((l) => `44-2-${l}`));
    expect(doc.components.schemas.Art44Ground.enum).toEqual(grounds);
    expect(doc.components.schemas.Procedure.enum).toEqual(['OPEN', 'SELECTIVE', 'INVITATION', 'DIRECT']);
    expect(refOf(doc.components.schemas.CreateTenderDto.properties.procedure)).toBe('#/components/schemas/Procedure');
    expect(refOf(doc.components.schemas.ViolationDto.properties.ground)).toBe('#/components/schemas/Art44Ground');
  });

  it('every collection answers the one page shape; reports are PDFs with their language', () => {
    const lists = operations().filter(
      ({ method, op }) => method === 'get' && /Page$/.test(op.responses['200']?.content?.['application/json']?.schema?.$ref ?? ''),
    );
    expect(lists.map((l) => l.key).sort()).toEqual(
      [
        'GET /api/v1/audit-events',
        'GET /api/v1/bidders',
        'GET /api/v1/buyers',
        'GET /api/v1/criteria-templates',
        'GET /api/v1/risk-datasets',
        'GET /api/v1/risk-model/versions',
        'GET /api/v1/sanctions',
        'GET /api/v1/tenders',
        'GET /api/v1/tenders/{id}/awards',
        'GET /api/v1/tenders/{id}/bids',
        'GET /api/v1/tenders/{id}/declarations',
        'GET /api/v1/tenders/{id}/evaluations',
        'GET /api/v1/tenders/{id}/exclusions',
        'GET /api/v1/tenders/{id}/findings',
        'GET /api/v1/tenders/{id}/grades',
        'GET /api/v1/users',
      ].sort(),
    );
    for (const { key, op } of lists) {
      const page = doc.components.schemas[op.responses['200'].content['application/json'].schema.$ref.split('/').pop()];
      expect([key, page.required.sort(), page.additionalProperties]).toEqual([key, ['items', 'page', 'pageSize', 'total'], false]);
      expect(page.properties.pageSize.maximum).toBe(500);
      const params = op.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name);
      expect([key, params]).toEqual([key, expect.arrayContaining(['page', 'pageSize'])]);
    }
    expect(doc.components.schemas.BidSummaryPage.properties.items.items.$ref).toBe('#/components/schemas/BidSummaryDto');
    for (const p of ['/api/v1/evaluations/{id}/report.pdf', '/api/v1/tenders/{id}/report.pdf']) {
      const op = doc.paths[p].get;
      expect(Object.keys(op.responses['200'].content)).toEqual(['application/pdf']);
      const lang = op.parameters.find((x: any) => x.name === 'lang');
      const schema = deref(lang.schema);
      expect(schema.enum).toEqual(expect.arrayContaining(['en', 'fr', 'de']));
    }
  });

  it('the evaluation is typed to its leaves: bids, findings, scores, risk nodes', () => {
    const s = doc.components.schemas;
    expect(doc.paths['/api/v1/evaluations/{id}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/EvaluationDto',
    });
    expect(s.EvaluationDto.properties.bids.items.$ref).toBe('#/components/schemas/EvaluatedBidDto');
    expect(s.EvaluatedBidDto.properties.scores.additionalProperties.$ref).toBe('#/components/schemas/CriterionScoreDto');
    expect(s.BidRiskDto.properties.nodes.items.$ref).toBe('#/components/schemas/NodeRiskDto');
    expect(refOf(s.EvaluationFindingDto.properties.code)).toBe('#/components/schemas/FindingCode');
    expect(doc.paths['/api/v1/evaluations/{id}/replay'].post.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ReplayDto',
    });
  });

  it('the committed plugin metadata (apps/api/src/metadata.ts) is what the swagger plugin derives from the code now', () => {
    execFileSync(process.execPath, ['-r', './tools/ts-register.js', 'tools/openapi-metadata.ts', tmp], { cwd: root, stdio: 'ignore' });
    const fresh = readFileSync(path.join(tmp, 'metadata.ts'), 'utf8');
    // Stale? `npm run openapi:metadata` and commit the file.
    expect(fresh === readFileSync(path.join(root, 'apps/api/src/metadata.ts'), 'utf8')).toBe(true);
  }, 120_000);

  it('the document of the `nest build` output (compiler plugin) is the one served here (swc, metadata file)', () => {
    const built = path.join(root, 'dist/apps/api/src/create-app.js');
    if (!existsSync(built)) {
      // CI builds before testing (.ci/run); locally run `npm run build` first to compare.
      console.warn('SKIPPED: no dist/ build to compare the production document with (npm run build)');
      return;
    }
    const script = `
      require('reflect-metadata');
      const { loadConfig } = require(${JSON.stringify(path.join(root, 'dist/apps/api/src/config/app-config'))});
      const { createApp, buildOpenApiDocument } = require(${JSON.stringify(built)});
      (async () => {
        const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/none', LOG_LEVEL: 'silent', JWT_SECRET: 'openapi-prod-openapi-prod-openapi-prod-1', SEED_DEMO: 'false' });
        const app = await createApp(config, { logger: false });
        // Exit only once the pipe has taken the whole document (a large write is asynchronous).
        process.stdout.write(JSON.stringify(buildOpenApiDocument(app)), () => process.exit(0));
      })();`;
    const prod = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const sorted = (o: unknown): unknown =>
      Array.isArray(o)
        ? o.map(sorted)
        : o && typeof o === 'object'
          ? Object.fromEntries(
              Object.keys(o)
                .sort()
                .map((k) => [k, sorted((o as Record<string, unknown>)[k])]),
            )
          : o;
    const differing = Object.keys({ ...prod.components.schemas, ...doc.components.schemas }).filter(
      (k) => JSON.stringify(sorted(prod.components.schemas[k])) !== JSON.stringify(sorted(doc.components.schemas[k])),
    );
    expect(differing).toEqual([]);
    expect(JSON.stringify(sorted(prod))).toBe(JSON.stringify(sorted(doc)));
  }, 120_000);

  it('the committed client types (test/client/schema.d.ts) are those generated from the served document', () => {
    // openapi-typescript loads ESM dependencies: it runs in Node, outside Jest's module system.
    const out = path.join(tmp, 'schema.d.ts');
    execFileSync(process.execPath, ['-r', './tools/ts-register.js', 'tools/openapi-types.ts', out], { cwd: root, stdio: 'ignore' });
    // Stale? `npm run openapi:types` and commit the file.
    expect(readFileSync(out, 'utf8') === readFileSync(path.join(root, 'test/client/schema.d.ts'), 'utf8')).toBe(true);
  }, 120_000);

  it('the response check refuses an undocumented field, an undocumented status and a wrong media type', () => {
    const checker = new ContractChecker({
      paths: {
        '/x/{id}': {
          get: {
            responses: {
              '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/X' } } } },
              '404': { content: { 'application/problem+json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
      components: { schemas: { X: { type: 'object', required: ['a'], additionalProperties: false, properties: { a: { type: 'string', nullable: true } } } } },
    });
    expect(() => checker.check('GET', '/x/1', 200, 'application/json', { a: 'ok' })).not.toThrow();
    expect(() => checker.check('GET', '/x/1', 200, 'application/json', { a: null })).not.toThrow();
    expect(() => checker.check('GET', '/x/1', 200, 'application/json', { a: 'ok', extra: 1 })).toThrow(/does not match/);
    expect(() => checker.check('GET', '/x/1', 200, 'application/json', {})).toThrow(/does not match/);
    expect(() => checker.check('GET', '/x/1', 409, 'application/problem+json', {})).toThrow(/not documented/);
    expect(() => checker.check('GET', '/x/1', 404, 'text/html', '')).toThrow(/answered text\/html/);
    expect(() => checker.check('GET', '/unknown', 500, 'text/html', '')).not.toThrow();
  });

  it('pageSize defaults to 50, accepts 500 and refuses 501 naming the field', async () => {
    const admin = (await import('./support/test-app')).actor;
    const a = await admin(t, 'ADMIN');
    expect((await a.api.get('/api/v1/users')).body).toMatchObject({ page: 1, pageSize: 50 });
    expect((await a.api.get('/api/v1/users?pageSize=500&page=2')).body).toMatchObject({ page: 2, pageSize: 500, items: [] });
    const refused = await a.api.get('/api/v1/users?pageSize=501');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'pageSize' })] });
  });
});
