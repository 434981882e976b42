import { Injectable } from '@nestjs/common';
import { receiptRefusal } from '@app/procedure';
import { Prisma } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { formatMoney } from '../common/decimal';
import { IdempotencyService, IdempotentResult } from '../common/idempotency.service';
import { conflict, FieldError, invalid, notFound } from '../common/problem';
import { TendersService } from '../tenders/tenders.service';
import { ACCEPTS_BIDS } from '../tenders/tender-lifecycle';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';
import { BidDto, BidSummaryDto, CreateBidDto } from './bids.dto';
import { buildSupplyChain, flattenSupplyChain, StoredNode, supplyChainErrors } from './supply-chain';

const BID_INCLUDE = {
  bidder: { select: { name: true } },
  tender: { select: { currency: true } },
  nodes: { include: { evidence: true, violations: true } },
} as const;

type BidRow = Prisma.BidGetPayload<{ include: typeof BID_INCLUDE }>;

function toBidDto(b: BidRow): BidDto {
  return {
    id: b.id,
    tenderId: b.tenderId,
    bidderId: b.bidderId,
    bidderName: b.bidder.name,
    receivedAt: b.receivedAt.toISOString(),
    price: formatMoney(b.price),
    currency: b.tender.currency,
    figures: b.figures as Record<string, string>,
    supplyChain: buildSupplyChain(b.nodes as StoredNode[]),
    createdAt: b.createdAt.toISOString(),
  };
}

@Injectable()
export class BidsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly idempotency: IdempotencyService,
  ) {}

  submit(auth: AuthContext, tenderId: string, dto: CreateBidDto, idempotencyKey: string | undefined): Promise<IdempotentResult<BidDto>> {
    const treeErrors = supplyChainErrors(dto.supplyChain);
    if (treeErrors.length) throw invalid(treeErrors);
    return this.idempotency.run(auth, idempotencyKey, 'POST', `/api/v1/tenders/${tenderId}/bids`, dto, 201, (tx) => this.create(tx, auth, tenderId, dto));
  }

  private async create(tx: Tx, auth: AuthContext, tenderId: string, dto: CreateBidDto): Promise<BidDto> {
    const buyerId = buyerOf(auth);
    // FOR SHARE: a concurrent close waits for this bid, and this bid sees a close that committed first.
    const locked = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS status FROM tender WHERE id = ${tenderId}::uuid AND buyer_id = ${buyerId}::uuid FOR SHARE`;
    if (locked.length === 0) throw notFound('Tender');
    const tender = await this.tenders.requireTender(tx, auth, tenderId);
    if (!ACCEPTS_BIDS.includes(tender.status))
      throw conflict('TENDER_NOT_PUBLISHED', `The tender is ${tender.status}; bids are accepted only while it is PUBLISHED`, { tenderStatus: tender.status });

    const errors: FieldError[] = [];
    const early = receiptRefusal(new Date(dto.receivedAt), tender.publishedAt);
    if (early) errors.push({ field: 'receivedAt', message: early });
    const bidder = await tx.bidder.findFirst({ where: { id: dto.bidderId, buyerId }, select: { id: true, name: true } });
    if (!bidder) errors.push({ field: 'bidderId', message: 'no bidder with this id in your register' });
    const figures = dto.figures ?? {};
    const numberCodes = tender.criteria.filter((c) => c.kind === 'NUMBER_LOWER_BETTER' || c.kind === 'NUMBER_HIGHER_BETTER').map((c) => c.code);
    for (const code of numberCodes)
      if (!(code in figures)) errors.push({ field: `figures.${code}`, message: `required: the tender scores criterion ${code} on this figure` });
    for (const code of Object.keys(figures))
      if (!numberCodes.includes(code)) errors.push({ field: `figures.${code}`, message: 'the tender has no NUMBER criterion with this code' });
    if (errors.length) throw invalid(errors);

    let bid;
    try {
      bid = await tx.bid.create({
        data: {
          tenderId,
          bidderId: dto.bidderId,
          receivedAt: new Date(dto.receivedAt),
          price: new Prisma.Decimal(dto.price),
          figures,
          createdById: auth.userId,
        },
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw conflict('DUPLICATE', 'This bidder already has a bid on this tender');
      throw e;
    }
    const flat = flattenSupplyChain(bid.id, dto.supplyChain);
    await tx.supplyChainNode.createMany({ data: flat.nodes });
    if (flat.evidence.length) await tx.nodeEvidence.createMany({ data: flat.evidence });
    if (flat.violations.length) await tx.nodeViolation.createMany({ data: flat.violations });
    const out = toBidDto((await tx.bid.findUnique({ where: { id: bid.id }, include: BID_INCLUDE }))!);
    await this.audit.append(tx, {
      auth,
      action: 'bid.submitted',
      objectType: 'bid',
      objectId: bid.id,
      tenderId,
      payload: {
        bidderId: out.bidderId,
        bidderName: out.bidderName,
        receivedAt: out.receivedAt,
        price: out.price,
        figures: out.figures,
        supplyChain: out.supplyChain,
      },
    });
    return out;
  }

  /** Summaries, oldest first: a 1,000-bid tender's page stays small; the supply chain is on get(). */
  async list(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<BidSummaryDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const where = { tenderId, tender: { buyerId: buyerOf(auth) } };
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.bid.findMany({
        where,
        include: { bidder: { select: { name: true } }, tender: { select: { currency: true } }, _count: { select: { nodes: true } } },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.bid.count({ where }),
    ]);
    return pageOf(
      args,
      rows.map((b) => ({
        id: b.id,
        tenderId: b.tenderId,
        bidderId: b.bidderId,
        bidderName: b.bidder.name,
        receivedAt: b.receivedAt.toISOString(),
        price: formatMoney(b.price),
        currency: b.tender.currency,
        figures: b.figures as Record<string, string>,
        nodeCount: b._count.nodes,
        createdAt: b.createdAt.toISOString(),
      })),
      total,
    );
  }

  async get(auth: AuthContext, tenderId: string, bidId: string): Promise<BidDto> {
    const b = await this.prisma.bid.findFirst({ where: { id: bidId, tenderId, tender: { buyerId: buyerOf(auth) } }, include: BID_INCLUDE });
    if (!b) throw notFound('Bid');
    return toBidDto(b);
  }
}
