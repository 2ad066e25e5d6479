import { describe, expect, it } from 'vitest';
import { canonicalJson, computeHash, fnv32a, generateName, NAME_ALPHABET, safeEncodeString } from '../../../src/cluster/store/names.js';
import { RandomStreams } from '../../../src/engine/RandomStreams.js';

describe('names', () => {
  it('maps decimal digits as SafeEncodeString does: 0→4 … 9→f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('uses the 27-character alphabet of apimachinery util/rand', () => {
    expect(NAME_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
    expect(NAME_ALPHABET.length).toBe(27);
  });

  it('computes FNV-1a 32 as Go hash/fnv does', () => {
    // Reference values of FNV-1a 32.
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('gives a pod-template-hash of at most 10 characters of 456789bcdf, changed by the collision count', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    const h = computeHash(template);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(JSON.parse(JSON.stringify(template)))).toBe(h);
    expect(computeHash(template, 1)).not.toBe(h);
  });

  it('serialises objects with sorted keys and skips undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
  });

  it('truncates a generateName base to 58 characters', () => {
    const random = new RandomStreams(1).stream('names');
    const name = generateName('x'.repeat(70), random);
    expect(name.length).toBe(63);
    expect(name.slice(0, 58)).toBe('x'.repeat(58));
  });
});
