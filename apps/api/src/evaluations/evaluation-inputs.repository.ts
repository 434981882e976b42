import { Injectable } from '@nestjs/common';
import type { StoredNode } from '../bids/supply-chain';
import { Repository } from '../database/transaction';

/** What an evaluation reads of the tender's bids, grades, decisions and of the reference data. */
export interface EvaluationSources {
  buyerCountry: string;
  bids: { id: string; bidderName: string; receivedAt: Date; price: { toFixed(): string }; figures: unknown; nodes: StoredNode[] }[];
  grades: { bidId: string; criterionCode: string; evaluatorId: string; grade: number }[];
  excludedBidIds: string[];
  sanctions: {
    id: string;
    name: string;
    identifiers: string[];
    country: string;
    ground: string;
    from: Date;
    until: Date;
    scope: 'ALL_FEDERAL' | 'BUYER';
    buyerId: string | null;
    aliases: string[];
    list: { id: string; name: string; version: number } | null;
  }[];
  model: { version: number; constants: unknown } | null;
  datasets: { id: string; kind: string; version: number; name: string; contentDigest: string; rows: unknown }[];
}

/**
 * The evaluation's read model: everything the engine needs, read in the
 * caller's transaction (the tender row locked), each list in a canonical
 * order (by id), so the same state always yields the same snapshot.
 */
@Injectable()
export class EvaluationInputsRepository extends Repository {
  async read(tender: { id: string; buyerId: string }): Promise<EvaluationSources> {
    const buyer = await this.db.buyer.findUniqueOrThrow({ where: { id: tender.buyerId }, select: { country: true } });
    const bids = await this.db.bid.findMany({
      where: { tenderId: tender.id },
      include: { bidder: { select: { name: true } }, nodes: { include: { evidence: true, violations: true } } },
      orderBy: { id: 'asc' },
    });
    const grades = await this.db.grade.findMany({
      where: { bid: { tenderId: tender.id } },
      select: { bidId: true, criterionCode: true, evaluatorId: true, grade: true },
      orderBy: [{ bidId: 'asc' }, { criterionCode: 'asc' }, { evaluatorId: 'asc' }],
    });
    const excluded = await this.db.exclusionDecision.findMany({
      where: { tenderId: tender.id, status: 'CONFIRMED' },
      select: { bidId: true },
      distinct: ['bidId'],
      orderBy: { bidId: 'asc' },
    });
    const sanctions = await this.db.sanction.findMany({
      // Entries of a superseded list version no longer match.
      where: { OR: [{ scope: 'ALL_FEDERAL' }, { scope: 'BUYER', buyerId: tender.buyerId }], AND: [{ OR: [{ listId: null }, { list: { active: true } }] }] },
      include: { list: { select: { id: true, name: true, version: true } } },
      orderBy: { id: 'asc' },
    });
    const model = await this.db.riskModelVersion.findFirst({ where: { active: true }, select: { version: true, constants: true } });
    const datasets = await this.db.riskDataset.findMany({
      where: { active: true },
      select: { id: true, kind: true, version: true, name: true, contentDigest: true, rows: true },
      orderBy: { kind: 'asc' },
    });
    return {
      buyerCountry: buyer.country,
      bids: bids.map((b) => ({ id: b.id, bidderName: b.bidder.name, receivedAt: b.receivedAt, price: b.price, figures: b.figures, nodes: b.nodes })),
      grades,
      excludedBidIds: excluded.map((e) => e.bidId),
      sanctions: sanctions.map((s) => ({
        id: s.id,
        name: s.name,
        identifiers: s.identifiers,
        country: s.country,
        ground: s.ground,
        from: s.from,
        until: s.until,
        scope: s.scope,
        buyerId: s.buyerId,
        aliases: s.aliases,
        list: s.list,
      })),
      model,
      datasets,
    };
  }
}
