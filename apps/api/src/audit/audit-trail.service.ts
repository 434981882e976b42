import { Injectable } from '@nestjs/common';
import { ChainVerifier, verifyTenderChain } from '@app/audit-chain';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { Page, pageArgs } from '../common/paging';
import { notFound } from '../common/problem';
import { TenderRepository } from '../tenders/tender.repository';
import { AuditRepository } from './audit.repository';
import { AuditEventDto, AuditQueryDto, VerifyDto } from './audit.dto';

const PAGE = 1000;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The global chain spans every buyer: a break may sit in another buyer's tender chain,
 * whose id the verifier's reason names. Only an ADMIN sees ids; others see where (seq), not whose.
 */
export function redactFor(auth: AuthContext, reason: string): string {
  return auth.role === 'ADMIN' ? reason : reason.replace(UUID_RE, '(id withheld)');
}

/** Reading and verifying the trail. Writing is AuditService.record, inside each change's transaction. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly tenders: TenderRepository,
    private readonly access: AccessService,
  ) {}

  async list(auth: AuthContext, q: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    if (q.tenderId) await this.requireTender(auth, q.tenderId);
    const { rows, total } = await this.repo.list(
      {
        buyerId: auth.role === 'ADMIN' ? undefined : buyerOf(auth),
        tenderId: q.tenderId,
        actorId: q.actorId,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      { skip, take, order: q.order === 'desc' ? 'desc' : 'asc' },
    );
    return { items: rows, page, pageSize, total };
  }

  /**
   * Recomputes every hash, streaming the table in seq order, page by page
   * (in the caller's transaction when one is open: the checkpoint's snapshot).
   * Answers hashes and counts only: no content of other buyers leaves.
   */
  async verify(auth: AuthContext, tenderId?: string): Promise<VerifyDto> {
    if (tenderId) {
      await this.requireTender(auth, tenderId);
      const r = verifyTenderChain(await this.repo.ofTender(tenderId));
      return { ...r, chain: tenderId, verifiedAt: new Date().toISOString() };
    }
    const verifier = new ChainVerifier({ firstSeq: '1' });
    let after: bigint | null = null;
    for (;;) {
      const rows = await this.repo.pageAfter(after, PAGE);
      for (const r of rows) verifier.push(r);
      if (rows.length < PAGE) break;
      after = BigInt(rows[rows.length - 1].seq);
    }
    const result = verifier.result();
    return { ...result, ...(result.reason ? { reason: redactFor(auth, result.reason) } : {}), chain: 'global', verifiedAt: new Date().toISOString() };
  }

  /** The tender exists and is the caller's buyer's (ADMIN: any); else 404. */
  private async requireTender(auth: AuthContext, tenderId: string): Promise<void> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'audit.read', { buyerId: head.buyerId, tenderId, label: 'Tender' });
  }
}
