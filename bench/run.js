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
//   npm run bench -- --full           also evaluate() on 1,000 bids (≈ 40 min more);
//                                     its record is kept in bench/results/full.json
//
// Exit code: 0 done; 2 a bench aborted (e.g. engine and baseline disagree);
// 1 anything else. latest.json is only written when every bench finished.
'use strict';
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const BENCHES = ['evaluate', 'report'];

const args = process.argv.slice(2);
const full = args.includes('--full');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
if (only && !BENCHES.includes(only)) {
  console.error(`unknown bench ${JSON.stringify(only)} (${BENCHES.join(', ')})`);
  process.exit(1);
}

/** Read-only git queries; null where git or the repository is unavailable. */
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
    // Tracked files changed since that commit (other engineers' work in progress, say): the measured code may differ from it.
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
    if (full && name === 'evaluate') benchArgs.push('--full');
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
  const skipped = outputs.flatMap((o) => o.skipped ?? []);
  const extra = Object.fromEntries(outputs.filter((o) => o.extra).map((o) => [o.bench, o.extra]));

  // The last --full run, if one was recorded, for the 1,000-bid row of the table.
  const fullFile = path.join(RESULTS, 'full.json');
  let lastFull = null;
  if (full) {
    lastFull = pairs.find((p) => p.name === 'evaluate/1000-bids') ?? null;
  } else if (fs.existsSync(fullFile)) {
    try {
      lastFull = JSON.parse(fs.readFileSync(fullFile, 'utf8')).pairs.find((p) => p.name === 'evaluate/1000-bids') ?? null;
    } catch {
      lastFull = null;
    }
  }

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
  for (const s of skipped) {
    const b = s.baseline;
    const rec = !full && lastFull;
    rows.push([
      `${s.name}${rec ? ' (--full)' : ''}`,
      rec ? fmtMs(lastFull.subject.medianMs) : 'not run',
      rec ? '' : '',
      '',
      '',
      rec ? lastFull.subject.runs : 0,
      b ? fmtMs(b.medianMs) : '',
      b ? fmtMs(b.minMs) : '',
      b ? fmtMs(b.maxMs) : '',
      b ? fmtMs(b.p99Ms) : '',
      b ? b.runs : '',
      rec ? `${fmtRatio(lastFull.ratio)}` : '—',
      rec ? `≤ ${lastFull.target}×: ${lastFull.targetMet ? 'met' : 'NOT met'}` : '',
    ]);
  }
  console.log(table(rows));
  if (!full && lastFull) {
    console.log(
      `\n(--full) row: evaluate() time and ratio from the recorded --full run of ${lastFull.date} (commit ${String(lastFull.commit).slice(0, 12)}), bench/results/full.json; the baseline column is this run's.`,
    );
  }

  // The verdict on the target workload.
  const evalPairs = pairs.filter((p) => p.group === 'evaluate');
  let verdict = null;
  if (evalPairs.length > 0) {
    const target = evalPairs[0].target;
    const at1000 = evalPairs.find((p) => p.name === 'evaluate/1000-bids');
    const largest = evalPairs[evalPairs.length - 1];
    const scaling = extra.evaluate?.scaling ?? [];
    const growsFaster = scaling.length > 0 && scaling.every((s) => s.engineExponent > s.baselineExponent);
    if (at1000) {
      verdict = { met: at1000.targetMet, basis: 'measured at 1,000 bids', ratio: at1000.ratio };
    } else if (!largest.targetMet && growsFaster) {
      verdict = {
        met: false,
        basis: `measured at ${largest.params.bids} bids (${fmtRatio(largest.ratio)}); the ratio grows with the number of bids at every step measured, so it is higher at 1,000`,
        ratio: largest.ratio,
      };
    } else {
      verdict = {
        met: null,
        basis: `not measured at 1,000 bids (largest measured: ${largest.params.bids} bids, ${fmtRatio(largest.ratio)})`,
        ratio: largest.ratio,
      };
    }
    const word = verdict.met === true ? 'MET' : verdict.met === false ? 'NOT MET' : 'UNKNOWN';
    console.log(`\nevaluate() target ≤ ${target}× the float baseline at 1,000 bids × 40 criteria × 5-node chains: ${word} — ${verdict.basis}.`);
    for (const p of pairs.filter((x) => x.group === 'report'))
      console.log(`report ${p.name.split('/')[1]}: renderAuditReport ${fmtRatio(p.ratio)} the bare pdfkit baseline.`);
  }

  const elapsedS = Math.round((Date.now() - started) / 1000);
  const record = { ...meta, elapsedSeconds: elapsedS, verdict, pairs, skipped, extra };
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(record, null, 2)}\n`);
  if (full) fs.writeFileSync(fullFile, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nwritten: bench/results/latest.json${full ? ' and bench/results/full.json' : ''} (${elapsedS} s)`);
}

main();
