/**
 * The seeded fault sweep from the command line.
 *   npm run fuzz -- --seeds 5000            seeds 1..5000
 *   npm run fuzz -- --from 9000 --seeds 100 seeds 9000..9099
 *   npm run fuzz -- --seed 1234 --verbose   one seed, with its options, event and fault counts, and trace hash
 *   npm run fuzz -- --extensions ...        the sweep with snapshots, membership, transfers, PreVote,
 *                                           CheckQuorum, stickiness and clients turned on at random
 *   npm run fuzz -- --removal-restarts ...  the extended sweep on 1–3 servers with servers added often and
 *                                           a server (often the leader) removed and restarted before the
 *                                           removal commits (dissertation §4.2.2; implies --extensions)
 * Exits 1 if any seed fails, printing the one-line command that reproduces it.
 */
import { parseArgs } from 'node:util';
import { int } from './args';
import { DEFAULT_SWEEP, EXTENDED_SWEEP, MEMBERSHIP_SWEEP, reproCommand, runSweepSeed, sweepOptions } from '../src/sim/faultSweep';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1000' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    'fault-ms': { type: 'string', default: String(DEFAULT_SWEEP.faultPhaseMs) },
    verbose: { type: 'boolean', default: false },
    extensions: { type: 'boolean', default: false },
    'removal-restarts': { type: 'boolean', default: false },
  },
});

const single = values.seed !== undefined;
const first = single ? int('seed', values.seed, 0) : int('from', values.from, 0);
const count = single ? 1 : int('seeds', values.seeds, 1);
const removalRestarts = values['removal-restarts'] === true;
const extensions = values.extensions === true || removalRestarts;
const base = removalRestarts ? MEMBERSHIP_SWEEP : extensions ? EXTENDED_SWEEP : DEFAULT_SWEEP;
const kind = removalRestarts ? ' with extensions and removals under restart' : extensions ? ' with extensions' : '';
const config = { ...base, faultPhaseMs: int('fault-ms', values['fault-ms'], 0) };

console.log(`fault sweep${kind}: seeds ${first}..${first + count - 1}, ${config.faultPhaseMs} ms of faults, liveness bound ${config.livenessBoundMs} ms`);
const started = process.hrtime.bigint();
let failed = 0;
let events = 0;
for (let seed = first; seed < first + count; seed++) {
  const r = runSweepSeed(seed, config);
  events += r.events;
  if (values.verbose) {
    console.log(`seed ${seed}: ${r.ok ? 'ok' : 'FAILED'}; options ${JSON.stringify(sweepOptions(seed, extensions, removalRestarts))}`);
    console.log(`  ${r.events} events, ${r.faults} faults, ${r.acknowledged} acknowledged commands, trace ${r.traceHash}`);
  }
  if (!r.ok) {
    failed++;
    console.log(`FAIL seed ${seed}:`);
    for (const f of r.failures.slice(0, 10)) console.log(`  ${f}`);
    console.log(`  reproduce: ${reproCommand(seed, extensions, removalRestarts)}`);
  } else if (!values.verbose && (seed - first + 1) % 500 === 0) {
    console.log(`  ${seed - first + 1}/${count} seeds ok`);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`${count - failed} passed, ${failed} failed (${events} events in ${seconds.toFixed(1)} s)`);
process.exit(failed > 0 ? 1 : 0);
