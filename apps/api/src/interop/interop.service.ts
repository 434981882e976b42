import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, RedFlagThresholdVersion } from '@generated/prisma';
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
import { lockReferenceData } from '../admin/reference-lock';
import { formatDecimal, formatMoney } from '../common/decimal';
import { Page, pageArgs } from '../common/paging';
import { DomainError, invalid, notFound } from '../common/problem';
import { PrismaService } from '../database/prisma.service';
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

export function toThresholdVersionDto(v: RedFlagThresholdVersion): RedFlagThresholdVersionDto {
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

const redFlagTenderSelect = {
  id: true,
  reference: true,
  title: true,
  procedure: true,
  status: true,
  publishedAt: true,
  submissionDeadline: true,
  referencePrice: true,
  bids: { select: { id: true, price: true, bidder: { select: { name: true } } }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] },
  exclusions: { where: { status: 'CONFIRMED' }, select: { bidId: true } },
  awards: { where: { status: 'ACTIVE' }, select: { winnerBidId: true } },
} satisfies Prisma.TenderSelect;
type RedFlagTenderRow = Prisma.TenderGetPayload<{ select: typeof redFlagTenderSelect }>;

/**
 * The OCDS export and the red flags: loads plain data scoped to the caller's
 * buyer and hands it to libs/interop, which decides everything.
 */
@Injectable()
export class InteropService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // —— OCDS ————————————————————————————————————————————————————————————

  async ocdsPackage(auth: AuthContext, tenderId: string, packageUri: string): Promise<OcdsReleasePackageDto> {
    const t = await this.prisma.tender.findFirst({
      where: { id: tenderId, buyerId: buyerOf(auth) },
      include: {
        buyer: true,
        criteria: { orderBy: { position: 'asc' } },
        bids: { include: { bidder: true, nodes: { orderBy: { position: 'asc' } } }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] },
        exclusions: { where: { status: 'CONFIRMED' }, select: { bidId: true, decidedAt: true } },
        awards: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        evaluations: { orderBy: { seq: 'desc' }, take: 1 },
      },
    });
    if (!t) throw notFound('Tender');
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
    const t = await this.prisma.tender.findFirst({ where: { id: tenderId, buyerId: buyerOf(auth) }, select: redFlagTenderSelect });
    if (!t) throw notFound('Tender');
    return (await this.flagsOf([t], await this.activeThresholds(), lang))[0];
  }

  async buyerRedFlags(auth: AuthContext, q: RedFlagsQueryDto, lang: RedFlagLang): Promise<Page<TenderRedFlagsDto>> {
    const { skip, take, page, pageSize } = pageArgs(q);
    const where = { buyerId: buyerOf(auth) };
    const [rows, total, thresholds] = await Promise.all([
      this.prisma.tender.findMany({ where, select: redFlagTenderSelect, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.tender.count({ where }),
      this.activeThresholds(),
    ]);
    return { items: await this.flagsOf(rows, thresholds, lang), page, pageSize, total };
  }

  /** The rule input of each tender from its latest evaluation (read in SQL: only ranking and admissibility leave the database). */
  private async flagsOf(rows: RedFlagTenderRow[], thresholds: RedFlagThresholdVersionDto, lang: RedFlagLang): Promise<TenderRedFlagsDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const evaluations = await this.prisma.$queryRaw<
      { tender_id: string; id: string; seq: number; winner: string | null; ranking: string[] | null; bids: { bidId: string; admissible: boolean }[] | null }[]
    >`SELECT e.tender_id::text AS tender_id, e.id::text AS id, e.seq, e.result->'ranking'->>0 AS winner,
             CASE WHEN e.seq = m.max_seq THEN e.result->'ranking' END AS ranking,
             CASE WHEN e.seq = m.max_seq THEN (SELECT jsonb_agg(jsonb_build_object('bidId', b->'bidId', 'admissible', b->'admissible')) FROM jsonb_array_elements(e.result->'bids') b) END AS bids
        FROM evaluation e
        JOIN (SELECT tender_id, max(seq) AS max_seq FROM evaluation WHERE tender_id = ANY(${ids}::uuid[]) GROUP BY tender_id) m ON m.tender_id = e.tender_id
       ORDER BY e.tender_id, e.seq`;
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
      this.prisma.tender.findUniqueOrThrow({ where: { id: evaluation.tenderId }, select: redFlagTenderSelect }),
      this.prisma.$queryRaw<{ winner: string | null }[]>`
        SELECT result->'ranking'->>0 AS winner FROM evaluation WHERE tender_id = ${evaluation.tenderId}::uuid AND seq <= ${evaluation.seq} ORDER BY seq`,
      this.prisma.award.findFirst({ where: { evaluationId: evaluation.id, status: 'ACTIVE' }, select: { winnerBidId: true } }),
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
    const v = await this.prisma.redFlagThresholdVersion.findFirst({ where: { active: true }, orderBy: { version: 'desc' } });
    if (!v) throw notFound('Active red-flag thresholds');
    return toThresholdVersionDto(v);
  }

  /** The version that was active at a moment (the one of an evaluation), else the first. */
  async thresholdsAt(at: Date): Promise<RedFlagThresholdVersionDto> {
    const v =
      (await this.prisma.redFlagThresholdVersion.findFirst({ where: { createdAt: { lte: at } }, orderBy: { version: 'desc' } })) ??
      (await this.prisma.redFlagThresholdVersion.findFirst({ orderBy: { version: 'asc' } }));
    if (!v) throw notFound('Red-flag thresholds');
    return toThresholdVersionDto(v);
  }

  async thresholdVersions(): Promise<RedFlagThresholdVersionDto[]> {
    return (await this.prisma.redFlagThresholdVersion.findMany({ orderBy: { version: 'desc' } })).map(toThresholdVersionDto);
  }

  /** Validates, stores version n+1 as the only active one, audited in the same transaction; `expected` (If-Match) guards a concurrent change. */
  replaceThresholds(auth: AuthContext, dto: PutRedFlagThresholdsDto, expected?: number): Promise<RedFlagThresholdVersionDto> {
    const errors = redFlagThresholdErrors(dto.thresholds);
    if (errors.length) throw invalid(errors, 'The red-flag thresholds are invalid');
    return this.prisma.transaction(async (tx) => {
      await lockReferenceData(tx);
      const current = await tx.redFlagThresholdVersion.findFirst({ where: { active: true }, select: { version: true } });
      if (expected !== undefined && current?.version !== expected) {
        throw new DomainError(
          'PRECONDITION_FAILED',
          `If-Match names version ${expected}, the active red-flag thresholds are version ${current?.version ?? 'none'}; GET them again`,
        );
      }
      const last = await tx.redFlagThresholdVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
      await tx.redFlagThresholdVersion.updateMany({ where: { active: true }, data: { active: false } });
      // A JSON round trip keeps plain data only (the validator already refused unknown members).
      const stored = JSON.parse(JSON.stringify(dto.thresholds)) as RedFlagThresholds;
      const note = dto.note?.trim() || null;
      const v = await tx.redFlagThresholdVersion.create({
        data: { version: (last?.version ?? 0) + 1, thresholds: stored as object, active: true, note, createdById: auth.userId },
      });
      await this.audit.append(tx, {
        auth,
        action: 'red-flag-thresholds.activated',
        objectType: 'red-flag-threshold-version',
        objectId: v.id,
        tenderId: null,
        payload: { version: v.version, previousActiveVersion: current?.version ?? null, thresholds: stored, note },
      });
      return toThresholdVersionDto(v);
    });
  }
}
