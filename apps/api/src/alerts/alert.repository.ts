import { Injectable } from '@nestjs/common';
import type { Finding, ScreeningAlert } from '@generated/prisma';
import type { DecisionRecord } from '@app/procedure';
import { Repository } from '../database/transaction';

export type AlertRow = ScreeningAlert;
export type AlertFindingRow = Finding;

/** What an alert page shows beside the alert rows, read in a few queries for the whole page. */
export interface AlertContext {
  findings: AlertFindingRow[];
  tenders: { id: string; reference: string; title: string }[];
  awards: { id: string; status: 'ACTIVE' | 'REVOKED'; winnerBidId: string }[];
  bidders: { id: string; bidder: { name: string } }[];
  resolutions: (DecisionRecord['resolutions'][number] & { tenderId: string })[];
  exclusions: (DecisionRecord['exclusions'][number] & { tenderId: string })[];
}

/** Re-screening alerts of a buyer (the buyer is part of every query). */
@Injectable()
export class AlertRepository extends Repository {
  async page(buyerId: string, skip: number, take: number): Promise<{ rows: AlertRow[]; total: number }> {
    const where = { buyerId };
    const [rows, total] = await Promise.all([
      this.db.screeningAlert.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.db.screeningAlert.count({ where }),
    ]);
    return { rows, total };
  }

  async context(buyerId: string, rows: AlertRow[]): Promise<AlertContext> {
    const findingIds = rows.map((r) => r.findingId);
    const tenderIds = [...new Set(rows.map((r) => r.tenderId))];
    const awardIds = [...new Set(rows.map((r) => r.awardId))];
    const [findings, tenders, awards, resolutions, exclusions] = await Promise.all([
      this.db.finding.findMany({ where: { id: { in: findingIds } } }),
      this.db.tender.findMany({ where: { id: { in: tenderIds }, buyerId }, select: { id: true, reference: true, title: true } }),
      this.db.award.findMany({ where: { id: { in: awardIds } }, select: { id: true, status: true, winnerBidId: true } }),
      this.db.findingResolution.findMany({
        where: { tenderId: { in: tenderIds } },
        select: { tenderId: true, findingKey: true, conclusion: true, exclusionId: true },
      }),
      this.db.exclusionDecision.findMany({
        where: { tenderId: { in: tenderIds } },
        select: { tenderId: true, id: true, bidId: true, findingKey: true, status: true },
      }),
    ]);
    const bidders = await this.db.bid.findMany({
      where: { id: { in: awards.map((a) => a.winnerBidId) } },
      select: { id: true, bidder: { select: { name: true } } },
    });
    return { findings, tenders, awards, bidders, resolutions, exclusions };
  }
}
