import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { supplyChainErrors } from '@app/evaluation';
import { receiptRefusal } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { confirmCaller, pendingCaller } from '../auth/caller-in-read';
import { formatMoney } from '../common/decimal';
import { IdempotencyService, IdempotentResult } from '../common/idempotency.service';
import { conflict, FieldError, invalid, notFound } from '../common/problem';
import { Page, pageArgs, PageQueryDto } from '../common/paging';
import { ACCEPTS_BIDS } from '../tenders/tender-lifecycle';
import { BidRepository } from './bid.repository';
import { BidDto, BidSummaryDto, CreateBidDto } from './bids.dto';
import { flattenSupplyChain, normaliseSupplyChain } from './supply-chain';

@Injectable()
export class BidsService {
  constructor(
    private readonly bids: BidRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  submit(auth: AuthContext, tenderId: string, dto: CreateBidDto, idempotencyKey: string | undefined): Promise<IdempotentResult<BidDto>> {
    const treeErrors = supplyChainErrors(dto.supplyChain);
    if (treeErrors.length) throw invalid(treeErrors);
    return this.idempotency.run(auth, idempotencyKey, 'POST', `/api/v1/tenders/${tenderId}/bids`, dto, 201, () => this.create(auth, tenderId, dto));
  }

  /**
   * One read of the tender and the bidder (the tender's head under FOR SHARE:
   * a concurrent close waits for this bid, and this bid sees a close that
   * committed first), one insert of the whole bid; the answer is built from
   * the input and what the insert returned. Runs in the transaction that
   * IdempotencyService.run opens (no @Transactional here: joining it again
   * would only log that the transaction options are ignored, on every bid).
   */
  private async create(auth: AuthContext, tenderId: string, dto: CreateBidDto): Promise<BidDto> {
    const head = await this.bids.lockForIntake(tenderId, dto.bidderId);
    if (!head) throw notFound('Tender');
    const { tender, ...facts } = head;
    await this.access.require(auth, 'bid.submit', { buyerId: tender.buyerId, tenderId, label: 'Tender' });
    if (!ACCEPTS_BIDS.includes(tender.status))
      throw conflict('TENDER_NOT_PUBLISHED', `The tender is ${tender.status}; bids are accepted only while it is PUBLISHED`, { tenderStatus: tender.status });

    const errors: FieldError[] = [];
    const receivedAt = new Date(dto.receivedAt);
    const early = receiptRefusal(receivedAt, tender.publishedAt);
    if (early) errors.push({ field: 'receivedAt', message: early });
    if (facts.bidderName === null) errors.push({ field: 'bidderId', message: 'no bidder with this id in your register' });
    const figures = dto.figures ?? {};
    for (const code of facts.numberCodes)
      if (!(code in figures)) errors.push({ field: `figures.${code}`, message: `required: the tender scores criterion ${code} on this figure` });
    for (const code of Object.keys(figures))
      if (!facts.numberCodes.includes(code)) errors.push({ field: `figures.${code}`, message: 'the tender has no NUMBER criterion with this code' });
    if (errors.length) throw invalid(errors);

    const id = randomUUID();
    const supplyChain = normaliseSupplyChain(dto.supplyChain);
    const stored = await this.bids.insert({
      id,
      tenderId,
      bidderId: dto.bidderId,
      receivedAt: receivedAt.toISOString(),
      price: dto.price,
      figures,
      createdById: auth.userId,
      nodes: flattenSupplyChain(supplyChain),
    });
    const out: BidDto = {
      id,
      tenderId,
      bidderId: dto.bidderId,
      bidderName: facts.bidderName!,
      receivedAt: receivedAt.toISOString(),
      price: formatMoney(dto.price),
      currency: facts.currency,
      figures: stored.figures,
      supplyChain,
      createdAt: stored.createdAt.toISOString(),
    };
    await this.audit.record({
      auth,
      action: 'bid.submitted',
      objectType: 'bid',
      objectId: id,
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

  /**
   * Summaries, oldest first: a 1,000-bid tender's page stays small; the supply chain is on get().
   * One statement reads the caller's row (@CallerInRead), the tender's buyer (for the access check), the page and
   * the total: no transaction needed.
   */
  async list(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<Page<BidSummaryDto>> {
    return JSON.parse(await this.listJson(auth, tenderId, q)) as Page<BidSummaryDto>;
  }

  /** list() as the JSON text it answers: the items as PostgreSQL wrote them, the page fields in pageOf's order. */
  async listJson(auth: AuthContext, tenderId: string, q: PageQueryDto): Promise<string> {
    const args = pageArgs(q);
    const { caller, page } = await this.bids.page(tenderId, args.take, args.skip, pendingCaller(auth));
    const actor = confirmCaller(auth, caller);
    if (!page) throw notFound('Tender');
    await this.access.require(actor, 'tender.read', { buyerId: page.buyerId, tenderId, label: 'Tender' });
    return `{"items":${page.items},"page":${args.page},"pageSize":${args.pageSize},"total":${page.total}}`;
  }

  /** One statement, as list(). */
  async get(auth: AuthContext, tenderId: string, bidId: string): Promise<BidDto> {
    const { caller, found } = await this.bids.findOne(tenderId, bidId, pendingCaller(auth));
    const actor = confirmCaller(auth, caller);
    if (!found) throw notFound('Bid');
    await this.access.require(actor, 'tender.read', { buyerId: found.buyerId, tenderId, label: 'Bid' });
    if (!found.bid) throw notFound('Bid');
    return found.bid;
  }
}
