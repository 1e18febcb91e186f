/**
 * The key-value state machine (stateMachine.ts). A restarted server applies its
 * whole log again (Figure 2: lastApplied is volatile), and the commands' parses
 * are remembered between applications: applying the same text must do the same
 * thing the first time, the next time, and after the table was emptied.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, emptyStateMachine, RECORDS_KEPT } from './stateMachine';

const COMMANDS = ['x=1', ' y = two ', 'x+=5', 'x+=-2', 'z+=abc', '=nokey', ' =v', 'plain text', 'k+=', 'a=b=c', '__proto__=p', 'n+=999999999999999'];

function applyAll(commands: readonly string[]) {
  const sm = emptyStateMachine();
  for (const c of commands) applyCommand(sm, c);
  return sm;
}

describe('state machine: commands applied again give the same state (Figure 2, a restart re-applies the log)', () => {
  /** The state COMMANDS leave, written out (not computed by the code under test). */
  function expectCommandsState(sm: ReturnType<typeof applyAll>): void {
    expect(Object.entries(sm.kv).sort()).toEqual(
      [['x', '4'], ['y', 'two'], ['z+', 'abc'], ['a', 'b=c'], ['__proto__', 'p'], ['n', '999999999999999'], ['k+', '']].sort(),
    );
    expect(sm.records).toEqual(['=nokey', ' =v', 'plain text']);
    expect(sm.appliedCommands).toBe(COMMANDS.length);
  }

  it('each kind of command, the first time and again (its parse then remembered)', () => {
    expectCommandsState(applyAll(COMMANDS));
    expectCommandsState(applyAll(COMMANDS));
  });

  it('more distinct commands than the parses remembered: the same state as a model of the commands, every time', () => {
    // 20,000 distinct commands: more than the table keeps, so it is emptied on the way.
    const many = Array.from({ length: 20_000 }, (_, k) => (k % 3 === 0 ? `k${k % 7}+=${k}` : k % 3 === 1 ? `k${k % 7}=${k}` : `note ${k}`));
    // The model: += adds, = sets, anything else is a record (the newest RECORDS_KEPT kept).
    const kv = new Map<string, number>();
    const records: string[] = [];
    for (let k = 0; k < many.length; k++) {
      const key = `k${k % 7}`;
      if (k % 3 === 0) kv.set(key, (kv.get(key) ?? 0) + k);
      else if (k % 3 === 1) kv.set(key, k);
      else records.push(`note ${k}`);
    }
    const expectedKv = [...kv].map(([key, v]) => [key, String(v)]).sort();
    for (let round = 0; round < 2; round++) {
      const sm = applyAll(many);
      expect(Object.entries(sm.kv).sort()).toEqual(expectedKv);
      expect(sm.records).toEqual(records.slice(-RECORDS_KEPT));
      expect(sm.appliedCommands).toBe(many.length);
    }
    // And the first commands, whose parses the table no longer holds, once more.
    expectCommandsState(applyAll(COMMANDS));
  });
});
