import { Injectable } from '@nestjs/common';
import type { RiskModelVersion } from '@generated/prisma';
import type { RiskModelConstants } from '@app/evaluation';
import { Repository } from '../database/transaction';

export type RiskModelVersionRow = RiskModelVersion;

/** The risk-model versions: 1, 2, … with exactly one active. Writes run under the reference-data lock. */
@Injectable()
export class RiskModelRepository extends Repository {
  active(): Promise<RiskModelVersionRow | null> {
    return this.db.riskModelVersion.findFirst({ where: { active: true }, orderBy: { version: 'desc' } });
  }

  count(): Promise<number> {
    return this.db.riskModelVersion.count();
  }

  async page(skip: number, take: number): Promise<{ rows: RiskModelVersionRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.riskModelVersion.findMany({ orderBy: { version: 'desc' }, skip, take }),
      this.db.riskModelVersion.count(),
    ]);
    return { rows, total };
  }

  /**
   * Version n+1, active, the others deactivated; returns it with the version
   * that was active before. Call under the reference-data lock.
   */
  async storeNext(
    constants: RiskModelConstants,
    note: string | null,
    createdById: string | null,
  ): Promise<{ stored: RiskModelVersionRow; previousActiveVersion: number | null }> {
    const last = await this.db.riskModelVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
    const previous = await this.db.riskModelVersion.findFirst({ where: { active: true }, select: { version: true } });
    await this.db.riskModelVersion.updateMany({ where: { active: true }, data: { active: false } });
    const stored = await this.db.riskModelVersion.create({
      data: { version: (last?.version ?? 0) + 1, constants: constants as object, active: true, note, createdById },
    });
    return { stored, previousActiveVersion: previous?.version ?? null };
  }
}
