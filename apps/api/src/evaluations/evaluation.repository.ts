import { Injectable } from '@nestjs/common';
import type { EvaluationInput } from '@app/evaluation';
import type { Lang } from '@app/i18n';
import { Repository } from '../database/transaction';
import type { EvaluationView } from './evaluation-body';

/** An evaluation as the worker prepared it for storage: the large parts are JSON text, serialised once, off the request thread. */
export interface NewEvaluation {
  id: string;
  tenderId: string;
  seq: number;
  methodVersion: string;
  riskModelVersion: number;
  /** JSON text of {KIND: {id, version, name, contentDigest}}. */
  datasetVersions: string;
  /** Canonical JSON text of the inputs (the text inputsDigest hashes). */
  inputs: string;
  /** Canonical JSON text of the result. */
  result: string;
  inputsDigest: string;
  digest: string;
  createdById: string | null;
  createdAt: Date;
  /** JSON text of an array of StoredFinding. */
  findings: string;
  /** Response bodies by language, as served. */
  bodies: { lang: Lang; text: string }[];
}

/** One finding row as the worker wrote it into NewEvaluation.findings. */
export interface StoredFinding {
  id: string;
  bidId: string;
  code: string;
  legalBasis: string;
  severity: string;
  nodePath: string[];
  findingKey: string;
  message: string;
  params: unknown;
}

/** Who owns an evaluation: what access decisions need. */
export interface EvaluationOwner {
  id: string;
  tenderId: string;
  buyerId: string;
}

export interface ReplayRecord extends EvaluationOwner {
  inputs: EvaluationInput;
  riskModelVersion: number;
  datasetVersions: Record<string, unknown>;
  digest: string;
}

export interface SnapshotRecord extends ReplayRecord {
  methodVersion: string;
  result: unknown;
}

const VIEW_SELECT = {
  id: true,
  tenderId: true,
  seq: true,
  createdAt: true,
  createdById: true,
  methodVersion: true,
  riskModelVersion: true,
  datasetVersions: true,
  inputsDigest: true,
  digest: true,
  result: true,
  findings: { select: { findingKey: true, id: true, params: true } },
  tender: { select: { buyerId: true } },
} as const;

/**
 * The evaluation aggregate: the immutable evaluation row with its input
 * snapshot and result, its findings, and its stored response bodies.
 * Written once, never updated.
 */
@Injectable()
export class EvaluationRepository extends Repository {
  /** The next number of an evaluation of the tender; call with the tender row locked (TenderRepository.lock). */
  async nextSeq(tenderId: string): Promise<number> {
    const last = await this.db.evaluation.findFirst({ where: { tenderId }, orderBy: { seq: 'desc' }, select: { seq: true } });
    return (last?.seq ?? 0) + 1;
  }

  /**
   * Stores the evaluation, its findings and its response bodies. The large
   * values go to PostgreSQL as one text parameter each (cast to jsonb there),
   * so nothing re-serialises them on the request thread.
   */
  async insert(e: NewEvaluation): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO evaluation (id, tender_id, seq, method_version, risk_model_version, dataset_versions, inputs, result, inputs_digest, digest, created_by_id, created_at)
      VALUES (${e.id}::uuid, ${e.tenderId}::uuid, ${e.seq}, ${e.methodVersion}, ${e.riskModelVersion}, ${e.datasetVersions}::jsonb, ${e.inputs}::jsonb,
              ${e.result}::jsonb, ${e.inputsDigest}, ${e.digest}, ${e.createdById}::uuid, ${e.createdAt.toISOString()}::timestamptz)`;
    await this.db.$executeRaw`
      INSERT INTO finding (id, evaluation_id, tender_id, bid_id, code, legal_basis, severity, node_path, finding_key, message, params)
      SELECT f.id, ${e.id}::uuid, ${e.tenderId}::uuid, f."bidId", f.code, f."legalBasis", f.severity::"FindingSeverity", f."nodePath", f."findingKey", f.message,
             CASE WHEN f.params IS NULL OR jsonb_typeof(f.params) = 'null' THEN NULL ELSE f.params END
      FROM jsonb_to_recordset(${e.findings}::jsonb) AS f(id uuid, "bidId" uuid, code text, "legalBasis" text, severity text, "nodePath" text[], "findingKey" text, message text, params jsonb)
      ON CONFLICT (evaluation_id, finding_key) DO NOTHING`;
    for (const b of e.bodies) {
      await this.db.$executeRaw`INSERT INTO evaluation_body (evaluation_id, lang, body) VALUES (${e.id}::uuid, ${b.lang}, ${b.text})`;
    }
  }

  /** The owner and the stored response body in a language (null when none was stored, e.g. evaluations made before bodies were kept). */
  async findBody(id: string, lang: Lang): Promise<(EvaluationOwner & { body: string | null }) | null> {
    const rows = await this.db.$queryRaw<(EvaluationOwner & { body: string | null })[]>`
      SELECT e.id::text AS id, e.tender_id::text AS "tenderId", t.buyer_id::text AS "buyerId", b.body
      FROM evaluation e JOIN tender t ON t.id = e.tender_id
      LEFT JOIN evaluation_body b ON b.evaluation_id = e.id AND b.lang = ${lang}
      WHERE e.id = ${id}::uuid`;
    return rows[0] ?? null;
  }

  /** Everything the response is built from (not the inputs). */
  async findView(id: string): Promise<(EvaluationView & { buyerId: string }) | null> {
    const e = await this.db.evaluation.findUnique({ where: { id }, select: VIEW_SELECT });
    return e ? { ...e, buyerId: e.tender.buyerId } : null;
  }

  /** A page of the tender's evaluations, newest first: ids with the body stored in the language, if any. */
  async pageBodies(tenderId: string, lang: Lang, skip: number, take: number): Promise<{ id: string; body: string | null }[]> {
    return this.db.$queryRaw<{ id: string; body: string | null }[]>`
      SELECT e.id::text AS id, b.body
      FROM evaluation e LEFT JOIN evaluation_body b ON b.evaluation_id = e.id AND b.lang = ${lang}
      WHERE e.tender_id = ${tenderId}::uuid
      ORDER BY e.seq DESC OFFSET ${skip} LIMIT ${take}`;
  }

  countOfTender(tenderId: string): Promise<number> {
    return this.db.evaluation.count({ where: { tenderId } });
  }

  async findViews(ids: string[]): Promise<EvaluationView[]> {
    if (ids.length === 0) return [];
    return this.db.evaluation.findMany({ where: { id: { in: ids } }, select: VIEW_SELECT });
  }

  async findForReplay(id: string): Promise<ReplayRecord | null> {
    const e = await this.db.evaluation.findUnique({
      where: { id },
      select: { id: true, tenderId: true, inputs: true, riskModelVersion: true, datasetVersions: true, digest: true, tender: { select: { buyerId: true } } },
    });
    return e
      ? {
          id: e.id,
          tenderId: e.tenderId,
          buyerId: e.tender.buyerId,
          inputs: e.inputs as unknown as EvaluationInput,
          riskModelVersion: e.riskModelVersion,
          datasetVersions: e.datasetVersions as Record<string, unknown>,
          digest: e.digest,
        }
      : null;
  }

  async findSnapshot(id: string): Promise<SnapshotRecord | null> {
    const e = await this.db.evaluation.findUnique({
      where: { id },
      select: {
        id: true,
        tenderId: true,
        methodVersion: true,
        inputs: true,
        result: true,
        riskModelVersion: true,
        datasetVersions: true,
        digest: true,
        tender: { select: { buyerId: true } },
      },
    });
    return e
      ? {
          id: e.id,
          tenderId: e.tenderId,
          buyerId: e.tender.buyerId,
          methodVersion: e.methodVersion,
          inputs: e.inputs as unknown as EvaluationInput,
          result: e.result,
          riskModelVersion: e.riskModelVersion,
          datasetVersions: e.datasetVersions as Record<string, unknown>,
          digest: e.digest,
        }
      : null;
  }
}
