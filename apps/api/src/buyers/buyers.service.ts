import { Injectable } from '@nestjs/common';
import { dayOfDateValue } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import type { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { BuyerRepository, type BuyerRow } from './buyer.repository';
import { invalid, notFound } from '../common/problem';
import { BuyerDto, CreateBuyerDto, UpdateBuyerDto } from './buyers.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

export const toDateOnly = dayOfDateValue;

export function toBuyerDto(b: BuyerRow): BuyerDto {
  return { id: b.id, name: b.name, country: b.country, holidays: b.holidays.map(toDateOnly).sort(), createdAt: b.createdAt.toISOString() };
}

@Injectable()
export class BuyersService {
  constructor(
    private readonly buyers: BuyerRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(auth: AuthContext, dto: CreateBuyerDto): Promise<BuyerDto> {
    await this.access.require(auth, 'buyer.manage', { buyerId: null, label: 'Buyer' });
    const buyer = await this.buyers.create(dto.name.trim(), dto.country.toUpperCase());
    await this.audit.record({
      auth,
      action: 'buyer.created',
      objectType: 'buyer',
      objectId: buyer.id,
      tenderId: null,
      buyerId: buyer.id,
      payload: { name: buyer.name, country: buyer.country },
    });
    return toBuyerDto(buyer);
  }

  async list(q: PageQueryDto): Promise<Page<BuyerDto>> {
    const args = pageArgs(q);
    const { rows, total } = await this.buyers.page(args.skip, args.take);
    return pageOf(args, rows.map(toBuyerDto), total);
  }

  /** ADMIN sees every buyer; OFFICER and AUDITOR only their own. */
  async get(auth: AuthContext, id: string): Promise<BuyerDto> {
    const b = await this.buyers.find(id);
    if (!b) throw notFound('Buyer');
    await this.access.require(auth, 'buyer.read', { buyerId: b.id, label: 'Buyer' });
    return toBuyerDto(b);
  }

  @Transactional()
  async update(auth: AuthContext, id: string, dto: UpdateBuyerDto): Promise<BuyerDto> {
    const holidays = dto.holidays?.map((h, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) throw invalid([{ field: `holidays[${i}]`, message: 'must be a date YYYY-MM-DD' }]);
      return new Date(`${h}T00:00:00Z`);
    });
    if (!(await this.buyers.lock(id))) throw notFound('Buyer');
    await this.access.require(auth, 'buyer.manage', { buyerId: id, label: 'Buyer' });
    const b = await this.buyers.update(id, { name: dto.name?.trim(), holidays });
    await this.audit.record({
      auth,
      action: 'buyer.updated',
      objectType: 'buyer',
      objectId: id,
      tenderId: null,
      buyerId: id,
      payload: { name: dto.name ?? null, holidays: dto.holidays ?? null },
    });
    return toBuyerDto(b);
  }
}
