import { findingKeyOf } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { canonicalJson } from '@app/audit-chain';
import { EvaluationInputError, type EvaluationInput, type EvaluationResult, type FindingParams } from '@app/evaluation';
import { dataGapNote, displayedFindingMessage, type Lang } from '@app/i18n';
import { Prisma } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import { AuthContext, buyerOf } from '../auth/auth-context';
import { PrismaService, Tx } from '../database/prisma.service';
import { conflict, DomainError, notFound } from '../common/problem';
import { TendersService } from '../tenders/tenders.service';
import { EVALUABLE } from '../tenders/tender-lifecycle';
import { loadEvaluationInputs } from './evaluation-inputs';
import type { EvaluationDto, ReplayDto } from './evaluation.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';
import { EvaluationPool } from './evaluation-pool';
import type { EvaluationTask } from './evaluation.worker';
import { type Snapshot, snapshotDigests, snapshotDocument } from './snapshot';

export { type Snapshot, snapshotDigests, snapshotDocument };

/** Identity of a finding across evaluations of a tender: (bid, code, node path). */
/** Finding identity lives in libs/procedure (findingKeyOf); re-exported for this module's callers. */
export { findingKeyOf };

type EvaluationRow = Prisma.EvaluationGetPayload<{ include: { findings: true } }>;

/**
 * The evaluation as the API shows it, in the caller's language: finding
 * messages from their code and recorded parameters, data-gap notes from their
 * pattern. The stored snapshot (and its digest) is untouched: it keeps the
 * engine's English.
 */
export function toEvaluationDto(e: EvaluationRow, lang: Lang = 'en'): EvaluationDto {
  const result = e.result as unknown as EvaluationResult;
  const rows = new Map(e.findings.map((f) => [f.findingKey, f]));
  return {
    id: e.id,
    tenderId: e.tenderId,
    seq: e.seq,
    createdAt: e.createdAt.toISOString(),
    createdById: e.createdById,
    methodVersion: e.methodVersion,
    riskModelVersion: e.riskModelVersion,
    datasetVersions: e.datasetVersions as unknown as EvaluationDto['datasetVersions'],
    inputsDigest: e.inputsDigest,
    digest: e.digest,
    bids: result.bids.map((b) => ({
      ...b,
      findings: b.findings.map((f) => {
        const row = rows.get(findingKeyOf(b.bidId, f));
        return { id: row?.id ?? null, ...f, message: displayedFindingMessage({ ...f, params: row?.params as FindingParams | null }, lang) };
      }),
      risk: b.risk && lang !== 'en' ? { ...b.risk, nodes: b.risk.nodes.map((n) => ({ ...n, dataGaps: n.dataGaps.map((g) => dataGapNote(g, lang)) })) } : b.risk,
    })),
    ranking: result.ranking,
    sensitivity: result.sensitivity,
    iia: result.iia,
    effectivePriceWeight: result.effectivePriceWeight,
    ties: result.ties,
  };
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
    private readonly pool: EvaluationPool,
  ) {}

  /** Runs the method on a CLOSED tender and stores the immutable snapshot; never rewrites an earlier evaluation. */
  create(auth: AuthContext, tenderId: string, lang: Lang = 'en'): Promise<EvaluationDto> {
    return this.prisma.transaction(
      async (tx) => {
        // Lock the tender row: evaluations of one tender are numbered one after another.
        const locked = await tx.$queryRaw<
          { status: string }[]
        >`SELECT status::text AS status FROM tender WHERE id = ${tenderId}::uuid AND buyer_id = ${buyerOf(auth)}::uuid FOR UPDATE`;
        if (locked.length === 0) throw notFound('Tender');
        const tender = await this.tenders.requireTender(tx, auth, tenderId);
        if (!EVALUABLE.includes(tender.status))
          throw conflict('TENDER_NOT_CLOSED', `The tender is ${tender.status}; only a CLOSED tender is evaluated`, { tenderStatus: tender.status });
        const { input, riskModelVersion, datasetVersions } = await loadEvaluationInputs(tx, tender);
        // The engine and the digests run on the worker pool: the event loop stays free meanwhile.
        const { result, inputsDigest, digest, params } = await this.run({ input, riskModelVersion, datasetVersions });
        const last = await tx.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, select: { seq: true } });
        const evaluation = await tx.evaluation.create({
          data: {
            tenderId,
            seq: (last?.seq ?? 0) + 1,
            methodVersion: result.methodVersion,
            riskModelVersion,
            datasetVersions: datasetVersions as object,
            inputs: input as unknown as Prisma.InputJsonValue,
            result: result as unknown as Prisma.InputJsonValue,
            inputsDigest,
            digest,
            createdById: auth.userId,
          },
        });
        const findings = result.bids.flatMap((b, bi) =>
          b.findings.map((f, fi) => ({
            evaluationId: evaluation.id,
            tenderId,
            bidId: b.bidId,
            code: f.code,
            legalBasis: f.legalBasis,
            severity: f.severity,
            nodePath: f.nodePath,
            findingKey: findingKeyOf(b.bidId, f),
            message: f.message,
            // Beside the snapshot, not in it: what other languages render the message from.
            params: (params[bi]?.[fi] ?? undefined) as Prisma.InputJsonValue | undefined,
          })),
        );
        if (findings.length) await tx.finding.createMany({ data: findings, skipDuplicates: true });
        await this.audit.append(tx, {
          auth,
          action: 'evaluation.created',
          objectType: 'evaluation',
          objectId: evaluation.id,
          tenderId,
          payload: {
            seq: evaluation.seq,
            methodVersion: result.methodVersion,
            riskModelVersion,
            datasetVersions,
            inputsDigest,
            digest,
            ranking: result.ranking,
          },
        });
        return toEvaluationDto(await tx.evaluation.findUniqueOrThrow({ where: { id: evaluation.id }, include: { findings: true } }), lang);
      },
      { timeout: 120_000 },
    );
  }

  private async run(task: EvaluationTask): Promise<{ result: EvaluationResult; inputsDigest: string; digest: string; params: (FindingParams | null)[][] }> {
    try {
      return await this.pool.evaluate(task);
    } catch (e) {
      if (e instanceof EvaluationInputError && e.code === 'GRADING_INCOMPLETE') {
        throw new DomainError(
          'GRADING_INCOMPLETE',
          'Grading is incomplete: every admissible bid needs grades from the required number of evaluators on every QUALITY criterion',
          e.details.map((d) => ({ field: `grades.${d.bidId}.${d.criterionCode}`, message: d.message })),
        );
      }
      if (e instanceof EvaluationInputError) {
        throw new DomainError(
          'INVALID_INPUT',
          `The recorded data cannot be evaluated: ${e.message}`,
          e.details.map((d) => ({ field: d.field ?? 'inputs', message: d.message })),
        );
      }
      throw e;
    }
  }

  async list(auth: AuthContext, tenderId: string, q: PageQueryDto, lang: Lang = 'en'): Promise<Page<EvaluationDto>> {
    await this.tenders.requireTender(this.prisma, auth, tenderId);
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.evaluation.findMany({ where: { tenderId }, include: { findings: true }, orderBy: { seq: 'desc' }, skip: args.skip, take: args.take }),
      this.prisma.evaluation.count({ where: { tenderId } }),
    ]);
    return pageOf(
      args,
      rows.map((r) => toEvaluationDto(r, lang)),
      total,
    );
  }

  async requireEvaluation(db: Tx | PrismaService, auth: AuthContext, id: string): Promise<EvaluationRow> {
    const e = await db.evaluation.findFirst({ where: { id, tender: { buyerId: buyerOf(auth) } }, include: { findings: true } });
    if (!e) throw notFound('Evaluation');
    return e;
  }

  async get(auth: AuthContext, id: string, lang: Lang = 'en'): Promise<EvaluationDto> {
    return toEvaluationDto(await this.requireEvaluation(this.prisma, auth, id), lang);
  }

  /** Recomputes from the recorded inputs with today's engine; stores nothing. */
  async replay(auth: AuthContext, id: string): Promise<ReplayDto> {
    const e = await this.requireEvaluation(this.prisma, auth, id);
    const inputs = e.inputs as unknown as EvaluationInput;
    // The recorded methodVersion travels in the inputs: evaluate() runs a version-1 record on the frozen v1 engine.
    const { result, digest } = await this.run({
      input: inputs,
      riskModelVersion: e.riskModelVersion,
      datasetVersions: e.datasetVersions as Record<string, unknown>,
    });
    return { identical: digest === e.digest, digest: e.digest, replayDigest: digest, methodVersion: result.methodVersion };
  }

  /**
   * The canonical JSON text of the stored snapshot: its SHA-256 is the
   * evaluation's digest, so an auditor can check it with any sha256 tool.
   */
  async snapshot(auth: AuthContext, id: string): Promise<string> {
    const e = await this.requireEvaluation(this.prisma, auth, id);
    return canonicalJson(
      snapshotDocument({
        methodVersion: e.methodVersion,
        riskModelVersion: e.riskModelVersion,
        datasetVersions: e.datasetVersions as Record<string, unknown>,
        inputs: e.inputs as unknown as EvaluationInput,
        result: e.result as unknown as EvaluationResult,
      }),
    );
  }

  /** The latest evaluation of a tender (highest seq), or null. */
  latest(db: Tx | PrismaService, tenderId: string): Promise<EvaluationRow | null> {
    return db.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, include: { findings: true } });
  }
}
