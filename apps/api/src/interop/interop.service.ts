import { Inject, Injectable } from '@nestjs/common';
import type { EvaluationResult } from '@app/evaluation';
import {
  buildReleasePackage,
  computeRedFlags,
  redFlagInputOf,
  redFlagTexts,
  redFlagThresholdErrors,
  type OcdsInput,
  type RedFlagLang,
  type RedFlagResult,
  type RedFlagSource,
  type RedFlagThresholds,
} from '@app/interop';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReferenceDataRepository } from '../admin/reference-data.repository';
import { AccessService } from '../auth/access.service';
import { Transactional } from '../database/transaction';
import { InteropRepository, type RedFlagTenderRow, type RedFlagThresholdVersionRow } from './interop.repository';
import { formatDecimal, formatMoney } from '../common/decimal';
import { Page, pageArgs } from '../common/paging';
import { DomainError, invalid, notFound } from '../common/problem';
import type {
  OcdsReleasePackageDto,
  PutRedFlagThresholdsDto,
  RedFlagDto,
  RedFlagsQueryDto,
  RedFlagThresholdVersionDto,
  TenderRedFlagsDto,
} from './interop.dto';
import { RedFlagCodeEnum, RedFlagStatusEnum } from './interop.dto';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const latest = (dates: (Date | null | undefined)[]): Date => new Date(Math.max(...dates.filter((d): d is Date => !!d).map((d) => d.getTime())));

export function toThresholdVersionDto(v: RedFlagThresholdVersionRow): RedFlagThresholdVersionDto {
  return {
    id: v.id,
    version: v.version,
    thresholds: v.thresholds as unknown as RedFlagThresholds,
    active: v.active,
    note: v.note,
    createdById: v.createdById,
    createdAt: v.createdAt.toISOString(),
  };
}

/** A flag with its texts in the caller's language. */
export function describeFlag(f: RedFlagResult, lang: RedFlagLang): RedFlagDto {
  const t = redFlagTexts(lang);
  return {
    code: f.code as RedFlagCodeEnum,
    status: f.status as RedFlagStatusEnum,
    title: t.titles[f.code],
    definition: t.definitions[f.code],
    threshold: f.threshold,
    numbers: f.numbers,
  };
}

/**
 * The OCDS export and the red flags: loads plain data scoped to the caller's
 * buyer and hands it to libs/interop, which decides everything.
 */
@Injectable()
export class InteropService {
  constructor(
    private readonly repo: InteropRepository,
    private readonly reference: ReferenceDataRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // —— OCDS ————————————————————————————————————————————————————————————

  async ocdsPackage(auth: AuthContext, tenderId: string, packageUri: string): Promise<OcdsReleasePackageDto> {
    const t = await this.repo.ocdsTender(tenderId);
    if (!t) throw notFound('Tender');
    await this.access.require(auth, 'tender.read', { buyerId: t.buyerId, label: 'Tender' });
    const e = t.evaluations[0] ?? null;
    const result = e ? (e.result as unknown as EvaluationResult) : null;
    const excluded = new Set(t.exclusions.map((x) => x.bidId));
    const input: OcdsInput = {
      ocidPrefix: this.config.ocdsOcidPrefix,
      packageUri,
      releaseDate: latest([
        t.updatedAt,
        e?.createdAt,
        ...t.bids.map((b) => b.createdAt),
        ...t.awards.flatMap((a) => [a.createdAt, a.revokedAt]),
        ...t.exclusions.map((x) => x.decidedAt),
      ]).toISOString(),
      buyer: { id: t.buyer.id, name: t.buyer.name, country: t.buyer.country },
      tender: {
        id: t.id,
        reference: t.reference,
        title: t.title,
        procedure: t.procedure,
        status: t.status,
        currency: t.currency,
        submissionDeadline: t.submissionDeadline.toISOString(),
        publishedAt: iso(t.publishedAt),
        placesOfPerformance: t.placesOfPerformance,
        goods: t.goods,
        criteria: t.criteria.map((c) => ({
          code: c.code,
          name: c.name,
          kind: c.kind,
          weight: formatDecimal(c.weight)!,
          priceMethod: c.priceMethod,
          span: formatDecimal(c.span),
        })),
        priceBasis: t.priceBasis,
        referencePrice: t.referencePrice ? formatMoney(t.referencePrice) : null,
      },
      bids: t.bids.map((b) => ({
        bidId: b.id,
        bidderId: b.bidderId,
        bidderName: b.bidder.name,
        bidderCountry: b.bidder.country,
        bidderIdentifiers: { uid: b.bidder.uid, lei: b.bidder.lei, vat: b.bidder.vat },
        receivedAt: b.receivedAt.toISOString(),
        price: formatMoney(b.price),
        excluded: excluded.has(b.id),
        nodes: b.nodes.map((n) => ({
          nodeId: n.id,
          parentNodeId: n.parentId,
          path: n.path,
          name: n.name,
          country: n.country,
          identifiers: { uid: n.uid, lei: n.lei, vat: n.vat },
          sharePercent: formatDecimal(n.sharePercent)!,
          goods: n.goods,
        })),
      })),
      evaluation:
        e && result
          ? {
              id: e.id,
              seq: e.seq,
              createdAt: e.createdAt.toISOString(),
              digest: e.digest,
              methodVersion: e.methodVersion,
              riskModelVersion: e.riskModelVersion,
              bids: result.bids,
            }
          : null,
      awards: t.awards.map((a) => ({
        id: a.id,
        evaluationId: a.evaluationId,
        winnerBidId: a.winnerBidId,
        price: formatMoney(a.price),
        status: a.status,
        notifiedAt: a.notifiedAt.toISOString(),
        appealDeadline: a.appealDeadline.toISOString(),
        revokedAt: iso(a.revokedAt),
        revokingExclusionId: a.revokingExclusionId,
      })),
    };
    return buildReleasePackage(input) as OcdsReleasePackageDto;
  }

  // —— red flags ———————————————————————————————————————————————————————

  async tenderRedFlags(auth: AuthContext, tenderId: string, lang: RedFlagLang): Promise<TenderRedFlagsDto> {
    const t = await this.repo.redFlagTender(tenderId);
    if (!t) throw notFound('Tender');
    await this.access.require(auth, 'red-flag.read', { buyerId: t.buyerId, label: 'Tender' });
    return (await this.flagsOf([t], await this.activeThresholds(), lang))[0];
  }

  async buyerRedFlags(auth: AuthContext, q: RedFlagsQueryDto, lang: RedFlagLang): Promise<Page<TenderRedFlagsDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const [{ rows, total }, thresholds] = await Promise.all([this.repo.redFlagTenders(buyerOf(auth), skip, take), this.activeThresholds()]);
    return { items: await this.flagsOf(rows, thresholds, lang), page, pageSize, total };
  }

  /** The rule input of each tender from its latest evaluation (read in SQL: only ranking and admissibility leave the database). */
  private async flagsOf(rows: RedFlagTenderRow[], thresholds: RedFlagThresholdVersionDto, lang: RedFlagLang): Promise<TenderRedFlagsDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const evaluations = await this.repo.evaluationOutlines(ids);
    return rows.map((t) => {
      const mine = evaluations.filter((e) => e.tender_id === t.id);
      const last = mine[mine.length - 1];
      const source: RedFlagSource = {
        tenderId: t.id,
        procedure: t.procedure,
        publishedAt: iso(t.publishedAt),
        submissionDeadline: t.submissionDeadline.toISOString(),
        referencePrice: t.referencePrice ? formatMoney(t.referencePrice) : null,
        status: t.status,
        bids: t.bids.map((b) => ({ bidId: b.id, bidderName: b.bidder.name, price: formatMoney(b.price) })),
        confirmedExclusionBidIds: t.exclusions.map((x) => x.bidId),
        activeAwardWinnerBidId: t.awards[0]?.winnerBidId ?? null,
        evaluation: last ? { ranking: last.ranking ?? [], bids: last.bids ?? [] } : null,
        winnersByEvaluation: mine.map((e) => e.winner),
      };
      const flags = computeRedFlags(redFlagInputOf(source), thresholds.thresholds);
      return {
        tenderId: t.id,
        reference: t.reference,
        title: t.title,
        evaluationId: last?.id ?? null,
        thresholdsVersion: thresholds.version,
        raised: flags.filter((f) => f.status === 'RAISED').length,
        flags: flags.map((f) => describeFlag(f, lang)),
      };
    });
  }

  /**
   * The red flags of one evaluation for its audit report: only what that
   * evaluation recorded (its bids and admissibility, the winners up to it,
   * its own award) and the thresholds in force when it was made, so the
   * report of an evaluation does not change when the tender moves on.
   */
  async evaluationRedFlags(evaluation: {
    id: string;
    tenderId: string;
    seq: number;
    createdAt: Date;
    result: EvaluationResult;
  }): Promise<{ thresholdsVersion: number; flags: RedFlagResult[] }> {
    const [t, winners, award, thresholds] = await Promise.all([
      this.repo.redFlagTenderOrThrow(evaluation.tenderId),
      this.repo.winnersUpTo(evaluation.tenderId, evaluation.seq),
      this.repo.activeAwardOf(evaluation.id),
      this.thresholdsAt(evaluation.createdAt),
    ]);
    const source: RedFlagSource = {
      tenderId: t.id,
      procedure: t.procedure,
      publishedAt: iso(t.publishedAt),
      submissionDeadline: t.submissionDeadline.toISOString(),
      referencePrice: t.referencePrice ? formatMoney(t.referencePrice) : null,
      // An evaluation is only made of a closed tender.
      status: 'CLOSED',
      bids: evaluation.result.bids.map((b) => ({ bidId: b.bidId, bidderName: b.bidderName, price: b.price })),
      // The evaluation already counts the exclusions confirmed before it (inadmissible, EXCLUDED).
      confirmedExclusionBidIds: [],
      activeAwardWinnerBidId: award?.winnerBidId ?? null,
      evaluation: { ranking: evaluation.result.ranking, bids: evaluation.result.bids },
      winnersByEvaluation: winners.map((w) => w.winner),
    };
    return { thresholdsVersion: thresholds.version, flags: computeRedFlags(redFlagInputOf(source), thresholds.thresholds) };
  }

  // —— thresholds (ADMIN) ——————————————————————————————————————————————

  async activeThresholds(): Promise<RedFlagThresholdVersionDto> {
    const v = await this.repo.activeThresholds();
    if (!v) throw notFound('Active red-flag thresholds');
    return toThresholdVersionDto(v);
  }

  /** The version that was active at a moment (the one of an evaluation), else the first. */
  async thresholdsAt(at: Date): Promise<RedFlagThresholdVersionDto> {
    const v = await this.repo.thresholdsAt(at);
    if (!v) throw notFound('Red-flag thresholds');
    return toThresholdVersionDto(v);
  }

  async thresholdVersions(): Promise<RedFlagThresholdVersionDto[]> {
    return (await this.repo.thresholdVersions()).map(toThresholdVersionDto);
  }

  /** Validates, stores version n+1 as the only active one, audited in the same transaction; `expected` (If-Match) guards a concurrent change. */
  async replaceThresholds(auth: AuthContext, dto: PutRedFlagThresholdsDto, expected?: number): Promise<RedFlagThresholdVersionDto> {
    const errors = redFlagThresholdErrors(dto.thresholds);
    if (errors.length) throw invalid(errors, 'The red-flag thresholds are invalid');
    return this.storeThresholds(auth, dto, expected);
  }

  @Transactional()
  private async storeThresholds(auth: AuthContext, dto: PutRedFlagThresholdsDto, expected?: number): Promise<RedFlagThresholdVersionDto> {
    await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Red-flag thresholds' });
    await this.reference.lock();
    const current = await this.repo.activeThresholds();
    if (expected !== undefined && current?.version !== expected) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `If-Match names version ${expected}, the active red-flag thresholds are version ${current?.version ?? 'none'}; GET them again`,
      );
    }
    // A JSON round trip keeps plain data only (the validator already refused unknown members).
    const stored = JSON.parse(JSON.stringify(dto.thresholds)) as RedFlagThresholds;
    const note = dto.note?.trim() || null;
    const v = await this.repo.storeThresholds(stored, note, auth.userId);
    await this.audit.record({
      auth,
      action: 'red-flag-thresholds.activated',
      objectType: 'red-flag-threshold-version',
      objectId: v.id,
      tenderId: null,
      payload: { version: v.version, previousActiveVersion: current?.version ?? null, thresholds: stored, note },
    });
    return toThresholdVersionDto(v);
  }
}
