/**
 * Figure 16 of the Raft paper, reproduced (§9.3, issue 14): the time to elect a
 * new leader after the leader crashes, for several election-timeout ranges,
 * 5 servers. As in the paper, each trial has a stable leader that is crashed
 * at a uniformly random moment within its heartbeat interval, which is half
 * the minimum election timeout; the time is from the crash until a new leader
 * is elected.
 *
 *   import { runElectionExperiment, PAPER_FIGURE_16 } from './src/analysis';
 *   const r = runElectionExperiment({ timeoutRangesMs: PAPER_FIGURE_16.top, trials: 1_000, servers: 5, latencyMs: [1, 3], seed: 1 });
 *
 * Each trial has its own seed (`<seed>:<lo>-<hi>:<trial>`), so a range's
 * numbers do not depend on the other ranges run with it, nor on wall time.
 */
import { createCluster, Prng, type Seed } from '../sim';

export type TimeoutRange = readonly [number, number];

/** The paper's measurements (§9.3, Figure 16), kept as data to draw beside ours. */
export const PAPER_FIGURE_16 = {
  servers: 5,
  /** "broadcast time … about 15 ms" on the paper's network. */
  broadcastMs: 15,
  top: [[150, 150], [150, 151], [150, 155], [150, 175], [150, 200], [150, 300]] as readonly TimeoutRange[],
  bottom: [[12, 24], [25, 50], [50, 100], [100, 200], [150, 300]] as readonly TimeoutRange[],
  /** Each line of the figure is 1,000 trials (100 for 150–150). */
  trials: 1_000,
  reference: [
    { range: [150, 150] as TimeoutRange, meanAboveMs: 10_000, en: 'no randomness: over 10 s (split votes)', zh: '没有随机性：超过 10 秒（选票分裂）' },
    { range: [150, 155] as TimeoutRange, meanMs: 287, en: '5 ms of randomness: mean 287 ms', zh: '5 毫秒随机性：平均 287 毫秒' },
    { range: [150, 200] as TimeoutRange, worstMs: 513, en: 'worst of over 1,000 trials: 513 ms', zh: '1000 多次试验中最差：513 毫秒' },
    { range: [12, 24] as TimeoutRange, meanMs: 35, worstMs: 152, en: 'mean 35 ms, worst 152 ms', zh: '平均 35 毫秒，最差 152 毫秒' },
  ],
} as const;

export interface ElectionExperimentRequest {
  timeoutRangesMs: readonly TimeoutRange[];
  trials: number;
  servers: number;
  /** One-way message delay, uniform in [min, max] ms. */
  latencyMs: readonly [number, number];
  seed: Seed;
  /** A trial that elects nobody within this many simulated ms counts as noLeader (default 10,000: the paper reports 150–150 ms as "over 10 s"). */
  trialLimitMs?: number;
  onProgress?: (p: ElectionExperimentProgress) => void;
  /** Checked between trials: true stops, returning the ranges finished so far and the current one's trials. */
  shouldStop?: () => boolean;
}

export interface ElectionExperimentProgress {
  trialsDone: number;
  trialsTotal: number;
  range: TimeoutRange;
}

export interface ElectionRangeResult {
  range: TimeoutRange;
  /** Trials run (fewer than asked if stopped). */
  trials: number;
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
  /** Trials that elected nobody within the trial's limit (left out of the times). */
  noLeader: number;
  /** Every elected trial's time, ascending: the cumulative distribution. */
  samplesMs: number[];
}

export interface ElectionExperimentResult {
  ranges: ElectionRangeResult[];
  stopped: boolean;
  /** Simulated events in all trials. */
  eventsRun: number;
}

const PROGRESS_EVERY = 50;

export function runElectionExperiment(req: ElectionExperimentRequest): ElectionExperimentResult {
  checkRequest(req);
  const limitMs = req.trialLimitMs ?? 10_000;
  const trialsTotal = req.trials * req.timeoutRangesMs.length;
  let trialsDone = 0;
  let eventsRun = 0;
  const ranges: ElectionRangeResult[] = [];
  for (const range of req.timeoutRangesMs) {
    const samples: number[] = [];
    let noLeader = 0;
    let trials = 0;
    let stopped = false;
    for (let t = 0; t < req.trials; t++) {
      if (req.shouldStop?.() === true) {
        stopped = true;
        break;
      }
      const trial = electionTrial(req, range, t, limitMs);
      eventsRun += trial.events;
      if (trial.ms === null) noLeader++;
      else samples.push(trial.ms);
      trials++;
      if (++trialsDone % PROGRESS_EVERY === 0) req.onProgress?.({ trialsDone, trialsTotal, range });
    }
    if (trials > 0) ranges.push(summarize(range, trials, samples, noLeader));
    if (stopped) return { ranges, stopped: true, eventsRun };
  }
  return { ranges, stopped: false, eventsRun };
}

/** One trial: elect a leader, let it send heartbeats, crash it within its heartbeat interval, time the next election. */
function electionTrial(req: ElectionExperimentRequest, range: TimeoutRange, t: number, limitMs: number): { ms: number | null; events: number } {
  const [lo, hi] = range;
  const key = `${String(req.seed)}:${lo}-${hi}:${t}`;
  // §9.3: "the leader was crashed uniformly randomly within its heartbeat interval, which was half of the minimum election timeout".
  const heartbeatMs = Math.max(1, Math.floor(lo / 2));
  const c = createCluster({
    servers: req.servers,
    seed: key,
    electionTimeoutMs: [lo, hi],
    heartbeatMs,
    latencyMs: [req.latencyMs[0], req.latencyMs[1]],
    traceLimit: 0,
  });
  // The first leader is not what is measured: force one server's timeout so it wins at once.
  c.timeout(1);
  if (!c.runUntil((cc) => cc.leaderId() !== null, limitMs)) return { ms: null, events: c.eventCount };
  // A full heartbeat interval (and the slowest delivery) so every follower has heard from it.
  c.runFor(heartbeatMs + req.latencyMs[1]);
  c.runFor(Prng.fromSeed(`crash:${key}`).int(0, heartbeatMs - 1));
  const old = c.leaderId();
  if (old === null) return { ms: null, events: c.eventCount };
  c.crash(old);
  const crashedAt = c.now;
  const elected = c.runUntil((cc) => cc.leaderId() !== null, limitMs);
  return { ms: elected ? c.now - crashedAt : null, events: c.eventCount };
}

function summarize(range: TimeoutRange, trials: number, samples: number[], noLeader: number): ElectionRangeResult {
  samples.sort((a, b) => a - b);
  const at = (q: number): number => (samples.length === 0 ? NaN : samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!);
  const mean = samples.length === 0 ? NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    range,
    trials,
    meanMs: Math.round(mean * 10) / 10,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    worstMs: samples.length === 0 ? NaN : samples[samples.length - 1]!,
    noLeader,
    samplesMs: samples,
  };
}

function checkRequest(req: ElectionExperimentRequest): void {
  const fail = (msg: string): never => {
    throw new RangeError(`runElectionExperiment: ${msg}`);
  };
  if (!Array.isArray(req.timeoutRangesMs) || req.timeoutRangesMs.length === 0) fail('timeoutRangesMs must be a non-empty list of [min, max] ranges in ms');
  req.timeoutRangesMs.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => Number.isInteger(x) && x >= 2) || r[0] > r[1]) {
      fail(`timeoutRangesMs[${i}] must be [min, max], whole ms, 2 <= min <= max (got ${JSON.stringify(r)})`);
    }
  });
  if (!Number.isInteger(req.trials) || req.trials < 1) fail(`trials must be a whole number >= 1 (got ${String(req.trials)})`);
  if (!Number.isInteger(req.servers) || req.servers < 2) fail(`servers must be a whole number >= 2 (a crashed leader needs a successor; got ${String(req.servers)})`);
  const l = req.latencyMs;
  if (!Array.isArray(l) || l.length !== 2 || !(l[0] >= 0 && l[0] <= l[1])) fail(`latencyMs must be [min, max] with 0 <= min <= max (got ${JSON.stringify(l)})`);
}

/** The summary as CSV, one row per range (times in ms; empty where no trial elected a leader). */
export function electionExperimentCsv(ranges: readonly ElectionRangeResult[]): string {
  const num = (x: number): string => (Number.isFinite(x) ? String(x) : '');
  const rows = ranges.map((r) => [`${r.range[0]}-${r.range[1]}`, r.trials, num(r.meanMs), num(r.medianMs), num(r.p95Ms), num(r.worstMs), r.noLeader].join(','));
  return ['timeout_range_ms,trials,mean_ms,median_ms,p95_ms,worst_ms,no_leader', ...rows].join('\n') + '\n';
}

/** The cumulative distributions as CSV (Figure 16's curves): each elected trial's time and the fraction of trials done by then. */
export function electionCdfCsv(ranges: readonly ElectionRangeResult[]): string {
  const rows: string[] = [];
  for (const r of ranges) r.samplesMs.forEach((ms, i) => rows.push(`${r.range[0]}-${r.range[1]},${ms},${((i + 1) / r.trials).toFixed(4)}`));
  return ['timeout_range_ms,election_ms,cumulative_fraction', ...rows].join('\n') + '\n';
}
