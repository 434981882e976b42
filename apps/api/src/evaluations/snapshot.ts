/**
 * The evaluation snapshot and its digests (api.md): plain code, no Nest, so
 * that the evaluation worker computes the digests beside the result instead
 * of hashing megabytes of JSON on the request thread.
 */
import { digestOf } from '../../../../libs/audit-chain/src/hash';
import type { EvaluationInput, EvaluationResult } from '../../../../libs/evaluation/src/types';

export interface Snapshot {
  methodVersion: string;
  riskModelVersion: number;
  datasetVersions: Record<string, unknown>;
  inputs: EvaluationInput;
  result: EvaluationResult;
}

/** The document whose SHA-256 is the evaluation's digest: inputs, versions and results (api.md). */
export const snapshotDocument = (s: Snapshot) => ({
  methodVersion: s.methodVersion,
  riskModelVersion: s.riskModelVersion,
  datasetVersions: s.datasetVersions,
  inputs: s.inputs,
  result: s.result,
});

export function snapshotDigests(s: Snapshot): { inputsDigest: string; digest: string } {
  return { inputsDigest: digestOf(s.inputs), digest: digestOf(snapshotDocument(s)) };
}
