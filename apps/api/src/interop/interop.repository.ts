import { Injectable } from '@nestjs/common';
import type { Prisma, RedFlagThresholdVersion } from '@generated/prisma';
import type { RedFlagThresholds } from '@app/interop';
import { Repository } from '../database/transaction';

export type RedFlagThresholdVersionRow = RedFlagThresholdVersion;

const ocdsTenderInclude = {
  buyer: true,
  criteria: { orderBy: { position: 'asc' } },
  bids: { include: { bidder: true, nodes: { orderBy: { position: 'asc' } } }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] },
  exclusions: { where: { status: 'CONFIRMED' }, select: { bidId: true, decidedAt: true } },
  awards: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  evaluations: { orderBy: { seq: 'desc' }, take: 1 },
} satisfies Prisma.TenderInclude;
/** A tender with everything its OCDS release package shows. */
export type OcdsTenderRow = Prisma.TenderGetPayload<{ include: typeof ocdsTenderInclude }>;

const redFlagTenderSelect = {
  id: true,
  buyerId: true,
  reference: true,
  title: true,
  procedure: true,
  status: true,
  publishedAt: true,
  submissionDeadline: true,
  referencePrice: true,
  bids: { select: { id: true, price: true, bidder: { select: { name: true } } }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] },
  exclusions: { where: { status: 'CONFIRMED' }, select: { bidId: true } },
  awards: { where: { status: 'ACTIVE' }, select: { winnerBidId: true } },
} satisfies Prisma.TenderSelect;
/** What the red-flag rules read of a tender. */
export type RedFlagTenderRow = Prisma.TenderGetPayload<{ select: typeof redFlagTenderSelect }>;

export interface EvaluationOutline {
  tender_id: string;
  id: string;
  seq: number;
  winner: string | null;
  ranking: string[] | null;
  bids: { bidId: string; admissible: boolean }[] | null;
}

/**
 * Interop's reads (the OCDS export and the red flags) and the red-flag
 * threshold versions (1, 2, …, one active; written under the reference-data lock).
 */
@Injectable()
export class InteropRepository extends Repository {
  /** Not scoped by buyer: the caller checks access on the tender's buyer (404 for another buyer's). */
  ocdsTender(id: string): Promise<OcdsTenderRow | null> {
    return this.db.tender.findUnique({ where: { id }, include: ocdsTenderInclude });
  }

  /** Not scoped by buyer: the caller checks access on the tender's buyer. */
  redFlagTender(id: string): Promise<RedFlagTenderRow | null> {
    return this.db.tender.findUnique({ where: { id }, select: redFlagTenderSelect });
  }

  redFlagTenderOrThrow(id: string): Promise<RedFlagTenderRow> {
    return this.db.tender.findUniqueOrThrow({ where: { id }, select: redFlagTenderSelect });
  }

  /** One buyer's tenders, newest first (the buyer is part of the query). */
  async redFlagTenders(buyerId: string, skip: number, take: number): Promise<{ rows: RedFlagTenderRow[]; total: number }> {
    const where = { buyerId };
    const [rows, total] = await Promise.all([
      this.db.tender.findMany({ where, select: redFlagTenderSelect, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.db.tender.count({ where }),
    ]);
    return { rows, total };
  }

  /** Every evaluation of the tenders, oldest first per tender: its winner, and of the latest its ranking and admissibility (read in SQL). */
  evaluationOutlines(tenderIds: string[]): Promise<EvaluationOutline[]> {
    return this.db.$queryRaw<EvaluationOutline[]>`SELECT e.tender_id::text AS tender_id, e.id::text AS id, e.seq, e.result->'ranking'->>0 AS winner,
             CASE WHEN e.seq = m.max_seq THEN e.result->'ranking' END AS ranking,
             CASE WHEN e.seq = m.max_seq THEN (SELECT jsonb_agg(jsonb_build_object('bidId', b->'bidId', 'admissible', b->'admissible')) FROM jsonb_array_elements(e.result->'bids') b) END AS bids
        FROM evaluation e
        JOIN (SELECT tender_id, max(seq) AS max_seq FROM evaluation WHERE tender_id = ANY(${tenderIds}::uuid[]) GROUP BY tender_id) m ON m.tender_id = e.tender_id
       ORDER BY e.tender_id, e.seq`;
  }

  /** The winner of each evaluation of the tender up to `seq`, in order. */
  winnersUpTo(tenderId: string, seq: number): Promise<{ winner: string | null }[]> {
    return this.db.$queryRaw<{ winner: string | null }[]>`
        SELECT result->'ranking'->>0 AS winner FROM evaluation WHERE tender_id = ${tenderId}::uuid AND seq <= ${seq} ORDER BY seq`;
  }

  activeAwardOf(evaluationId: string): Promise<{ winnerBidId: string } | null> {
    return this.db.award.findFirst({ where: { evaluationId, status: 'ACTIVE' }, select: { winnerBidId: true } });
  }

  // —— thresholds ——

  activeThresholds(): Promise<RedFlagThresholdVersionRow | null> {
    return this.db.redFlagThresholdVersion.findFirst({ where: { active: true }, orderBy: { version: 'desc' } });
  }

  /** The version that was active at a moment, else the first. */
  async thresholdsAt(at: Date): Promise<RedFlagThresholdVersionRow | null> {
    return (
      (await this.db.redFlagThresholdVersion.findFirst({ where: { createdAt: { lte: at } }, orderBy: { version: 'desc' } })) ??
      (await this.db.redFlagThresholdVersion.findFirst({ orderBy: { version: 'asc' } }))
    );
  }

  thresholdVersions(): Promise<RedFlagThresholdVersionRow[]> {
    return this.db.redFlagThresholdVersion.findMany({ orderBy: { version: 'desc' } });
  }

  /** Version n+1, the only active one. Call under the reference-data lock. */
  async storeThresholds(thresholds: RedFlagThresholds, note: string | null, createdById: string): Promise<RedFlagThresholdVersionRow> {
    const last = await this.db.redFlagThresholdVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
    await this.db.redFlagThresholdVersion.updateMany({ where: { active: true }, data: { active: false } });
    return this.db.redFlagThresholdVersion.create({
      data: { version: (last?.version ?? 0) + 1, thresholds: thresholds as object, active: true, note, createdById },
    });
  }
}
