/**
 * "Why is this rule needed?" (issue 14): turn rules off, and search seeded
 * random fault schedules for a run that breaks safety, then shrink it to a
 * short scenario a class can step through — the paper's Figure 8, generated on
 * demand for any rule.
 *
 *   import { findCounterexample } from './src/analysis';
 *   const r = findCounterexample({ unsafe: { commitPreviousTermByCounting: true }, seed: 1, maxSchedules: 2_000, maxEventsPerSchedule: 2_000 });
 *   if (r.found) replayScenario(r.scenario!).violations();   // includes r.violation.property
 *
 * Schedule i draws everything from its own stream (`counterexample:<seed>:<i>`),
 * so the result for a seed depends only on how many schedules were allowed,
 * never on wall time: the same budget gives the same counterexample in Node and
 * in the browser (a caller's shouldStop may end it earlier).
 */
import type { UnsafeRules } from '../engine';
import { DEFAULT_OPTIONS, Prng, type ClusterOptions, type SafetyProperty, type Seed, type Violation } from '../sim';
import { SCENARIO_VERSION, type Scenario } from '../scenario';
import { brokenRule, PROPERTY_ZH, type UnsafeRule } from './brokenRules';
import { drawSwarm, planOptions, runPlan, runRandomSchedule, searchOptions, type Plan, type PlanRun } from './faultSchedule';
import { shrinkPlan } from './shrink';

export interface CounterexampleRequest {
  /** The cluster to search from (timing, network, protocol options); servers is the largest size tried. `initial` and `unsafe` are ignored. */
  options?: Partial<ClusterOptions>;
  /** The rules turned off (a switch's companions, BrokenRule.needs, are turned off with it). */
  unsafe: UnsafeRules;
  seed: Seed;
  /** Schedules to try before giving up. */
  maxSchedules: number;
  /** Events per schedule (and the shrinker's runs may use twice the found run's events). */
  maxEventsPerSchedule: number;
  /** Look for a violation of this property (default: the first violation of any). */
  property?: SafetyProperty;
  /** Most runs the shrinker may make on each failing schedule (default 1,000). */
  maxShrinkRuns?: number;
  /**
   * Failing schedules to look for after the first when its shrunk form still has more than 8
   * actions (default 2): the search goes on for as many schedules again as the first took (20 to
   * 400 more, within maxSchedules), each failure is shrunk, and the smallest result is kept.
   */
  alternatives?: number;
  onProgress?: (p: CounterexampleProgress) => void;
  /** Checked between runs: true stops the search (or the shrinking, which then returns the best so far). */
  shouldStop?: () => boolean;
}

export interface CounterexampleProgress {
  phase: 'search' | 'shrink';
  schedulesTried: number;
  eventsRun: number;
  shrinkSteps: number;
  /** The smallest failing schedule so far (once one is found). */
  best?: { actions: number; servers: number };
}

export interface CounterexampleResult {
  found: boolean;
  /** A scenario that replays (replayScenario) to a run whose violations() include violation.property, positioned at it. */
  scenario?: Scenario;
  /** The violation in the shrunk scenario. */
  violation?: Violation;
  schedulesTried: number;
  /** Events simulated in all, search and shrinking. */
  eventsRun: number;
  /** Shrinking steps taken (each made the schedule smaller or shorter). */
  shrinkSteps: number;
  /** Candidate runs the shrinker made. */
  shrinkRuns?: number;
  /** Size of the chosen schedule as the search found it, before shrinking. */
  unshrunk?: { actions: number; servers: number; events: number };
  /** Schedules tried up to and including the first failing one. */
  schedulesToFirstHit?: number;
  /** Failing schedules shrunk (the smallest result is the scenario). */
  failuresShrunk?: number;
  /** Stopped by shouldStop before the budget was spent. */
  stopped: boolean;
}

/** Report progress at most once per this many schedules (and at every phase change). */
const PROGRESS_EVERY = 10;
/** Failing schedules looked for after the first (each is shrunk; the smallest result is kept). */
const DEFAULT_ALTERNATIVES = 2;
/** A shrunk counterexample of at most this many actions is small enough to stop looking (Figure 8 tells its story in about this many). */
const SMALL_ENOUGH = 8;
/** After the first failure at schedule i, the search goes on for i more schedules, within these bounds. */
const EXTRA_SCHEDULES_MIN = 20;
const EXTRA_SCHEDULES_MAX = 400;
/** Most shrinking runs per failing schedule. */
const DEFAULT_SHRINK_RUNS = 1_000;

export function findCounterexample(req: CounterexampleRequest): CounterexampleResult {
  checkRequest(req);
  const { seed, maxSchedules, maxEventsPerSchedule, onProgress, shouldStop } = req;
  const unsafe = withCompanions(req.unsafe);
  const base = baseOptions(req.options ?? {}, unsafe);
  const property = req.property ?? targetOf(unsafe);
  let eventsRun = 0;
  let schedulesTried = 0;
  const progress = (p: Omit<CounterexampleProgress, 'schedulesTried' | 'eventsRun'>): void =>
    onProgress?.({ schedulesTried, eventsRun, ...p });

  // Shrink one failure; keep it if it is the smallest so far.
  let best: Shrunk | undefined;
  let shrinkSteps = 0;
  let shrinkRuns = 0;
  let failuresShrunk = 0;
  const shrinkFailure = (f: Failure): void => {
    failuresShrunk++;
    const wanted = property ?? f.violation.property;
    progress({ phase: 'shrink', shrinkSteps, best: smaller(sizeOf(f.plan), best) });
    // Candidates may run a little longer than the best so far did before it broke; as the best breaks
    // sooner, the bound tightens, so a candidate that no longer breaks costs fewer events.
    let limit = Math.max(200, 2 * f.violation.event);
    const run = (plan: Plan): PlanRun => {
      const out = runPlan(searchOptions(base, plan, f.clusterSeed), plan, limit, wanted);
      eventsRun += out.events;
      if (out.violation !== undefined) limit = Math.max(200, 2 * out.violation.event);
      return out;
    };
    const shrunk = shrinkPlan(f.plan, (plan) => run(plan).violation !== undefined, {
      maxRuns: req.maxShrinkRuns ?? DEFAULT_SHRINK_RUNS,
      shouldStop,
      onStep: (plan) => progress({ phase: 'shrink', shrinkSteps: ++shrinkSteps, best: smaller(sizeOf(plan), best) }),
    });
    shrinkRuns += shrunk.runs;
    // The shrunk plan as the scenario records it: drops resolved to message ids, refused actions gone.
    const final = run(shrunk.plan);
    const candidate: Shrunk = { failure: f, plan: shrunk.plan, final, violation: final.violation! };
    if (best === undefined || isSmaller(candidate, best)) best = candidate;
  };

  // Swarm search: schedule i draws everything from its own stream. The first failure is shrunk at
  // once; if it is still longer than SMALL_ENOUGH actions, the search goes on (for as many schedules
  // again as the first took, within bounds) for up to `alternatives` more, each shrunk, and the
  // smallest is kept: a first hit of hundreds of actions can shrink worse than a later short one.
  const alternatives = req.alternatives ?? DEFAULT_ALTERNATIVES;
  let firstHit: number | undefined;
  let searchEnd = maxSchedules;
  for (let i = 0; i < searchEnd; i++) {
    if (shouldStop?.() === true) break;
    const r = Prng.fromSeed(`counterexample:${String(seed)}:${i}`);
    const swarm = drawSwarm(r, base.servers);
    const clusterSeed = `${String(seed)}/${i}`;
    const found = runRandomSchedule(searchOptions(base, swarm, clusterSeed), swarm, r, maxEventsPerSchedule, property);
    schedulesTried++;
    eventsRun += found.events;
    if (found.violation !== undefined) {
      if (firstHit === undefined) {
        firstHit = schedulesTried;
        searchEnd = Math.min(maxSchedules, i + 1 + Math.min(EXTRA_SCHEDULES_MAX, Math.max(EXTRA_SCHEDULES_MIN, i + 1)));
      }
      shrinkFailure({ plan: found.plan, violation: found.violation, clusterSeed });
      if (failuresShrunk > alternatives || best!.final.recorded.length <= SMALL_ENOUGH) break;
    } else if (schedulesTried % PROGRESS_EVERY === 0) {
      progress({ phase: 'search', shrinkSteps, ...(best ? { best: smaller(sizeOf(best.plan), best) } : {}) });
    }
  }
  if (best === undefined) return { found: false, schedulesTried, eventsRun, shrinkSteps: 0, stopped: shouldStop?.() === true };
  const { failure, plan, final, violation } = best!;
  const unshrunk = { actions: failure.plan.actions.length, servers: failure.plan.servers, events: failure.violation.event };
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    ...about(unsafe, violation, unshrunk, final.recorded.length, plan.maxEntriesPerAppend),
    options: planOptions(base, plan, failure.clusterSeed),
    actions: final.recorded,
    runUntil: violation.time,
    view: { n: violation.event },
  };
  return {
    found: true,
    scenario,
    violation,
    schedulesTried,
    eventsRun,
    shrinkSteps,
    shrinkRuns,
    unshrunk,
    schedulesToFirstHit: firstHit,
    failuresShrunk,
    stopped: shouldStop?.() === true,
  };
}

/** A failing schedule as the search found it. */
interface Failure {
  plan: Plan;
  violation: Violation;
  clusterSeed: string;
}

/** A failure after shrinking, with its final run (the scenario's actions and violation). */
interface Shrunk {
  failure: Failure;
  plan: Plan;
  final: PlanRun;
  violation: Violation;
}

function sizeOf(plan: Plan): { actions: number; servers: number } {
  return { actions: plan.actions.length, servers: plan.servers };
}

function smaller(a: { actions: number; servers: number }, b: Shrunk | undefined): { actions: number; servers: number } {
  return b === undefined || a.actions < b.final.recorded.length ? a : { actions: b.final.recorded.length, servers: b.plan.servers };
}

/** Fewer recorded actions, then fewer servers, then an earlier violation. */
function isSmaller(a: Shrunk, b: Shrunk): boolean {
  return (
    a.final.recorded.length - b.final.recorded.length || a.plan.servers - b.plan.servers || a.violation.event - b.violation.event
  ) < 0;
}


/** The user's options without what a search replaces (seed, starting state, size per schedule), with the broken rules. */
function baseOptions(options: Partial<ClusterOptions>, unsafe: UnsafeRules): Partial<ClusterOptions> & Pick<ClusterOptions, 'latencyMs' | 'servers'> {
  const { initial: _initial, traceLimit: _traceLimit, seed: _seed, unsafe: _unsafe, ...rest } = options;
  return {
    ...rest,
    servers: rest.servers ?? DEFAULT_OPTIONS.servers,
    latencyMs: rest.latencyMs ?? DEFAULT_OPTIONS.latencyMs,
    unsafe: { ...unsafe },
  };
}

/**
 * The rules off, with the companions a switch needs to be reachable at all
 * (leaderAcceptsAppendEntries needs voteTwicePerTerm: see BROKEN_RULES). The
 * scenario's options and its "About" name every rule that was off.
 */
function withCompanions(unsafe: UnsafeRules): UnsafeRules {
  const out: UnsafeRules = { ...unsafe };
  for (const rule of Object.keys(unsafe) as UnsafeRule[]) {
    if (unsafe[rule] !== true) continue;
    for (const need of brokenRule(rule)?.needs ?? []) out[need] = true;
  }
  return out;
}

/** A switch that needs a companion (leaderAcceptsAppendEntries) is looked for by its own property, not the companion's. */
function targetOf(unsafe: UnsafeRules): SafetyProperty | undefined {
  const on = (Object.keys(unsafe) as UnsafeRule[]).filter((k) => unsafe[k] === true);
  for (const rule of on) {
    const t = brokenRule(rule)?.target;
    if (t !== undefined) return t;
  }
  return undefined;
}

function checkRequest(req: CounterexampleRequest): void {
  const whole = (name: string, x: unknown, min: number): void => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min) throw new RangeError(`findCounterexample: ${name} must be a whole number >= ${min} (got ${String(x)})`);
  };
  whole('maxSchedules', req.maxSchedules, 0);
  whole('maxEventsPerSchedule', req.maxEventsPerSchedule, 1);
  if (req.maxShrinkRuns !== undefined) whole('maxShrinkRuns', req.maxShrinkRuns, 0);
  if (req.alternatives !== undefined) whole('alternatives', req.alternatives, 0);
  if (typeof req.unsafe !== 'object' || req.unsafe === null) throw new TypeError('findCounterexample: unsafe must be an object of rules, e.g. { voteTwicePerTerm: true }');
}

/** The scenario's title and "About this scenario" text: which rules were off, which property failed, how small it got. */
function about(
  unsafe: UnsafeRules,
  v: Violation,
  unshrunk: { actions: number; servers: number; events: number },
  actions: number,
  maxEntriesPerAppend: number | undefined,
): Pick<Scenario, 'title' | 'description'> {
  const rules = (Object.keys(unsafe) as UnsafeRule[]).filter((k) => unsafe[k] === true).map((k) => ({ key: k, b: brokenRule(k) }));
  const en = rules.map(({ key, b }) => (b ? `“${b.name.en}” (${b.section}, switch ${key})` : key)).join(' and ');
  const zh = rules.map(({ key, b }) => (b ? `“${b.name.zh}”（${b.section}，开关 ${key}）` : key)).join('和');
  const servers = v.servers.map((s) => `S${s}`).join(', ');
  return {
    title: { en: `Counterexample: ${v.property} without a rule`, zh: `反例：去掉规则后${PROPERTY_ZH[v.property]}被破坏` },
    description: {
      en:
        `Found by a search over random fault schedules with the rule ${en} turned off` +
        (maxEntriesPerAppend === undefined ? '. ' : `, sending at most ${maxEntriesPerAppend} entries per AppendEntries. `) +
        `At ${v.time} ms (event ${v.event}) the safety checker found ${v.property} broken on ${servers}: ${v.detail.replace(/\.$/, '')}. ` +
        `The failing schedule it started from had ${unshrunk.actions} actions on ${unshrunk.servers} servers; shrunk, it has ${actions}. ` +
        `Step back from the violation to see how it came about.`,
      zh:
        `在关闭规则${zh}后，通过搜索随机故障序列找到` +
        (maxEntriesPerAppend === undefined ? '。' : `（每个 AppendEntries 最多携带 ${maxEntriesPerAppend} 个条目）。`) +
        `在 ${v.time} 毫秒（第 ${v.event} 个事件），安全性检查器发现 ${servers} 上的${PROPERTY_ZH[v.property]}（${v.property}）被破坏。` +
        `缩减前的失败序列在 ${unshrunk.servers} 台服务器上有 ${unshrunk.actions} 个操作；缩减后只有 ${actions} 个。` +
        `从违规处向后退，看看它是如何发生的。`,
    },
  };
}
