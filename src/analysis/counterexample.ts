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
import { drawSwarm, planOptions, runPlan, runRandomSchedule, searchOptions, type Plan } from './faultSchedule';
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
  /** Most runs the shrinker may make (default 1,000). */
  maxShrinkRuns?: number;
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
  /** Size of the schedule as first found, before shrinking. */
  unshrunk?: { actions: number; servers: number; events: number };
  /** Stopped by shouldStop before the budget was spent. */
  stopped: boolean;
}

/** Report progress at most once per this many schedules (and at every phase change). */
const PROGRESS_EVERY = 10;

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

  for (let i = 0; i < maxSchedules; i++) {
    if (shouldStop?.() === true) return { found: false, schedulesTried, eventsRun, shrinkSteps: 0, stopped: true };
    const r = Prng.fromSeed(`counterexample:${String(seed)}:${i}`);
    const swarm = drawSwarm(r, base.servers);
    const clusterSeed = `${String(seed)}/${i}`;
    const found = runRandomSchedule(searchOptions(base, swarm, clusterSeed), swarm, r, maxEventsPerSchedule, property);
    schedulesTried++;
    eventsRun += found.events;
    if (found.violation === undefined) {
      if (schedulesTried % PROGRESS_EVERY === 0) progress({ phase: 'search', shrinkSteps: 0 });
      continue;
    }
    const wanted = property ?? found.violation.property;
    const unshrunk = { actions: found.plan.actions.length, servers: found.plan.servers, events: found.violation.event };
    progress({ phase: 'shrink', shrinkSteps: 0, best: { actions: unshrunk.actions, servers: unshrunk.servers } });
    // Candidates may run a little longer than the original did before it broke.
    const limit = Math.max(200, 2 * found.violation.event);
    const fails = (plan: Plan): boolean => {
      const run = runPlan(searchOptions(base, plan, clusterSeed), plan, limit, wanted);
      eventsRun += run.events;
      return run.violation !== undefined;
    };
    let steps = 0;
    const shrunk = shrinkPlan(found.plan, fails, {
      maxRuns: req.maxShrinkRuns ?? 1_000,
      shouldStop,
      onStep: (best) => progress({ phase: 'shrink', shrinkSteps: ++steps, best: { actions: best.actions.length, servers: best.servers } }),
    });
    // The shrunk plan as the scenario records it: drops resolved to message ids, refused actions gone.
    const scenarioOptions = planOptions(base, shrunk.plan, clusterSeed);
    const final = runPlan(searchOptions(base, shrunk.plan, clusterSeed), shrunk.plan, limit, wanted);
    eventsRun += final.events;
    const violation = final.violation!;
    const scenario: Scenario = {
      version: SCENARIO_VERSION,
      ...about(unsafe, violation, unshrunk, final.recorded.length, shrunk.plan.maxEntriesPerAppend),
      options: scenarioOptions,
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
      shrinkSteps: shrunk.steps,
      shrinkRuns: shrunk.runs,
      unshrunk,
      stopped: shouldStop?.() === true,
    };
  }
  return { found: false, schedulesTried, eventsRun, shrinkSteps: 0, stopped: false };
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
        `At ${v.time} ms (event ${v.event}) the safety checker found ${v.property} broken on ${servers}: ${v.detail}. ` +
        `The first failing schedule had ${unshrunk.actions} actions on ${unshrunk.servers} servers; shrunk, it has ${actions}. ` +
        `Step back from the violation to see how it came about.`,
      zh:
        `在关闭规则${zh}后，通过搜索随机故障序列找到` +
        (maxEntriesPerAppend === undefined ? '。' : `（每个 AppendEntries 最多携带 ${maxEntriesPerAppend} 个条目）。`) +
        `在 ${v.time} 毫秒（第 ${v.event} 个事件），安全性检查器发现 ${servers} 上的${PROPERTY_ZH[v.property]}（${v.property}）被破坏。` +
        `最初失败的序列在 ${unshrunk.servers} 台服务器上有 ${unshrunk.actions} 个操作；缩减后只有 ${actions} 个。` +
        `从违规处向后退，看看它是如何发生的。`,
    },
  };
}
