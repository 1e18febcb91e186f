/**
 * Shrinking a failing schedule (issue 14): delta debugging (Zeller's ddmin)
 * over the action list, then simpler variations, each kept only while the same
 * property still breaks. A counterexample a student can read in a minute is
 * worth more than the first one the search stumbled on.
 *
 * Passes, repeated until none helps or the run budget is spent:
 *   - the caller's entries per AppendEntries, if the swarm had lowered it;
 *   - lower the server count (actions naming removed servers go too);
 *   - remove chunks of actions, halving the chunk size down to single actions;
 *   - move actions earlier (close each gap, or halve it), so idle time goes;
 *   - shorten network delays that an action raised.
 */
import type { ServerId } from '../engine';
import type { UserAction } from '../sim';
import type { Plan, PlannedAction } from './faultSchedule';

/** Does this plan still break the property? (One simulated run.) */
export type StillFails = (plan: Plan) => boolean;

export interface ShrinkBudget {
  /** Most runs the shrinker may make. */
  maxRuns: number;
  shouldStop?: () => boolean;
  onStep?: (best: Plan, runs: number) => void;
}

export interface ShrinkOutcome {
  plan: Plan;
  /** Candidate runs made. */
  runs: number;
  /** Candidates accepted (each made the plan smaller or shorter). */
  steps: number;
}

export function shrinkPlan(plan: Plan, fails: StillFails, budget: ShrinkBudget): ShrinkOutcome {
  let best = plan;
  let runs = 0;
  let steps = 0;
  const out = (): boolean => runs >= budget.maxRuns || budget.shouldStop?.() === true;
  /** Try a candidate; keep it if the property still breaks. */
  const attempt = (candidate: Plan): boolean => {
    if (out()) return false;
    runs++;
    if (!fails(candidate)) return false;
    best = candidate;
    steps++;
    budget.onStep?.(best, runs);
    return true;
  };

  for (let changed = true; changed && !out(); ) {
    changed = false;
    // The caller's own entries per AppendEntries, if the swarm had lowered it.
    if (best.maxEntriesPerAppend !== undefined && attempt(withoutEntryLimit(best))) changed = true;
    // Fewer servers.
    while (best.servers > 1 && attempt(withServers(best, best.servers - 1))) changed = true;
    // ddmin: remove chunks, from half the list down to one action.
    for (let chunk = Math.max(1, best.actions.length >> 1); chunk >= 1 && !out(); chunk >>= 1) {
      for (let i = 0; i < best.actions.length && !out(); ) {
        const actions = best.actions.slice(0, i).concat(best.actions.slice(i + chunk));
        if (attempt({ ...best, actions })) changed = true;
        else i += chunk;
      }
    }
    // Earlier: close the gap before each action (moving every later one with it), or halve it.
    for (let i = 0; i < best.actions.length && !out(); i++) {
      const gap = best.actions[i]!.at - (i === 0 ? 0 : best.actions[i - 1]!.at);
      if (gap <= 0) continue;
      if (attempt(shiftFrom(best, i, gap)) || (gap > 1 && attempt(shiftFrom(best, i, gap >> 1)))) changed = true;
    }
    // Shorter delays.
    for (let i = 0; i < best.actions.length && !out(); i++) {
      const shorter = shorterDelay(best.actions[i]!);
      if (shorter !== null && attempt({ ...best, actions: best.actions.map((a, j) => (j === i ? shorter : a)) })) changed = true;
    }
  }
  return { plan: best, runs, steps };
}

function withoutEntryLimit(plan: Plan): Plan {
  const { maxEntriesPerAppend: _limit, ...rest } = plan;
  return rest;
}

function shiftFrom(plan: Plan, i: number, by: number): Plan {
  return { ...plan, actions: plan.actions.map((a, j) => (j < i ? a : { ...a, at: a.at - by })) };
}

/** A setNetwork latency halved towards its minimum, or null when there is nothing to shorten. */
function shorterDelay(p: PlannedAction): PlannedAction | null {
  if (p.action.type !== 'setNetwork') return null;
  const latency = p.action.settings.latencyMs;
  if (latency === undefined || latency[1] - latency[0] < 2) return null;
  const [lo, hi] = latency;
  return { ...p, action: { type: 'setNetwork', settings: { ...p.action.settings, latencyMs: [lo, lo + ((hi - lo) >> 1)] } } };
}

/** The plan on servers 1..n: actions naming a server above n are dropped, partitions keep the servers that remain. */
export function withServers(plan: Plan, n: number): Plan {
  const keep = (id: ServerId): boolean => id <= n;
  const actions: PlannedAction[] = [];
  for (const p of plan.actions) {
    if (p.pick !== undefined && !(keep(p.pick.from) && keep(p.pick.to))) continue;
    const action = restrict(p.action, keep);
    if (action !== null) actions.push({ ...p, action });
  }
  return { ...plan, servers: n, actions };
}

function restrict(a: UserAction, keep: (id: ServerId) => boolean): UserAction | null {
  switch (a.type) {
    case 'partition': {
      const groups = a.groups.map((g) => g.filter(keep)).filter((g) => g.length > 0);
      return groups.length < 2 ? null : { type: 'partition', groups };
    }
    case 'setLink':
      return keep(a.from) && keep(a.to) ? a : null;
    case 'crash':
    case 'restart':
    case 'timeout':
    case 'disconnect':
    case 'connect':
      return keep(a.server) ? a : null;
    case 'submit':
      return a.server === undefined || keep(a.server) ? a : null;
    default:
      return a;
  }
}
