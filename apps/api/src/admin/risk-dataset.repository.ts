import { Injectable } from '@nestjs/common';
import type { DatasetKind, Prisma, RiskDataset } from '@generated/prisma';
import { Repository } from '../database/transaction';

export type { RiskDataset };
export type RiskDatasetHead = Omit<RiskDataset, 'rows'>;

const ROWS_PER_SLICE = 2000;

/** Risk dataset versions (reference data): rows, versions, the one active version per kind. */
@Injectable()
export class RiskDatasetRepository extends Repository {
  page(kind: DatasetKind | undefined, skip: number, take: number): Promise<[RiskDatasetHead[], number]> {
    const where = kind ? { kind } : {};
    return Promise.all([
      // Everything but the rows, which can be large.
      this.db.riskDataset.findMany({ where, omit: { rows: true }, orderBy: [{ kind: 'asc' }, { version: 'desc' }], skip, take }),
      this.db.riskDataset.count({ where }),
    ]);
  }

  find(id: string): Promise<RiskDataset | null> {
    return this.db.riskDataset.findUnique({ where: { id } });
  }

  head(id: string): Promise<RiskDatasetHead | null> {
    return this.db.riskDataset.findUnique({ where: { id }, omit: { rows: true } });
  }

  async lastVersion(kind: DatasetKind): Promise<number> {
    const last = await this.db.riskDataset.findFirst({ where: { kind }, orderBy: { version: 'desc' }, select: { version: true } });
    return last?.version ?? 0;
  }

  activeOf(kind: DatasetKind): Promise<{ id: string; version: number } | null> {
    return this.db.riskDataset.findFirst({ where: { kind, active: true }, select: { id: true, version: true } });
  }

  create(data: Omit<Prisma.RiskDatasetUncheckedCreateInput, 'rows'>): Promise<RiskDataset> {
    return this.db.riskDataset.create({ data: { ...data, rows: [] } });
  }

  /** The one active version of its kind: the others of the kind are deactivated in the same transaction. */
  async activate(id: string, kind: DatasetKind): Promise<RiskDatasetHead> {
    await this.db.riskDataset.updateMany({ where: { kind, active: true }, data: { active: false } });
    return this.db.riskDataset.update({ where: { id }, data: { active: true }, omit: { rows: true } });
  }

  deactivate(id: string): Promise<RiskDatasetHead> {
    return this.db.riskDataset.update({ where: { id }, data: { active: false }, omit: { rows: true } });
  }

  /**
   * Stores the rows as JSON in slices through a temporary table, yielding to the
   * event loop between slices, then assembles them in order in one UPDATE.
   * Handing 300,000 row objects to the ORM in one value blocks the process for
   * seconds (it serialises the parameter on the main thread) and holds several
   * copies in memory; a slice at a time costs milliseconds.
   */
  async storeRows(datasetId: string, rows: readonly unknown[]): Promise<void> {
    const db = this.db;
    await db.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS dataset_rows_slice (ord int NOT NULL, part jsonb NOT NULL) ON COMMIT DROP`;
    await db.$executeRaw`DELETE FROM dataset_rows_slice`;
    for (let i = 0, ord = 0; i < rows.length; i += ROWS_PER_SLICE, ord++) {
      await db.$executeRaw`INSERT INTO dataset_rows_slice (ord, part) VALUES (${ord}, ${JSON.stringify(rows.slice(i, i + ROWS_PER_SLICE))}::jsonb)`;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await db.$executeRaw`UPDATE risk_dataset SET rows = (
        SELECT coalesce(jsonb_agg(e.value ORDER BY s.ord, e.idx), '[]'::jsonb)
        FROM dataset_rows_slice s, jsonb_array_elements(s.part) WITH ORDINALITY AS e(value, idx)
      ) WHERE id = ${datasetId}::uuid`;
  }
}
