import { Injectable } from '@nestjs/common';
import type { Buyer } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { invalid, notFound } from '../common/problem';
import { BuyerDto, CreateBuyerDto, UpdateBuyerDto } from './buyers.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

export const toDateOnly = (d: Date): string => d.toISOString().slice(0, 10);

export function toBuyerDto(b: Buyer): BuyerDto {
  return { id: b.id, name: b.name, country: b.country, holidays: b.holidays.map(toDateOnly).sort(), createdAt: b.createdAt.toISOString() };
}

@Injectable()
export class BuyersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  create(auth: AuthContext, dto: CreateBuyerDto): Promise<BuyerDto> {
    return this.prisma.transaction(async (tx) => {
      const buyer = await tx.buyer.create({ data: { name: dto.name.trim(), country: dto.country.toUpperCase() } });
      await this.audit.append(tx, {
        auth,
        action: 'buyer.created',
        objectType: 'buyer',
        objectId: buyer.id,
        tenderId: null,
        buyerId: buyer.id,
        payload: { name: buyer.name, country: buyer.country },
      });
      return toBuyerDto(buyer);
    });
  }

  async list(q: PageQueryDto): Promise<Page<BuyerDto>> {
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.buyer.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: args.skip, take: args.take }),
      this.prisma.buyer.count(),
    ]);
    return pageOf(args, rows.map(toBuyerDto), total);
  }

  /** ADMIN sees every buyer; OFFICER and AUDITOR only their own. */
  async get(auth: AuthContext, id: string): Promise<BuyerDto> {
    if (auth.role !== 'ADMIN' && auth.buyerId !== id) throw notFound('Buyer');
    const b = await this.prisma.buyer.findUnique({ where: { id } });
    if (!b) throw notFound('Buyer');
    return toBuyerDto(b);
  }

  update(auth: AuthContext, id: string, dto: UpdateBuyerDto): Promise<BuyerDto> {
    const holidays = dto.holidays?.map((h, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) throw invalid([{ field: `holidays[${i}]`, message: 'must be a date YYYY-MM-DD' }]);
      return new Date(`${h}T00:00:00Z`);
    });
    return this.prisma.transaction(async (tx) => {
      const existing = await tx.buyer.findUnique({ where: { id } });
      if (!existing) throw notFound('Buyer');
      const b = await tx.buyer.update({ where: { id }, data: { name: dto.name?.trim(), holidays } });
      await this.audit.append(tx, {
        auth,
        action: 'buyer.updated',
        objectType: 'buyer',
        objectId: id,
        tenderId: null,
        buyerId: id,
        payload: { name: dto.name ?? null, holidays: dto.holidays ?? null },
      });
      return toBuyerDto(b);
    });
  }
}
