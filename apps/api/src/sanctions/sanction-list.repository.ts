import { Injectable } from '@nestjs/common';
import { Prisma, type SanctionList } from '@generated/prisma';
import type { SanctionListFormat } from '@app/interop';
import { Repository } from '../database/transaction';
import { sanctionData, type NewSanction, type SanctionRow } from './sanction.repository';

export type SanctionListRow = SanctionList;

export interface NewSanctionList {
  name: string;
  source: string;
  format: SanctionListFormat;
  contentDigest: string;
  mapping: Record<string, string> | null;
  createdById: string;
}

/** A sanctions list: its versions per name (one active), each with its entries. */
@Injectable()
export class SanctionListRepository extends Repository {
  /**
   * Serialises the versions of one list name for the rest of the transaction
   * (version n+1, one active), and returns the latest version, if any.
   */
  async lockName(name: string): Promise<{ id: string; version: number } | null> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sanction_list'), hashtext(${name}))`;
    return this.db.sanctionList.findFirst({ where: { name }, orderBy: { version: 'desc' }, select: { id: true, version: true } });
  }

  /** Stores version `version` of the list with its entries, the previous versions of the name no longer active. Call under lockName. */
  async storeVersion(list: NewSanctionList, version: number, entries: Omit<NewSanction, 'listId'>[]): Promise<SanctionListRow> {
    await this.db.sanctionList.updateMany({ where: { name: list.name, active: true }, data: { active: false } });
    const row = await this.db.sanctionList.create({
      data: { ...list, version, mapping: list.mapping ? (list.mapping as Prisma.InputJsonValue) : Prisma.DbNull, entryCount: entries.length },
    });
    await this.db.sanction.createMany({ data: entries.map((e) => sanctionData({ ...e, listId: row.id })) });
    return row;
  }

  async page(skip: number, take: number): Promise<{ rows: SanctionListRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.sanctionList.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.db.sanctionList.count(),
    ]);
    return { rows, total };
  }

  async withEntries(id: string): Promise<{ list: SanctionListRow; entries: SanctionRow[] } | null> {
    const list = await this.db.sanctionList.findUnique({ where: { id } });
    if (!list) return null;
    const entries = await this.db.sanction.findMany({ where: { listId: id }, orderBy: [{ line: 'asc' }, { id: 'asc' }] });
    return { list, entries };
  }
}
