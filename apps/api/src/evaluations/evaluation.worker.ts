/**
 * Worker-thread entry of the evaluation pool (evaluation-pool.ts): runs the
 * engine and the snapshot digests off the request thread. Relative imports
 * (no path aliases): the same file runs compiled from dist and, under Jest
 * or ts scripts, through the swc require hook of tools/ts-register.js.
 */
import { evaluate } from '../../../../libs/evaluation/src/evaluate';
import { EvaluationInputError } from '../../../../libs/evaluation/src/errors';
import type { EvaluationInput, EvaluationResult } from '../../../../libs/evaluation/src/types';
import { snapshotDigests } from './snapshot';

export interface EvaluationTask {
  input: EvaluationInput;
  /** With these, the worker also computes the snapshot digests of the result. */
  riskModelVersion: number;
  datasetVersions: Record<string, unknown>;
}

export type EvaluationOutcome =
  | { ok: true; result: EvaluationResult; inputsDigest: string; digest: string }
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
    return { ok: true, result, inputsDigest, digest };
  } catch (e) {
    if (e instanceof EvaluationInputError) return { ok: false, code: e.code, message: e.message, details: e.details };
    throw e;
  }
}

export default runEvaluation;
