import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { canonicalJson } from '@app/audit-chain';
import { EvaluationInputError, type EvaluationResult } from '@app/evaluation';
import type { Lang } from '@app/i18n';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import type { AuthContext } from '../auth/auth-context';
import { DomainError, conflict, notFound } from '../common/problem';
import { pageArgs, PageQueryDto } from '../common/paging';
import { Transactional } from '../database/transaction';
import { TenderRepository } from '../tenders/tender.repository';
import { EVALUABLE } from '../tenders/tender-lifecycle';
import { findingKeyOf, toEvaluationDto, withJsonText } from './evaluation-body';
import type { EvaluationDto, ReplayDto } from './evaluation.dto';
import { buildEvaluationInputs } from './evaluation-inputs';
import { EvaluationInputsRepository } from './evaluation-inputs.repository';
import { EvaluationPool } from './evaluation-pool';
import { EvaluationRepository } from './evaluation.repository';
import type { EvaluationTask, StoredOutcome } from './evaluation.worker';
import { type Snapshot, snapshotDigests, snapshotDocument } from './snapshot';

export { type Snapshot, snapshotDigests, snapshotDocument, findingKeyOf, toEvaluationDto };

/** Progress of one evaluation, for a caller that reports it (e.g. a job): fractions 0…1, increasing. */
export interface EvaluationProgress {
  onProgress?(fraction: number): void;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly sources: EvaluationInputsRepository,
    private readonly tenders: TenderRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly pool: EvaluationPool,
  ) {}

  /**
   * Runs the method on a CLOSED tender and stores the immutable snapshot; never
   * rewrites an earlier evaluation. One transaction with the tender row locked:
   * evaluations of one tender are numbered one after another, and a failure
   * anywhere leaves neither the evaluation nor its audit event.
   *
   * The worker runs the engine, the digests, and serialises what is stored
   * (canonical JSON once) and the response body: the request thread passes
   * text to PostgreSQL and back to the client, and reads nothing back.
   */
  @Transactional<TransactionalAdapterPrisma>({ timeout: 120_000 })
  async create(auth: AuthContext, tenderId: string, lang: Lang = 'en', opts: EvaluationProgress = {}): Promise<EvaluationDto> {
    const progress = (f: number) => opts.onProgress?.(f);
    progress(0);
    const head = await this.tenders.lock(tenderId, 'UPDATE');
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'evaluation.run', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    if (!EVALUABLE.includes(head.status))
      throw conflict('TENDER_NOT_CLOSED', `The tender is ${head.status}; only a CLOSED tender is evaluated`, { tenderStatus: head.status });
    const tender = await this.tenders.findWithCriteria(tenderId);
    if (!tender) throw notFound('Tender');
    const { input, riskModelVersion, datasetVersions } = buildEvaluationInputs(tender, await this.sources.read(tender));
    const seq = await this.evaluations.nextSeq(tenderId);
    progress(0.1);
    const id = randomUUID();
    const createdAt = new Date();
    // The engine, the digests and the serialisation run on the worker pool: the event loop stays free meanwhile.
    const outcome = await this.run({
      input,
      riskModelVersion,
      datasetVersions,
      store: { id, tenderId, seq, createdAt: createdAt.toISOString(), createdById: auth.userId, langs: lang === 'en' ? ['en'] : ['en', lang] },
    });
    progress(0.9);
    const stored = outcome.stored as StoredOutcome;
    await this.evaluations.insert({
      id,
      tenderId,
      seq,
      methodVersion: outcome.methodVersion,
      riskModelVersion,
      datasetVersions: stored.datasetVersions,
      inputs: stored.inputs,
      result: stored.result,
      inputsDigest: outcome.inputsDigest,
      digest: outcome.digest,
      createdById: auth.userId,
      createdAt,
      findings: stored.findings,
      // Stored in English only: the language of the POST is served once, other languages are rendered when asked.
      bodies: [{ lang: 'en', text: stored.bodies.en as string }],
    });
    await this.audit.record({
      auth,
      action: 'evaluation.created',
      objectType: 'evaluation',
      objectId: id,
      tenderId,
      payload: {
        seq,
        methodVersion: outcome.methodVersion,
        riskModelVersion,
        datasetVersions,
        inputsDigest: outcome.inputsDigest,
        digest: outcome.digest,
        ranking: outcome.ranking,
      },
    });
    progress(1);
    const body = stored.bodies[lang] as string;
    return withJsonText(JSON.parse(body) as EvaluationDto, body);
  }

  private async run(task: EvaluationTask) {
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

  /** The tender's evaluations, newest first, as JSON text: stored bodies spliced in, the others rendered. */
  async listJson(auth: AuthContext, tenderId: string, q: PageQueryDto, lang: Lang = 'en'): Promise<string> {
    const head = await this.tenders.head(tenderId);
    if (!head) throw notFound('Tender');
    await this.access.require(auth, 'tender.read', { buyerId: head.buyerId, tenderId, label: 'Tender' });
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([this.evaluations.pageBodies(tenderId, lang, args.skip, args.take), this.evaluations.countOfTender(tenderId)]);
    const views = new Map((await this.evaluations.findViews(rows.filter((r) => r.body === null).map((r) => r.id))).map((v) => [v.id, v]));
    const items = rows.map((r) => r.body ?? JSON.stringify(toEvaluationDto(views.get(r.id)!, lang)));
    // The bytes of JSON.stringify(pageOf(args, items, total)).
    return `{"items":[${items.join(',')}],"page":${args.page},"pageSize":${args.pageSize},"total":${total}}`;
  }

  /**
   * One evaluation as JSON text: the body stored with the evaluation when there
   * is one in the language (no parsing, no re-serialising), else rendered from
   * the stored result (evaluations made before bodies were kept, other languages).
   */
  async getJson(auth: AuthContext, id: string, lang: Lang = 'en'): Promise<string> {
    const owner = await this.evaluations.findBody(id, lang);
    if (!owner) throw notFound('Evaluation');
    await this.access.require(auth, 'tender.read', { buyerId: owner.buyerId, tenderId: owner.tenderId, label: 'Evaluation' });
    if (owner.body !== null) return owner.body;
    const view = await this.evaluations.findView(id);
    if (!view) throw notFound('Evaluation');
    return JSON.stringify(toEvaluationDto(view, lang));
  }

  /** Recomputes from the recorded inputs with today's engine; stores nothing. */
  async replay(auth: AuthContext, id: string): Promise<ReplayDto> {
    const e = await this.evaluations.findForReplay(id);
    if (!e) throw notFound('Evaluation');
    await this.access.require(auth, 'evaluation.replay', { buyerId: e.buyerId, tenderId: e.tenderId, label: 'Evaluation' });
    // The recorded methodVersion travels in the inputs: evaluate() runs a version-1 record on the frozen v1 engine.
    const { methodVersion, digest } = await this.run({ input: e.inputs, riskModelVersion: e.riskModelVersion, datasetVersions: e.datasetVersions });
    return { identical: digest === e.digest, digest: e.digest, replayDigest: digest, methodVersion };
  }

  /**
   * The canonical JSON text of the stored snapshot: its SHA-256 is the
   * evaluation's digest, so an auditor can check it with any sha256 tool.
   */
  async snapshot(auth: AuthContext, id: string): Promise<string> {
    const e = await this.evaluations.findSnapshot(id);
    if (!e) throw notFound('Evaluation');
    await this.access.require(auth, 'tender.read', { buyerId: e.buyerId, tenderId: e.tenderId, label: 'Evaluation' });
    return canonicalJson(
      snapshotDocument({
        methodVersion: e.methodVersion,
        riskModelVersion: e.riskModelVersion,
        datasetVersions: e.datasetVersions,
        inputs: e.inputs,
        result: e.result as EvaluationResult,
      }),
    );
  }
}
