import { describe, expect, it } from 'vitest';
import { isolate, splitMinority } from './partitions';

describe('partition presets', () => {
  it('isolates one server', () => {
    expect(isolate([1, 2, 3, 4, 5], 3)).toEqual([[3], [1, 2, 4, 5]]);
  });

  it('puts the leader in a minority that cannot commit', () => {
    expect(splitMinority([1, 2, 3, 4, 5], 4)).toEqual([[1, 4], [2, 3, 5]]);
    expect(splitMinority([1, 2, 3, 4, 5], null)).toEqual([[1, 2], [3, 4, 5]]);
    expect(splitMinority([1, 2, 3, 4], 2)).toEqual([[2], [1, 3, 4]]);
    expect(splitMinority([1, 2, 3, 4, 5, 6, 7, 8, 9], 9)).toEqual([[1, 2, 3, 9], [4, 5, 6, 7, 8]]);
  });

  it('cannot split one or two servers into a minority and a majority', () => {
    expect(splitMinority([1], 1)).toEqual([[1]]);
    expect(splitMinority([1, 2], 1)).toEqual([[1, 2]]);
  });
});
