/**
 * A run in the formats the field's tools read:
 *  - ShiViz (Beschastnikh et al.): one event per host with vector clocks, for
 *    its space-time view;
 *  - Porcupine: the clients' history as JSON operations a Go test loads and
 *    checks with a key-value model;
 *  - Jepsen's EDN history (invoke / ok / info), for Knossos and Elle.
 * Each has a parser, so a file can be checked against what was written.
 */
import type { TraceEvent } from '../sim';
import type { ClientOperation } from './clientHistory';
import type { KvInput, KvOutput } from './kvModel';
import type { Operation } from './linearizability';

// ---------------------------------------------------------------- ShiViz

/** The regular expression ShiViz parses the log with (the file's first line). */
export const SHIVIZ_REGEX = '(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)';

function hostOf(e: TraceEvent): string | null {
  if (e.server !== null) return `S${e.server}`;
  if (e.client !== undefined) return `C${e.client}`;
  return null;
}

function eventText(e: TraceEvent): string {
  const m = e.message;
  const parts: string[] = [e.kind];
  if (m) parts.push(`${m.type} #${m.id} from ${m.from < 0 ? `C${-m.from}` : `S${m.from}`} term ${m.term}`);
  if (e.detail) parts.push(e.detail);
  for (const n of e.notes) parts.push(n.kind);
  return `#${e.n} t=${e.time}ms ${parts.join('; ')}`.replace(/[\r\n]+/g, ' ');
}

/**
 * The trace as a ShiViz log: for each event at a server or client, a line
 * `host {vector clock}` and a line describing it. A delivery merges the clock
 * the message was sent with (Lamport's happened-before); network-wide changes,
 * which happen at no host, are left out.
 */
export function toShiViz(trace: readonly TraceEvent[]): string {
  const clocks = new Map<string, Record<string, number>>();
  const sentWith = new Map<number, Record<string, number>>();
  const lines = [SHIVIZ_REGEX, ''];
  for (const e of trace) {
    const host = hostOf(e);
    if (host === null) continue;
    const clock = { ...(clocks.get(host) ?? {}) };
    if (e.kind === 'deliver' && e.message) {
      for (const [h, t] of Object.entries(sentWith.get(e.message.id) ?? {})) clock[h] = Math.max(clock[h] ?? 0, t);
    }
    clock[host] = (clock[host] ?? 0) + 1;
    clocks.set(host, clock);
    for (const id of e.sent) sentWith.set(id, clock);
    lines.push(`${host} ${JSON.stringify(clock)}`, eventText(e));
  }
  return lines.join('\n') + '\n';
}

export interface ShiVizEvent {
  host: string;
  clock: Record<string, number>;
  text: string;
}

/** Read a ShiViz log written by toShiViz (or any log in its format). Throws on a malformed one. */
export function parseShiViz(text: string): ShiVizEvent[] {
  const lines = text.split('\n');
  if (lines[0] !== SHIVIZ_REGEX) throw new SyntaxError('not a ShiViz log: the first line must be its parsing expression');
  const out: ShiVizEvent[] = [];
  for (let i = 2; i < lines.length && lines[i] !== ''; i += 2) {
    const m = /^(\S*) (\{.*\})$/.exec(lines[i]!);
    if (!m || lines[i + 1] === undefined) throw new SyntaxError(`line ${i + 1}: expected "host {clock}" followed by the event`);
    out.push({ host: m[1]!, clock: JSON.parse(m[2]!) as Record<string, number>, text: lines[i + 1]! });
  }
  return out;
}

// ---------------------------------------------------------------- Porcupine

/** Porcupine's "never returned": Go's math.MaxInt64, written exactly. */
const GO_MAX_INT64 = '9223372036854775807';

export interface PorcupineInput {
  /** get, put, append (the lab's KV service), read, add (this project's reads and key+=n), other. */
  Op: string;
  Key: string;
  Value: string;
}

function porcupineInput(i: KvInput): PorcupineInput {
  switch (i.op) {
    case 'get':
    case 'read':
      return { Op: i.op, Key: i.key, Value: '' };
    case 'put':
    case 'append':
      return { Op: i.op, Key: i.key, Value: i.value };
    case 'add':
      return { Op: 'add', Key: i.key, Value: String(i.by) };
    case 'other':
      return { Op: 'other', Key: '', Value: i.command };
  }
}

function kvInputOf(p: PorcupineInput): KvInput {
  switch (p.Op) {
    case 'get':
    case 'read':
      return { op: p.Op, key: p.Key };
    case 'put':
    case 'append':
      return { op: p.Op, key: p.Key, value: p.Value };
    case 'add':
      return { op: 'add', key: p.Key, by: Number(p.Value) };
    case 'other':
      return { op: 'other', key: '', command: p.Value };
    default:
      throw new SyntaxError(`unknown Porcupine operation "${p.Op}"`);
  }
}

/**
 * The client history as Porcupine operations (JSON; Call and Return as the
 * operations give them, event numbers for a run's clients):
 * `[{"ClientId":1,"Input":{"Op":"put","Key":"x","Value":"1"},"Call":1500,
 * "Output":{"Value":"","Unknown":false},"Return":1593}, …]`. An operation never
 * answered returns at math.MaxInt64 with Output.Unknown set, as Porcupine
 * models a call whose effect is unknown.
 */
export function toPorcupine(ops: readonly Operation<KvInput, KvOutput>[]): string {
  const rows = ops.map((o) => {
    const pending = o.output === undefined;
    // A read of a key never written: null, which Go reads into a string as "".
    const value = o.output && 'value' in o.output ? (o.output.value ?? null) : '';
    return `{"ClientId":${o.clientId},"Input":${JSON.stringify(porcupineInput(o.input))},"Call":${o.call},"Output":${JSON.stringify({ Value: value, Unknown: pending })},"Return":${pending ? GO_MAX_INT64 : o.return}}`;
  });
  return `[\n${rows.join(',\n')}\n]\n`;
}

/** Read operations written by toPorcupine. */
export function parsePorcupine(text: string): Operation<KvInput, KvOutput>[] {
  const rows = JSON.parse(text) as unknown;
  if (!Array.isArray(rows)) throw new SyntaxError('a Porcupine history is a JSON array of operations');
  return rows.map((r: { ClientId: number; Input: PorcupineInput; Call: number; Output: { Value: string | null; Unknown?: boolean }; Return: number }, i) => {
    if (typeof r?.ClientId !== 'number' || typeof r.Call !== 'number' || typeof r.Return !== 'number' || !r.Input || !r.Output) {
      throw new SyntaxError(`operation ${i}: ClientId, Input, Call, Output and Return are required`);
    }
    const input = kvInputOf(r.Input);
    const pending = r.Output.Unknown === true;
    const isRead = input.op === 'read' || input.op === 'get';
    const output: KvOutput = pending ? undefined : isRead ? { value: r.Output.Value } : {};
    return { clientId: r.ClientId, input, call: r.Call, output, return: pending ? Infinity : r.Return };
  });
}

// ---------------------------------------------------------------- Jepsen / EDN

function ednString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function ednOp(process: number, type: 'invoke' | 'ok' | 'info', input: KvInput, value: string | null | undefined, time: number): string {
  const f = input.op === 'get' || input.op === 'read' ? 'read' : input.op === 'add' ? 'add' : input.op === 'other' ? 'other' : input.op === 'append' ? 'append' : 'put';
  const key = input.op === 'other' ? input.command : input.key;
  const v = value === undefined || value === null ? 'nil' : ednString(value);
  return `{:process ${process}, :type :${type}, :f :${f}, :key ${ednString(key)}, :value ${v}, :time ${time}}`;
}

/**
 * The client history as a Jepsen history in EDN, one map per line in time
 * order: an :invoke at the call, then :ok at the answer, or :info (outcome
 * unknown) for a call never answered. Writes carry their value in both; a
 * read's :value is nil when invoked and what it read when :ok. :time is the
 * operation's call or return (event numbers for a run's clients).
 */
export function toJepsenEdn(ops: readonly Operation<KvInput, KvOutput>[]): string {
  const points: { time: number; order: number; line: string }[] = [];
  const end = ops.reduce((t, o) => Math.max(t, o.call, Number.isFinite(o.return) ? o.return : 0), 0);
  ops.forEach((o, k) => {
    const written = o.input.op === 'put' || o.input.op === 'append' ? o.input.value : o.input.op === 'add' ? String(o.input.by) : o.input.op === 'other' ? o.input.command : null;
    points.push({ time: o.call, order: 2 * k, line: ednOp(o.clientId, 'invoke', o.input, written, o.call) });
    if (o.output === undefined) points.push({ time: end + 1, order: 2 * k + 1, line: ednOp(o.clientId, 'info', o.input, written, end + 1) });
    else {
      const value = 'value' in o.output ? (o.output.value ?? null) : written;
      points.push({ time: o.return, order: 2 * k + 1, line: ednOp(o.clientId, 'ok', o.input, value, o.return) });
    }
  });
  points.sort((a, b) => a.time - b.time || a.order - b.order);
  return points.map((p) => p.line).join('\n') + '\n';
}

export interface JepsenOp {
  process: number;
  type: 'invoke' | 'ok' | 'info' | 'fail';
  f: string;
  key: string;
  value: string | null;
  time: number;
}

/** Read the EDN maps toJepsenEdn writes (one per line; only the keys it writes). */
export function parseJepsenEdn(text: string): JepsenOp[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const m = /^\{:process (\d+), :type :(invoke|ok|info|fail), :f :(\w+), :key ("(?:[^"\\]|\\.)*"), :value (nil|"(?:[^"\\]|\\.)*"), :time (\d+(?:\.\d+)?)\}$/.exec(line);
      if (!m) throw new SyntaxError(`line ${i + 1}: not a history map this exporter writes`);
      const str = (s: string) => JSON.parse(s) as string;
      return { process: Number(m[1]), type: m[2] as JepsenOp['type'], f: m[3]!, key: str(m[4]!), value: m[5] === 'nil' ? null : str(m[5]!), time: Number(m[6]) };
    });
}

/** Convenience: the three exports of a run's trace and its client operations. */
export function exportsOf(trace: readonly TraceEvent[], ops: readonly ClientOperation[]): { shiviz: string; porcupine: string; jepsen: string } {
  return { shiviz: toShiViz(trace), porcupine: toPorcupine(ops), jepsen: toJepsenEdn(ops) };
}
