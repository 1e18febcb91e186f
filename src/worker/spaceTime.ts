/**
 * The space-time diagram's index of one branch: every message (endpoints,
 * send and end, fate), each server's role, term and condition over time, and
 * the clients' requests, recorded at the live edge as events are first seen.
 * The cluster's own trace keeps only its newest events and frames carry only
 * recent ones, so the diagram of a whole run can only come from here.
 *
 * Compact by construction: one small record per message, kept in an array by
 * message id (ids are handed out in send order, so the array is also in order
 * of send time and a time window is found by binary search), and one record
 * per change of a server's role, term, liveness or connection.
 */
import { isHeartbeat, type Role, type ServerId } from '../engine';
import type { InFlightMessage, RaftCluster, TraceEvent } from '../sim';
import { ClientHistory } from '../analysis';
import { ClientVerdicts } from './clientVerdict';
import { MessageTable } from './messageTable';
import type { LaneSegment, SpaceTimeMessage, SpaceTimeOperation, SpaceTimeQuery, SpaceTimeVerdict, SpaceTimeWindow } from './spaceTimeTypes';

/** Closer than this on screen (px between consecutive arrows), arrows are summed into bands. */
export const MIN_ARROW_GAP_PX = 2;
/** The width of one band's time bucket on screen (px). */
export const BAND_BUCKET_PX = 8;
/** More arrows than this in view are summed whatever the zoom (the page draws each one). */
export const MAX_ARROWS = 3_000;
/** The linearizability search's bound (deterministic, unlike a time limit): beyond it the verdict is 'unknown'. */
export const CHECK_MAX_STEPS = 200_000;

/** A server's role, term and condition from event `n` on. */
interface ServerState {
  n: number;
  time: number;
  role: Role;
  term: number;
  alive: boolean;
  connected: boolean;
}

/** Events that can change servers other than the one named (or add servers): every lane is looked at. */
const ALL_SERVER_KINDS = new Set<TraceEvent['kind']>(['network', 'addServer', 'removeServer', 'changeMembership']);

export class SpaceTimeIndex {
  /** Messages by id (ids start at 1), in columns (messageTable.ts says why). */
  private msgs = new MessageTable();
  /** Replies sent while handling a heartbeat, not yet recorded: they are heartbeats too. */
  private heartbeatReplies = new Set<number>();
  private inFlight = new Set<number>();
  /** The longest send-to-end span seen: how far before a window a message that reaches into it can start. */
  private maxSpanMs = 0;
  private states = new Map<ServerId, ServerState[]>();
  private clientIds = new Set<number>();
  private clientEvents: TraceEvent[] = [];
  /** The clients' operations and their live verdict, kept as events come (only what changed is searched again). */
  private history = new ClientHistory();
  private verdicts = new ClientVerdicts(CHECK_MAX_STEPS);

  /** How many messages are recorded (for tests and the benchmark). */
  get messageCount(): number {
    return this.msgs.count();
  }

  /** A recorded message by id (for tests). */
  message(id: number): SpaceTimeMessage | undefined {
    return this.msgs.row(id);
  }

  /** Record the initial state of every server (before any event). */
  start(cluster: RaftCluster): void {
    for (const id of cluster.ids()) this.noteServer(cluster, id, 0, cluster.now);
  }

  /** Look at one event, with the cluster as it is right after it (once per event, at the live edge). */
  observe(e: TraceEvent, cluster: RaftCluster): void {
    for (const id of e.sent) this.msgs.noteSender(id, e.n);
    const m = e.message;
    if (m && e.kind === 'deliver' && isHeartbeat(m)) for (const id of e.sent) this.heartbeatReplies.add(id);
    if (m && (e.kind === 'deliver' || e.kind === 'drop' || e.kind === 'dropMessage')) {
      this.ensure(m);
      this.msgs.end(m.id, e.time, e.n, e.kind === 'deliver' && !e.failure);
      this.inFlight.delete(m.id);
      this.maxSpanMs = Math.max(this.maxSpanMs, e.time - this.msgs.sentAt(m.id));
    }
    if (e.client !== undefined && e.clientOutcome) {
      this.clientIds.add(e.client);
      this.clientEvents.push({ ...e, notes: [], sent: [] });
      this.noteClientEvent(e);
    }
    const ids = cluster.ids();
    if (e.server !== null && e.server > 0 && !ALL_SERVER_KINDS.has(e.kind) && ids.includes(e.server)) this.noteServer(cluster, e.server, e.n, e.time);
    else for (const id of ids) this.noteServer(cluster, id, e.n, e.time);
  }

  /** Messages now on the wire: any not seen yet (sent and not ended since the last look) are recorded. */
  syncInFlight(messages: readonly InFlightMessage[]): void {
    for (const m of messages) {
      if (this.msgs.has(m.id)) continue;
      this.ensure(m);
      this.inFlight.add(m.id);
    }
  }

  private noteClientEvent(e: TraceEvent): void {
    const seen = this.history.observe(e);
    if (seen && 'called' in seen) this.verdicts.called(seen.called);
    else if (seen) this.verdicts.returned(seen.returned);
  }

  private noteServer(cluster: RaftCluster, id: ServerId, n: number, time: number): void {
    const s = cluster.summary(id);
    let list = this.states.get(id);
    if (!list) this.states.set(id, (list = []));
    const last = list[list.length - 1];
    if (last && last.role === s.role && last.term === s.term && last.alive === s.alive && last.connected === s.connected) return;
    list.push({ n, time, role: s.role, term: s.term, alive: s.alive, connected: s.connected });
  }

  private ensure(m: InFlightMessage): void {
    if (this.msgs.has(m.id)) return;
    // A copy made by the network's duplication is not in its event's `sent` list: it was sent
    // by the same event as the message just before it.
    const sentN = this.msgs.senderOf(m.id) ?? this.msgs.senderOf(m.id - 1) ?? 0;
    this.msgs.add({
      id: m.id,
      type: m.type,
      from: m.from,
      to: m.to,
      term: m.term,
      sentAt: m.sentAt,
      deliverAt: m.deliverAt,
      sentN,
      duplicate: m.duplicate,
      heartbeat: isHeartbeat(m) || this.heartbeatReplies.delete(m.id),
      ...(m.type === 'AppendEntries' ? { entries: m.entries.length } : {}),
    });
    if (m.from < 0) this.clientIds.add(-m.from);
    if (m.to < 0) this.clientIds.add(-m.to);
  }

  /**
   * The index of a new branch forked just after event `n`, when message ids
   * from `nextMessageId` on were not yet handed out: later messages, changes
   * and client events are dropped, and messages that ended after `n` are on
   * the wire again. This index is left as it is (the old branch keeps it).
   */
  forkAt(n: number, nextMessageId: number): SpaceTimeIndex {
    const f = new SpaceTimeIndex();
    const { table, reopened } = this.msgs.forkAt(n, nextMessageId);
    f.msgs = table;
    for (const id of reopened) f.inFlight.add(id);
    for (const id of this.inFlight) if (id < nextMessageId) f.inFlight.add(id);
    for (const id of this.heartbeatReplies) if (id < nextMessageId) f.heartbeatReplies.add(id);
    f.maxSpanMs = this.maxSpanMs;
    for (const [id, list] of this.states) {
      const kept = list.filter((s) => s.n <= n);
      if (kept.length > 0) f.states.set(id, kept);
    }
    f.clientEvents = this.clientEvents.filter((e) => e.n <= n);
    for (const e of f.clientEvents) {
      if (e.client !== undefined) f.clientIds.add(e.client);
      f.noteClientEvent(e);
    }
    for (const id of table.clientIds()) f.clientIds.add(id);
    return f;
  }

  /**
   * What the diagram shows of [fromMs, toMs]; `headMs` is where the branch has got to. The verdict is the
   * clients' history as of event `atN` (default: the head), with `headN` the head's event.
   */
  window(q: SpaceTimeQuery, headMs: number, atN = Infinity, headN = Infinity): SpaceTimeWindow {
    const fromMs = Math.max(0, q.fromMs);
    const toMs = Math.max(fromMs, q.toMs);
    // Ids first: when zoomed out, a window's messages are only counted into bands, never built as objects.
    const visible = this.visibleIds(fromMs, toMs, headMs, q.heartbeats);
    const widthPx = (toMs - fromMs) * Math.max(0, q.pxPerMs);
    const dense = visible.length > MAX_ARROWS || (visible.length > 1 && widthPx / visible.length < MIN_ARROW_GAP_PX);
    const { operations, verdict } = this.operations(fromMs, toMs, atN, headN);
    return {
      fromMs,
      toMs,
      headMs,
      servers: [...this.states.keys()].sort((a, b) => a - b),
      clients: [...this.clientIds].sort((a, b) => a - b),
      segments: this.segments(fromMs, toMs, headMs),
      messages: dense ? [] : visible.map((id) => this.msgs.row(id)!),
      bands: dense ? this.msgs.bands(visible, fromMs, BAND_BUCKET_PX / Math.max(q.pxPerMs, 1e-9)) : [],
      visibleCount: visible.length,
      operations,
      verdict,
    };
  }

  /** The ids of the messages in view (sent by `toMs`, not ended before `fromMs`), in id order but for old in-flight ones. */
  private visibleIds(fromMs: number, toMs: number, headMs: number, heartbeats: boolean): number[] {
    const t = this.msgs;
    const lo = t.firstSentAtOrAfter(fromMs - this.maxSpanMs);
    const hi = t.firstSentAtOrAfter(nextUp(toMs));
    const out = t.visibleIn(lo, hi, fromMs, toMs, headMs, heartbeats);
    // Still on the wire (and so reaching the head) but sent before the span searched above.
    for (const id of this.inFlight) if (id < lo) out.push(...t.visibleIn(id, id + 1, fromMs, toMs, headMs, heartbeats));
    return out;
  }

  private segments(fromMs: number, toMs: number, headMs: number): LaneSegment[] {
    const out: LaneSegment[] = [];
    for (const [server, list] of this.states) {
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        const end = list[i + 1]?.time ?? Math.max(headMs, s.time);
        if (end < fromMs || s.time > toMs) continue;
        out.push({ server, fromMs: s.time, toMs: end, n: s.n, role: s.role, term: s.term, alive: s.alive, connected: s.connected });
      }
    }
    return out;
  }

  private operations(fromMs: number, toMs: number, atN: number, headN: number): { operations: SpaceTimeOperation[]; verdict: SpaceTimeVerdict | null } {
    const ops = this.history.ops;
    if (ops.length === 0) return { operations: [], verdict: null };
    // Porcupine's highlight: in a history that is not linearizable, the operations no order could place.
    const { result, flagged } = this.verdicts.at(ops, atN, headN);
    const operations: SpaceTimeOperation[] = [];
    for (const op of ops) {
      const end = op.returnTime ?? Infinity;
      if (end < fromMs || op.callTime > toMs) continue;
      const answered = op.returnTime !== null;
      const value = op.kind === 'read' && answered ? ((op.output as { value?: string | null } | undefined)?.value ?? null) : undefined;
      operations.push({
        clientId: op.clientId,
        seq: op.seq,
        kind: op.kind,
        text: op.text,
        ...(value !== undefined ? { value } : {}),
        answered,
        callTime: op.callTime,
        callN: op.call,
        returnTime: op.returnTime,
        returnN: Number.isFinite(op.return) ? op.return : 0,
        flagged: flagged(op),
      });
    }
    return { operations, verdict: result };
  }
}

/** The smallest number above x (so lowerBound(a, nextUp(x)) is the first index above x). */
function nextUp(x: number): number {
  return x + Math.max(Number.EPSILON, Math.abs(x) * Number.EPSILON);
}
