/**
 * Worker-thread entry of the evaluation pool (evaluation-pool.ts): runs the
 * engine and the snapshot digests off the request thread. Relative imports
 * (no path aliases): the same file runs compiled from dist and, under Jest
 * or ts scripts, through the swc require hook of tools/ts-register.js.
 */
import { evaluate } from '../../../../libs/evaluation/src/evaluate';
import { EvaluationInputError } from '../../../../libs/evaluation/src/errors';
import { findingParams } from '../../../../libs/evaluation/src/participation';
import type { EvaluationInput, EvaluationResult, FindingParams } from '../../../../libs/evaluation/src/types';
import { snapshotDigests } from './snapshot';

export interface EvaluationTask {
  input: EvaluationInput;
  /** With these, the worker also computes the snapshot digests of the result. */
  riskModelVersion: number;
  datasetVersions: Record<string, unknown>;
}

export type EvaluationOutcome =
  // params: each finding's message parameters (bid by bid, finding by finding), kept beside the snapshot, not in it;
  // they live in a WeakMap of the engine, which does not cross threads.
  | { ok: true; result: EvaluationResult; inputsDigest: string; digest: string; params: (FindingParams | null)[][] }
  | { ok: false; code: EvaluationInputError['code']; message: string; details: EvaluationInputError['details'] };

/** One task: evaluate, then digest; an EvaluationInputError comes back as data (a class does not cross threads). */
export function runEvaluation(task: EvaluationTask): EvaluationOutcome {
  try {
    const result = evaluate(task.input);
    const { inputsDigest, digest } = snapshotDigests({
      methodVersion: result.methodVersion,
      riskModelVersion: task.riskModelVersion,
      datasetVersions: task.datasetVersions,
      inputs: task.input,
      result,
    });
    const params = result.bids.map((b) => b.findings.map((f) => findingParams(f) ?? null));
    return { ok: true, result, inputsDigest, digest, params };
  } catch (e) {
    if (e instanceof EvaluationInputError) return { ok: false, code: e.code, message: e.message, details: e.details };
    throw e;
  }
}

export default runEvaluation;
