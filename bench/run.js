#!/usr/bin/env node
// `npm run bench`: runs bench/*.bench.ts, each in its own Node process
// (TypeScript through tools/ts-register.js, i.e. @swc/core; --expose-gc so a
// bench can start each pair on a collected heap), one after the other — never
// in parallel, they would compete for the cores. Each bench writes its pairs to
// bench/results/<bench>.tmp; this script adds the run's metadata, writes
// bench/results/latest.json and prints the table. Figures are ratios against
// a baseline measured in the same process: no absolute time is asserted.
//
//   npm run bench                     all benches, ≈ 2 minutes on 2 cores
//   npm run bench -- --only evaluate  one bench (evaluate | report)
//   npm run bench -- --sizes 100,1000 evaluate() at other sizes
//   npm run bench:api                 the API section alone (= --only api): the
//                                     real service against the bare Fastify + pg
//                                     floor, ≈ 2½ min; replaces only the `api`
//                                     key of latest.json
//
// Exit code: 0 done (whether or not a target is met: the figures are the
// output); 2 a bench aborted (e.g. engine and baseline disagree); 1 anything
// else. latest.json is only written when every bench finished.
'use strict';
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const BENCHES = ['evaluate', 'report', 'api'];

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
const sizesAt = args.indexOf('--sizes');
const sizes = sizesAt >= 0 ? args[sizesAt + 1] : null;
if (only && !BENCHES.includes(only)) {
  console.error(`unknown bench ${JSON.stringify(only)} (${BENCHES.join(', ')})`);
  process.exit(1);
}

/** Read-only git queries (no optional locks: parallel git use is not disturbed); null where git or the repository is unavailable. */
function git(...gitArgs) {
  try {
    return execFileSync('git', ['--no-optional-locks', ...gitArgs], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function methodVersion() {
  require(path.join(ROOT, 'tools', 'ts-register.js'));
  return require(path.join(ROOT, 'libs', 'evaluation', 'src', 'types.ts')).METHOD_VERSION;
}

function fmtMs(ms) {
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

function fmtRatio(r) {
  if (r === null || r === undefined) return '—';
  return r >= 100 ? `${Math.round(r).toLocaleString('en-US')}×` : `${r.toFixed(2)}×`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The verdict on the evaluate() target: measured at the target size, or inferred from smaller sizes, or unknown. */
function verdictOf(pairs, extra) {
  const sized = pairs.filter((p) => /^evaluate\/\d+-bids$/.test(p.name));
  if (sized.length === 0) return null;
  const { targetBids, targetRatio } = extra.evaluate;
  const at = sized.find((p) => p.params.bids === targetBids);
  if (at) return { met: at.targetMet, ratio: at.ratio, basis: `measured at ${targetBids} bids` };
  const largest = sized[sized.length - 1];
  const scaling = extra.evaluate.scaling ?? [];
  const growing = scaling.length > 0 && scaling.every((s) => s.engineExponent > s.baselineExponent);
  if (largest.params.bids < targetBids && largest.ratio > targetRatio && growing) {
    return {
      met: false,
      ratio: largest.ratio,
      basis: `not measured at ${targetBids} bids; ${fmtRatio(largest.ratio)} at ${largest.params.bids} bids and growing with the number of bids at every step`,
    };
  }
  return { met: null, ratio: largest.ratio, basis: `not measured at ${targetBids} bids (largest: ${largest.params.bids} bids, ${fmtRatio(largest.ratio)})` };
}

function main() {
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const commit = git('rev-parse', 'HEAD');
  const status = commit ? git('status', '--porcelain', '--untracked-files=no') : null;
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    methodVersion: methodVersion(),
    commit,
    // Tracked files changed since that commit (work in progress in the worktree): the measured code may differ from it.
    worktreeDirty: status === null ? null : status !== '',
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? null,
    cores: os.cpus().length,
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
  console.log(
    `bench: node ${meta.node}, method version ${meta.methodVersion}, commit ${commit ? commit.slice(0, 12) : 'n/a'}${meta.worktreeDirty ? ' (+ local changes)' : ''}, ${meta.cores} × ${meta.cpu}\n`,
  );

  const outputs = [];
  for (const name of only ? [only] : BENCHES) {
    const tmp = path.join(RESULTS, `${name}.tmp`);
    fs.rmSync(tmp, { force: true });
    const benchArgs = ['--expose-gc', '-r', path.join(ROOT, 'tools', 'ts-register.js'), path.join(__dirname, `${name}.bench.ts`), '--out', tmp];
    if (sizes && name === 'evaluate') benchArgs.push('--sizes', sizes);
    const r = spawnSync(process.execPath, benchArgs, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0 || !fs.existsSync(tmp)) {
      console.error(`\nbench ${name} failed (exit ${r.status ?? r.signal}); bench/results/latest.json not written`);
      process.exit(r.status === 2 ? 2 : 1);
    }
    outputs.push(JSON.parse(fs.readFileSync(tmp, 'utf8')));
    fs.rmSync(tmp, { force: true });
    console.log('');
  }

  const stamp = { node: meta.node, methodVersion: meta.methodVersion, commit: meta.commit, date: meta.date };
  const pairs = outputs.flatMap((o) => o.pairs.map((p) => ({ ...p, ...stamp })));
  const extra = Object.fromEntries(outputs.filter((o) => o.extra).map((o) => [o.bench, o.extra]));

  const rows = [['pair', 'subject median', 'min', 'max', 'p99', 'runs', 'baseline median', 'min', 'max', 'p99', 'runs', 'ratio', 'target']];
  for (const p of pairs) {
    const s = p.subject;
    const b = p.baseline;
    rows.push([
      p.name,
      fmtMs(s.medianMs),
      fmtMs(s.minMs),
      fmtMs(s.maxMs),
      fmtMs(s.p99Ms),
      s.runs,
      fmtMs(b.medianMs),
      fmtMs(b.minMs),
      fmtMs(b.maxMs),
      fmtMs(b.p99Ms),
      b.runs,
      fmtRatio(p.ratio),
      p.target === null ? '' : `≤ ${p.target}×: ${p.targetMet ? 'met' : 'NOT met'}`,
    ]);
  }
  if (pairs.length) console.log(table(rows));
  if (pairs.length) console.log('\np99: nearest rank over the per-run times (with fewer than 100 runs, the slowest run). ratio: median / median.');

  const verdict = extra.evaluate ? verdictOf(pairs, extra) : null;
  if (verdict) {
    const word = verdict.met === true ? 'MET' : verdict.met === false ? 'NOT MET' : 'UNKNOWN';
    console.log(
      `\nevaluate() target ≤ ${extra.evaluate.targetRatio}× the float baseline at ${extra.evaluate.targetBids} bids × 40 criteria × 5-node chains: ${word} (${fmtRatio(verdict.ratio)}, ${verdict.basis}).`,
    );
    const floor = pairs.find((p) => p.name.startsWith('evaluate-decimal-floor/'));
    if (floor) console.log(`decimal floor: the same linear algorithm in decimal.js alone is ${fmtRatio(floor.ratio)} the float baseline.`);
  }
  for (const p of pairs.filter((x) => x.group === 'report')) {
    console.log(`report ${p.name.split('/')[1]}: renderAuditReport ${fmtRatio(p.ratio)} the bare pdfkit baseline.`);
  }

  const elapsedS = Math.round((Date.now() - started) / 1000);
  // The API section has no pairs: its figures go under the `api` key with the run's stamp.
  const api = extra.api ? { ...stamp, worktreeDirty: meta.worktreeDirty, ...extra.api } : undefined;
  delete extra.api;
  const file = path.join(RESULTS, 'latest.json');
  let record;
  if (only === 'api') {
    // `npm run bench:api`: the other benches' figures stay as they were recorded.
    const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    record = { ...previous, api };
  } else {
    // A run without the API section keeps the API figures last recorded (they carry their own stamp).
    const previousApi = !api && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).api : undefined;
    const keptApi = api ?? previousApi;
    record = { ...meta, elapsedSeconds: elapsedS, verdict, pairs, extra, ...(keptApi ? { api: keptApi } : {}) };
  }
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nwritten: bench/results/latest.json (${elapsedS} s)`);
}

main();
