import { Injectable } from '@nestjs/common';
import type { Sanction } from '@generated/prisma';
import type { SanctionScope } from '@app/interop';
import { Repository } from '../database/transaction';

/** A sanctions entry as stored (from/until are DATE columns: UTC midnight of the day). */
export type SanctionRow = Sanction;

export interface NewSanction {
  name: string;
  normalizedName: string;
  aliases?: string[];
  identifiers: string[];
  country: string;
  ground: string;
  reasons: string | null;
  source?: string | null;
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD */
  until: string;
  scope: SanctionScope;
  buyerId: string | null;
  listId?: string | null;
  line?: number | null;
  createdById: string | null;
}

const dateColumn = (d: string): Date => new Date(`${d}T00:00:00Z`);

export const sanctionData = (s: NewSanction) => ({ ...s, from: dateColumn(s.from), until: dateColumn(s.until) });

/** The sanctions entries (Art. 45), by hand or from a list, and the buyers they may name. */
@Injectable()
export class SanctionRepository extends Repository {
  /** The ids among `ids` that name a buyer (one query). */
  async knownBuyers(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.buyer.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((b) => b.id));
  }

  create(s: NewSanction): Promise<SanctionRow> {
    return this.db.sanction.create({ data: sanctionData(s) });
  }

  all(): Promise<SanctionRow[]> {
    return this.db.sanction.findMany({ orderBy: [{ normalizedName: 'asc' }, { from: 'asc' }, { id: 'asc' }] });
  }

  find(id: string): Promise<SanctionRow | null> {
    return this.db.sanction.findUnique({ where: { id } });
  }

  /** Locks the entry's row (FOR UPDATE) and reads it: of two concurrent removals, one finds it gone. */
  async lock(id: string): Promise<SanctionRow | null> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`SELECT id FROM sanction WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length ? this.db.sanction.findUnique({ where: { id } }) : null;
  }

  async remove(id: string): Promise<boolean> {
    const { count } = await this.db.sanction.deleteMany({ where: { id } });
    return count === 1;
  }
}
