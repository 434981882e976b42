import { Injectable } from '@nestjs/common';
import type { Bidder } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService } from '../database/prisma.service';
import { Page, pageArgs } from '../common/paging';
import { notFound } from '../common/problem';
import { BidderDto, BidderQueryDto, CreateBidderDto } from './bidders.dto';

export function toBidderDto(b: Bidder): BidderDto {
  return { id: b.id, name: b.name, country: b.country, identifiers: { uid: b.uid, lei: b.lei, vat: b.vat }, createdAt: b.createdAt.toISOString() };
}

@Injectable()
export class BiddersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  create(auth: AuthContext, dto: CreateBidderDto): Promise<BidderDto> {
    const buyerId = buyerOf(auth);
    return this.prisma.transaction(async (tx) => {
      const b = await tx.bidder.create({
        data: {
          buyerId,
          name: dto.name.trim(),
          country: dto.country.toUpperCase(),
          uid: dto.identifiers?.uid?.trim() || null,
          lei: dto.identifiers?.lei?.trim() || null,
          vat: dto.identifiers?.vat?.trim() || null,
        },
      });
      await this.audit.append(tx, {
        auth,
        action: 'bidder.created',
        objectType: 'bidder',
        objectId: b.id,
        tenderId: null,
        payload: { name: b.name, country: b.country, identifiers: { uid: b.uid, lei: b.lei, vat: b.vat } },
      });
      return toBidderDto(b);
    });
  }

  async list(auth: AuthContext, q: BidderQueryDto): Promise<Page<BidderDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const where = { buyerId: buyerOf(auth), ...(q.name ? { name: { contains: q.name, mode: 'insensitive' as const } } : {}) };
    const [rows, total] = await Promise.all([
      this.prisma.bidder.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take }),
      this.prisma.bidder.count({ where }),
    ]);
    return { items: rows.map(toBidderDto), page, pageSize, total };
  }

  async get(auth: AuthContext, id: string): Promise<BidderDto> {
    const b = await this.prisma.bidder.findFirst({ where: { id, buyerId: buyerOf(auth) } });
    if (!b) throw notFound('Bidder');
    return toBidderDto(b);
  }
}
