import { Injectable } from '@nestjs/common';
import { ChainVerifier, eventHash, GENESIS_HASH, type StoredAuditEvent } from '@app/audit-chain';
import type { AuditEvent, Prisma } from '@generated/prisma';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { Page, pageArgs } from '../common/paging';
import { notFound } from '../common/problem';
import { AuditEventDto, AuditQueryDto, VerifyDto } from './audit.dto';

export function toStoredEvent(e: AuditEvent): StoredAuditEvent {
  return {
    seq: e.seq.toString(),
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    buyerId: e.buyerId,
    tenderId: e.tenderId,
    tenderSeq: e.tenderSeq,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    requestId: e.requestId,
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash,
    tenderPrevHash: e.tenderPrevHash,
    tenderHash: e.tenderHash,
  };
}

const PAGE = 1000;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The global chain spans every buyer: a break may sit in another buyer's tender chain,
 * whose id the verifier's reason names. Only an ADMIN sees ids; others see where (seq), not whose.
 */
export function redactFor(auth: AuthContext, reason: string): string {
  return auth.role === 'ADMIN' ? reason : reason.replace(UUID_RE, '(id withheld)');
}

/** Reading and verifying the trail. Writing is AuditService.append, inside each change's transaction. */
@Injectable()
export class AuditTrailService {
  constructor(private readonly prisma: PrismaService) {}

  async list(auth: AuthContext, q: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const where: Prisma.AuditEventWhereInput = {
      ...(auth.role === 'ADMIN' ? {} : { buyerId: buyerOf(auth) }),
      ...(q.tenderId ? { tenderId: q.tenderId } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.action ? (q.action.endsWith('.') ? { action: { startsWith: q.action } } : { action: q.action }) : {}),
      ...(q.from || q.to ? { occurredAt: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } } : {}),
    };
    if (q.tenderId && auth.role !== 'ADMIN') {
      const t = await this.prisma.tender.findFirst({ where: { id: q.tenderId, buyerId: buyerOf(auth) }, select: { id: true } });
      if (!t) throw notFound('Tender');
    }
    const [rows, total] = await Promise.all([
      this.prisma.auditEvent.findMany({ where, orderBy: { seq: q.order === 'desc' ? 'desc' : 'asc' }, skip, take }),
      this.prisma.auditEvent.count({ where }),
    ]);
    return { items: rows.map(toStoredEvent), page, pageSize, total };
  }

  /**
   * Recomputes every hash, streaming the table in seq order, page by page.
   * Answers hashes and counts only: no content of other buyers leaves.
   */
  async verify(auth: AuthContext, tenderId?: string, db: Tx | PrismaService = this.prisma): Promise<VerifyDto> {
    if (tenderId) {
      const t = await db.tender.findFirst({ where: { id: tenderId, ...(auth.role === 'ADMIN' ? {} : { buyerId: buyerOf(auth) }) }, select: { id: true } });
      if (!t) throw notFound('Tender');
      return this.verifyTender(tenderId, db);
    }
    const verifier = new ChainVerifier({ firstSeq: '1' });
    let after: bigint | null = null;
    for (;;) {
      const rows: AuditEvent[] = await db.auditEvent.findMany({ where: after === null ? {} : { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE });
      for (const r of rows) verifier.push(toStoredEvent(r));
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].seq;
    }
    const result = verifier.result();
    return { ...result, ...(result.reason ? { reason: redactFor(auth, result.reason) } : {}), chain: 'global', verifiedAt: new Date().toISOString() };
  }

  /** One tender's chain: tenderSeq 1…n, each tenderHash over the previous one and the event. */
  private async verifyTender(tenderId: string, db: Tx | PrismaService): Promise<VerifyDto> {
    const rows = await db.auditEvent.findMany({ where: { tenderId }, orderBy: { tenderSeq: 'asc' } });
    let prev = GENESIS_HASH;
    let broken: { seq: string; reason: string } | null = null;
    rows.forEach((r, i) => {
      if (broken) return;
      const s = toStoredEvent(r);
      if (r.tenderSeq !== i + 1) broken = { seq: s.seq, reason: `tenderSeq ${r.tenderSeq} where ${i + 1} was expected (a row is missing or moved)` };
      else if (r.tenderPrevHash !== prev) broken = { seq: s.seq, reason: 'tenderPrevHash does not match the previous event of this tender' };
      // eventHash reads only the 13 content fields of the stored event.
      else if (eventHash(prev, s) !== r.tenderHash) broken = { seq: s.seq, reason: 'tenderHash does not match the event content' };
      prev = r.tenderHash ?? '';
    });
    const head = rows.length ? (rows[rows.length - 1].tenderHash ?? '') : GENESIS_HASH;
    const b = broken as { seq: string; reason: string } | null;
    return {
      valid: !b,
      count: rows.length,
      headHash: head,
      ...(b ? { firstBrokenSeq: b.seq, reason: b.reason } : {}),
      chain: tenderId,
      verifiedAt: new Date().toISOString(),
    };
  }
}
