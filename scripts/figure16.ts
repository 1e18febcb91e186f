/**
 * Figure 16 of the Raft paper (§9.3), reproduced headlessly: the paper's eleven
 * election-timeout ranges (top and bottom graphs), 5 servers, time to elect a new
 * leader after the leader crashes. Prints the summary CSV and the wall time.
 *   npm run figure16                                   1,000 trials per range, 1–3 ms one-way latency
 *   npm run figure16 -- --trials 200 --latency 10,20   the visualizer's default network
 *   npm run figure16 -- --cdf                          the cumulative distributions instead of the summary
 */
import { parseArgs } from 'node:util';
import { electionCdfCsv, electionExperimentCsv, PAPER_FIGURE_16, runElectionExperiment } from '../src/analysis';
import { int } from './args';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '1,3' },
    seed: { type: 'string', default: '1' },
    cdf: { type: 'boolean', default: false },
  },
});
const trials = int('trials', values.trials, 1);
const latencyMs = values.latency.split(',').map(Number) as [number, number];
const ranges = [...PAPER_FIGURE_16.top, ...PAPER_FIGURE_16.bottom];
const t0 = performance.now();
const r = runElectionExperiment({ timeoutRangesMs: ranges, trials, servers: PAPER_FIGURE_16.servers, latencyMs, seed: values.seed });
const ms = performance.now() - t0;
process.stdout.write(values.cdf ? electionCdfCsv(r.ranges) : electionExperimentCsv(r.ranges));
console.error(`${ranges.length} ranges × ${trials} trials, latency ${latencyMs.join('–')} ms: ${(ms / 1000).toFixed(1)} s wall, ${r.eventsRun} events (${Math.round(r.eventsRun / (ms / 1000))} events/s)`);
