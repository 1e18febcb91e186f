/**
 * Two builds of the simulator in one process, their runs alternating: the
 * speed ratio of a branch to a base, measured so that the machine's drift
 * falls on both alike. On this machine one CPU ran 35 % slower than the other
 * for a while (2026-12-07, `taskset`), and the speed of either swings by a
 * quarter from minute to minute, so two processes run one after the other
 * compare the moments more than the builds. Here each pair of runs is a
 * second apart, and the ratio's median over the pairs is reported.
 *
 *   npx esbuild src/sim/index.ts --bundle --platform=node --format=esm --outfile=/tmp/sim-branch.mjs
 *   (the same in a worktree of the base, to /tmp/sim-base.mjs)
 *   node --single-threaded --import tsx bench/engine-ab.ts /tmp/sim-base.mjs /tmp/sim-branch.mjs
 *
 * Both builds share one heap: the garbage of one is collected partly during
 * the other's runs, which counts against the build that makes less of it.
 * AB_PAIRS (default 9) timed pairs follow three untimed ones; AB_ONLY=steady
 * (a workload's name) runs one workload.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { SIM_MS, startDriver, tick, WORKLOADS, type BenchCluster, type Workload } from './workloads';

interface Build {
  createCluster(options: Record<string, unknown>): BenchCluster & { readonly eventCount: number };
}

const [basePath, branchPath] = process.argv.slice(2);
if (!basePath || !branchPath) {
  console.error('usage: node --import tsx bench/engine-ab.ts <base bundle.mjs> <branch bundle.mjs>');
  process.exit(2);
}
const load = async (path: string) => (await import(pathToFileURL(resolve(path)).href)) as Build;
const base = await load(basePath);
const branch = await load(branchPath);
const PAIRS = Number(process.env.AB_PAIRS ?? 9);

/** Events per wall second of one run. */
function run(build: Build, w: Workload): number {
  const c = build.createCluster({ servers: 5, seed: `bench-${w.name}`, ...w.options });
  const d = startDriver(w);
  const t0 = process.hrtime.bigint();
  while (c.now < SIM_MS) tick(c, w, d);
  return c.eventCount / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const w of WORKLOADS.filter((w) => !process.env.AB_ONLY || w.name === process.env.AB_ONLY)) {
  for (let k = 0; k < 3; k++) {
    run(base, w);
    run(branch, w);
  }
  const b: number[] = [];
  const a: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < PAIRS; k++) {
    const x = run(base, w);
    const y = run(branch, w);
    b.push(x);
    a.push(y);
    ratios.push(y / x);
  }
  console.log(
    JSON.stringify({
      workload: w.name,
      pairs: PAIRS,
      baseEventsPerSecondMedian: Math.round(median(b)),
      branchEventsPerSecondMedian: Math.round(median(a)),
      ratioMedian: Math.round(median(ratios) * 100) / 100,
      ratioRange: [Math.round(Math.min(...ratios) * 100) / 100, Math.round(Math.max(...ratios) * 100) / 100],
    }),
  );
}
