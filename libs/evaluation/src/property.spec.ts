/**
 * Property tests (fast-check): invariants of the method over random tenders,
 * bids and supply chains. The test recomputes what it checks with its own
 * decimal arithmetic rather than trusting the engine's intermediate values.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { type Fr, add, cmp, dec, decimalOf, div, mul, referenceEvaluate, str, sub } from './testing/reference';
import { computeBidRisk, DEFAULT_RISK_MODEL, evaluate } from './index';
import { ALL_TRUE, bid, criterion, datasets, DEADLINE, grade, input, sanction, tender } from './testing/builders';
import type { BidInput, CriterionInput, EvaluationInput, EvaluationResult, PriceMethod, SupplyChainNodeInput } from './types';

// The test's own arithmetic, more precise than the engine's 50 digits.
const T = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });

const Z: Fr = [0n, 1n];
const H: Fr = [100n, 1n];
const parseFr = (s: string): Fr => {
  const [n, d = '1'] = s.split('/');
  return [BigInt(n), BigInt(d)];
};

const COUNTRIES = ['CH', 'DE', 'FR', 'BD', 'IN', 'CN', 'TH', 'HT', 'ZZ', null] as const;
const GOODS = ['garments', 'cotton', 'Polysilicon', 'solar panels', 'coffee'];
const METHODS: PriceMethod[] = ['LINEAR_SPAN', 'PROPORTIONAL', 'QUADRATIC', 'CUBIC', 'MIN_MAX'];

const tenths = (x: number): string => (x % 10 === 0 ? String(x / 10) : `${Math.floor(x / 10)}.${x % 10}`);
const cents = (x: number): string => (x % 100 === 0 ? String(x / 100) : `${Math.floor(x / 100)}.${String(x % 100).padStart(2, '0')}`);

interface RawNode {
  country: (typeof COUNTRIES)[number];
  goods: string[];
  evidence: SupplyChainNodeInput['evidence'];
  share: number; // tenths of a percent
  children: RawNode[];
}

const arbEvidence = fc.record({
  kind: fc.constantFrom('SOCIAL_AUDIT' as const, 'CERTIFICATION' as const, 'REMEDIATION_PLAN' as const),
  issuer: fc.constant('Q'),
  issuedAt: fc.constantFrom('2022-01-01', '2023-06-30', '2024-05-01', '2025-06-30', '2025-08-01'),
  validUntil: fc.option(fc.constantFrom('2025-06-29', '2025-06-30', '2027-01-01'), { nil: null }),
});

function arbRawNode(depth: number): fc.Arbitrary<RawNode> {
  return fc.record({
    country: fc.constantFrom(...COUNTRIES),
    goods: fc.subarray(GOODS, { maxLength: 2 }),
    evidence: fc.array(arbEvidence, { maxLength: 3 }),
    share: fc.integer({ min: 0, max: 1000 }),
    children: depth === 0 ? fc.constant([]) : fc.array(arbRawNode(depth - 1), { maxLength: 3 }),
  });
}

/** Turn a raw tree into a valid chain: children's shares scaled down when their sum exceeds 100 %. */
function toChain(raw: RawNode, name: string, share: number): SupplyChainNodeInput {
  const sum = raw.children.reduce((s, c) => s + c.share, 0);
  const scale = (x: number) => (sum > 1000 ? Math.floor((x * 1000) / sum) : x);
  return {
    name,
    country: raw.country,
    sharePercent: tenths(share),
    goods: raw.goods,
    declarations: { ...ALL_TRUE },
    evidence: raw.evidence,
    violations: [],
    subcontractors: raw.children.map((c, i) => toChain(c, `${name}.${i + 1}`, scale(c.share))),
  };
}

const arbChain = (name: string, depth = 2) => arbRawNode(depth).map((r) => toChain(r, name, 1000));

interface RawBid {
  price: number;
  grade: number;
  secondGrade: number | null;
  days: number;
  co2: number;
  late: boolean;
  minutesEarly: number;
  chain: RawNode;
}

const arbRawBid: fc.Arbitrary<RawBid> = fc.record({
  price: fc.integer({ min: 1, max: 10_000_000 }),
  grade: fc.integer({ min: 0, max: 5 }),
  secondGrade: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  days: fc.integer({ min: 0, max: 60 }),
  co2: fc.integer({ min: 0, max: 5 }),
  late: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
  minutesEarly: fc.integer({ min: 0, max: 3 }),
  chain: arbRawNode(2),
});

/** Weights in tenths summing to exactly 100 over n criteria (a random composition). */
const arbWeights = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const c = [0, ...cuts.sort((a, b) => a - b), 1000];
    return c.slice(1).map((x, i) => tenths(x - c[i]));
  });

interface TenderParts {
  weights: string[];
  method: PriceMethod;
  span: string | null;
  reference: number | null;
  tieBreak: string[];
}

const arbTenderParts: fc.Arbitrary<TenderParts> = fc.record({
  weights: arbWeights(5),
  method: fc.constantFrom(...METHODS),
  span: fc.constantFrom(null, '0.2', '0.5', '1'),
  reference: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }),
  tieBreak: fc.constantFrom<string[]>([], ['RECEIVED_AT'], ['Q', 'PRICE'], ['DAYS', 'HUMAN_RIGHTS', 'RECEIVED_AT']),
});

function buildInput(p: TenderParts, raws: RawBid[], excluded: boolean[]): EvaluationInput {
  const criteria: CriterionInput[] = [
    criterion('PRICE', 'PRICE', p.weights[0], { priceMethod: p.method, span: p.span }),
    criterion('Q', 'QUALITY', p.weights[1]),
    criterion('HR', 'HUMAN_RIGHTS', p.weights[2]),
    criterion('DAYS', 'NUMBER_LOWER_BETTER', p.weights[3]),
    criterion('CO2', 'NUMBER_HIGHER_BETTER', p.weights[4]),
  ];
  const bids: BidInput[] = raws.map((r, i) => {
    const id = `B${i}`;
    return bid(id, cents(r.price), {
      receivedAt: r.late ? '2025-07-01T09:00:00+02:00' : `2025-06-30T11:5${r.minutesEarly}:00+02:00`,
      figures: { DAYS: String(r.days), CO2: String(r.co2) },
      supplyChain: toChain(r.chain, `Bidder ${id}`, 1000),
    });
  });
  const grades = raws.flatMap((r, i) => [grade(`B${i}`, 'Q', 'e1', r.grade), ...(r.secondGrade === null ? [] : [grade(`B${i}`, 'Q', 'e2', r.secondGrade)])]);
  return input({
    tender: tender({
      criteria,
      tieBreak: p.tieBreak,
      priceBasis: p.reference === null ? 'LOWEST' : 'REFERENCE',
      referencePrice: p.reference === null ? null : cents(p.reference),
    }),
    bids,
    grades,
    excludedBidIds: bids.filter((_, i) => excluded[i]).map((b) => b.bidId),
    sanctions: [
      sanction({ id: 'S1', name: 'Bidder B1', country: 'CH' }),
      sanction({ id: 'S2', name: 'x', identifiers: [], scope: 'BUYER', buyerId: 'buyer-1' }),
      sanction({ id: 'S3', name: 'Bidder B0.1', country: 'DE' }),
    ],
  });
}

const arbInput = fc
  .tuple(
    arbTenderParts,
    fc.array(arbRawBid, { minLength: 1, maxLength: 5 }),
    fc.array(
      fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
      { minLength: 5, maxLength: 5 },
    ),
  )
  .map(([parts, raws, excluded]) => buildInput(parts, raws, excluded));

/**
 * Tenders built to hit the hard cases: prices, grades and figures from tiny
 * sets (equal totals, equal prices, zero figures), chains 4 levels deep with
 * undisclosed countries, up to 7 bids (IIA winners change).
 */
const arbTieHeavy = fc
  .tuple(
    arbTenderParts,
    // A pool of 1–3 distinct bids, drawn with repetition: repeated bids tie on everything.
    fc.array(
      fc.record({
        price: fc.constantFrom(100, 100, 120, 150, 300),
        grade: fc.constantFrom(3, 4, 5),
        secondGrade: fc.option(fc.constantFrom(3, 4), { nil: null }),
        days: fc.constantFrom(0, 3, 3, 7),
        co2: fc.constantFrom(0, 0, 2),
        late: fc.constant(false),
        minutesEarly: fc.constantFrom(0, 1),
        chain: arbRawNode(4),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(fc.nat(), { minLength: 2, maxLength: 7 }),
  )
  .map(([parts, pool, picks]) =>
    buildInput(
      parts,
      picks.map((i) => pool[i % pool.length]),
      [false, false, false, false, false],
    ),
  );

/**
 * Tenders where removing a bid often changes the winner (IIA): price MIN_MAX
 * against quality at equal weight, so removing the dearest or cheapest bid
 * rescales every price score.
 */
const arbIiaProne = fc
  .tuple(
    arbTenderParts,
    fc.array(
      fc.record({
        price: fc.integer({ min: 50, max: 300 }),
        grade: fc.integer({ min: 0, max: 5 }),
        secondGrade: fc.constant(null),
        days: fc.constant(1),
        co2: fc.constant(1),
        late: fc.constant(false),
        minutesEarly: fc.constantFrom(0, 1, 2),
        chain: arbRawNode(1),
      }),
      { minLength: 3, maxLength: 6 },
    ),
  )
  .map(([parts, raws]) =>
    buildInput({ ...parts, method: 'MIN_MAX', reference: null, weights: ['50', '50', '0', '0', '0'] }, raws, [false, false, false, false, false]),
  );

/** A permutation of xs driven by random keys. */
const permute = <X>(xs: X[], keys: number[]): X[] =>
  xs
    .map((x, i) => ({ x, k: keys[i % keys.length] * 1000 + i }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.x);

describe('properties', () => {
  it('own shares sum to exactly 1; every rr and R lie in [0, 1]; R = Σ contributions', () => {
    fc.assert(
      fc.property(arbChain('Root', 3), (chain) => {
        const r = computeBidRisk(chain, { submissionDeadline: DEADLINE, riskModel: DEFAULT_RISK_MODEL, datasets: datasets() });
        const sumOwn = r.nodes.reduce((s, n) => s.plus(n.ownShare), new T(0));
        expect(sumOwn.eq(1)).toBe(true);
        const R = new T(r.residual);
        expect(R.gte(0) && R.lte(1)).toBe(true);
        for (const n of r.nodes) expect(new T(n.residual).gte(0) && new T(n.residual).lte(1)).toBe(true);
        expect(r.nodes.reduce((s, n) => s.plus(n.contribution), new T(0)).eq(R)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('totals lie in [0, 100] and equal Σ points exactly; scores in [0, 1]', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const r = evaluate(inp);
        for (const b of r.bids.filter((x) => x.admissible)) {
          const total = parseFr(b.totalFraction as string);
          expect(cmp(total, Z) >= 0 && cmp(total, [100n, 1n]) <= 0).toBe(true);
          const points = Object.values(b.scores).reduce((acc, c) => add(acc, parseFr(c.pointsFraction!)), Z);
          expect(str(points)).toBe(b.totalFraction);
          for (const c of Object.values(b.scores)) {
            const sc = parseFr(c.scoreFraction!);
            expect(cmp(sc, Z) >= 0 && cmp(sc, [1n, 1n]) <= 0).toBe(true);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('results do not depend on the order of bids, grades and sanctions', () => {
    fc.assert(
      fc.property(arbInput, fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 8 }), (inp, keys) => {
        const shuffled: EvaluationInput = {
          ...inp,
          bids: permute(inp.bids, keys),
          grades: permute(inp.grades, [...keys].reverse()),
          sanctions: permute(inp.sanctions, keys),
          excludedBidIds: permute(inp.excludedBidIds, keys),
        };
        expect(evaluate(shuffled)).toEqual(evaluate(inp));
      }),
      { numRuns: 80 },
    );
  });

  it('evaluating twice gives deep-equal results and leaves the input unchanged', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const before = JSON.stringify(inp);
        const a = evaluate(inp);
        const b = evaluate(inp);
        expect(b).toEqual(a);
        expect(JSON.stringify(inp)).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it('lowering a price never lowers its price score (every method, both bases)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...METHODS),
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 2, maxLength: 5 }),
        fc.nat(),
        fc.integer({ min: 1, max: 99_999 }),
        (method, reference, prices, pick, cut) => {
          const i = pick % prices.length;
          const lowered = [...prices];
          lowered[i] = Math.max(1, prices[i] - cut);
          const score = (ps: number[]) => {
            const t = tender({
              criteria: [criterion('PRICE', 'PRICE', '100', { priceMethod: method })],
              priceBasis: reference === null ? 'LOWEST' : 'REFERENCE',
              referencePrice: reference === null ? null : cents(reference),
            });
            const r = evaluate(input({ tender: t, bids: ps.map((p, k) => bid(`B${k}`, cents(p))) }));
            return new T(r.bids.find((b) => b.bidId === `B${i}`)!.scores.PRICE.score);
          };
          expect(score(lowered).gte(score(prices))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('each reported δ swaps the first two when applied (rescaling the other weights); null means no swap in range', () => {
    // T_first − T_second at w_i' = w_i + δ', the others scaled by (100 − w_i − δ')/(100 − w_i), from the reported exact scores.
    const diff = (r: EvaluationResult, code: string, deltaPrime: Fr): Fr => {
      const [first, second] = r.ranking.map((id) => r.bids.find((b) => b.bidId === id)!);
      const weights = new Map(inputWeights.map((c) => [c.code, dec(c.weight)]));
      const wi = weights.get(code)!;
      const factor = div(sub(sub(H, wi), deltaPrime), sub(H, wi));
      let d = Z;
      for (const [c, w] of weights) {
        const w2 = c === code ? add(wi, deltaPrime) : mul(w, factor);
        d = add(d, mul(w2, sub(parseFr(first.scores[c].scoreFraction!), parseFr(second.scores[c].scoreFraction!))));
      }
      return d;
    };
    let inputWeights: CriterionInput[] = [];
    let swaps = 0;
    const EPS: Fr = [1n, 10n ** 12n];
    fc.assert(
      fc.property(arbInput, (inp) => {
        const r = evaluate(inp);
        if (r.ranking.length < 2) {
          expect(r.sensitivity).toEqual([]);
          return;
        }
        inputWeights = inp.tender.criteria;
        for (const s of r.sensitivity) {
          const wi = dec(inputWeights.find((c) => c.code === s.criterion)!.weight);
          if (s.delta === null) {
            if (cmp(wi, H) === 0) continue;
            // No root in [−w_i, 100 − w_i]: the first stays ahead (or level) over the whole range.
            expect(cmp(diff(r, s.criterion, sub(Z, wi)), Z)).toBeGreaterThanOrEqual(0);
            expect(cmp(diff(r, s.criterion, sub(H, wi)), Z)).toBeGreaterThanOrEqual(0);
            continue;
          }
          swaps++;
          const delta = parseFr(s.deltaFraction!);
          expect(s.delta).toBe(decimalOf(delta));
          expect(s.swapWeightFraction).toBe(str(add(wi, delta)));
          // Exactly at δ the first two are level; on either side the sign flips.
          expect(cmp(diff(r, s.criterion, delta), Z)).toBe(0);
          const dir: Fr = delta[0] === 0n ? [1n, 1n] : [delta[0] < 0n ? -1n : 1n, 1n];
          const past = diff(r, s.criterion, add(delta, mul(dir, EPS)));
          const before = diff(r, s.criterion, sub(delta, mul(dir, EPS)));
          expect(cmp(past, Z) * cmp(before, Z)).toBe(-1);
          if (delta[0] !== 0n) {
            expect(cmp(past, Z)).toBe(-1); // past the root the second is ahead
            expect(cmp(before, Z)).toBe(1); // just before it the first still leads
          }
        }
      }),
      { numRuns: 120 },
    );
    // The generator must actually produce swaps, or this property proves nothing.
    expect(swaps).toBeGreaterThan(20);
  });

  it('every value equals a brute-force rational reference exactly (ties, equal prices, zero figures, deep chains, undisclosed nodes)', () => {
    let ties = 0;
    let iia = 0;
    let equalTotals = 0;
    fc.assert(
      fc.property(fc.oneof(arbInput, arbTieHeavy, arbIiaProne), (inp) => {
        const r = evaluate(inp);
        const ref = referenceEvaluate(inp);
        expect(r.ranking).toEqual(ref.ranking);
        expect(r.ties).toEqual(ref.ties);
        expect(r.iia).toEqual(ref.iia);
        ties += r.ties.length;
        iia += r.iia.length;
        const totals = r.bids.filter((b) => b.total !== null).map((b) => b.totalFraction);
        equalTotals += totals.length - new Set(totals).size;
        for (const rb of ref.bids) {
          const b = r.bids.find((x) => x.bidId === rb.bidId)!;
          expect(b.admissible).toBe(rb.admissible);
          expect(b.rank).toBe(rb.rank);
          expect(b.risk.residualFraction).toBe(str(rb.R));
          expect(b.risk.residual).toBe(decimalOf(rb.R));
          expect(b.risk.nodes.map((n) => [n.contributionFraction, n.residualFraction])).toEqual(rb.nodes.map((n) => [str(n.contribution), str(n.residual)]));
          expect(b.totalFraction).toBe(rb.total === null ? null : str(rb.total));
          expect(b.total).toBe(rb.total === null ? null : decimalOf(rb.total));
          const mine = Object.fromEntries(
            Object.entries(b.scores).map(([k, v]) => [k, [v.rawFraction, v.scoreFraction, v.pointsFraction, v.raw, v.score, v.points]]),
          );
          const theirs = Object.fromEntries(
            Object.entries(rb.scores).map(([k, v]) => [
              k,
              [str(v.raw), str(v.score), str(v.points), decimalOf(v.raw), decimalOf(v.score), decimalOf(v.points)],
            ]),
          );
          expect(mine).toEqual(theirs);
        }
        expect(r.sensitivity.map((s) => [s.criterion, s.deltaFraction, s.delta, s.swapWeightFraction, s.swapWeight])).toEqual(
          ref.sensitivity.map((s) => [
            s.criterion,
            s.delta && str(s.delta),
            s.delta && decimalOf(s.delta),
            s.swapWeight && str(s.swapWeight),
            s.swapWeight && decimalOf(s.swapWeight),
          ]),
        );
        expect(r.effectivePriceWeight).toEqual(
          ref.effective && {
            nominal: decimalOf(ref.effective.nominal),
            effective: decimalOf(ref.effective.effective),
            effectiveFraction: str(ref.effective.effective),
          },
        );
      }),
      // A fixed seed: the coverage counts below are then facts of this run, not luck (a random seed gave 4 IIA
      // cases once in ~20 runs). FC_SEED=<n> explores other inputs; fast-check prints the seed of a failure.
      { numRuns: 250, seed: Number(process.env.FC_SEED ?? 20_261_201) },
    );
    console.log(`property run: ${ties} ties, ${equalTotals} equal totals, ${iia} IIA cases`);
    // The generators must produce the hard cases, or the comparison proves little.
    expect(ties).toBeGreaterThan(10);
    expect(equalTotals).toBeGreaterThan(20);
    expect(iia).toBeGreaterThan(5);
  });
});
