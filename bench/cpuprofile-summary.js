#!/usr/bin/env node
// Summarise a V8 .cpuprofile (node --cpu-prof): the functions with the most
// self time, and the most inclusive time (time spent in a function and what it
// calls; recursion counted once). Usage:
//   node bench/cpuprofile-summary.js <file.cpuprofile> [topSelf=25] [topInclusive=40]
'use strict';
const fs = require('node:fs');

const [file, topSelf = '25', topIncl = '40'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-summary.js <file.cpuprofile> [topSelf] [topInclusive]');
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const timeOf = new Map();
profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...timeOf.values()].reduce((a, b) => a + b, 0);

const key = (n) => {
  const url = n.callFrame.url.replace(/^.*\/(node_modules|libs|bench|tools)\//, '$1/').replace(/^file:\/\//, '');
  return `${n.callFrame.functionName || '(anonymous)'}  ${url}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
};
const self = new Map();
const inclusive = new Map();
for (const [id, t] of timeOf) {
  const k = key(nodes.get(id));
  self.set(k, (self.get(k) ?? 0) + t);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const kx = key(nodes.get(x));
    if (seen.has(kx)) continue;
    seen.add(kx);
    inclusive.set(kx, (inclusive.get(kx) ?? 0) + t);
  }
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / 1000).toFixed(0).padStart(8)} ms  ${k}`)
    .join('\n');
console.log(
  `profile: ${(total / 1000).toFixed(0)} ms sampled\n\nself time\n${top(self, Number(topSelf))}\n\ninclusive time\n${top(inclusive, Number(topIncl))}`,
);
