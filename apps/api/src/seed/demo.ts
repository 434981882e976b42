import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { BiddersService } from '../bidders/bidders.service';
import { BidsService } from '../bids/bids.service';
import type { SupplyChainNodeDto } from '../bids/bids.dto';
import { BuyersService } from '../buyers/buyers.service';
import { GradingService } from '../evaluations/grading.service';
import { SeedRepository } from './seed.repository';
import { TendersService } from '../tenders/tenders.service';
import { UsersService } from '../users/users.service';
import { Clock } from '../common/clock';
import { AwardsService } from '../decisions/awards.service';
import { EvaluationsService } from '../evaluations/evaluations.service';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Runs one seed step on the clock set to `at` (the seed runs before the service takes requests). */
async function during<T>(clock: Clock, at: Date, fn: () => Promise<T>): Promise<T> {
  clock.setFixed(at);
  try {
    return await fn();
  } finally {
    clock.setFixed(null);
  }
}

const allTrue = {
  labourProtection: true,
  workingConditions: true,
  equalPay: true,
  illegalEmploymentDuties: true,
  environmentalLaw: true,
  taxesAndSocialSecurityPaid: true,
  iloCoreConventions: true,
};

function node(name: string, country: string | undefined, sharePercent: string, goods: string[], extra: Partial<SupplyChainNodeDto> = {}): SupplyChainNodeDto {
  return { name, country, sharePercent, goods, declarations: { ...allTrue }, evidence: [], violations: [], subcontractors: [], ...extra } as SupplyChainNodeDto;
}

export interface DemoCredentials {
  role: string;
  email: string;
  password: string;
}

/**
 * A realistic sample so that a newcomer can try the service at once: one
 * buyer, its officers and auditor, and one tender per stage — PUBLISHED (open
 * for bids), CLOSED and evaluable (work uniforms, bidders whose subcontractors
 * sit in several countries), AWARDED.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoCredentials[] | null> {
  if (!(await SeedRepository.of(app).fresh())) return null;
  const system: AuthContext = { userId: '00000000-0000-0000-0000-000000000000', email: 'system', role: 'ADMIN', buyerId: null, requestId: 'demo-seed' };
  const buyer = await app.get(BuyersService).create(system, { name: 'Federal Office for Buildings and Logistics (demo)', country: 'CH' });
  const users = app.get(UsersService);
  const pw = () => randomBytes(12).toString('base64url');
  const creds: DemoCredentials[] = [
    { role: 'ADMIN', email: 'admin@demo.example', password: pw() },
    { role: 'OFFICER', email: 'officer.meier@demo.example', password: pw() },
    { role: 'OFFICER', email: 'officer.rochat@demo.example', password: pw() },
    { role: 'AUDITOR', email: 'auditor@demo.example', password: pw() },
  ];
  const ids: string[] = [];
  for (const c of creds) {
    const u = await users.create(null, { email: c.email, password: c.password, role: c.role as 'ADMIN', buyerId: c.role === 'ADMIN' ? undefined : buyer.id });
    ids.push(u.id);
  }
  const officer: AuthContext = { userId: ids[1], email: creds[1].email, role: 'OFFICER', buyerId: buyer.id, requestId: 'demo-seed' };

  const bidders = app.get(BiddersService);
  const helvetia = await bidders.create(officer, { name: 'Helvetia Workwear AG', country: 'CH', identifiers: { uid: 'CHE-101.202.303' } });
  const romands = await bidders.create(officer, { name: 'Textiles Romands SA', country: 'CH', identifiers: { uid: 'CHE-404.505.606' } });
  const euro = await bidders.create(officer, { name: 'EuroUniform GmbH', country: 'DE', identifiers: { vat: 'DE123456789' } });

  // A timeline relative to the seed time, so the demo tells the same story on any day: one tender still
  // open for bids, one closed after its deadline and ready to evaluate, one awarded. Past steps run on the
  // Clock set to when they happened (in-process, before the service listens).
  const clock = app.get(Clock);
  const now = clock.now().getTime();
  const at = (days: number, hours = 0) => new Date(now + days * DAY_MS + hours * HOUR_MS);
  const iso = (d: Date) => d.toISOString();
  const tenders = app.get(TendersService);
  const bids = app.get(BidsService);
  const grading = app.get(GradingService);
  const submit = (tenderId: string, bidderId: string, receivedAt: Date, price: string, supplyChain: SupplyChainNodeDto) =>
    bids.submit(officer, tenderId, { bidderId, receivedAt: iso(receivedAt), price, supplyChain } as never, undefined);
  const criteria = [
    { code: 'PRICE', name: 'Total price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
    { code: 'QUALITY', name: 'Quality of fabrics and fit', kind: 'QUALITY', weight: '30' },
    { code: 'HUMAN_RIGHTS', name: 'Supply-chain human-rights risk', kind: 'HUMAN_RIGHTS', weight: '20' },
  ] as never;

  // 1. CLOSED and evaluable: deadline two weeks ago.
  const deadline = at(-14);
  const tender = await tenders.create(officer, {
    reference: 'BBL-2027-017',
    title: 'Work uniforms for federal staff 2027–2030',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: iso(deadline),
    placesOfPerformance: ['CH'],
    goods: ['Garments'],
    criteria,
    additionalConventions: ['C155'],
  });
  await during(clock, at(-60), () => tenders.transition(officer, tender.id, 'publish'));
  const helvetiaBid = await submit(
    tender.id,
    helvetia.id,
    at(-16, 9),
    '1184500.00',
    node('Helvetia Workwear AG', 'CH', '100', [], {
      declarations: { ...allTrue, subcontractClause: true },
      subcontractors: [
        node('Dhaka Stitching Ltd', 'BD', '60', ['Garments'], {
          declarations: { ...allTrue, subcontractClause: true, additionalConventions: ['C155'] },
          evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'amfori BSCI', issuedAt: iso(at(-200)).slice(0, 10) }],
          subcontractors: [node('Gujarat Cotton Mills', 'IN', '50', ['Cotton'], { declarations: { ...allTrue, additionalConventions: ['C155'] } })],
        }),
      ],
    }),
  );
  const romandsBid = await submit(
    tender.id,
    romands.id,
    at(-15, 16),
    '1320000.00',
    node('Textiles Romands SA', 'CH', '100', [], {
      declarations: { ...allTrue, subcontractClause: true },
      subcontractors: [
        node('Porto Confecções Lda', 'PT', '70', ['Garments'], {
          declarations: { ...allTrue, additionalConventions: ['C155'] },
          evidence: [{ kind: 'CERTIFICATION', issuer: 'SA8000', issuedAt: iso(at(-500)).slice(0, 10), validUntil: iso(at(600)).slice(0, 10) }],
        }),
      ],
    }),
  );
  const euroBid = await submit(
    tender.id,
    euro.id,
    new Date(deadline.getTime() - 2 * 60_000),
    '1095000.00',
    node('EuroUniform GmbH', 'DE', '100', [], {
      declarations: { ...allTrue, subcontractClause: true, additionalConventions: ['C155'] },
      subcontractors: [
        node('Anhui Apparel Co', 'CN', '80', ['Garments'], {
          declarations: { ...allTrue, subcontractClause: true },
          subcontractors: [node('Northwest Cotton Cooperative', 'CN', '40', ['Cotton'])],
        }),
        node('Trims supplier (not named)', undefined, '10', ['Buttons']),
      ],
    }),
  );
  await during(clock, at(-14, 1), () => tenders.transition(officer, tender.id, 'close'));
  // Officer Meier has declared impartiality and graded quality, so the demo tender can be evaluated at once.
  await grading.declare(officer, tender.id, { impartial: true, interests: 'No interests in any tenderer (demo declaration).' });
  for (const [bid, grade, comment] of [
    [helvetiaBid.body.id, 4, 'Durable fabrics; fit samples good'],
    [romandsBid.body.id, 5, 'Best fabrics and fit in the trial'],
    [euroBid.body.id, 3, 'Fabric samples below the specification in two points'],
  ] as const) {
    await grading.grade(officer, tender.id, bid, 'QUALITY', { grade, comment });
  }

  // 2. PUBLISHED and open for bids: deadline in a month, one bid in already.
  const open = await tenders.create(officer, {
    reference: 'BBL-2027-021',
    title: 'Protective footwear for federal staff 2027–2029',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: iso(at(30)),
    placesOfPerformance: ['CH'],
    goods: ['Footwear'],
    criteria,
  });
  await during(clock, at(-5), () => tenders.transition(officer, open.id, 'publish'));
  await submit(open.id, romands.id, at(-1, 10), '412000.00', node('Textiles Romands SA', 'CH', '100', [], { declarations: { ...allTrue } }));

  // 3. AWARDED: both officers declared, evaluated and awarded at seed time (the appeal period runs from now).
  const officer2: AuthContext = { userId: ids[2], email: creds[2].email, role: 'OFFICER', buyerId: buyer.id, requestId: 'demo-seed' };
  const done = await tenders.create(officer, {
    reference: 'BBL-2026-044',
    title: 'Fleece jackets for the federal border service 2026–2028',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: iso(at(-40)),
    placesOfPerformance: ['CH'],
    goods: ['Garments'],
    criteria,
  });
  await during(clock, at(-90), () => tenders.transition(officer, done.id, 'publish'));
  const doneBids = [
    await submit(done.id, helvetia.id, at(-45), '288000.00', node('Helvetia Workwear AG', 'CH', '100', [], { declarations: { ...allTrue } })),
    await submit(done.id, romands.id, at(-42), '301500.00', node('Textiles Romands SA', 'CH', '100', [], { declarations: { ...allTrue } })),
  ];
  await during(clock, at(-40, 1), () => tenders.transition(officer, done.id, 'close'));
  for (const who of [officer, officer2]) await grading.declare(who, done.id, { impartial: true, interests: 'None (demo declaration).' });
  for (const [i, grade] of [4, 4].entries()) await grading.grade(officer, done.id, doneBids[i].body.id, 'QUALITY', { grade, comment: 'Samples as specified' });
  const evaluation = await app.get(EvaluationsService).create(officer, done.id);
  await app.get(AwardsService).award(officer2, done.id, { evaluationId: evaluation.id });
  return creds;
}

/** Where the demo passwords are kept for the operator (mode 0600): the console line scrolls away. */
export const demoCredentialsFile = (dataDir: string): string => path.join(dataDir, 'demo-credentials.txt');

export function credentialLines(creds: DemoCredentials[], port: number): string[] {
  return [
    ...creds.map((c) => `${c.role.padEnd(8)} ${c.email.padEnd(32)} ${c.password}`),
    `Get a token: curl -s -X POST localhost:${port}/api/v1/auth/token -H "content-type: application/json" \\`,
    `     -d '{"email":"${creds[1].email}","password":"${creds[1].password}"}'`,
  ];
}

/** Writes the demo passwords to DATA_DIR, readable by the owner only; returns the file's path. */
export function writeCredentials(creds: DemoCredentials[], port: number, dataDir: string): string {
  const file = demoCredentialsFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    file,
    `# Demo users seeded ${new Date().toISOString()}; stored in the database only as argon2id hashes.\n${credentialLines(creds, port).join('\n')}\n`,
    {
      mode: 0o600,
    },
  );
  fs.chmodSync(file, 0o600); // an existing file keeps its mode on write
  return file;
}

/** The console box, printed once after the service listens. */
export function printCredentials(creds: DemoCredentials[], port: number, file: string | null): void {
  const lines = [
    '',
    `┌─ Demo data seeded. These passwords are shown once${file ? ` and kept in ${file} (mode 0600)` : ''}; the database stores only argon2id hashes.`,
    ...credentialLines(creds, port).map((l) => `│  ${l}`),
    '└─',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
