/**
 * Worker-thread entry of the evaluation pool (evaluation-pool.ts): runs the
 * engine, the snapshot digests and, for an evaluation to be stored, every
 * serialisation the request thread would otherwise do — canonical JSON of
 * the inputs and result (once: the digests hash the same text that is
 * stored), the finding rows, and the response body. Relative imports (no
 * path aliases): the same file runs compiled from dist and, under Jest or ts
 * scripts, through the swc require hook of tools/ts-register.js.
 */
import { randomUUID } from 'node:crypto';
import { evaluate } from '../../../../libs/evaluation/src/evaluate';
import { EvaluationInputError } from '../../../../libs/evaluation/src/errors';
import { findingParams } from '../../../../libs/evaluation/src/participation';
import type { EvaluationInput, EvaluationResult } from '../../../../libs/evaluation/src/types';
import type { Lang } from '../../../../libs/i18n/src/languages';
import { findingKeyOf, jsonbOrdered, type StoredFindingRef, toEvaluationDto } from './evaluation-body';
import type { StoredFinding } from './evaluation.repository';
import { snapshotTexts } from './snapshot';

export interface EvaluationTask {
  input: EvaluationInput;
  /** With these, the worker also computes the snapshot digests of the result. */
  riskModelVersion: number;
  datasetVersions: Record<string, unknown>;
  /** For an evaluation to be stored: its identity, and the languages to render the response body in. */
  store?: { id: string; tenderId: string; seq: number; createdAt: string; createdById: string | null; langs: Lang[] };
}

/** What is stored, as text ready for PostgreSQL, and the response bodies. */
export interface StoredOutcome {
  /** Canonical JSON of the inputs. */
  inputs: string;
  /** Canonical JSON of the result. */
  result: string;
  datasetVersions: string;
  /** JSON array of StoredFinding: one row per finding identity (the first finding of a key). */
  findings: string;
  bodies: Partial<Record<Lang, string>>;
}

export type EvaluationOutcome =
  | { ok: true; methodVersion: string; ranking: string[]; inputsDigest: string; digest: string; stored?: StoredOutcome }
  | { ok: false; code: EvaluationInputError['code']; message: string; details: EvaluationInputError['details'] };

/** One task: evaluate, then digest (and serialise); an EvaluationInputError comes back as data (a class does not cross threads). */
export function runEvaluation(task: EvaluationTask): EvaluationOutcome {
  let result: EvaluationResult;
  try {
    result = evaluate(task.input);
  } catch (e) {
    if (e instanceof EvaluationInputError) return { ok: false, code: e.code, message: e.message, details: e.details };
    throw e;
  }
  const texts = snapshotTexts({
    methodVersion: result.methodVersion,
    riskModelVersion: task.riskModelVersion,
    datasetVersions: task.datasetVersions,
    inputs: task.input,
    result,
  });
  const outcome = { ok: true as const, methodVersion: result.methodVersion, ranking: result.ranking, inputsDigest: texts.inputsDigest, digest: texts.digest };
  const s = task.store;
  if (!s) return outcome;
  // Each finding's message parameters live in a WeakMap of the engine (they do not cross threads): stored beside the snapshot, not in it.
  const rows: StoredFinding[] = [];
  const refs = new Map<string, StoredFindingRef>();
  for (const b of result.bids) {
    for (const f of b.findings) {
      const findingKey = findingKeyOf(b.bidId, f);
      if (refs.has(findingKey)) continue; // one row per identity: the first finding of a key, as the unique index keeps it
      const id = randomUUID();
      const params = findingParams(f) ?? null;
      refs.set(findingKey, { findingKey, id, params });
      rows.push({
        id,
        bidId: b.bidId,
        code: f.code,
        legalBasis: f.legalBasis,
        severity: f.severity,
        nodePath: f.nodePath,
        findingKey,
        message: f.message,
        params,
      });
    }
  }
  // The response as a read of the stored row gives it: jsonb's key order.
  const view = {
    id: s.id,
    tenderId: s.tenderId,
    seq: s.seq,
    createdAt: new Date(s.createdAt),
    createdById: s.createdById,
    methodVersion: result.methodVersion,
    riskModelVersion: task.riskModelVersion,
    datasetVersions: jsonbOrdered(task.datasetVersions),
    inputsDigest: texts.inputsDigest,
    digest: texts.digest,
    result: jsonbOrdered(result),
    findings: [...refs.values()],
  };
  const bodies: Partial<Record<Lang, string>> = {};
  for (const lang of s.langs) bodies[lang] = JSON.stringify(toEvaluationDto(view, lang));
  return {
    ...outcome,
    stored: { inputs: texts.inputs, result: texts.result, datasetVersions: JSON.stringify(task.datasetVersions), findings: JSON.stringify(rows), bodies },
  };
}

export default runEvaluation;
