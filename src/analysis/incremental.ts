/**
 * The linearizability verdict of a history that grows while it is watched
 * (the space-time view's live chip): each new call or return costs a check of
 * the part of the history still open, not of the whole run.
 *
 * Per key (P-compositionality, as checkOperations partitions), a key's
 * history is cut at quiescent points: moments when every operation called on
 * that key so far has returned. Everything before such a point precedes, in
 * real time, everything after it, so a linearization of the whole is one of
 * the part before followed by one of the part after, started from a state
 * the first can end in. A closed part is searched once, exhaustively, for the
 * set of states it can end in (usually one or two for a key-value register);
 * only the open tail, after the last cut, is searched again as it grows.
 *
 * Not linearizable stays so as the history grows (a pending call's answer
 * only narrows what it may be), so a key found illegal is not searched again.
 * A key that never quiesces is searched whole each time, as before, within
 * the step bound; past it, or with more end states than `maxStates`, that
 * key's verdict is 'unknown'.
 */
import { checkFrom, type Model, type Operation, type Verdict } from './linearizability';

export interface IncrementalOptions {
  /** Search steps allowed for one part of one key (deterministic): beyond it that key is 'unknown'. */
  maxSteps?: number;
  /** States a closed part may end in before the key is given up as 'unknown'. */
  maxStates?: number;
}

interface KeyHistory<S, I, O> {
  /** The key's operations in call order (their output and return are filled in when they return). */
  ops: Operation<I, O>[];
  /** ops[0 .. closed) are settled: searched, and `states` are where they can end. */
  closed: number;
  states: S[];
  verdict: Verdict;
  /** For an illegal key, the operations no consistent order could place. */
  flagged: Operation<I, O>[];
  dirty: boolean;
}

export interface IncrementalVerdict<I, O> {
  result: Verdict;
  /** Operations no consistent order could place, in keys found not linearizable. */
  flagged: ReadonlySet<Operation<I, O>>;
}

export class IncrementalChecker<S, I, O> {
  private readonly keys = new Map<string, KeyHistory<S, I, O>>();
  private readonly keyOfOp = new Map<Operation<I, O>, KeyHistory<S, I, O>>();
  private readonly maxSteps: number;
  private readonly maxStates: number;

  /** `keyOf`: the independent part an input belongs to (null: it constrains no other operation). */
  constructor(
    private readonly model: Model<S, I, O>,
    private readonly keyOf: (input: I) => string | null,
    options: IncrementalOptions = {},
  ) {
    this.maxSteps = options.maxSteps ?? Infinity;
    this.maxStates = options.maxStates ?? 64;
  }

  /** An operation was called (calls arrive in time order); it may already have returned. */
  called(op: Operation<I, O>): void {
    const key = this.keyOf(op.input);
    if (key === null) return;
    let k = this.keys.get(key);
    if (!k) this.keys.set(key, (k = { ops: [], closed: 0, states: [this.model.init()], verdict: 'ok', flagged: [], dirty: false }));
    k.ops.push(op);
    k.dirty = true;
    this.keyOfOp.set(op, k);
  }

  /** An operation given to `called` has returned (its output and return are now set on it). */
  returned(op: Operation<I, O>): void {
    const k = this.keyOfOp.get(op);
    if (k) k.dirty = true;
  }

  /** The verdict of everything seen so far; searches only keys that changed. */
  verdict(): IncrementalVerdict<I, O> {
    const flagged = new Set<Operation<I, O>>();
    let illegal = false;
    let unknown = false;
    for (const k of this.keys.values()) {
      if (k.dirty && k.verdict !== 'illegal') this.update(k);
      k.dirty = false;
      if (k.verdict === 'illegal') illegal = true;
      if (k.verdict === 'unknown') unknown = true;
      for (const o of k.flagged) flagged.add(o);
    }
    return { result: illegal ? 'illegal' : unknown ? 'unknown' : 'ok', flagged };
  }

  private update(k: KeyHistory<S, I, O>): void {
    // Close every part that ends at a quiescent point.
    for (let end = this.quiescentEnd(k); end > k.closed; end = this.quiescentEnd(k)) {
      const part = k.ops.slice(k.closed, end);
      const ends: S[] = [];
      let unknown = false;
      for (const s of k.states) {
        const r = checkFrom(this.model, part, s, { ends, maxSteps: this.maxSteps });
        if (r.result === 'unknown') unknown = true;
      }
      if (unknown || ends.length > this.maxStates) {
        k.verdict = 'unknown';
        return;
      }
      if (ends.length === 0) return this.fail(k, part);
      k.states = ends;
      k.closed = end;
    }
    // The open tail: linearizable from some state the settled part can end in.
    const tail = k.ops.slice(k.closed);
    if (tail.length === 0) {
      k.verdict = 'ok';
      return;
    }
    let unknown = false;
    for (const s of k.states) {
      const r = checkFrom(this.model, tail, s, { maxSteps: this.maxSteps });
      if (r.result === 'ok') {
        k.verdict = 'ok';
        return;
      }
      if (r.result === 'unknown') unknown = true;
    }
    if (unknown) k.verdict = 'unknown';
    else this.fail(k, tail);
  }

  /**
   * The end (exclusive) of the longest settled-able prefix from `closed`: the
   * last index after which every earlier operation has returned before the
   * next one was called (`closed` when there is none).
   */
  private quiescentEnd(k: KeyHistory<S, I, O>): number {
    let lastReturn = -Infinity;
    let end = k.closed;
    for (let i = k.closed; i < k.ops.length; i++) {
      const o = k.ops[i]!;
      if (!Number.isFinite(o.return)) break;
      lastReturn = Math.max(lastReturn, o.return);
      const next = k.ops[i + 1];
      if (next && next.call > lastReturn) end = i + 1;
    }
    return end;
  }

  /** The part no order explains: flag what the best start state's search could not place (Porcupine's highlight). */
  private fail(k: KeyHistory<S, I, O>, part: Operation<I, O>[]): void {
    let best: ReturnType<typeof checkFrom<S, I, O>> | null = null;
    for (const s of k.states) {
      const r = checkFrom(this.model, part, s, { maxSteps: this.maxSteps });
      if (!best || r.longest.length > best.longest.length) best = r;
    }
    k.verdict = 'illegal';
    k.flagged = best ? best.unordered.map((i) => best.operations[i]!) : [];
  }
}
