import { Injectable } from '@nestjs/common';
import type { Bidder } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type BidderRow = Bidder;

export interface NewBidder {
  buyerId: string;
  name: string;
  country: string;
  uid: string | null;
  lei: string | null;
  vat: string | null;
}

/** A buyer's register of bidders. */
@Injectable()
export class BidderRepository extends Repository {
  create(b: NewBidder): Promise<Bidder> {
    return this.db.bidder.create({ data: b });
  }

  find(id: string): Promise<Bidder | null> {
    return this.db.bidder.findUnique({ where: { id } });
  }

  /** A page of one buyer's bidders by name (the scope is part of the query), and the total. */
  async page(buyerId: string, name: string | undefined, skip: number, take: number): Promise<{ rows: Bidder[]; total: number }> {
    const where = { buyerId, ...(name ? { name: { contains: name, mode: 'insensitive' as const } } : {}) };
    const [rows, total] = await Promise.all([
      this.db.bidder.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take }),
      this.db.bidder.count({ where }),
    ]);
    return { rows, total };
  }
}
