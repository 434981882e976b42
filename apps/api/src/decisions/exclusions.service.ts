import { Injectable } from '@nestjs/common';
import { findingHasDecision } from '@app/procedure';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { SecurityEvents } from '../auth/security-events';
import { PrismaService, Tx } from '../database/prisma.service';
import { conflict, FieldError, forbidden, invalid, notFound } from '../common/problem';
import { ImpartialityGate } from '../evaluations/impartiality.service';
import { TendersService } from '../tenders/tenders.service';
import { assertDecidable, EXCLUSION_INCLUDE, loadRecord, lockTender, toExclusionDto } from './decision-records';
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
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly gate: ImpartialityGate,
    private readonly security: SecurityEvents,
  ) {}

  async propose(auth: AuthContext, tenderId: string, dto: ProposeExclusionDto): Promise<ExclusionDto> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    await this.gate.assert(this.prisma, auth, tenderId, 'propose exclusions');
    return this.prisma.transaction(async (tx) => {
      assertDecidable(await lockTender(tx, auth, tenderId), 'exclusions are proposed');
      const errors: FieldError[] = [];
      const bid = await tx.bid.findFirst({ where: { id: dto.bidId, tenderId }, select: { id: true, nodes: { select: { path: true, position: true } } } });
      if (!bid) throw invalid([{ field: 'bidId', message: 'no bid with this id on this tender' }]);
      const finding = dto.findingId ? await tx.finding.findFirst({ where: { id: dto.findingId, tenderId } }) : null;
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
      if (finding && findingHasDecision(finding.findingKey, await loadRecord(tx, tenderId))) {
        throw conflict('FINDING_ALREADY_DECIDED', 'An exclusion decision on this finding is already pending or taken; it carries over to later evaluations');
      }
      const id = await this.createProposal(
        tx,
        auth,
        { tenderId, bidId: bid.id, nodePath, findingKey: finding?.findingKey ?? null, ground: dto.ground, reasons: dto.reasons.trim() },
        finding?.id ?? null,
      );
      return this.read(tx, auth, id);
    });
  }

  /** Creates a PROPOSED exclusion and its audit event in the caller's transaction (also used by an ESCALATED resolution). */
  async createProposal(tx: Tx, auth: AuthContext, p: ProposalData, findingId: string | null): Promise<string> {
    const e = await tx.exclusionDecision.create({ data: { ...p, proposedById: auth.userId } });
    await this.audit.append(tx, {
      auth,
      action: 'exclusion.proposed',
      objectType: 'exclusion',
      objectId: e.id,
      tenderId: p.tenderId,
      payload: { bidId: p.bidId, nodePath: p.nodePath, ground: p.ground, reasons: p.reasons, findingKey: p.findingKey, findingId },
    });
    return e.id;
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
  private async decide(auth: AuthContext, id: string, to: 'CONFIRMED' | 'REJECTED', dto: DecideExclusionDto): Promise<ExclusionDto> {
    const verb = to === 'CONFIRMED' ? 'confirm' : 'reject';
    const existing = await this.prisma.exclusionDecision.findFirst({
      where: { id, tender: { buyerId: buyerOf(auth) } },
      select: { tenderId: true, proposedById: true },
    });
    if (!existing) throw notFound('Exclusion');
    await this.gate.assert(this.prisma, auth, existing.tenderId, `${verb} exclusions`);
    if (existing.proposedById === auth.userId) {
      const reason = `Four-eyes principle: the officer who proposed an exclusion cannot ${verb} it; another officer decides`;
      await this.security.deniedAction(auth, `four-eyes: ${reason}`, existing.tenderId);
      throw forbidden('FOUR_EYES', reason);
    }
    return this.prisma.transaction(async (tx) => {
      const tenderStatus = await lockTender(tx, auth, existing.tenderId);
      assertDecidable(tenderStatus, `exclusions are ${to.toLowerCase()}`);
      const decidedAt = new Date();
      const note = dto.note?.trim() || null;
      const { count } = await tx.exclusionDecision.updateMany({
        where: { id, status: 'PROPOSED' },
        data: { status: to, decidedById: auth.userId, decidedAt, decisionNote: note },
      });
      if (count === 0) {
        const now = await tx.exclusionDecision.findUniqueOrThrow({ where: { id }, select: { status: true } });
        throw conflict('ALREADY_DECIDED', `The exclusion is already ${now.status}; a decision is taken once`, { exclusionStatus: now.status });
      }
      const e = await tx.exclusionDecision.findUniqueOrThrow({ where: { id }, include: EXCLUSION_INCLUDE });
      await this.audit.append(tx, {
        auth,
        action: `exclusion.${to.toLowerCase()}`,
        objectType: 'exclusion',
        objectId: id,
        tenderId: e.tenderId,
        payload: { bidId: e.bidId, nodePath: e.nodePath, ground: e.ground, reasons: e.reasons, findingKey: e.findingKey, proposedById: e.proposedById, note },
      });
      const revokedAwardId = to === 'CONFIRMED' && tenderStatus === 'AWARDED' ? await this.revokeIfWinner(tx, auth, e.tenderId, e.bidId, id) : null;
      return { ...toExclusionDto(e), revokedAwardId };
    });
  }

  /**
   * Art. 44 / evaluation-method.md §2: an exclusion confirmed against the
   * winning bid after the award revokes the award. The award stays on record
   * (REVOKED, with the revoking exclusion) and the tender returns to CLOSED
   * for a new evaluation and award.
   */
  private async revokeIfWinner(tx: Tx, auth: AuthContext, tenderId: string, bidId: string, exclusionId: string): Promise<string | null> {
    const active = await tx.award.findFirst({ where: { tenderId, status: 'ACTIVE' } });
    if (!active || active.winnerBidId !== bidId) return null;
    const revokedAt = new Date();
    await tx.award.updateMany({ where: { id: active.id, status: 'ACTIVE' }, data: { status: 'REVOKED', revokedAt, revokingExclusionId: exclusionId } });
    await this.audit.append(tx, {
      auth,
      action: 'award.revoked',
      objectType: 'award',
      objectId: active.id,
      tenderId,
      payload: { winnerBidId: bidId, revokingExclusionId: exclusionId, revokedAt: revokedAt.toISOString() },
    });
    await this.tenders.transitionIn(tx, auth, tenderId, 'revokeAward', undefined, { awardId: active.id, exclusionId });
    return active.id;
  }

  async list(auth: AuthContext, tenderId: string, q: ExclusionsQueryDto): Promise<Page<ExclusionDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const where = { tenderId, ...(q.status ? { status: q.status } : {}) };
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.exclusionDecision.findMany({
        where,
        include: EXCLUSION_INCLUDE,
        orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }],
        skip: args.skip,
        take: args.take,
      }),
      this.prisma.exclusionDecision.count({ where }),
    ]);
    return pageOf(args, rows.map(toExclusionDto), total);
  }

  get(auth: AuthContext, id: string): Promise<ExclusionDto> {
    return this.read(this.prisma, auth, id);
  }

  private async read(db: Tx | PrismaService, auth: AuthContext, id: string): Promise<ExclusionDto> {
    const e = await db.exclusionDecision.findFirst({ where: { id, tender: { buyerId: buyerOf(auth) } }, include: EXCLUSION_INCLUDE });
    if (!e) throw notFound('Exclusion');
    return toExclusionDto(e);
  }
}
