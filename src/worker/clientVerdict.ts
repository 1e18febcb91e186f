/**
 * The linearizability verdict of a branch's client history as of the moment
 * the page shows (the space-time view's chip): at the live edge, the whole
 * history so far; in the recorded past, the history as it stood then —
 * operations called later left out, answers taken later still pending — so
 * stepping through a preset shows the verdict change at the stale read.
 *
 * Both are incremental (analysis/incremental.ts): the live one is fed as
 * events come; the past one moves forward with the cursor and is rebuilt
 * only when the cursor goes back.
 */
import { IncrementalChecker, kvKeyOf, kvModel, type ClientOperation, type KvInput, type KvOutput, type KvState, type Operation, type Verdict } from '../analysis';

type Checker = IncrementalChecker<KvState, KvInput, KvOutput>;
type KvOperation = Operation<KvInput, KvOutput>;

export interface ClientVerdict {
  result: Verdict;
  /** Whether an operation is one of those no consistent order could place. */
  flagged(op: ClientOperation): boolean;
}

export class ClientVerdicts {
  private live: Checker;
  private past: { n: number; checker: Checker; copies: Map<ClientOperation, KvOperation>; nextCall: number; open: ClientOperation[] } | null = null;

  constructor(private readonly maxSteps: number) {
    this.live = this.newChecker();
  }

  private newChecker(): Checker {
    return new IncrementalChecker(kvModel, kvKeyOf, { maxSteps: this.maxSteps });
  }

  called(op: ClientOperation): void {
    this.live.called(op);
  }

  returned(op: ClientOperation): void {
    this.live.returned(op);
  }

  /** The verdict as of event `n` of a history whose operations are `ops` (in call order); `n` at or past the last event: the live one. */
  at(ops: readonly ClientOperation[], n: number, headN: number): ClientVerdict {
    if (n >= headN) {
      const v = this.live.verdict();
      return { result: v.result, flagged: (op) => v.flagged.has(op) };
    }
    if (!this.past || this.past.n > n) this.past = { n: 0, checker: this.newChecker(), copies: new Map(), nextCall: 0, open: [] };
    const p = this.past;
    // Forward from p.n to n: calls made meanwhile, then the answers taken meanwhile.
    for (; p.nextCall < ops.length && ops[p.nextCall]!.call <= n; p.nextCall++) {
      const op = ops[p.nextCall]!;
      const copy: KvOperation = { clientId: op.clientId, input: op.input, call: op.call, output: undefined, return: Infinity };
      p.copies.set(op, copy);
      p.checker.called(copy);
      p.open.push(op);
    }
    p.open = p.open.filter((op) => {
      if (op.return > n) return true;
      const copy = p.copies.get(op)!;
      copy.output = op.output;
      copy.return = op.return;
      p.checker.returned(copy);
      return false;
    });
    p.n = n;
    const v = p.checker.verdict();
    const flagged = (op: ClientOperation): boolean => {
      const copy = p.copies.get(op);
      return copy !== undefined && v.flagged.has(copy);
    };
    return { result: v.result, flagged };
  }
}
