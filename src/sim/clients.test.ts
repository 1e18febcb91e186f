/**
 * Client interaction (§8) through the headless API: sessions that apply a
 * retried write once (twice without them), redirects, and linearizable reads
 * (ReadIndex, leases). Every test also demands zero safety violations.
 */
import { describe, expect, it } from 'vitest';
import { messageBytes } from '../engine';
import { withLeader } from './clusterTestHelpers';
import type { RaftCluster } from './index';

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
