import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../src/api/deepEqual.js';

describe('deepEqual', () => {
  it('compares objects key by key, in any order, an undefined value counting as absent', () => {
    expect(deepEqual({ a: 1, b: { c: 'x' } }, { b: { c: 'x' }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(deepEqual({ a: 1, b: 0 }, { a: 1 })).toBe(false);
    expect(deepEqual({ a: null }, { a: undefined })).toBe(false);
  });

  it('compares arrays element by element and tells them from objects', () => {
    expect(deepEqual([{ type: 'Available', status: 'True' }], [{ status: 'True', type: 'Available' }])).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1], [1, 1])).toBe(false);
    expect(deepEqual({ 0: 'a' }, ['a'])).toBe(false);
    expect(deepEqual([], {})).toBe(false);
  });

  it('compares scalars by identity', () => {
    expect(deepEqual('1', 1)).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(undefined, null)).toBe(false);
    expect(deepEqual(0, 0)).toBe(true);
  });
});
