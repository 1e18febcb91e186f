import { describe, expect, it } from 'vitest';
import { nextCommand, readKeyOf } from './CommandBox';

describe('the command box', () => {
  it('suggests the next command after one that ends in a number (quick repeated commands in a lecture)', () => {
    expect(nextCommand('x=1')).toBe('x=2');
    expect(nextCommand('balance+=19')).toBe('balance+=20');
    expect(nextCommand('hello')).toBe('hello');
  });

  it('reads the key before "=" (§8: a read of the key a write would set)', () => {
    expect(readKeyOf('x=1')).toBe('x');
    expect(readKeyOf(' balance += 10')).toBe('balance');
    expect(readKeyOf('y')).toBe('y');
    expect(readKeyOf('')).toBe('');
  });
});
