/**
 * The second half of Raft, through the headless API, one describe per paper
 * section: log compaction (§7), membership changes (§6), PreVote and
 * CheckQuorum (dissertation §9.6, §6.2), leadership transfer (§3.10) and
 * client interaction (§8). Every test also demands zero safety violations.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type ClusterOptions, type RaftCluster } from './index';
import { messageBytes } from '../engine';

function withLeader(o: Partial<ClusterOptions> = {}): RaftCluster {
  const c = createCluster({ seed: 'ext', leaderNoop: true, ...o });
  expect(c.runUntil((cc) => cc.leaderId() !== null, 5_000)).toBe(true);
  c.runFor(200);
  return c;
}

function follower(c: RaftCluster): number {
  return c.ids().find((id) => id !== c.leaderId())!;
}

function submitMany(c: RaftCluster, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    c.submit(`k${i % 4}=${i}`);
    c.runFor(20);
  }
}

describe('§7 log compaction and InstallSnapshot', () => {
  it('each server snapshots when snapshotThreshold applied entries pile up; the log then starts after lastIncludedIndex', () => {
    const c = withLeader({ snapshotThreshold: 10 });
    submitMany(c, 35);
    c.runFor(500);
    for (const s of c.servers()) {
      expect(s.snapshotIndex).toBeGreaterThanOrEqual(30);
      expect(s.log.length).toBeLessThan(10);
      expect(s.log[0]?.index ?? s.lastLogIndex + 1).toBe(s.snapshotIndex + 1);
      expect(s.snapshot?.kv).toBeDefined();
    }
    expect(c.violations()).toEqual([]);
  });

  it('c.snapshot(id) forces one on demand, covering everything applied', () => {
    const c = withLeader();
    submitMany(c, 5);
    c.runFor(300);
    const id = follower(c);
    const applied = c.server(id).lastApplied;
    expect(c.snapshot(id)).toBe(applied);
    expect(c.server(id).snapshotIndex).toBe(applied);
    expect(c.server(id).log).toEqual([]);
    expect(c.server(id).snapshot!.kv).toEqual(c.server(id).stateMachine.kv);
  });

  it('a follower that missed compacted entries receives the snapshot in chunks (offset, done) and ends with the same state', () => {
    const c = withLeader({ snapshotThreshold: 8, snapshotChunkBytes: 16 });
    const f = follower(c);
    c.crash(f);
    submitMany(c, 30);
    c.restart(f);
    c.runFor(2_000);
    const chunks = c.trace().filter((e) => e.kind === 'deliver' && e.message?.type === 'InstallSnapshot' && e.server === f);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.some((e) => e.message!.type === 'InstallSnapshot' && e.message!.offset > 0)).toBe(true);
    expect(chunks.some((e) => e.notes.some((n) => n.kind === 'snapshotInstalled'))).toBe(true);
    expect(c.server(f).stateMachine.kv).toEqual(c.server(c.leaderId()!).stateMachine.kv);
    expect(c.stats().byType.InstallSnapshot!.count).toBeGreaterThan(0);
    expect(c.violations()).toEqual([]);
  });

  it('a restart loads the snapshot, then re-applies only the log after it', () => {
    const c = withLeader({ snapshotThreshold: 5 });
    submitMany(c, 12);
    c.runFor(300);
    const id = follower(c);
    const before = c.server(id);
    c.crash(id);
    const down = c.server(id);
    expect(down.snapshotIndex).toBe(before.snapshotIndex); // persistent
    expect(down.lastApplied).toBe(before.snapshotIndex); // state machine = the snapshot
    expect(down.stateMachine.kv).toEqual(before.snapshot!.kv);
    c.restart(id);
    c.runFor(500);
    expect(c.server(id).stateMachine.kv).toEqual(c.server(c.leaderId()!).stateMachine.kv);
    expect(c.violations()).toEqual([]);
  });

  it('persistent state stays small: with compaction, 3,000 commands leave each log under threshold + one append batch', () => {
    const threshold = 50;
    const c = withLeader({ snapshotThreshold: threshold });
    for (let i = 0; i < 3_000; i++) {
      c.submit(`k${i % 10}=${i}`);
      if (i % 5 === 0) c.runFor(10);
    }
    c.runFor(1_000);
    for (const s of c.servers()) {
      // Persisted: currentTerm, votedFor, the log after the snapshot, and the snapshot itself.
      expect(s.log.length).toBeLessThan(threshold + 64);
      const logBytes = s.log.reduce((n, e) => n + 16 + (e.command?.length ?? 0), 0);
      expect(logBytes + s.snapshot!.bytes).toBeLessThan(8 * 1024);
      expect(s.stateMachine.appliedCommands).toBe(3_000);
    }
    expect(c.violations()).toEqual([]);
  });
});

describe('§6 membership changes', () => {
  it('addServer: the new server joins as a learner, catches up, then becomes a voter', () => {
    const c = withLeader({ servers: 3 });
    submitMany(c, 5);
    const id = c.addServer();
    expect(id).toBe(4);
    const l = c.leaderId()!;
    expect(c.server(l).config.learners).toEqual([4]);
    expect(c.runUntil((cc) => cc.server(cc.leaderId()!).config.voters.includes(4), 3_000)).toBe(true);
    c.runFor(300);
    expect(c.server(4).log.map((e) => e.index)).toEqual(c.server(l).log.map((e) => e.index));
    expect(c.server(4).config.voters).toEqual([1, 2, 3, 4]);
    expect(c.violations()).toEqual([]);
  });

  it('one change at a time: a second change while the first is uncommitted is refused with the reason', () => {
    const c = withLeader({ servers: 3 });
    c.partition([[c.leaderId()!], c.ids().filter((id) => id !== c.leaderId())]);
    c.addServer();
    expect(() => c.addServer()).toThrow(/not committed yet \(one change at a time\)/);
    expect(() => c.removeServer(1)).toThrow(/one change at a time/);
  });

  it('joint consensus: C_old,new then C_new; a leader not in C_new steps down once C_new commits', () => {
    const c = withLeader({ servers: 3 });
    const old = c.leaderId()!;
    const target = [...c.ids().filter((id) => id !== old), 4];
    expect(c.changeMembership(target)).toEqual([4]);
    let sawJoint = false;
    c.runUntil((cc) => {
      const l = cc.leaderId();
      if (l !== null && cc.server(l).config.oldVoters) sawJoint = true;
      return l !== null && l !== old && cc.server(l).config.oldVoters === undefined && cc.server(l).config.voters.join() === target.join();
    }, 5_000);
    expect(sawJoint).toBe(true);
    expect(c.leaderId()).not.toBe(old);
    expect(c.server(old).role).not.toBe('leader');
    expect(c.trace().some((e) => e.server === old && e.notes.some((n) => n.kind === 'roleChanged' && n.reason === 'removedFromConfig'))).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('a removed server disrupts the cluster without the §6 rule and is ignored with it (leaderStickiness)', () => {
    const termsAfter = (leaderStickiness: boolean): { leaderTerm: number; ignored: number } => {
      const c = withLeader({ servers: 5, leaderStickiness, seed: 'removed' });
      const victim = follower(c);
      c.removeServer(victim);
      c.runFor(3_000);
      const l = c.leaderId();
      const ignored = c.trace().filter((e) => e.notes.some((n) => n.kind === 'voteIgnored')).length;
      expect(c.violations()).toEqual([]);
      return { leaderTerm: l === null ? Infinity : c.server(l).term, ignored };
    };
    const without = termsAfter(false);
    const withRule = termsAfter(true);
    expect(without.leaderTerm).toBeGreaterThan(2);
    expect(withRule.leaderTerm).toBe(1);
    expect(withRule.ignored).toBeGreaterThan(0);
  });
});

describe('PreVote (dissertation §9.6) and CheckQuorum (dissertation §6.2)', () => {
  it('an isolated server keeps its term with PreVote and inflates it without', () => {
    const isolatedTerm = (preVote: boolean): number => {
      const c = withLeader({ preVote, seed: 'pv' });
      const f = follower(c);
      c.disconnect(f);
      c.runFor(3_000);
      expect(c.violations()).toEqual([]);
      return c.server(f).term;
    };
    expect(isolatedTerm(false)).toBeGreaterThan(5);
    expect(isolatedTerm(true)).toBe(1);
  });

  it('a pre-candidate does not raise its term, and voters do not adopt the pre-vote term', () => {
    const c = withLeader({ preVote: true, seed: 'pv2' });
    c.crash(c.leaderId()!);
    const precandidate = c.runUntil((cc) => cc.servers().some((s) => s.role === 'precandidate'), 2_000);
    expect(precandidate).toBe(true);
    const s = c.servers().find((v) => v.role === 'precandidate')!;
    expect(s.term).toBe(1);
    expect(c.runUntil((cc) => cc.leaderId() !== null, 3_000)).toBe(true);
    expect(c.server(c.leaderId()!).term).toBe(2);
    expect(c.stats().byType.PreVote!.count).toBeGreaterThan(0);
  });

  it('with CheckQuorum a leader cut off from the majority steps down within two election timeouts; without it, it stays', () => {
    const roleAfter = (checkQuorum: boolean): string => {
      const c = withLeader({ checkQuorum, seed: 'cq' });
      const l = c.leaderId()!;
      c.partition([[l], c.ids().filter((id) => id !== l)]);
      c.runFor(600);
      return c.server(l).role;
    };
    expect(roleAfter(false)).toBe('leader');
    expect(roleAfter(true)).not.toBe('leader');
  });
});

describe('leadership transfer (dissertation §3.10)', () => {
  it('the leader brings the target up to date, sends TimeoutNow, and the target wins the next term', () => {
    const c = withLeader({ seed: 'tr' });
    const from = c.leaderId()!;
    const to = follower(c);
    c.disconnect(to);
    submitMany(c, 5);
    c.connect(to);
    c.transferLeadership(to);
    expect(c.server(from).transferee).toBe(to);
    expect(c.submit('x=1').ok).toBe(false); // no new commands meanwhile
    expect(c.runUntil((cc) => cc.leaderId() === to, 2_000)).toBe(true);
    expect(c.stats().byType.TimeoutNow!.count).toBe(1);
    expect(c.violations()).toEqual([]);
  });

  it('gives up after an election timeout when the target cannot be reached', () => {
    const c = withLeader({ seed: 'tr2' });
    const from = c.leaderId()!;
    const to = follower(c);
    c.disconnect(to);
    c.transferLeadership(to);
    c.runFor(400);
    expect(c.leaderId()).toBe(from);
    expect(c.server(from).transferee).toBe(null);
    expect(c.trace().some((e) => e.notes.some((n) => n.kind === 'transferAborted'))).toBe(true);
    expect(c.submit('y=2').ok).toBe(true);
  });
});

describe('§8 client interaction', () => {
  function retryAfterLostReply(clientSessions: boolean): RaftCluster {
    const c = withLeader({ clientSessions, seed: 'sessions' });
    c.clientWrite(1, 'balance+=10');
    expect(c.runUntil((cc) => cc.messages().some((m) => m.type === 'ClientReply' && m.ok), 2_000)).toBe(true);
    c.dropMessage(c.messages().find((m) => m.type === 'ClientReply' && m.ok)!.id);
    c.runFor(2_000);
    return c;
  }

  it('a retried write is applied once with client sessions, and twice without', () => {
    const once = retryAfterLostReply(true);
    const twice = retryAfterLostReply(false);
    const kv = (c: RaftCluster): Record<string, string> => c.server(c.leaderId()!).stateMachine.kv;
    expect(kv(once).balance).toBe('10');
    expect(kv(twice).balance).toBe('20');
    expect(once.clients()[0]!.history[0]).toMatchObject({ seq: 1, retries: 1, duplicate: true });
    expect(once.violations()).toEqual([]);
    expect(twice.violations()).toEqual([]);
  });

  it('a client follows redirects to the leader', () => {
    const c = withLeader({ seed: 'redirect' });
    // A new client starts at S1: make sure S1 is not the leader, so it must redirect.
    if (c.leaderId() === 1) {
      c.transferLeadership(2);
      expect(c.runUntil((cc) => cc.leaderId() === 2, 2_000)).toBe(true);
      c.runFor(200);
    }
    const leader = c.leaderId()!;
    c.clientWrite(2, 'x=1');
    c.runFor(500);
    const op = c.clients()[0]!.history[0]!;
    expect(op).toMatchObject({ status: 'done', servedBy: leader, redirects: 1, retries: 0, attempts: 2 });
    expect(c.trace().some((e) => e.notes.some((n) => n.kind === 'clientRedirected' && n.leaderHint === leader))).toBe(true);
  });

  it('reads are linearizable: ReadIndex waits for a heartbeat round acknowledged by a majority', () => {
    const c = withLeader({ seed: 'read' });
    c.clientWrite(1, 'x=5');
    c.runFor(500);
    c.clientRead(1, 'x');
    c.runFor(500);
    const read = c.clients()[0]!.history[1]!;
    expect(read).toMatchObject({ kind: 'read', value: '5', readVia: 'readIndex' });
    expect(read.readRound).toBeGreaterThan(0);
    expect(c.trace().some((e) => e.notes.some((n) => n.kind === 'readServed'))).toBe(true);
  });

  it('a deposed leader cannot answer a read: its round is never acknowledged, and the retry reads the new value', () => {
    const c = withLeader({ seed: 'stale-read' });
    const old = c.leaderId()!;
    // Client 3 learns who leads (its write is answered by the current leader).
    c.clientWrite(3, 'x=old');
    c.runFor(1_000);
    expect(c.clients().find((cl) => cl.id === 3)!.leaderGuess).toBe(old);
    // Cut the leader off; the majority elects another, and x changes there.
    c.partition([[old], c.ids().filter((id) => id !== old)]);
    expect(c.runUntil((cc) => cc.servers().some((s) => s.role === 'leader' && s.id !== old), 3_000)).toBe(true);
    c.clientWrite(4, 'x=new');
    expect(c.runUntil((cc) => cc.clients().find((cl) => cl.id === 4)!.pending === null, 5_000)).toBe(true);
    // The read goes to the old leader, which still believes it leads and holds x=old.
    expect(c.server(old).role).toBe('leader');
    c.clientRead(3, 'x');
    expect(c.runUntil((cc) => cc.clients().find((cl) => cl.id === 3)!.pending === null, 5_000)).toBe(true);
    const read = c.clients().find((cl) => cl.id === 3)!.history.at(-1)!;
    expect(read).toMatchObject({ kind: 'read', value: 'new', readVia: 'readIndex' });
    expect(read.servedBy).not.toBe(old);
    expect(read.retries).toBeGreaterThanOrEqual(1);
    // The old leader started the read but never served it.
    const oldNotes = c.trace().filter((e) => e.server === old).flatMap((e) => e.notes);
    expect(oldNotes.some((n) => n.kind === 'readStarted' && n.client === 3)).toBe(true);
    expect(oldNotes.some((n) => n.kind === 'readServed')).toBe(false);
    expect(c.violations()).toEqual([]);
  });

  it('with readLeases a read inside the lease needs no extra round', () => {
    const c = withLeader({ readLeases: true, seed: 'lease' });
    c.clientWrite(1, 'x=7');
    c.runFor(300);
    c.clientRead(1, 'x');
    c.runFor(300);
    expect(c.clients()[0]!.history[1]).toMatchObject({ value: '7', readVia: 'lease' });
  });

  it('client ids and commands are validated; one request at a time per client', () => {
    const c = withLeader();
    expect(() => c.clientWrite(0, 'x=1')).toThrow(/client must be a whole number from 1 to 9/);
    expect(() => c.clientRead(1, '')).toThrow(/key must be a non-empty string/);
    c.clientWrite(1, 'x=1');
    expect(() => c.clientWrite(1, 'x=2')).toThrow(/still waiting for its request 1/);
  });

  it('message sizes count new message types (InstallSnapshot data, client commands)', () => {
    expect(messageBytes({ type: 'ClientRequest', from: -1, to: 1, term: 0, client: 1, seq: 1, command: 'abcd' })).toBe(8 * 6 + 4);
  });
});
