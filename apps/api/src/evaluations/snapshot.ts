/**
 * The evaluation snapshot and its digests (api.md): plain code, no Nest, so
 * that the evaluation worker computes the digests beside the result instead
 * of hashing megabytes of JSON on the request thread.
 */
import { canonicalJson } from '../../../../libs/audit-chain/src/canonical-json';
import { digestOf, sha256Hex } from '../../../../libs/audit-chain/src/hash';
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

/**
 * The canonical JSON of the inputs and of the result, each serialised once,
 * and the digests over them: the snapshot's text is assembled from the two
 * (its members in canonical order: datasetVersions, inputs, methodVersion,
 * result, riskModelVersion), byte for byte canonicalJson(snapshotDocument(s)).
 */
export function snapshotTexts(s: Snapshot): { inputs: string; result: string; inputsDigest: string; digest: string } {
  const inputs = canonicalJson(s.inputs);
  const result = canonicalJson(s.result);
  const document =
    `{"datasetVersions":${canonicalJson(s.datasetVersions)},"inputs":${inputs},"methodVersion":${canonicalJson(s.methodVersion)}` +
    `,"result":${result},"riskModelVersion":${canonicalJson(s.riskModelVersion)}}`;
  return { inputs, result, inputsDigest: sha256Hex(inputs), digest: sha256Hex(document) };
}
