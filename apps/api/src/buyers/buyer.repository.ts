import { Injectable } from '@nestjs/common';
import type { Buyer } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type BuyerRow = Buyer;

/** Buyers (contracting authorities). */
@Injectable()
export class BuyerRepository extends Repository {
  create(name: string, country: string): Promise<Buyer> {
    return this.db.buyer.create({ data: { name, country } });
  }

  find(id: string): Promise<Buyer | null> {
    return this.db.buyer.findUnique({ where: { id } });
  }

  /** The buyer's row, locked for the rest of the transaction. */
  async lock(id: string): Promise<boolean> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`SELECT id::text FROM buyer WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1;
  }

  update(id: string, changes: { name?: string; holidays?: Date[] }): Promise<Buyer> {
    return this.db.buyer.update({ where: { id }, data: changes });
  }

  async page(skip: number, take: number): Promise<{ rows: Buyer[]; total: number }> {
    const [rows, total] = await Promise.all([this.db.buyer.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take }), this.db.buyer.count()]);
    return { rows, total };
  }
}
