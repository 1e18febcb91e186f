/**
 * The key-value store as a sequential specification, for the linearizability
 * checker: the MIT 6.5840 lab's service (Get, Put, Append) and this project's
 * state machine (key=value, key+=n, reads). Keys are independent, so a
 * history is checked one key at a time (P-compositionality).
 */
import { incremented, parseAssignment, parseIncrement } from '../engine';
import type { Model, Operation } from './linearizability';

export type KvInput =
  /** MIT lab Get: a missing key reads as "". */
  | { op: 'get'; key: string }
  /** This project's read (§8, ReadIndex or lease): a missing key reads as null. */
  | { op: 'read'; key: string }
  | { op: 'put'; key: string; value: string }
  | { op: 'append'; key: string; value: string }
  /** `key+=by` */
  | { op: 'add'; key: string; by: number }
  /** A command that is not key-value (the state machine only records it): constrains no read. */
  | { op: 'other'; key: string; command: string };

/** What the service answered; undefined when no answer came (the operation may or may not have taken effect). */
export type KvOutput = { value?: string | null } | undefined;

/** A key's value (null: never written). */
export type KvState = string | null;

/** The model input of one of this project's commands (`x=1` a put, `x+=2` an add, anything else recorded only). */
export function kvInputOfCommand(command: string): KvInput {
  const inc = parseIncrement(command);
  if (inc) return { op: 'add', key: inc.key, by: inc.by };
  const a = parseAssignment(command);
  if (a) return { op: 'put', key: a.key, value: a.value };
  return { op: 'other', key: '', command };
}

function describeInput(i: KvInput): string {
  switch (i.op) {
    case 'get':
    case 'read':
      return `${i.op}(${JSON.stringify(i.key)})`;
    case 'put':
    case 'append':
      return `${i.op}(${JSON.stringify(i.key)}, ${JSON.stringify(i.value)})`;
    case 'add':
      return `${i.key}+=${i.by}`;
    case 'other':
      return JSON.stringify(i.command);
  }
}

/** The key an operation constrains (null: a command that changes no key, which any order places). */
export function kvKeyOf(input: KvInput): string | null {
  return input.op === 'other' ? null : input.key;
}

export const kvModel: Model<KvState, KvInput, KvOutput> = {
  init: () => null,
  step(state, input, output) {
    switch (input.op) {
      case 'get':
        return [output === undefined || (output.value ?? '') === (state ?? ''), state];
      case 'read':
        return [output === undefined || (output.value ?? null) === state, state];
      case 'put':
        return [true, input.value];
      case 'append':
        return [true, (state ?? '') + input.value];
      case 'add':
        return [true, incremented(state ?? undefined, input.by)];
      case 'other':
        return [true, state];
    }
  },
  partition(ops: Operation<KvInput, KvOutput>[]) {
    const byKey = new Map<string, Operation<KvInput, KvOutput>[]>();
    for (const o of ops) {
      const key = kvKeyOf(o.input);
      if (key === null) continue;
      const list = byKey.get(key);
      if (list) list.push(o);
      else byKey.set(key, [o]);
    }
    return [...byKey.values()];
  },
  equal: (a, b) => a === b,
  describeOperation(input, output) {
    const out = output === undefined ? '(no answer)' : 'value' in output ? JSON.stringify(output.value ?? null) : 'ok';
    return `${describeInput(input)} → ${out}`;
  },
  describeState: (s) => (s === null ? '(unset)' : JSON.stringify(s)),
};
