/**
 * Helpers for the engine's unit tests: build servers with a given persistent
 * state, and a tiny hand-cranked network that carries messages between them in
 * FIFO order with no clock (timers fire only when a test says so). Used only by
 * *.test.ts files.
 */
import { createNode, restartNode } from './state';
import { makeConfig } from './config';
import { step, type Input } from './node';
import type { AppendEntries, AppendEntriesReply, Message, RequestVote } from './messages';
import type { Ready } from './ready';
import type { RaftState } from './state';
import type { EngineOptions, Entry, LogIndex, LogState, ServerId, Term } from './types';

export function engineOptions(over: Partial<EngineOptions> = {}): EngineOptions {
  return {
    leaderNoop: false,
    fastBackup: false,
    maxEntriesPerAppend: 64,
    preVote: false,
    checkQuorum: false,
    leaderStickiness: false,
    electionTimeoutMinMs: 150,
    snapshotThreshold: 0,
    snapshotChunkBytes: 64,
    clientSessions: true,
    readLeases: false,
    unsafe: {},
    ...over,
  };
}

/** Entries with the given terms from index `from`; commands named like the simulator's (`t<term>#<index>`). */
export function entriesOf(terms: readonly Term[], from: LogIndex = 1): Entry[] {
  return terms.map((term, k) => ({ index: from + k, term, command: `t${term}#${from + k}` }));
}

export function logOf(terms: readonly Term[], voters: readonly ServerId[] = []): LogState {
  return { snapshotIndex: 0, snapshotTerm: 0, entries: entriesOf(terms), snapshotConfig: makeConfig(voters), snapshot: null };
}

export function termsOf(x: RaftState | LogState | readonly Entry[]): Term[] {
  const entries = Array.isArray(x) ? x : 'entries' in x ? x.entries : (x as RaftState).log.entries;
  return (entries as readonly Entry[]).map((e) => e.term);
}

export interface ServerSpec {
  id: ServerId;
  /** Defaults to the last log term. */
  term?: Term;
  votedFor?: ServerId | null;
  log?: Term[];
}

export function makeNode(spec: ServerSpec, voters: ServerId[]): RaftState {
  const log = spec.log ?? [];
  return createNode(spec.id, makeConfig(voters), {
    currentTerm: spec.term ?? (log.length ? log[log.length - 1]! : 0),
    votedFor: spec.votedFor ?? null,
    log: logOf(log, voters),
  });
}

export function requestVote(f: Omit<RequestVote, 'type' | 'candidateId'>): RequestVote {
  return { type: 'RequestVote', candidateId: f.from, ...f };
}

export function appendEntries(
  f: Omit<AppendEntries, 'type' | 'leaderId' | 'entries' | 'leaderCommit'> & Partial<Pick<AppendEntries, 'entries' | 'leaderCommit'>>,
): AppendEntries {
  return { type: 'AppendEntries', leaderId: f.from, entries: [], leaderCommit: 0, ...f };
}

/** The AppendEntriesReply in a Ready (fails the test if there is not exactly one). */
export function appendReplyOf(r: Ready): AppendEntriesReply {
  const replies = r.messages.filter((m): m is AppendEntriesReply => m.type === 'AppendEntriesReply');
  if (replies.length !== 1) throw new Error(`expected one AppendEntriesReply, got ${replies.length}`);
  return replies[0]!;
}

export interface Delivery {
  message: Message;
  ready: Ready;
}

/**
 * A hand-cranked network: `input` runs one engine step and queues what it sends;
 * `run` delivers queued messages in FIFO order until none are left. A crashed
 * server receives nothing; `allow` decides which other messages get through.
 */
export class Net {
  readonly nodes = new Map<ServerId, RaftState>();
  /** Messages sent and not yet delivered or dropped. */
  queue: Message[] = [];
  /** Every delivered message with the Ready it produced, in order. */
  readonly delivered: Delivery[] = [];
  /** Entries each server applied, in order, across restarts. */
  readonly applied = new Map<ServerId, Entry[]>();
  private readonly crashed = new Set<ServerId>();

  constructor(
    readonly opts: EngineOptions,
    specs: ServerSpec[],
  ) {
    const voters = specs.map((s) => s.id);
    for (const spec of specs) {
      this.nodes.set(spec.id, makeNode(spec, voters));
      this.applied.set(spec.id, []);
    }
  }

  node(id: ServerId): RaftState {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no server ${id}`);
    return n;
  }

  input(id: ServerId, input: Input): Ready {
    if (this.crashed.has(id)) throw new Error(`server ${id} is crashed`);
    const r = step(this.node(id), input, this.opts);
    this.queue.push(...r.messages);
    this.applied.get(id)!.push(...r.applied);
    return r;
  }

  timeout(id: ServerId): Ready {
    return this.input(id, { type: 'electionTimeout' });
  }

  heartbeat(id: ServerId): Ready {
    return this.input(id, { type: 'heartbeatTimeout' });
  }

  propose(id: ServerId, command: string): Ready {
    return this.input(id, { type: 'propose', command });
  }

  /** Deliver queued messages (FIFO) until the queue is empty; messages `allow` refuses are dropped. Returns how many were delivered. */
  run(allow: (m: Message) => boolean = () => true, maxSteps = 10_000): number {
    let n = 0;
    while (this.queue.length > 0) {
      if (n >= maxSteps) throw new Error(`network still busy after ${maxSteps} deliveries`);
      const m = this.queue.shift()!;
      if (this.crashed.has(m.to) || !allow(m)) continue;
      const ready = this.input(m.to, { type: 'message', message: m });
      this.delivered.push({ message: m, ready });
      n++;
    }
    return n;
  }

  /** Crash: volatile state is lost, currentTerm, votedFor and the log survive (Figure 2). */
  crash(id: ServerId): void {
    this.crashed.add(id);
    this.nodes.set(id, restartNode(this.node(id)));
  }

  restart(id: ServerId): void {
    this.crashed.delete(id);
  }

  /**
   * Make `id` leader: fire its election timer and carry only the vote traffic
   * between it and `voters` (other vote messages are lost). Everything else it
   * sends, such as its first heartbeats, stays queued.
   */
  elect(id: ServerId, voters: ServerId[]): void {
    this.timeout(id);
    const isVote = (m: Message): boolean => m.type === 'RequestVote' || m.type === 'RequestVoteReply';
    for (let k = this.queue.findIndex(isVote); k >= 0; k = this.queue.findIndex(isVote)) {
      const [m] = this.queue.splice(k, 1) as [Message];
      if (this.crashed.has(m.to) || !(voters.includes(m.to) || voters.includes(m.from))) continue;
      this.delivered.push({ message: m, ready: this.input(m.to, { type: 'message', message: m }) });
    }
    if (this.node(id).role !== 'leader') throw new Error(`server ${id} did not win the election`);
  }

  /** AppendEntries delivered to `to`, each with the follower's reply. */
  appendsTo(to: ServerId): Array<{ request: AppendEntries; reply: AppendEntriesReply }> {
    const out: Array<{ request: AppendEntries; reply: AppendEntriesReply }> = [];
    for (const d of this.delivered) {
      if (d.message.type === 'AppendEntries' && d.message.to === to) {
        out.push({ request: d.message, reply: appendReplyOf(d.ready) });
      }
    }
    return out;
  }
}
