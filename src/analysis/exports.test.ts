/**
 * Exports to ShiViz, Porcupine and Jepsen: what is written parses back to the
 * same run (round trips), in the shapes those tools read.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, createCluster } from '../sim';
import { checkOperations, clientOperations, kvModel, type KvInput, type KvOutput, type Operation } from '.';
import { parseJepsenEdn, parsePorcupine, parseShiViz, SHIVIZ_REGEX, toJepsenEdn, toPorcupine, toShiViz } from './exports';

function run() {
  const c = createCluster({ servers: 3, seed: 'export', traceLimit: 100_000 });
  c.runFor(1_500);
  applyAction(c, { type: 'clientRequest', client: 1, command: 'x=1' });
  applyAction(c, { type: 'clientRequest', client: 2, read: 'y' });
  c.runFor(400);
  applyAction(c, { type: 'clientRequest', client: 2, read: 'x' });
  applyAction(c, { type: 'clientRequest', client: 1, command: 'say "hi"\there' });
  c.runFor(400);
  applyAction(c, { type: 'clientRequest', client: 3, command: 'x+=2' }); // left unanswered
  return c;
}

describe('ShiViz', () => {
  it('writes the parsing expression first, then host and vector clock, then the event; the clocks respect happened-before', () => {
    const c = run();
    const trace = c.traceSince(0);
    const text = toShiViz(trace);
    expect(text.split('\n')[0]).toBe(SHIVIZ_REGEX);
    const events = parseShiViz(text);
    expect(events.length).toBeGreaterThan(50);
    expect(new Set(events.map((e) => e.host))).toEqual(new Set(['S1', 'S2', 'S3', 'C1', 'C2', 'C3']));
    // A host's own component counts its events.
    const seen = new Map<string, number>();
    for (const e of events) {
      const k = (seen.get(e.host) ?? 0) + 1;
      seen.set(e.host, k);
      expect(e.clock[e.host]).toBe(k);
    }
    // A delivery's clock dominates the clock its message was sent with.
    const byN = new Map(events.map((e) => [Number(/^#(\d+)/.exec(e.text)![1]), e]));
    let checked = 0;
    for (const ev of trace) {
      if (ev.kind !== 'deliver' || !ev.message || !byN.has(ev.n)) continue;
      const sender = trace.find((s) => s.sent.includes(ev.message!.id));
      if (!sender || !byN.has(sender.n)) continue;
      for (const [h, t] of Object.entries(byN.get(sender.n)!.clock)) expect(byN.get(ev.n)!.clock[h]).toBeGreaterThanOrEqual(t);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(() => parseShiViz('not shiviz')).toThrow(/first line/);
  });
});

describe('Porcupine', () => {
  it('round-trips the client history (pending at math.MaxInt64, a missing key as null) and the verdict is the same', () => {
    const ops = clientOperations(run().traceSince(0));
    expect(ops.some((o) => o.output === undefined)).toBe(true);
    const text = toPorcupine(ops);
    expect(text).toContain('"Return":9223372036854775807');
    expect(text).toMatch(/"Input":\{"Op":"put","Key":"x","Value":"1"\}/);
    const back = parsePorcupine(text);
    expect(back).toEqual(ops.map(({ clientId, input, call, output, return: r }) => ({ clientId, input, call, output, return: r })));
    expect(checkOperations(kvModel, back).result).toBe(checkOperations(kvModel, ops).result);
    expect(() => parsePorcupine('{}')).toThrow(/JSON array/);
    expect(() => parsePorcupine('[{"ClientId":1}]')).toThrow(/operation 0/);
  });
});

describe('Jepsen EDN', () => {
  it('writes invoke then ok (or info when never answered) in time order, and parses back', () => {
    const ops = clientOperations(run().traceSince(0));
    const lines = parseJepsenEdn(toJepsenEdn(ops));
    expect(lines).toHaveLength(2 * ops.length);
    expect(lines[0]).toMatchObject({ process: 1, type: 'invoke', f: 'put', key: 'x', value: '1' });
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.time).toBeGreaterThanOrEqual(lines[i - 1]!.time);
    const read = ops.find((o) => o.kind === 'read' && o.text === 'x')!;
    expect(lines.find((l) => l.type === 'ok' && l.f === 'read' && l.key === 'x')).toMatchObject({ process: read.clientId, value: '1', time: read.return });
    expect(lines.find((l) => l.f === 'read' && l.key === 'y' && l.type === 'ok')!.value).toBeNull();
    expect(lines.filter((l) => l.type === 'info')).toEqual([expect.objectContaining({ process: 3, f: 'add', key: 'x', value: '2' })]);
    expect(lines.find((l) => l.f === 'other')!.key).toBe('say "hi"\there');
    // Every invoke is followed by its completion for the same process.
    const open = new Map<number, string>();
    for (const l of lines) {
      if (l.type === 'invoke') {
        expect(open.has(l.process)).toBe(false);
        open.set(l.process, l.f);
      } else {
        expect(open.get(l.process)).toBe(l.f);
        open.delete(l.process);
      }
    }
    expect(() => parseJepsenEdn('{:oops}')).toThrow(/line 1/);
  });

  it('hand-made: a write and a read as the issue shows them', () => {
    const ops: Operation<KvInput, KvOutput>[] = [
      { clientId: 0, input: { op: 'put', key: 'x', value: '1' }, call: 1, output: {}, return: 5 },
      { clientId: 1, input: { op: 'read', key: 'x' }, call: 6, output: { value: '1' }, return: 9 },
    ];
    expect(toJepsenEdn(ops).split('\n').slice(0, 2)).toEqual([
      '{:process 0, :type :invoke, :f :put, :key "x", :value "1", :time 1}',
      '{:process 0, :type :ok, :f :put, :key "x", :value "1", :time 5}',
    ]);
  });
});
