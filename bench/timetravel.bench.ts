/**
 * Time-travel benchmark: a one-hour simulated run (5 servers, a client command
 * every 100 ms, a leader crash every 60 s), then seeks to 200 random moments.
 * Prints the seek times (median, 95th percentile, worst), the number of
 * checkpoints kept and the heap, as one JSON line.
 *
 *   npm run bench:timetravel
 */
import { TimeMachine } from '../src/worker/timeMachine';

const HOUR_MS = Number(process.env.BENCH_SIM_MS ?? 3_600_000);
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = (): number => {
  gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
};

const heapStart = heapMB();
const tm = new TimeMachine({ seed: 'timetravel-bench', servers: 5 });
const t0 = process.hrtime.bigint();
let crashed: number | null = null;
for (let k = 1; tm.cluster.now < HOUR_MS; k++) {
  tm.advance(100);
  tm.act({ type: 'submit', command: `k${k % 50}=${k}` });
  if (k % 600 === 0) {
    const leader = tm.cluster.leaderId();
    if (leader !== null) {
      tm.act({ type: 'crash', server: leader });
      crashed = leader;
    }
  } else if (k % 600 === 10 && crashed !== null) {
    tm.act({ type: 'restart', server: crashed });
    crashed = null;
  }
}
const recordSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const head = tm.head;
const heapRecorded = heapMB();

// Deterministic targets spread over the whole run.
let x = 12345;
const next = (): number => {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  return x / 2 ** 32;
};
// Wall time, and the process's CPU time (user + system, all its threads): on a
// loaded machine the wall time also counts waiting for a core, the CPU time not.
const times: number[] = [];
const cpuTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const n = Math.floor(next() * head.n);
  const cpu = process.cpuUsage();
  const s = process.hrtime.bigint();
  tm.seekEvent(n);
  times.push(Number(process.hrtime.bigint() - s) / 1e6);
  const d = process.cpuUsage(cpu);
  cpuTimes.push((d.user + d.system) / 1000);
  if (process.env.BENCH_VERBOSE) console.error(i, n, times[times.length - 1]!.toFixed(1));
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    simulatedSeconds: HOUR_MS / 1000,
    events: head.n,
    actions: tm.actions.length,
    recordWallSeconds: Math.round(recordSeconds * 10) / 10,
    checkpoints: tm.checkpointCount(),
    seeks: times.length,
    seekMsMedian: Math.round(times[100]! * 10) / 10,
    seekMsP95: Math.round(times[190]! * 10) / 10,
    seekMsWorst: Math.round(times[199]! * 10) / 10,
    seekCpuMs: { median: Math.round(cpuTimes[100]! * 10) / 10, p95: Math.round(cpuTimes[190]! * 10) / 10, worst: Math.round(cpuTimes[199]! * 10) / 10 },
    loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    heapMB: { start: heapStart, afterRecording: heapRecorded, afterSeeks: heapMB() },
    gcForced: gc !== undefined,
  }),
);
