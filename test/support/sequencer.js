// Test order for parallel runs: the longest files first, so that no long file
// starts last and runs alone at the end. Jest's own order (failed first, then
// by the durations it cached from earlier runs, then by file size) decides
// among the rest; a fresh clone (CI) has no cache, so the files measured as
// the slowest are named here (seconds in band, docs/testing.md).
const Sequencer = require('@jest/test-sequencer').default;

const SLOWEST = [
  'test/evaluation-pool.e2e-spec.ts', // 1,000 bids, then a quiet section
  'test/fuzz.e2e-spec.ts',
  'test/shutdown.e2e-spec.ts',
  'test/lifecycle-model.e2e-spec.ts',
  'test/decisions.e2e-spec.ts',
  'test/input-hardening.e2e-spec.ts',
];

class SlowestFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const i = SLOWEST.findIndex((p) => t.path.endsWith(p));
      return i < 0 ? SLOWEST.length : i;
    };
    const base = super.sort(tests);
    const position = new Map(base.map((t, i) => [t, i]));
    return [...base].sort((a, b) => rank(a) - rank(b) || position.get(a) - position.get(b));
  }
}

module.exports = SlowestFirst;
