import { bidBody, bidder, closedTenderWithBulkBids, nodeBody, publishedTender } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

// Read by PrismaService when the application starts (below, in the suite's beforeAll): count every SQL statement.
const before = process.env.DB_COUNT_QUERIES;
process.env.DB_COUNT_QUERIES = 'true';

/**
 * The number of SQL statements a request sends does not grow with the data
 * it answers about: no query per bid, per node, per criterion. Counted at the
 * connection (BEGIN and COMMIT included) with DB_COUNT_QUERIES=true; the two
 * sizes of each request must send exactly as many statements.
 */
describe('SQL statements per request are constant in the number of bids and nodes', () => {
  const s = twoBuyerSuite();
  afterAll(() => {
    if (before === undefined) delete process.env.DB_COUNT_QUERIES;
    else process.env.DB_COUNT_QUERIES = before;
  });

  /** The counter really counts: a request that reads the database is seen. */
  const counted: Record<string, number> = {};
  afterAll(() => console.log(`SQL statements per request: ${JSON.stringify(counted)}`));

  const count = async (request: () => Promise<{ status: number; text: string }>, status = 200): Promise<number> => {
    const prisma = s.t.prisma as unknown as { statementCount: number | null };
    // Let anything the previous request left running (a logged security event, a pool release) settle.
    await new Promise((r) => setTimeout(r, 50));
    const start = prisma.statementCount;
    if (start === null) throw new Error('DB_COUNT_QUERIES is not in effect');
    const res = await request();
    if (res.status !== status) throw new Error(`${res.status} ${res.text}`);
    await new Promise((r) => setTimeout(r, 50));
    return prisma.statementCount! - start;
  };

  /** A chain of n nodes: the bidder and n − 1 subcontractors, two levels deep, with evidence and a violation. */
  const chainOf = (name: string, n: number) => {
    const subs = Array.from({ length: n - 1 }, (_, i) =>
      nodeBody(`Sub ${i}`, {
        country: 'BD',
        sharePercent: '1',
        goods: ['Garments'],
        evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'amfori', issuedAt: '2026-02-10' }],
        violations: [{ ground: '44-2-f', standard: 'INDICATION', occurredAt: '2025-05-01', source: 'NGO', description: 'Overtime' }],
      }),
    );
    return nodeBody(name, { subcontractors: subs });
  };

  it('bid intake: a 2-node and a 20-node chain', async () => {
    const tenderId = await publishedTender(s.w.officer);
    const post = async (n: number) => {
      const b = await bidder(s.w.officer);
      return count(() => s.w.officer.api.post(`/api/v1/tenders/${tenderId}/bids`, bidBody(b, { supplyChain: chainOf('Bidder AG', n) })), 201);
    };
    await post(3); // warm-up
    const small = await post(2);
    const large = await post(20);
    counted.intake = small;
    expect(small).toBeGreaterThan(0);
    expect({ small, large }).toEqual({ small, large: small });
  });

  describe('reads of a tender with 10 and with 60 bids', () => {
    let few: { tenderId: string; bidIds: string[] };
    let many: { tenderId: string; bidIds: string[] };
    let evaluations: { few: string; many: string };
    beforeAll(async () => {
      few = await closedTenderWithBulkBids(s.w.officer.api, 10);
      many = await closedTenderWithBulkBids(s.w.officer.api, 60);
      const evaluate = async (tenderId: string) => {
        const r = await s.w.officer.api.post(`/api/v1/tenders/${tenderId}/evaluations`);
        if (r.status !== 201) throw new Error(`evaluation: ${r.status} ${r.text}`);
        return r.body.id as string;
      };
      evaluations = { few: await evaluate(few.tenderId), many: await evaluate(many.tenderId) };
    }, 120_000);

    const both = async (path: (which: 'few' | 'many') => string) => {
      const api = s.w.auditor.api;
      await count(() => api.get(path('few'))); // warm-up (caches of reference data, prepared statements)
      const c = { few: await count(() => api.get(path('few'))), many: await count(() => api.get(path('many'))) };
      expect(c.few).toBeGreaterThan(0);
      counted[
        path('few')
          .replace(/[0-9a-f-]{36}/g, ':id')
          .replace(/\?.*$/, '')
      ] = c.few;
      return c;
    };

    it('GET /tenders/:id/bids (pageSize 100: all bids on one page)', async () => {
      const c = await both((w) => `/api/v1/tenders/${(w === 'few' ? few : many).tenderId}/bids?pageSize=100`);
      expect(c).toEqual({ few: c.few, many: c.few });
    });

    it('GET /tenders/:id/bids/:bidId', async () => {
      const c = await both((w) => `/api/v1/tenders/${(w === 'few' ? few : many).tenderId}/bids/${(w === 'few' ? few : many).bidIds[5]}`);
      expect(c).toEqual({ few: c.few, many: c.few });
    });

    it('GET /tenders/:id', async () => {
      const c = await both((w) => `/api/v1/tenders/${(w === 'few' ? few : many).tenderId}`);
      expect(c).toEqual({ few: c.few, many: c.few });
    });

    it('GET /evaluations/:id', async () => {
      const c = await both((w) => `/api/v1/evaluations/${evaluations[w]}`);
      expect(c).toEqual({ few: c.few, many: c.few });
    });
  });

  // The budget the API bench was measured with (docs/performance.md): a statement more on a hot path is a
  // regression to look at, not a number to update in passing. Intake: the guard's account read, BEGIN, the
  // tender lock with the bidder check, the bid with its chain, the audit chain head, the event, COMMIT.
  it('stays within the recorded budget', () => {
    expect(counted).toEqual({
      intake: 7,
      '/api/v1/tenders/:id/bids': 1,
      '/api/v1/tenders/:id/bids/:id': 1,
      '/api/v1/tenders/:id': 1,
      '/api/v1/evaluations/:id': 2,
    });
  });
});
