/**
 * The clients' side of a run (§8) as a history the linearizability checker
 * reads: each client request is an operation from the moment the user asked
 * the client to send it (its invocation) to the moment the client took the
 * answer (its response), whatever happened in between (redirects, retries,
 * a leader lost). A request still unanswered at the end of the trace may yet
 * take effect: its return is +∞ and its output unknown.
 *
 * An operation's call and return are event numbers, not milliseconds: events
 * are totally ordered, and an answer taken in the same millisecond as the
 * next request was made still came first (the checker treats equal times as
 * concurrent). The simulated times are kept beside them for drawing.
 */
import type { TraceEvent } from '../sim';
import { kvInputOfCommand, type KvInput, type KvOutput } from './kvModel';
import type { Operation } from './linearizability';

/** A client operation, with where it sits in the run (to draw it and to seek to its ends). */
export interface ClientOperation extends Operation<KvInput, KvOutput> {
  seq: number;
  kind: 'write' | 'read';
  /** The command written, or the key read. */
  text: string;
  /** Simulated ms of the invocation and the response (null: no response yet). */
  callTime: number;
  returnTime: number | null;
  /** Requests sent for it: the first, then one per redirect or retry. */
  attempts: number;
  /** The server whose answer the client took. */
  servedBy: number | null;
}

/**
 * The client operations in a trace (oldest first). The trace must reach back
 * to the operations' invocations: a cluster keeps its newest `traceLimit`
 * events, so record a long run's events as they come or raise the limit.
 */
export function clientOperations(trace: readonly TraceEvent[]): ClientOperation[] {
  const history = new ClientHistory();
  for (const e of trace) history.observe(e);
  return history.ops;
}

/** The client operations of a run built as its events come (one event at a time, oldest first). */
export class ClientHistory {
  /** Every operation so far, in call order; an operation's output and return are filled in when it returns. */
  readonly ops: ClientOperation[] = [];
  private readonly open = new Map<string, ClientOperation>();

  /** Look at one event: the operation it called or returned, if any. */
  observe(e: TraceEvent): { called: ClientOperation } | { returned: ClientOperation } | null {
    const o = e.clientOutcome;
    if (e.client === undefined || !o) return null;
    const key = `${e.client}:${o.seq}`;
    if (e.kind === 'clientRequest' && e.action?.type === 'clientRequest' && o.kind === 'sent') {
      const a = e.action;
      const read = typeof a.read === 'string';
      const text = read ? (a.read as string) : (a.command ?? '');
      const op: ClientOperation = {
        clientId: e.client,
        seq: o.seq,
        kind: read ? 'read' : 'write',
        text,
        input: read ? { op: 'read', key: text } : kvInputOfCommand(text),
        call: e.n,
        callTime: e.time,
        output: undefined,
        return: Infinity,
        returnTime: null,
        attempts: 1,
        servedBy: null,
      };
      this.ops.push(op);
      this.open.set(key, op);
      return { called: op };
    }
    const op = this.open.get(key);
    if (!op) return null; // its invocation is before the trace's start, or a stale duplicate
    if (o.kind === 'redirected' || o.kind === 'retried') {
      if (o.kind === 'retried' || o.to !== null) op.attempts++;
    } else if (o.kind === 'completed') {
      const m = e.message;
      const value = m && m.type === 'ClientReply' ? m.value : undefined;
      op.output = op.kind === 'read' ? { value: value ?? null } : {};
      op.return = e.n;
      op.returnTime = e.time;
      op.servedBy = o.from;
      this.open.delete(key);
      return { returned: op };
    }
    return null;
  }
}
