import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { BiddersService } from '../bidders/bidders.service';
import { BidsService } from '../bids/bids.service';
import type { SupplyChainNodeDto } from '../bids/bids.dto';
import { BuyersService } from '../buyers/buyers.service';
import { GradingService } from '../evaluations/grading.service';
import { PrismaService } from '../database/prisma.service';
import { TendersService } from '../tenders/tenders.service';
import { UsersService } from '../users/users.service';

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
 * buyer, its officers and auditor, and a closed tender for work uniforms with
 * bidders whose subcontractors sit in several countries.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoCredentials[] | null> {
  const prisma = app.get(PrismaService);
  if ((await prisma.buyer.count()) > 0) return null;
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

  const tenders = app.get(TendersService);
  const tender = await tenders.create(officer, {
    reference: 'BBL-2027-017',
    title: 'Work uniforms for federal staff 2027–2030',
    procedure: 'OPEN',
    currency: 'CHF',
    submissionDeadline: '2026-10-30T12:00:00+01:00',
    placesOfPerformance: ['CH'],
    goods: ['Garments'],
    criteria: [
      { code: 'PRICE', name: 'Total price', kind: 'PRICE', weight: '50', priceMethod: 'LINEAR_SPAN', span: '0.5' },
      { code: 'QUALITY', name: 'Quality of fabrics and fit', kind: 'QUALITY', weight: '30' },
      { code: 'HUMAN_RIGHTS', name: 'Supply-chain human-rights risk', kind: 'HUMAN_RIGHTS', weight: '20' },
    ],
    additionalConventions: ['C155'],
  });
  await tenders.transition(officer, tender.id, 'publish');

  const bids = app.get(BidsService);
  const helvetiaBid = await bids.submit(
    officer,
    tender.id,
    {
      bidderId: helvetia.id,
      receivedAt: '2026-10-28T09:15:00+01:00',
      price: '1184500.00',
      supplyChain: node('Helvetia Workwear AG', 'CH', '100', [], {
        declarations: { ...allTrue, subcontractClause: true },
        subcontractors: [
          node('Dhaka Stitching Ltd', 'BD', '60', ['Garments'], {
            declarations: { ...allTrue, subcontractClause: true, additionalConventions: ['C155'] },
            evidence: [{ kind: 'SOCIAL_AUDIT', issuer: 'amfori BSCI', issuedAt: '2026-02-10' }],
            subcontractors: [node('Gujarat Cotton Mills', 'IN', '50', ['Cotton'], { declarations: { ...allTrue, additionalConventions: ['C155'] } })],
          }),
        ],
      }),
    } as never,
    undefined,
  );
  const romandsBid = await bids.submit(
    officer,
    tender.id,
    {
      bidderId: romands.id,
      receivedAt: '2026-10-29T16:40:00+01:00',
      price: '1320000.00',
      supplyChain: node('Textiles Romands SA', 'CH', '100', [], {
        declarations: { ...allTrue, subcontractClause: true },
        subcontractors: [
          node('Porto Confecções Lda', 'PT', '70', ['Garments'], {
            declarations: { ...allTrue, additionalConventions: ['C155'] },
            evidence: [{ kind: 'CERTIFICATION', issuer: 'SA8000', issuedAt: '2025-06-01', validUntil: '2028-05-31' }],
          }),
        ],
      }),
    } as never,
    undefined,
  );
  const euroBid = await bids.submit(
    officer,
    tender.id,
    {
      bidderId: euro.id,
      receivedAt: '2026-10-30T11:58:00+01:00',
      price: '1095000.00',
      supplyChain: node('EuroUniform GmbH', 'DE', '100', [], {
        declarations: { ...allTrue, subcontractClause: true, additionalConventions: ['C155'] },
        subcontractors: [
          node('Anhui Apparel Co', 'CN', '80', ['Garments'], {
            declarations: { ...allTrue, subcontractClause: true },
            subcontractors: [node('Northwest Cotton Cooperative', 'CN', '40', ['Cotton'])],
          }),
          node('Trims supplier (not named)', undefined, '10', ['Buttons']),
        ],
      }),
    } as never,
    undefined,
  );
  await tenders.transition(officer, tender.id, 'close');
  // Officer Meier has declared impartiality and graded quality, so the demo tender can be evaluated at once.
  const grading = app.get(GradingService);
  await grading.declare(officer, tender.id, { impartial: true, interests: 'No interests in any tenderer (demo declaration).' });
  for (const [bid, grade, comment] of [
    [helvetiaBid.body.id, 4, 'Durable fabrics; fit samples good'],
    [romandsBid.body.id, 5, 'Best fabrics and fit in the trial'],
    [euroBid.body.id, 3, 'Fabric samples below the specification in two points'],
  ] as const) {
    await grading.grade(officer, tender.id, bid, 'QUALITY', { grade, comment });
  }
  return creds;
}

export function printCredentials(creds: DemoCredentials[], port: number): void {
  const lines = [
    '',
    '┌─ Demo data seeded. These passwords are shown ONCE; they are stored only as argon2id hashes.',
    ...creds.map((c) => `│  ${c.role.padEnd(8)} ${c.email.padEnd(32)} ${c.password}`),
    `│  Get a token: curl -s -X POST localhost:${port}/api/v1/auth/token -H "content-type: application/json" \\`,
    `│       -d '{"email":"${creds[1].email}","password":"${creds[1].password}"}'`,
    '└─',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
