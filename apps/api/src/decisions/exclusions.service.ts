import { Injectable } from '@nestjs/common';
import { findingHasDecision } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { AuthContext } from '../auth/auth-context';
import { Transactional } from '../database/transaction';
import { conflict, FieldError, invalid, notFound } from '../common/problem';
import { TenderRepository } from '../tenders/tender.repository';
import { TendersService } from '../tenders/tenders.service';
import { assertDecidable, toExclusionDto } from './decision-records';
import { DecisionRepository } from './decision.repository';
import { DecideExclusionDto, ExclusionDto, ExclusionsQueryDto, ProposeExclusionDto } from './decisions.dto';
import { Page, pageArgs, pageOf } from '../common/paging';

export interface ProposalData {
  tenderId: string;
  bidId: string;
  nodePath: string[];
  findingKey: string | null;
  ground: string;
  reasons: string;
}

/**
 * Art. 44 exclusions as four-eyes decisions: one officer proposes (ground and
 * reasons), a different officer confirms or rejects. Only a confirmed
 * exclusion takes a bid out of the next evaluation's ranking; confirmed
 * against the winner of an active award, it revokes that award.
 */
@Injectable()
export class ExclusionsService {
  constructor(
    private readonly repo: DecisionRepository,
    private readonly tenderRows: TenderRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
  ) {}

  /** Locks the tender's row and decides access on it, in the caller's transaction. */
  private async lockFor(auth: AuthContext, permission: 'exclusion.propose' | 'tender.read', tenderId: string, label = 'Tender') {
    const head = permission === 'tender.read' ? await this.tenderRows.head(tenderId) : await this.tenderRows.lock(tenderId);
    await this.access.require(auth, permission, { buyerId: head?.buyerId ?? null, tenderId, label });
    if (!head) throw notFound(label);
    return head;
  }

  @Transactional()
  async propose(auth: AuthContext, tenderId: string, dto: ProposeExclusionDto): Promise<ExclusionDto> {
    const head = await this.lockFor(auth, 'exclusion.propose', tenderId);
    {
      assertDecidable(head.status, 'exclusions are proposed');
      const errors: FieldError[] = [];
      const bid = await this.repo.bidWithNodes(dto.bidId, tenderId);
      if (!bid) throw invalid([{ field: 'bidId', message: 'no bid with this id on this tender' }]);
      const finding = dto.findingId ? await this.repo.findingOfTender(dto.findingId, tenderId) : null;
      if (dto.findingId) {
        if (!finding) errors.push({ field: 'findingId', message: 'no finding with this id on this tender' });
        else if (finding.bidId !== dto.bidId) errors.push({ field: 'findingId', message: 'the finding concerns another bid' });
        else if (finding.severity === 'VERIFY')
          errors.push({
            field: 'findingId',
            message: 'a VERIFY finding is escalated by resolving it (POST /api/v1/findings/:id/resolve with conclusion ESCALATED), after hearing the bidder',
          });
        else if (finding.severity === 'INFO') errors.push({ field: 'findingId', message: 'an INFO finding is no exclusion ground' });
        else if (dto.nodePath && JSON.stringify(dto.nodePath) !== JSON.stringify(finding.nodePath))
          errors.push({ field: 'nodePath', message: `the finding concerns ${JSON.stringify(finding.nodePath)}` });
      }
      const root = [...bid.nodes].sort((a, b) => a.position - b.position)[0]?.path ?? [];
      const nodePath = dto.nodePath ?? finding?.nodePath ?? root;
      if (dto.nodePath && !bid.nodes.some((n) => JSON.stringify(n.path) === JSON.stringify(dto.nodePath))) {
        errors.push({ field: 'nodePath', message: 'no node of this bid’s supply chain has this path (names from the bidder down)' });
      }
      if (errors.length) throw invalid(errors);
      if (finding && findingHasDecision(finding.findingKey, await this.repo.record(tenderId))) {
        throw conflict('FINDING_ALREADY_DECIDED', 'An exclusion decision on this finding is already pending or taken; it carries over to later evaluations');
      }
      const id = await this.createProposal(
        auth,
        { tenderId, bidId: bid.id, nodePath, findingKey: finding?.findingKey ?? null, ground: dto.ground, reasons: dto.reasons.trim() },
        finding?.id ?? null,
      );
      return toExclusionDto((await this.repo.exclusion(id))!);
    }
  }

  /** Creates a PROPOSED exclusion and its audit event in the caller's transaction (also used by an ESCALATED resolution). */
  @Transactional()
  async createProposal(auth: AuthContext, p: ProposalData, findingId: string | null): Promise<string> {
    const id = await this.repo.createExclusion({ ...p, proposedById: auth.userId });
    await this.audit.record({
      auth,
      action: 'exclusion.proposed',
      objectType: 'exclusion',
      objectId: id,
      tenderId: p.tenderId,
      payload: { bidId: p.bidId, nodePath: p.nodePath, ground: p.ground, reasons: p.reasons, findingKey: p.findingKey, findingId },
    });
    return id;
  }

  confirm(auth: AuthContext, id: string, dto: DecideExclusionDto): Promise<ExclusionDto> {
    return this.decide(auth, id, 'CONFIRMED', dto);
  }

  reject(auth: AuthContext, id: string, dto: DecideExclusionDto): Promise<ExclusionDto> {
    return this.decide(auth, id, 'REJECTED', dto);
  }

  /**
   * Confirming and rejecting are both decisions of a second officer: a
   * rejection settles an exclusion ground as surely as a confirmation, so
   * neither may be taken by the proposer alone. The status change is one
   * conditional UPDATE (PROPOSED → decided): of two concurrent decisions
   * exactly one changes a row; the other answers 409.
   */
  @Transactional()
  private async decide(auth: AuthContext, id: string, to: 'CONFIRMED' | 'REJECTED', dto: DecideExclusionDto): Promise<ExclusionDto> {
    // Read the decision, lock its tender, read it again under the lock, then decide access (role, buyer, impartiality, four-eyes) on it.
    const first = await this.repo.exclusion(id);
    const head = first ? await this.tenderRows.lock(first.tenderId) : null;
    const existing = head ? await this.repo.exclusion(id) : null;
    await this.access.require(auth, 'exclusion.decide', {
      buyerId: head?.buyerId ?? null,
      tenderId: existing?.tenderId,
      proposedById: existing?.proposedById ?? null,
      label: 'Exclusion',
    });
    if (!existing || !head) throw notFound('Exclusion');
    assertDecidable(head.status, `exclusions are ${to.toLowerCase()}`);
    const note = dto.note?.trim() || null;
    if (!(await this.repo.decideExclusion(id, to, auth.userId, new Date(), note))) {
      throw conflict('ALREADY_DECIDED', `The exclusion is already ${existing.status}; a decision is taken once`, { exclusionStatus: existing.status });
    }
    const e = (await this.repo.exclusion(id))!;
    await this.audit.record({
      auth,
      action: `exclusion.${to.toLowerCase()}`,
      objectType: 'exclusion',
      objectId: id,
      tenderId: e.tenderId,
      payload: { bidId: e.bidId, nodePath: e.nodePath, ground: e.ground, reasons: e.reasons, findingKey: e.findingKey, proposedById: e.proposedById, note },
    });
    const revokedAwardId = to === 'CONFIRMED' && head.status === 'AWARDED' ? await this.revokeIfWinner(auth, e.tenderId, e.bidId, id) : null;
    return { ...toExclusionDto(e), revokedAwardId };
  }

  /**
   * Art. 44 / evaluation-method.md §2: an exclusion confirmed against the
   * winning bid after the award revokes the award. The award stays on record
   * (REVOKED, with the revoking exclusion) and the tender returns to CLOSED
   * for a new evaluation and award.
   */
  private async revokeIfWinner(auth: AuthContext, tenderId: string, bidId: string, exclusionId: string): Promise<string | null> {
    const active = await this.repo.activeAward(tenderId);
    if (!active || active.winnerBidId !== bidId) return null;
    const revokedAt = new Date();
    await this.repo.revokeAward(active.id, revokedAt, exclusionId);
    await this.audit.record({
      auth,
      action: 'award.revoked',
      objectType: 'award',
      objectId: active.id,
      tenderId,
      payload: { winnerBidId: bidId, revokingExclusionId: exclusionId, revokedAt: revokedAt.toISOString() },
    });
    await this.tenders.transitionTender(auth, tenderId, 'revokeAward', undefined, { awardId: active.id, exclusionId });
    return active.id;
  }

  @Transactional()
  async list(auth: AuthContext, tenderId: string, q: ExclusionsQueryDto): Promise<Page<ExclusionDto>> {
    await this.lockFor(auth, 'tender.read', tenderId);
    const args = pageArgs(q);
    const { rows, total } = await this.repo.exclusionPage(tenderId, q.status, args.skip, args.take);
    return pageOf(args, rows.map(toExclusionDto), total);
  }

  @Transactional()
  async get(auth: AuthContext, id: string): Promise<ExclusionDto> {
    const e = await this.repo.exclusion(id);
    const head = e ? await this.tenderRows.head(e.tenderId) : null;
    await this.access.require(auth, 'tender.read', { buyerId: head?.buyerId ?? null, label: 'Exclusion' });
    if (!e) throw notFound('Exclusion');
    return toExclusionDto(e);
  }
}
