/**
 * A linearizability checker (Herlihy & Wing): can the operations of a
 * concurrent history be put in one order that respects real time (an
 * operation that returned before another was called comes first) and in which
 * every output is what a sequential object would have returned?
 *
 * The search is Wing & Gong's, with Lowe's memoization, as in Porcupine
 * (anishathalye/porcupine): walk the history's calls and returns in time
 * order; linearize any call that is still open before the first pending
 * return, if the model accepts its output; when a return is reached whose call
 * could not be linearized, undo the latest choice and try the next. A cache of
 * (set of linearized operations, model state) prunes paths already explored.
 * Histories are first split into independent parts when the model can (one
 * key of a key-value store does not constrain another: P-compositionality,
 * Horn & Kroening), which keeps long histories fast.
 *
 * §8 of the Raft paper asks for exactly this of a Raft-backed service: "each
 * operation appears to execute instantaneously, exactly once, at some point
 * between its invocation and its response".
 *
 * Plain functions over plain data: runs in Node (course staff's scripts), a
 * worker and the tests alike.
 */

/** One operation: its client, input and output, and when it was called and returned (call < return). */
export interface Operation<I, O> {
  clientId: number;
  input: I;
  call: number;
  output: O;
  /** Infinity for an operation whose response never came: it may have taken effect at any time after its call, or never. */
  return: number;
}

/** A history as calls and returns in the order they happened (ids pair a return with its call). */
export type HistoryEvent<I, O> =
  | { clientId: number; kind: 'call'; value: I; id: number }
  | { clientId: number; kind: 'return'; value: O; id: number };

export interface Model<S, I, O> {
  init(): S;
  /** Whether `input` may produce `output` in `state`, and the state after it. */
  step(state: S, input: I, output: O): [ok: boolean, next: S];
  /** Independent sub-histories (default: the whole history is one). */
  partition?(ops: Operation<I, O>[]): Operation<I, O>[][];
  /** Default: deep equality of plain data. */
  equal?(a: S, b: S): boolean;
  describeOperation?(input: I, output: O): string;
  describeState?(state: S): string;
}

export interface CheckOptions {
  /** Give up after this much wall-clock time: the result is then 'unknown'. */
  timeoutMs?: number;
  /** Give up after this many search steps (deterministic, unlike a time limit): 'unknown'. */
  maxSteps?: number;
}

export type Verdict = 'ok' | 'illegal' | 'unknown';

export interface PartitionResult<I, O> {
  result: Verdict;
  /** The partition's operations, in call order. */
  operations: Operation<I, O>[];
  /**
   * The longest consistent order found: indexes into `operations`, in
   * linearization order. For an 'ok' partition it holds every operation.
   */
  longest: number[];
  /**
   * For an 'illegal' partition, the operations that no consistent order could
   * place: those outside the longest order whose call came before the first
   * return the search could not get past (indexes into `operations`).
   */
  unordered: number[];
}

export interface CheckResult<I, O> {
  result: Verdict;
  partitions: PartitionResult<I, O>[];
  /** Search steps taken, over all partitions. */
  steps: number;
}

/** Deep equality of plain data (numbers, strings, booleans, null, arrays, plain objects). */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A stable hash of plain data, for the memo table (equal data, equal hash). */
function hashOf(x: unknown): number {
  let h = 0x811c9dc5;
  const mixIn = (n: number) => {
    h = Math.imul(h ^ n, 0x01000193);
  };
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return mixIn(v === null ? 1 : 2);
    switch (typeof v) {
      case 'string':
        mixIn(3);
        for (let i = 0; i < v.length; i++) mixIn(v.charCodeAt(i));
        return;
      case 'number':
        mixIn(4);
        return mixIn(Number.isInteger(v) ? v | 0 : Math.floor(v * 1e6) | 0);
      case 'boolean':
        return mixIn(v ? 5 : 6);
      case 'object':
        if (Array.isArray(v)) {
          mixIn(7);
          for (const e of v) walk(e);
          return;
        }
        mixIn(8);
        for (const k of Object.keys(v).sort()) {
          walk(k);
          walk((v as Record<string, unknown>)[k]);
        }
        return;
      default:
        return mixIn(9);
    }
  };
  walk(x);
  return h >>> 0;
}

/** A node of the doubly linked list of calls and returns the search walks. */
interface Entry {
  /** Operation index within the partition. */
  op: number;
  isCall: boolean;
  /** For a call, its return. */
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

class Bitset {
  readonly words: Uint32Array;
  constructor(n: number) {
    this.words = new Uint32Array((n + 31) >>> 5);
  }
  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }
  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }
  hash(): number {
    let h = 0;
    for (let i = 0; i < this.words.length; i++) h = Math.imul(h ^ this.words[i]!, 0x9e3779b1) >>> 0;
    return h;
  }
  equals(other: Uint32Array): boolean {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== other[i]) return false;
    return true;
  }
}

interface Budget {
  steps: number;
  maxSteps: number;
  deadline: number;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : 0;
}

/** Build the time-ordered list of calls and returns (calls first at equal times: touching operations are concurrent). */
function entryList<I, O>(ops: readonly Operation<I, O>[]): Entry {
  const points: { time: number; isCall: boolean; op: number }[] = [];
  ops.forEach((o, i) => {
    points.push({ time: o.call, isCall: true, op: i });
    points.push({ time: o.return, isCall: false, op: i });
  });
  points.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1));
  const head: Entry = { op: -1, isCall: false, match: null, prev: null, next: null };
  const calls: Entry[] = [];
  let last = head;
  for (const p of points) {
    const e: Entry = { op: p.op, isCall: p.isCall, match: null, prev: last, next: null };
    last.next = e;
    last = e;
    if (p.isCall) calls[p.op] = e;
    else calls[p.op]!.match = e;
  }
  return head;
}

function lift(e: Entry): void {
  e.prev!.next = e.next;
  if (e.next) e.next.prev = e.prev;
  const m = e.match!;
  m.prev!.next = m.next;
  if (m.next) m.next.prev = m.prev;
}

function unlift(e: Entry): void {
  const m = e.match!;
  m.prev!.next = m;
  if (m.next) m.next.prev = m;
  e.prev!.next = e;
  if (e.next) e.next.prev = e;
}

function checkPartition<S, I, O>(model: Model<S, I, O>, ops: Operation<I, O>[], budget: Budget): PartitionResult<I, O> {
  return search(model, ops, budget, model.init(), null);
}

/**
 * The search itself, from `start`. With `ends` it does not stop at the first
 * order that works: it explores every (linearized set, state) pair once (the
 * memo table still prunes) and collects each distinct state a complete order
 * ends in; the result is then 'ok' when there is at least one.
 */
function search<S, I, O>(model: Model<S, I, O>, ops: Operation<I, O>[], budget: Budget, start: S, ends: S[] | null): PartitionResult<I, O> {
  const equal = model.equal ?? plainEqual;
  const n = ops.length;
  const head = entryList(ops);
  const linearized = new Bitset(n);
  const cache = new Map<number, { bits: Uint32Array; state: S }[]>();
  // Primitive states (a key's value) are numbered through a Map, whose own
  // string hashing is cached: hashing a long appended value at every step
  // would make the search quadratic.
  const interned = new Map<unknown, number>();
  const stateHash = (x: S): number => {
    if (x !== null && typeof x === 'object') return hashOf(x);
    let id = interned.get(x);
    if (id === undefined) interned.set(x, (id = Math.imul(interned.size + 1, 0x9e3779b1) >>> 0));
    return id;
  };
  const stack: { entry: Entry; state: S }[] = [];
  const longest: number[] = [];
  /** How much of `longest` the stack still holds (copying only the rest keeps the record linear in the steps). */
  let agree = 0;
  /** The return the longest order could not get past. */
  let longestStuck: number | null = null;
  const noteLongest = (stuck: number | null) => {
    if (stack.length > longest.length || (longestStuck === null && stuck !== null && stack.length === longest.length)) {
      longest.length = agree;
      for (let i = agree; i < stack.length; i++) longest.push(stack[i]!.entry.op);
      agree = stack.length;
      longestStuck = stuck;
    }
  };
  let state = start;
  let entry = head.next;
  for (;;) {
    if (head.next === null) {
      // Every operation placed.
      if (!ends) break;
      if (!ends.some((s) => equal(s, state))) ends.push(state);
      noteLongest(null);
      const top = stack.pop();
      if (!top) break;
      if (stack.length < agree) agree = stack.length;
      state = top.state;
      linearized.clear(top.entry.op);
      unlift(top.entry);
      entry = top.entry.next;
      continue;
    }
    if (++budget.steps > budget.maxSteps || ((budget.steps & 1023) === 0 && now() > budget.deadline)) {
      noteLongest(null);
      return { result: 'unknown', operations: ops, longest, unordered: [] };
    }
    if (entry === null) break; // cannot happen: a list with calls left ends in a return
    if (entry.isCall) {
      const op = ops[entry.op]!;
      const [ok, next] = model.step(state, op.input, op.output);
      if (ok) {
        linearized.set(entry.op);
        const key = (linearized.hash() ^ stateHash(next)) >>> 0;
        const bucket = cache.get(key);
        const seen = bucket?.some((c) => linearized.equals(c.bits) && equal(c.state, next)) ?? false;
        if (!seen) {
          const record = { bits: linearized.words.slice(), state: next };
          if (bucket) bucket.push(record);
          else cache.set(key, [record]);
          stack.push({ entry, state });
          state = next;
          lift(entry);
          entry = head.next;
          continue;
        }
        linearized.clear(entry.op);
      }
      entry = entry.next;
    } else {
      // A return whose call is not linearized: every order from here needs an earlier choice undone.
      noteLongest(entry.op);
      const top = stack.pop();
      if (stack.length < agree) agree = stack.length;
      if (!top) {
        if (ends && ends.length > 0) return { result: 'ok', operations: ops, longest, unordered: [] };
        const placed = new Set(longest);
        const stuckReturn = ops[longestStuck ?? entry.op]!.return;
        const unordered = ops.map((_, i) => i).filter((i) => !placed.has(i) && ops[i]!.call <= stuckReturn);
        return { result: 'illegal', operations: ops, longest, unordered };
      }
      state = top.state;
      linearized.clear(top.entry.op);
      unlift(top.entry);
      entry = top.entry.next;
    }
  }
  return { result: 'ok', operations: ops, longest: ends ? longest : stack.map((c) => c.entry.op), unordered: [] };
}

/**
 * One independent sub-history (already partitioned), searched from `start`.
 * With `ends` given, every state a complete order can end in is collected
 * into it (for checking a long history piece by piece: incremental.ts).
 */
export function checkFrom<S, I, O>(model: Model<S, I, O>, ops: Operation<I, O>[], start: S, options: CheckOptions & { ends?: S[] } = {}): PartitionResult<I, O> & { steps: number } {
  const budget: Budget = { steps: 0, maxSteps: options.maxSteps ?? Infinity, deadline: options.timeoutMs === undefined ? Infinity : now() + options.timeoutMs };
  return { ...search(model, sortByCall(ops), budget, start, options.ends ?? null), steps: budget.steps };
}

function sortByCall<I, O>(ops: Operation<I, O>[]): Operation<I, O>[] {
  return ops.map((o, i) => [o, i] as const).sort((a, b) => a[0].call - b[0].call || a[1] - b[1]).map(([o]) => o);
}

/** Check a history given as operations. Throws on an operation whose return is not after its call. */
export function checkOperations<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[], options: CheckOptions = {}): CheckResult<I, O> {
  ops.forEach((o, i) => {
    if (!(typeof o.call === 'number' && Number.isFinite(o.call)) || !(typeof o.return === 'number' && o.return >= o.call) || Number.isNaN(o.return)) {
      throw new RangeError(`operation ${i}: call must be a finite number and return a number not before it (got call ${String(o.call)}, return ${String(o.return)})`);
    }
  });
  const budget: Budget = {
    steps: 0,
    maxSteps: options.maxSteps ?? Infinity,
    deadline: options.timeoutMs === undefined ? Infinity : now() + options.timeoutMs,
  };
  const parts = (model.partition ? model.partition([...ops]) : [[...ops]]).map(sortByCall);
  const partitions = parts.map((p) => checkPartition(model, p, budget));
  const result: Verdict = partitions.some((p) => p.result === 'illegal') ? 'illegal' : partitions.some((p) => p.result === 'unknown') ? 'unknown' : 'ok';
  return { result, partitions, steps: budget.steps };
}

/**
 * The operations of a call/return sequence: times are positions in it. A call
 * without a return is pending (return Infinity, output undefined: the model
 * must accept any output for it).
 */
export function operationsOfEvents<I, O>(events: readonly HistoryEvent<I, O>[]): Operation<I, O>[] {
  const open = new Map<number, { clientId: number; input: I; call: number }>();
  const ops: Operation<I, O>[] = [];
  events.forEach((e, t) => {
    if (e.kind === 'call') {
      if (open.has(e.id)) throw new RangeError(`event ${t}: a second call with id ${e.id} before its return`);
      open.set(e.id, { clientId: e.clientId, input: e.value, call: t });
    } else {
      const c = open.get(e.id);
      if (!c) throw new RangeError(`event ${t}: a return with id ${e.id} and no call before it`);
      open.delete(e.id);
      ops.push({ ...c, output: e.value, return: t });
    }
  });
  for (const c of open.values()) ops.push({ ...c, output: undefined as O, return: Infinity });
  return ops;
}

/** Check a history given as calls and returns. */
export function checkEvents<S, I, O>(model: Model<S, I, O>, events: readonly HistoryEvent<I, O>[], options: CheckOptions = {}): CheckResult<I, O> {
  return checkOperations(model, operationsOfEvents(events), options);
}
