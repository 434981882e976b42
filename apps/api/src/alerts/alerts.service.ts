import { Injectable } from '@nestjs/common';
import { findingState, type DecisionRecord } from '@app/procedure';
import { buyerOf, type AuthContext } from '../auth/auth-context';
import { pageArgs } from '../common/paging';
import { AlertRepository } from './alert.repository';
import { AlertDto, AlertPageDto, AlertQueryDto, FindingStateName } from './alerts.dto';

/** Alerts of the caller's buyer: matches found while a contract is executed, newest first. */
@Injectable()
export class AlertsService {
  constructor(private readonly repo: AlertRepository) {}

  async list(auth: AuthContext, q: AlertQueryDto): Promise<AlertPageDto> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const buyerId = buyerOf(auth);
    const { rows, total } = await this.repo.page(buyerId, skip, take);
    const { findings, tenders, awards, bidders, resolutions, exclusions } = await this.repo.context(buyerId, rows);
    const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
    const f = byId(findings);
    const t = byId(tenders);
    const a = byId(awards);
    const b = byId(bidders);
    const items: AlertDto[] = rows.map((r) => {
      const finding = f.get(r.findingId)!;
      const tender = t.get(r.tenderId)!;
      const award = a.get(r.awardId)!;
      const record: DecisionRecord = {
        resolutions: resolutions.filter((x) => x.tenderId === r.tenderId),
        exclusions: exclusions.filter((x) => x.tenderId === r.tenderId),
      };
      const s = findingState({ findingKey: finding.findingKey, bidId: finding.bidId, severity: finding.severity }, record);
      return {
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        trigger: { kind: r.triggerKind, id: r.triggerId, jobId: r.jobId },
        finding: {
          id: finding.id,
          code: finding.code,
          legalBasis: finding.legalBasis,
          severity: finding.severity,
          nodePath: finding.nodePath,
          findingKey: finding.findingKey,
          message: finding.message,
          data: (finding.data ?? {}) as Record<string, unknown>,
          state: s.state as FindingStateName,
          open: s.open,
        },
        tender: { id: tender.id, reference: tender.reference, title: tender.title },
        award: { id: award.id, status: award.status, winnerBidId: award.winnerBidId, bidderName: b.get(award.winnerBidId)?.bidder.name ?? '' },
      };
    });
    return { items, page, pageSize, total };
  }
}
