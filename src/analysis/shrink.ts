/**
 * Shrinking a failing schedule (issue 14): delta debugging (Zeller's ddmin)
 * over the action list, then simpler variations, each kept only while the same
 * property still breaks. A counterexample a student can read in a minute is
 * worth more than the first one the search stumbled on: Figure 8 tells §5.4.2's
 * story with five servers, two crashes and three entries.
 *
 * Passes (the edits are in planEdits.ts), repeated until a whole round changes
 * nothing (a fixed point) or the run budget is spent:
 *   - the caller's entries per AppendEntries, if the swarm had lowered it;
 *   - fewer servers: the last one, else any one (the others renumbered down);
 *   - every action of one kind at once (all drops, all forced timeouts…),
 *     the most frequent kind first: swarm schedules are mostly noise of a few kinds;
 *   - ddmin: remove chunks of actions, halving the chunk size, coarse to fine
 *     across rounds (down to 1/32 of the plan first, 4× finer after a round
 *     that changed nothing), single actions last;
 *   - once at single actions, move actions earlier (close each gap, or halve
 *     it), so idle time goes;
 *   - shorten network delays that an action raised.
 * Everything is deterministic: the candidates come in a fixed order from the plan alone.
 */
import type { Plan } from './faultSchedule';
import {
  kindsOf,
  shiftFrom,
  shorterDelay,
  withoutEntryLimit,
  withoutKind,
  withoutRange,
  withoutServer,
  withServers,
} from './planEdits';

/**
 * The first rounds remove chunks down to 1/32 of the plan; each round that changes nothing goes 4×
 * finer. Chosen by measurement (npm run counterexamples, README): over eight hard rule/seed cases, a
 * first depth of 5 left 86 actions in all, 3 left 123, 2 left 141, 8 left 165 (the runs are chaotic:
 * any removal reseeds what follows, so the fixed point reached depends on the order of the edits).
 */
const FIRST_DEPTH = 5;
const DEPTH_STEP = 2;

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
  /** Rounds of all passes made (the last one changed nothing, unless the budget ran out). */
  rounds: number;
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

  // ddmin's granularity: the smallest chunk removed is the plan's length >> depth. Single actions (and
  // halved gaps) are tried only once coarser rounds stop helping: on a schedule of hundreds of
  // actions, most runs of a one-at-a-time pass are wasted while big chunks can still go.
  let depth = FIRST_DEPTH;
  const fine = (): boolean => best.actions.length >> depth <= 1;

  /** Fewer servers: drop the last; failing that, any other (the ones above renumbered down). */
  const fewerServers = (): boolean => {
    let changed = false;
    while (best.servers > 1 && !out()) {
      if (attempt(withServers(best, best.servers - 1))) {
        changed = true;
        continue;
      }
      let gone = false;
      for (let k = best.servers - 1; k >= 1 && !gone && !out(); k--) gone = attempt(withoutServer(best, k));
      if (!gone) break;
      changed = true;
    }
    return changed;
  };
  const wholeKinds = (): boolean => {
    let changed = false;
    for (const kind of kindsOf(best)) if (!out() && attempt(withoutKind(best, kind))) changed = true;
    return changed;
  };
  /** ddmin: remove chunks, from half the list down to one action. */
  const chunks = (): boolean => {
    let changed = false;
    const smallest = Math.max(1, best.actions.length >> depth);
    for (let chunk = Math.max(1, best.actions.length >> 1); chunk >= smallest && !out(); chunk >>= 1) {
      for (let i = 0; i < best.actions.length && !out(); ) {
        if (attempt(withoutRange(best, i, chunk))) changed = true;
        else i += chunk;
      }
    }
    return changed;
  };
  /** Earlier, once at single actions: close the gap before each action (moving every later one with it), or halve it. */
  const earlier = (): boolean => {
    let changed = false;
    if (!fine()) return false;
    for (let i = 0; i < best.actions.length && !out(); i++) {
      const gap = best.actions[i]!.at - (i === 0 ? 0 : best.actions[i - 1]!.at);
      if (gap <= 0) continue;
      if (attempt(shiftFrom(best, i, gap)) || (gap > 1 && attempt(shiftFrom(best, i, gap >> 1)))) changed = true;
    }
    return changed;
  };
  const shorterDelays = (): boolean => {
    let changed = false;
    for (let i = 0; i < best.actions.length && !out(); i++) {
      const shorter = shorterDelay(best.actions[i]!);
      if (shorter !== null && attempt({ ...best, actions: best.actions.map((a, j) => (j === i ? shorter : a)) })) changed = true;
    }
    return changed;
  };
  const entryLimit = (): boolean => best.maxEntriesPerAppend !== undefined && attempt(withoutEntryLimit(best));
  const passes = [entryLimit, fewerServers, wholeKinds, chunks, earlier, shorterDelays];

  let rounds = 0;
  for (;;) {
    let changed = false;
    rounds++;
    for (const pass of passes) if (pass()) changed = true;
    if (out()) break;
    // Coarse to fine: a round that removed nothing at this granularity is followed by a finer one;
    // a round at single actions that changed nothing is the fixed point.
    if (!changed) {
      if (fine()) break;
      depth += DEPTH_STEP;
    }
  }
  return { plan: best, runs, steps, rounds };
}

