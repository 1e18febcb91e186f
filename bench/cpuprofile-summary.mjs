/**
 * Self time by function in a V8 .cpuprofile (from `node --cpu-prof`), and the
 * garbage collector's share of the time the process was not idle. Used for the
 * engine figures in the README:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/engine.bench.ts
 *   node bench/cpuprofile-summary.mjs /tmp/prof   # or one .cpuprofile file
 *
 * tsx's loader runs in worker threads that write profiles of their own; given a
 * directory, this reads the profile that sampled the simulator (src/sim).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node bench/cpuprofile-summary.mjs <file.cpuprofile | directory> [rows]');
  process.exit(2);
}
const rowsWanted = Number(process.argv[3] ?? 25);

function pick(path) {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(path, f));
  const main = files.find((f) => readFileSync(f, 'utf8').includes('/src/sim/'));
  if (!main) throw new Error(`no profile in ${path} sampled src/sim`);
  return main;
}

const file = pick(arg);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const frame = byId.get(profile.samples[i]).callFrame;
  if (frame.functionName === '(idle)') continue;
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}`.trim();
  self.set(key, (self.get(key) ?? 0) + dt);
}
const gc = self.get('(garbage collector)') ?? 0;
console.log(`${file}\nnot idle: ${(total / 1000).toFixed(0)} ms; garbage collector: ${((100 * gc) / total).toFixed(1)} %`);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rowsWanted)) {
  console.log(`${((100 * t) / total).toFixed(1).padStart(5)} %  ${name}`);
}
