import { Injectable } from '@nestjs/common';
import { Prisma } from '@generated/prisma';
import type { ExecutionMatch, RescreenTriggerKind } from '@app/interop';
import type { Tx } from '../database/prisma.service';

/** A transaction client, for callers that still pass theirs (risk datasets). */
export type TransactionClient = Tx;
import { Repository } from '../database/transaction';
import type { SanctionRow } from '../sanctions/sanction.repository';

/** What re-screening reads of an active award, under the award's row lock. */
export interface ScreenedAward {
  id: string;
  winnerBidId: string;
  tender: { id: string; buyerId: string };
  evaluation: { id: string; inputs: unknown };
}

export interface ScreenedNode {
  path: string[];
  country: string | null;
  uid: string | null;
  lei: string | null;
  vat: string | null;
  goods: string[];
}

export type SanctionInForce = SanctionRow & { list: { id: string; name: string; version: number } | null };

export interface OpenedFinding {
  award: ScreenedAward;
  trigger: { kind: RescreenTriggerKind; id: string };
  jobId: string;
  findingKey: string;
  match: ExecutionMatch;
  legalBasis: string;
  code: string;
  screenedOn: string;
}

/**
 * Re-screening during execution (Art. 26(1)): the active awards, what they are
 * screened against, and the findings and alerts a new match opens. Owns the
 * award row lock of a screening.
 */
@Injectable()
export class RescreeningRepository extends Repository {
  /** The transaction client of the current context, for enqueuing a job in it (pg-boss writes through it). */
  transactionClient(): Tx {
    if (!this.txHost.isTransactionActive()) throw new Error('a re-screening is requested inside the transaction of its trigger');
    return this.db as unknown as Tx;
  }

  countActiveAwards(buyerIds: string[] | null, db: Tx | null = null): Promise<number> {
    return (db ?? this.db).award.count({ where: { status: 'ACTIVE', ...(buyerIds ? { tender: { buyerId: { in: buyerIds } } } : {}) } });
  }

  async activeAwardIds(buyerIds: string[] | null): Promise<string[]> {
    const rows = await this.db.award.findMany({
      where: { status: 'ACTIVE', ...(buyerIds ? { tender: { buyerId: { in: buyerIds } } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return rows.map((r) => r.id);
  }

  /** Serialises screenings of one award (two jobs at once) and re-checks that it is still active; null when it is not. */
  async lockActiveAward(awardId: string): Promise<ScreenedAward | null> {
    const locked = await this.db.$queryRaw<{ id: string }[]>`SELECT id FROM award WHERE id = ${awardId}::uuid AND status = 'ACTIVE' FOR UPDATE`;
    if (locked.length === 0) return null;
    return this.db.award.findUniqueOrThrow({
      where: { id: awardId },
      select: { id: true, winnerBidId: true, tender: { select: { id: true, buyerId: true } }, evaluation: { select: { id: true, inputs: true } } },
    });
  }

  supplyChain(bidId: string): Promise<ScreenedNode[]> {
    return this.db.supplyChainNode.findMany({
      where: { bidId },
      orderBy: { position: 'asc' },
      select: { path: true, country: true, uid: true, lei: true, vat: true, goods: true },
    });
  }

  /** Entries that can concern the buyer: ALL_FEDERAL or its own, by hand or from an active list version. */
  sanctionsFor(buyerId: string): Promise<SanctionInForce[]> {
    return this.db.sanction.findMany({
      where: { OR: [{ scope: 'ALL_FEDERAL' }, { scope: 'BUYER', buyerId }], AND: [{ OR: [{ listId: null }, { list: { active: true } }] }] },
      include: { list: { select: { id: true, name: true, version: true } } },
      orderBy: { id: 'asc' },
    });
  }

  async activeGoodsList(): Promise<{ iso2: string; good: string; forcedLabour: boolean }[]> {
    const goods = await this.db.riskDataset.findFirst({ where: { kind: 'GOODS_LIST', active: true }, select: { rows: true } });
    return (goods?.rows ?? []) as { iso2: string; good: string; forcedLabour: boolean }[];
  }

  async findingExists(evaluationId: string, findingKey: string): Promise<boolean> {
    const f = await this.db.finding.findUnique({ where: { evaluationId_findingKey: { evaluationId, findingKey } }, select: { id: true } });
    return f !== null;
  }

  /** The DURING_EXECUTION finding on the awarded bid and the alert for the buyer's officers. */
  async openFinding(o: OpenedFinding): Promise<void> {
    const finding = await this.db.finding.create({
      data: {
        evaluationId: o.award.evaluation.id,
        tenderId: o.award.tender.id,
        bidId: o.award.winnerBidId,
        code: o.code,
        legalBasis: o.legalBasis,
        severity: o.match.severity,
        nodePath: o.match.nodePath,
        findingKey: o.findingKey,
        message: o.match.message,
        data: { ...o.match.data, screenedOn: o.screenedOn } as Prisma.InputJsonValue,
      },
    });
    await this.db.screeningAlert.create({
      data: {
        buyerId: o.award.tender.buyerId,
        tenderId: o.award.tender.id,
        awardId: o.award.id,
        findingId: finding.id,
        triggerKind: o.trigger.kind,
        triggerId: o.trigger.id,
        match: o.match.data as Prisma.InputJsonValue,
        jobId: o.jobId,
      },
    });
  }
}
