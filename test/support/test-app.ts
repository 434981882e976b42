import { randomBytes } from 'node:crypto';
import { createOwnDatabase } from './databases';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@generated/prisma';
import { ensureReferenceData } from '../../apps/api/src/admin/reference-data.service';
import { createApp } from '../../apps/api/src/create-app';
import { PrismaService } from '../../apps/api/src/database/prisma.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import { contractFor } from './contract';
import { testConfig } from './integration';

// Seven engineers' suites and three parallel files share two cores: an e2e step may take longer than Jest's default 5 s.
jest.setTimeout(60_000);

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A small HTTP client over real sockets (fetch) against the listening test server. */
export class Api {
  constructor(
    public readonly baseUrl: string,
    private readonly token?: string,
    /** Every answer is checked against the served OpenAPI document (test/support/contract.ts). */
    private readonly checkContract = true,
  ) {}

  as(token: string): Api {
    return new Api(this.baseUrl, token, this.checkContract);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    if (this.checkContract) (await contractFor(this.baseUrl)).check(method, path, res.status, res.headers.get('content-type') ?? '', parsed);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  /** The same client without the contract check, for requests a test sends on purpose outside the contract. */
  unchecked(): Api {
    return new Api(this.baseUrl, this.token, false);
  }

  /** Raw bytes (PDFs). */
  async bytes(path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(this.baseUrl + path, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    if (this.checkContract)
      (await contractFor(this.baseUrl)).check('GET', path, res.status, type, type.includes('json') ? JSON.parse(bytes.toString('utf8')) : bytes);
    return { status: res.status, headers: res.headers, bytes };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  api: Api;
  prisma: PrismaService;
  close(): Promise<void>;
}

let lastStarted: TestApp | undefined;

/** The app most recently started in this test file (builders that move its Clock need it; one app per suite is the rule). */
export function lastTestApp(): TestApp {
  if (!lastStarted) throw new Error('no test app started in this file');
  return lastStarted;
}

/** Boots the real application on an ephemeral port against the run's test database. */
export async function startTestApp(env: Record<string, string> = {}, opts: { referenceData?: boolean } = {}): Promise<TestApp> {
  const config = testConfig(env);
  const app = await createApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  if (opts.referenceData !== false) await ensureReferenceData(app);
  const address = app.getHttpServer().address() as { port: number };
  lastStarted = {
    app,
    api: new Api(`http://127.0.0.1:${address.port}`),
    prisma: app.get(PrismaService),
    close: () => app.close(),
  };
  return lastStarted;
}

export const uniq = (prefix = ''): string => `${prefix}${randomBytes(5).toString('hex')}`;

export interface Actor {
  id: string;
  email: string;
  password: string;
  token: string;
  api: Api;
}

/** Creates a user through the service layer and logs it in through HTTP. */
export async function actor(t: TestApp, role: Role, buyerId?: string): Promise<Actor> {
  const email = `${role.toLowerCase()}-${uniq()}@test.example`;
  const password = `pw-${uniq()}-${uniq()}`;
  const user = await t.app.get(UsersService).create(null, { email, password, role, buyerId });
  const res = await t.api.post('/api/v1/auth/token', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return { id: user.id, email, password, token: res.body.accessToken, api: t.api.as(res.body.accessToken) };
}

export interface BuyerWorld {
  buyerId: string;
  admin: Actor;
  officer: Actor;
  officer2: Actor;
  auditor: Actor;
}

/** A buyer with an admin, two officers and an auditor. */
export async function buyerWorld(t: TestApp, admin?: Actor): Promise<BuyerWorld> {
  const a = admin ?? (await actor(t, 'ADMIN'));
  const buyer = await a.api.post('/api/v1/buyers', { name: `Buyer ${uniq()}`, country: 'CH' });
  if (buyer.status !== 201) throw new Error(`buyer: ${buyer.status} ${buyer.text}`);
  const buyerId = buyer.body.id as string;
  return {
    buyerId,
    admin: a,
    officer: await actor(t, 'OFFICER', buyerId),
    officer2: await actor(t, 'OFFICER', buyerId),
    auditor: await actor(t, 'AUDITOR', buyerId),
  };
}

export interface TwoBuyerSuite {
  t: TestApp;
  /** The buyer the suite works for: admin, two officers, an auditor. */
  w: BuyerWorld;
  /** Another buyer, for the 404-across-buyers checks. */
  other: BuyerWorld;
}

/**
 * The common e2e setup: registers beforeAll/afterAll that start the app with
 * two buyers and close it. Call at the top of a describe; read the fields
 * inside tests and later hooks (they are set when beforeAll has run).
 */
export function twoBuyerSuite(env: Record<string, string> = {}, opts: { ownDatabase?: string } = {}): TwoBuyerSuite {
  const suite = {} as TwoBuyerSuite;
  let own: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    // A database of the suite's own where global state would leak between suites (e.g. jobs other suites queued).
    if (opts.ownDatabase) own = await createOwnDatabase(opts.ownDatabase);
    suite.t = await startTestApp(own ? { ...env, DATABASE_URL: own.url } : env);
    suite.w = await buyerWorld(suite.t);
    suite.other = await buyerWorld(suite.t, suite.w.admin);
    // Nine argon2id users and an app start: seconds on a loaded 2-core machine, more than Jest's 5 s default.
  }, 60_000);
  afterAll(async () => {
    await suite.t?.close();
    await own?.drop();
  }, 30_000);
  return suite;
}
