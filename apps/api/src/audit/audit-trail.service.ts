import { Inject, Injectable } from '@nestjs/common';
import { chainKeyOf, TrailVerifier, verifyTenderChain, type TrailResult } from '@app/audit-chain';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { Page, pageArgs } from '../common/paging';
import { notFound } from '../common/problem';
import { TenderRepository } from '../tenders/tender.repository';
import { TransactionHost, type PrismaTxHost } from '../database/transaction';
import { AuditRepository } from './audit.repository';
import { AuditEventDto, AuditQueryDto, VerifyDto } from './audit.dto';

const PAGE = 1000;
const MAX_BROKEN = 100;

/** One snapshot for the rows and the heads they are compared with (a long read: up to 5 minutes). */
export const SNAPSHOT = { isolationLevel: 'RepeatableRead', timeout: 300_000 } as const;
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The whole trail spans every buyer: a break may sit in another buyer's chain,
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
    @Inject(TransactionHost) private readonly txHost: PrismaTxHost,
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
   * Recomputes every hash: the whole trail (every chain, against its head
   * row) or one tender's chain. Answers hashes and counts only: no content of
   * other buyers leaves.
   */
  async verify(auth: AuthContext, tenderId?: string): Promise<VerifyDto> {
    if (tenderId) {
      await this.requireTender(auth, tenderId);
      const r = await this.inSnapshot(async () =>
        verifyTenderChain(await this.repo.ofTender(tenderId), await this.repo.head(chainKeyOf({ tenderId, buyerId: null }))),
      );
      return { ...r, chain: tenderId, verifiedAt: new Date().toISOString() };
    }
    return this.toDto(auth, await this.verifyTrail());
  }

  /**
   * The whole trail, streamed in seq order page by page, then compared with
   * the chains' head rows; in the caller's transaction when one is open (the
   * checkpoint's snapshot), else in a snapshot of its own, so that the rows
   * and the heads are read at one instant. `watermark`: also the trail as it
   * stood at that global seq (TrailResult.atWatermark).
   */
  verifyTrail(watermark?: string): Promise<TrailResult> {
    return this.inSnapshot(async () => {
      const verifier = new TrailVerifier({ watermark });
      let after: bigint | null = null;
      for (;;) {
        const rows = await this.repo.pageAfter(after, PAGE);
        for (const r of rows) verifier.push(r);
        if (rows.length < PAGE) break;
        after = BigInt(rows[rows.length - 1].seq);
      }
      verifier.compareHeads(await this.repo.heads());
      return verifier.result();
    });
  }

  toDto(auth: AuthContext, r: TrailResult): VerifyDto {
    const broken = r.chains.filter((c) => !c.valid);
    return {
      valid: r.valid,
      count: r.count,
      headHash: r.headHash,
      ...(r.firstBrokenSeq ? { firstBrokenSeq: r.firstBrokenSeq } : {}),
      ...(r.reason ? { reason: redactFor(auth, r.reason) } : {}),
      chain: 'global',
      verifiedAt: new Date().toISOString(),
      headSeq: r.headSeq,
      chains: {
        total: r.chains.length,
        valid: r.chains.length - broken.length,
        broken: broken
          .slice(0, MAX_BROKEN)
          .map((c) => ({ chain: redactFor(auth, c.chain), firstBrokenSeq: c.firstBrokenSeq!, reason: redactFor(auth, c.reason!) })),
      },
    };
  }

  private inSnapshot<T>(fn: () => Promise<T>): Promise<T> {
    return this.txHost.isTransactionActive() ? fn() : this.txHost.withTransaction(SNAPSHOT, fn);
  }

  /** The tender exists and is the caller's buyer's (ADMIN: any); else 404. */
  private async requireTender(auth: AuthContext, tenderId: string): Promise<void> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'audit.read', { buyerId: head.buyerId, tenderId, label: 'Tender' });
  }
}
