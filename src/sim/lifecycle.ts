/**
 * A run's beginning and its checkpoints. createWorld starts a run at time 0
 * with every live server's election timer armed (§5.2); checkpoint turns the
 * live world into plain data (JSON- and structured-clone-safe) and resumeWorld
 * continues from one exactly, after checking it as strictly as createCluster
 * checks options (a checkpoint can come from outside).
 */
import { newReady, type Message } from '../engine';
import { EventQueue } from './eventQueue';
import type { World } from './live';
import { resolveOptions, type ClusterOptions } from './options';
import { Prng } from './prng';
import { checkWorldState } from './stateRules';
import { resetTimer, timerIsStale, timersStoodIn } from './timers';
import { TraceBuffer } from './trace';
import type { InFlightMessage } from './network';
import { deliveryEvent, wireDelivery } from './wire';
import { engineOptionsOf, initialWorld, type LiveEvent, type WorldState } from './world';
import { copyWorld } from './worldCopy';

function live(state: WorldState, rng: Prng, queue: EventQueue<LiveEvent>): World {
  return {
    state,
    rng,
    queue,
    timerPlaces: new Map(),
    engine: engineOptionsOf(state.options),
    trace: new TraceBuffer(state.options.traceLimit),
    lastReady: null,
    ready: newReady(),
    facts: { time: 0, event: 0, logChangedFrom: null, applied: [], snapshotInstalled: null, compacted: null },
    deliverInput: { type: 'message', message: null as unknown as Message },
    sentScratch: [],
    replay: null,
  };
}

export function createWorld(options: Partial<ClusterOptions>): World {
  const resolved = resolveOptions(options);
  const w = live(initialWorld(resolved), Prng.fromSeed(resolved.seed), new EventQueue());
  for (const [id, s] of Object.entries(w.state.servers)) if (s.alive) resetTimer(w, Number(id), 'election');
  return w;
}

/** Resume from a checkpoint. The trace starts empty; the trace hash carries on. */
export function resumeWorld(checkpointed: WorldState, originals: ReadonlyMap<InFlightMessage, Message> | null = null): World {
  const options = checkWorldState(checkpointed);
  const state = copyWorld({ ...checkpointed, options });
  const queue = new EventQueue<LiveEvent>(state.queue.map((ev) => (ev.kind === 'deliver' ? wireDelivery(ev, originals) : ev)));
  const w = live(state, Prng.fromState(checkpointed.rng), queue);
  state.queue = [];
  return w;
}

/**
 * The whole run as plain data. It shares the immutable parts (log entries,
 * messages) with the live run, so taking one costs little more than copying
 * the containers.
 */
export function checkpoint(w: World, originals: Map<InFlightMessage, Message> | null = null): WorldState {
  // Every running timer's event goes in, also those an earlier event stands in for
  // in the live queue (timers.ts), so a checkpoint needs none of that bookkeeping;
  // stale ones stay out (they never change the run), so two runs in the same
  // state have equal checkpoints whichever resets led there.
  const queued = w.queue.toSortedArray().filter((ev) => ev.kind !== 'timer' || !timerIsStale(w, ev));
  const queue = new EventQueue<LiveEvent>([...queued, ...timersStoodIn(w)])
    .toSortedArray()
    .map((ev) => {
      if (ev.kind !== 'deliver') return ev;
      const d = deliveryEvent(ev);
      originals?.set(d.message, ev.message);
      return d;
    });
  return copyWorld({ ...w.state, rng: [...w.rng.state()], queue });
}
