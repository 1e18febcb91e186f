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
  it('each kind of command', () => {
    const sm = applyAll(COMMANDS);
    expect(Object.entries(sm.kv).sort()).toEqual(
      [['x', '4'], ['y', 'two'], ['z+', 'abc'], ['a', 'b=c'], ['__proto__', 'p'], ['n', '999999999999999'], ['k+', '']].sort(),
    );
    expect(sm.records).toEqual(['=nokey', ' =v', 'plain text']);
    expect(sm.appliedCommands).toBe(COMMANDS.length);
  });

  it('the same texts applied again, and after more distinct commands than the parses remembered', () => {
    const first = applyAll(COMMANDS);
    expect(applyAll(COMMANDS)).toEqual(first);
    // 20,000 distinct commands: more than the table keeps, so it is emptied on the way.
    const many = Array.from({ length: 20_000 }, (_, k) => (k % 3 === 0 ? `k${k % 7}+=${k}` : k % 3 === 1 ? `k${k % 7}=${k}` : `note ${k}`));
    const once = applyAll([...COMMANDS, ...many]);
    const twice = applyAll([...COMMANDS, ...many]);
    expect(twice).toEqual(once);
    expect(applyAll(COMMANDS)).toEqual(first);
    expect(once.records).toHaveLength(RECORDS_KEPT);
  });
});
