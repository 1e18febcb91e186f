/**
 * What the page knows of the run: the latest frame from the worker, with logs
 * patched in place of being resent and events accumulated for the event log.
 * Updated by plain `set` (no immer): frames carry large arrays and are applied
 * by structural sharing, replacing only what changed.
 */
import type { Entry, ServerId } from '../engine';
import type { ClientView, ClusterOptions, InFlightMessage, PendingEvent, ServerSummary, Stats, TraceEvent, Violation } from '../sim';
import type { Frame, NetworkView } from '../worker/protocol';
import type { BranchInfo, Mark, Position } from '../worker/protocol';

export interface TimelineState {
  position: Position;
  head: Position;
  inPast: boolean;
  marks: Mark[];
  branches: BranchInfo[];
  actions: number;
}

/** How many recent events the page keeps for the event log. */
export const EVENTS_KEPT = 5_000;

export interface SimState {
  /** The worker has answered at least once. */
  ready: boolean;
  run: number;
  now: number;
  eventCount: number;
  leaderId: ServerId | null;
  servers: ServerSummary[];
  logs: Record<ServerId, Entry[]>;
  messages: InFlightMessage[];
  events: TraceEvent[];
  violations: Violation[];
  stats: Stats | null;
  network: NetworkView;
  options: ClusterOptions | null;
  timeline: TimelineState;
  pending: PendingEvent[];
  /** §8: simulated clients and their requests. */
  clients: ClientView[];
}

export const initialSimState: SimState = {
  ready: false,
  run: -1,
  now: 0,
  eventCount: 0,
  leaderId: null,
  servers: [],
  logs: {},
  messages: [],
  events: [],
  violations: [],
  stats: null,
  network: { latencyMs: [10, 20], dropRate: 0, duplicateRate: 0, cut: [], disconnected: [] },
  options: null,
  timeline: { position: { n: 0, time: 0 }, head: { n: 0, time: 0 }, inPast: false, marks: [], branches: [], actions: 0 },
  pending: [],
  clients: [],
};

/** Apply one frame to the page's state; frames of an older run are ignored. */
export function applyFrame(prev: SimState, f: Frame): SimState {
  if (f.run < prev.run) return prev;
  const sameRun = f.run === prev.run && !f.full;
  const logs: Record<ServerId, Entry[]> = sameRun ? { ...prev.logs } : {};
  for (const p of f.logPatches) {
    const old = sameRun ? (logs[p.server] ?? []) : [];
    // Keep the old entries between the snapshot and `from` (old is contiguous by index).
    const first = old[0]?.index ?? p.from;
    const lo = Math.max(0, p.snapshotIndex + 1 - first);
    const hi = Math.max(lo, Math.min(old.length, p.from - first));
    logs[p.server] = hi === lo ? p.entries : old.slice(lo, hi).concat(p.entries);
  }
  for (const s of f.servers) if (!logs[s.id]) logs[s.id] = [];
  let events = sameRun ? prev.events : [];
  if (f.events.length > 0) {
    events = events.concat(f.events);
    if (events.length > EVENTS_KEPT) events = events.slice(events.length - EVENTS_KEPT);
  }
  return {
    ready: true,
    run: f.run,
    now: f.now,
    eventCount: f.eventCount,
    leaderId: f.leaderId,
    servers: f.servers,
    logs,
    messages: f.messages,
    events,
    violations: f.violations,
    stats: f.stats,
    network: f.network,
    options: f.options,
    timeline: {
      position: f.timeline.position,
      head: f.timeline.head,
      inPast: f.timeline.inPast,
      marks: f.timeline.marks ?? (sameRunAs(prev, f) ? prev.timeline.marks : []),
      branches: f.timeline.branches,
      actions: f.timeline.actions,
    },
    pending: f.pending,
    clients: f.clients,
  };
}

/** Whether the frame is of the run the page shows: marks survive a seek within it (a full frame), not a new run. */
function sameRunAs(prev: SimState, f: Frame): boolean {
  return f.run === prev.run;
}
