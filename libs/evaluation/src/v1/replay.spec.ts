/**
 * Replay of method version 1: an evaluation recorded by the v1 engine (the
 * stored fixture, produced by fixtures/make-v1-snapshot.ts before version 2
 * existed) must come out bit for bit the same through today's evaluate().
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, digestOf } from '@app/audit-chain';
import { evaluate, type EvaluationInput, type EvaluationResult } from '../index';
import { v1Input } from './fixtures/make-v1-snapshot';

const stored = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'v1-snapshot.json'), 'utf8')) as {
  inputs: EvaluationInput;
  result: EvaluationResult;
};

describe('method version 1 replay', () => {
  it('the stored v1 snapshot covers the hard parts: ABNORMALLY_LOW, a non-terminating relative price, sensitivity, an IIA reversal', () => {
    const codes = stored.result.bids.flatMap((b) => b.findings.map((f) => f.code));
    expect(codes).toContain('ABNORMALLY_LOW');
    expect(stored.result.bids.find((b) => b.bidId === 'B')!.scores.PRICE.score).toMatch(/^0\.\d{49,}$/);
    expect(stored.result.sensitivity.filter((s) => s.delta !== null).length).toBeGreaterThanOrEqual(3);
    expect(stored.result.iia).toEqual([{ removedBidId: 'C', winnerBidId: 'A' }]);
    expect(stored.result.methodVersion).toBe('1');
    expect(stored.inputs).toEqual(v1Input());
  });

  it('replays identical: same canonical JSON, same digest', () => {
    const replayed = evaluate(stored.inputs);
    expect(canonicalJson(replayed)).toBe(canonicalJson(stored.result));
    expect(digestOf(replayed)).toBe(digestOf(stored.result));
  });

  it('the same input under method version 2 gives exact values with fractions (and a different record)', () => {
    const v2 = evaluate({ ...stored.inputs, methodVersion: '2' });
    expect(v2.methodVersion).toBe('2');
    const b = v2.bids.find((x) => x.bidId === 'B')!;
    // 61000 / 121000.50 = 122000/242001, exact, beside its 40-digit decimal.
    expect(b.scores.PRICE.scoreFraction).toBe('122000/242001');
    expect(b.scores.PRICE.score).toBe('0.5041301482225280060826194933078788930624');
    expect(v2.ranking).toEqual(stored.result.ranking);
    expect(v2.iia).toEqual(stored.result.iia);
    expect(digestOf(v2)).not.toBe(digestOf(stored.result));
  });
});
