import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { Page, pageArgs } from '../common/paging';
import { notFound } from '../common/problem';
import { BidderRepository, type BidderRow } from './bidder.repository';
import { BidderDto, BidderQueryDto, CreateBidderDto } from './bidders.dto';

export function toBidderDto(b: BidderRow): BidderDto {
  return { id: b.id, name: b.name, country: b.country, identifiers: { uid: b.uid, lei: b.lei, vat: b.vat }, createdAt: b.createdAt.toISOString() };
}

@Injectable()
export class BiddersService {
  constructor(
    private readonly bidders: BidderRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(auth: AuthContext, dto: CreateBidderDto): Promise<BidderDto> {
    await this.access.require(auth, 'bidder.manage', { buyerId: auth.buyerId, label: 'Bidder' });
    const b = await this.bidders.create({
      buyerId: buyerOf(auth),
      name: dto.name.trim(),
      country: dto.country.toUpperCase(),
      uid: dto.identifiers?.uid?.trim() || null,
      lei: dto.identifiers?.lei?.trim() || null,
      vat: dto.identifiers?.vat?.trim() || null,
    });
    await this.audit.record({
      auth,
      action: 'bidder.created',
      objectType: 'bidder',
      objectId: b.id,
      tenderId: null,
      payload: { name: b.name, country: b.country, identifiers: { uid: b.uid, lei: b.lei, vat: b.vat } },
    });
    return toBidderDto(b);
  }

  /** The caller's buyer's bidders: the scope is part of the query. */
  async list(auth: AuthContext, q: BidderQueryDto): Promise<Page<BidderDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const { rows, total } = await this.bidders.page(buyerOf(auth), q.name, skip, take);
    return { items: rows.map(toBidderDto), page, pageSize, total };
  }

  async get(auth: AuthContext, id: string): Promise<BidderDto> {
    const b = await this.bidders.find(id);
    if (!b) throw notFound('Bidder');
    await this.access.require(auth, 'bidder.read', { buyerId: b.buyerId, label: 'Bidder' });
    return toBidderDto(b);
  }
}
