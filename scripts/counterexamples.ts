/**
 * Per "break a rule" switch: how many random fault schedules the search tries
 * before the first violation, and how small the shrunk counterexample is
 * (issue 14). Prints a Markdown table for the README, then (with --none) a
 * safety sweep with every rule kept.
 *   npm run counterexamples                          seed 1, every switch
 *   npm run counterexamples -- --seeds 5             seeds 1..5 (one row per switch and seed)
 *   npm run counterexamples -- --rule voteTwicePerTerm --seed 7 --verbose   one search, its scenario's actions
 *   npm run counterexamples -- --none 5000           also 5,000 schedules with every rule on
 */
import { parseArgs } from 'node:util';
import { int } from './args';
import { BROKEN_RULES, findCounterexample, type BrokenRule } from '../src/analysis';
import type { UnsafeRules } from '../src/engine';
import { replayScenario } from '../src/scenario';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string', default: '1' },
    rule: { type: 'string' },
    'max-schedules': { type: 'string', default: '5000' },
    'max-events': { type: 'string', default: '2000' },
    none: { type: 'string', default: '0' },
    verbose: { type: 'boolean', default: false },
  },
});

const firstSeed = int('seed', values.seed, 0);
const seeds = int('seeds', values.seeds, 1);
const maxSchedules = int('max-schedules', values['max-schedules'], 1);
const maxEventsPerSchedule = int('max-events', values['max-events'], 1);
const rules = values.rule === undefined ? BROKEN_RULES : BROKEN_RULES.filter((b) => b.rule === values.rule);
if (rules.length === 0) {
  console.error(`--rule must be one of ${BROKEN_RULES.map((b) => b.rule).join(', ')}`);
  process.exit(2);
}

function unsafeOf(b: BrokenRule): UnsafeRules {
  const u: UnsafeRules = { [b.rule]: true };
  for (const n of b.needs ?? []) u[n] = true;
  return u;
}

console.log(`findCounterexample: maxSchedules ${maxSchedules}, maxEventsPerSchedule ${maxEventsPerSchedule}, default cluster options (5 servers at most)`);
console.log('| rule off | seed | property | schedules to first hit / in all | chosen failure as found (actions / servers / events) | shrunk (actions / servers / events) | failures shrunk | shrink runs | events simulated | wall ms | replays |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
let failed = false;
for (const b of rules) {
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const t0 = performance.now();
    const r = findCounterexample({ unsafe: unsafeOf(b), seed, maxSchedules, maxEventsPerSchedule });
    const ms = Math.round(performance.now() - t0);
    const name = b.needs ? `${b.rule} (+ ${b.needs.join(', ')})` : b.rule;
    if (!r.found) {
      failed = true;
      console.log(`| ${name} | ${seed} | none found | > ${r.schedulesTried} | | | | ${r.eventsRun} | ${ms} | |`);
      continue;
    }
    const v = r.violation!;
    const replays = replayScenario(r.scenario!).violations().some((x) => x.property === v.property);
    failed ||= !replays;
    const u = r.unshrunk!;
    console.log(
      `| ${name} | ${seed} | ${v.property} | ${r.schedulesToFirstHit} / ${r.schedulesTried} | ${u.actions} / ${u.servers} / ${u.events} | ${r.scenario!.actions.length} / ${r.scenario!.options.servers} / ${v.event} | ${r.failuresShrunk} | ${r.shrinkRuns} | ${r.eventsRun} | ${ms} | ${replays ? 'yes' : 'NO'} |`,
    );
    if (values.verbose) {
      console.log(JSON.stringify(r.scenario!.options));
      for (const a of r.scenario!.actions) console.log(`  after event ${a.n} at ${a.at} ms: ${JSON.stringify(a.action)}`);
      console.log(`  ${v.property} at ${v.time} ms (event ${v.event}): ${v.detail}`);
    }
  }
}

const none = int('none', values.none, 0);
if (none > 0) {
  const t0 = performance.now();
  const r = findCounterexample({ unsafe: {}, seed: firstSeed, maxSchedules: none, maxEventsPerSchedule });
  const ms = Math.round(performance.now() - t0);
  console.log(`every rule on: ${r.found ? `FOUND ${r.violation!.property}: ${r.violation!.detail}` : 'nothing found'} in ${r.schedulesTried} schedules, ${r.eventsRun} events, ${ms} ms`);
  failed ||= r.found;
}
process.exit(failed ? 1 : 0);
