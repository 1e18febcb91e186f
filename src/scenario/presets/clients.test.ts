/** The client presets (§8: sessions, ReadIndex, a stale read) replay to the behaviour they are about. */
import { describe, expect, it } from 'vitest';
import { checkOperations, clientOperations, kvModel } from '../../analysis';
import { replayScenario } from '..';
import { action, expectRegistered, notesOf, preset } from './presetTestHelpers';

const IDS = ['retry-without-sessions', 'retry-with-sessions', 'read-index', 'stale-read'] as const;

describe('the client presets', () => {
  it('are registered, with texts in both languages, and replay without a safety violation', () => {
    expectRegistered(IDS);
    for (const id of IDS) expect(replayScenario(preset(id)).violations(), id).toEqual([]);
  });

  it('a retried write: balance 20 without sessions, 10 with them', () => {
    for (const [id, balance] of [['retry-without-sessions', '20'], ['retry-with-sessions', '10']] as const) {
      const s = preset(id);
      const drop = action(s, 'dropMessage');
      const c = replayScenario(s);
      const dropped = c.trace().find((e) => e.n === drop.n + 1)!;
      expect(dropped.kind, id).toBe('dropMessage');
      expect(dropped.message?.type, id).toBe('ClientReply');
      for (const v of c.servers()) expect(v.stateMachine.kv.balance, `${id} S${v.id}`).toBe(balance);
      const op = c.clients()[0]!.history.at(-1)!;
      expect(op.retries, id).toBe(1);
      expect(op.status, id).toBe('done');
      if (balance === '20') {
        expect(notesOf(c, 'appliedTwice').length, id).toBe(c.ids().length);
        expect(c.server(c.leaderId()!).log.filter((e) => e.command === 'balance+=10')).toHaveLength(2);
      } else {
        expect(notesOf(c, 'clientDuplicateAnswered')).toHaveLength(1);
        expect(op.duplicate).toBe(true);
        expect(c.server(c.leaderId()!).log.filter((e) => e.command === 'balance+=10')).toHaveLength(1);
      }
    }
  });

  it('ReadIndex: the cut-off leader cannot confirm the read; the client reads the latest value from the real leader', () => {
    const s = preset('read-index');
    const cut = action(s, 'partition');
    const stale = cut.action.groups[0]![0]!;
    const read = action(s, 'clientRequest', 2);
    expect(read.action.read).toBe('x');
    const c = replayScenario(s);
    expect(c.server(stale).stateMachine.kv.x).toBe('1');
    const started = notesOf(c, 'readStarted', read.n);
    expect(started[0]!.e.server).toBe(stale);
    expect(notesOf(c, 'readServed', read.n).map(({ e }) => e.server)).toEqual([c.leaderId()]);
    const op = c.clients().find((k) => k.id === 1)!.history.at(-1)!;
    expect(op).toMatchObject({ kind: 'read', key: 'x', value: '2', readVia: 'readIndex', retries: 1, servedBy: c.leaderId() });
  });

  it('§8: the same schedule with the leader check broken serves x=1 from the deposed leader: not linearizable, the stale read named; with ReadIndex it is linearizable', () => {
    const ops = (id: 'read-index' | 'stale-read') => {
      const s = preset(id);
      expect(s.options.seed).toBe('preset-read-index');
      return clientOperations(replayScenario(s).trace());
    };
    const safe = ops('read-index');
    expect(checkOperations(kvModel, safe).result).toBe('ok');
    const stale = ops('stale-read');
    // The same requests, in the same order, until the read.
    expect(stale.map((o) => [o.clientId, o.text])).toEqual(safe.map((o) => [o.clientId, o.text]));
    const read = stale.find((o) => o.kind === 'read')!;
    expect(read.output).toEqual({ value: '1' });
    const r = checkOperations(kvModel, stale);
    expect(r.result).toBe('illegal');
    const p = r.partitions.find((x) => x.result === 'illegal')!;
    expect(p.unordered.map((i) => p.operations[i])).toEqual([read]);
  });
});
