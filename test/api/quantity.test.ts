import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  milliValue,
  newScaledQuantity,
  parseQuantity,
  Quantity,
  type QuantityFormat,
  QuantityError,
  quantityFromText,
  value,
} from '../../src/api/quantity.js';
import { parseQuantityString } from '../../src/api/quantitySyntax.js';

/** decQuantity(i, exponent, format) of quantity_test.go. */
const dec = (i: number | bigint, exponent: number, format: QuantityFormat): Quantity => new Quantity(BigInt(i), exponent, format);
const MAX_INT64 = (1n << 63n) - 1n;

// Ported from TestQuantityParse (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go).
const parseTable: Array<[string, Quantity]> = [
  ['0', dec(0, 0, 'DecimalSI')],
  ['0n', dec(0, 0, 'DecimalSI')],
  ['0u', dec(0, 0, 'DecimalSI')],
  ['0m', dec(0, 0, 'DecimalSI')],
  ['0Ki', dec(0, 0, 'BinarySI')],
  ['0k', dec(0, 0, 'DecimalSI')],
  ['0Mi', dec(0, 0, 'BinarySI')],
  ['0M', dec(0, 0, 'DecimalSI')],
  ['0Gi', dec(0, 0, 'BinarySI')],
  ['0G', dec(0, 0, 'DecimalSI')],
  ['0Ti', dec(0, 0, 'BinarySI')],
  ['0T', dec(0, 0, 'DecimalSI')],
  // Quantity less numbers are allowed
  ['1', dec(1, 0, 'DecimalSI')],
  // Binary suffixes
  ['1Ki', dec(1024, 0, 'BinarySI')],
  ['8Ki', dec(8 * 1024, 0, 'BinarySI')],
  ['7Mi', dec(7 * 1024 * 1024, 0, 'BinarySI')],
  ['6Gi', dec(6 * 1024 * 1024 * 1024, 0, 'BinarySI')],
  ['5Ti', dec(5 * 1024 ** 4, 0, 'BinarySI')],
  ['4Pi', dec(4n * 1024n ** 5n, 0, 'BinarySI')],
  ['3Ei', dec(3n * 1024n ** 6n, 0, 'BinarySI')],
  ['10Ti', dec(10 * 1024 ** 4, 0, 'BinarySI')],
  ['100Ti', dec(100 * 1024 ** 4, 0, 'BinarySI')],
  // Decimal suffixes
  ['5n', dec(5, -9, 'DecimalSI')],
  ['4u', dec(4, -6, 'DecimalSI')],
  ['3m', dec(3, -3, 'DecimalSI')],
  ['9', dec(9, 0, 'DecimalSI')],
  ['8k', dec(8, 3, 'DecimalSI')],
  ['50k', dec(5, 4, 'DecimalSI')],
  ['7M', dec(7, 6, 'DecimalSI')],
  ['6G', dec(6, 9, 'DecimalSI')],
  ['5T', dec(5, 12, 'DecimalSI')],
  ['40T', dec(4, 13, 'DecimalSI')],
  ['300T', dec(3, 14, 'DecimalSI')],
  ['2P', dec(2, 15, 'DecimalSI')],
  ['1E', dec(1, 18, 'DecimalSI')],
  // Decimal exponents
  ['1E-3', dec(1, -3, 'DecimalExponent')],
  ['1e3', dec(1, 3, 'DecimalExponent')],
  ['1E6', dec(1, 6, 'DecimalExponent')],
  ['1e9', dec(1, 9, 'DecimalExponent')],
  ['1E12', dec(1, 12, 'DecimalExponent')],
  ['1e15', dec(1, 15, 'DecimalExponent')],
  ['1E18', dec(1, 18, 'DecimalExponent')],
  // Nonstandard but still parsable
  ['1e14', dec(1, 14, 'DecimalExponent')],
  ['1e13', dec(1, 13, 'DecimalExponent')],
  ['100.035k', dec(100035, 0, 'DecimalSI')],
  // Things that look like floating point
  ['0.001', dec(1, -3, 'DecimalSI')],
  ['0.0005k', dec(5, -1, 'DecimalSI')],
  ['0.005', dec(5, -3, 'DecimalSI')],
  ['0.05', dec(5, -2, 'DecimalSI')],
  ['0.5', dec(5, -1, 'DecimalSI')],
  ['0.00050k', dec(5, -1, 'DecimalSI')],
  ['0.00500', dec(5, -3, 'DecimalSI')],
  ['0.05000', dec(5, -2, 'DecimalSI')],
  ['0.50000', dec(5, -1, 'DecimalSI')],
  ['0.5e0', dec(5, -1, 'DecimalExponent')],
  ['0.5e-1', dec(5, -2, 'DecimalExponent')],
  ['0.5e-2', dec(5, -3, 'DecimalExponent')],
  ['10.035M', dec(10035, 3, 'DecimalSI')],
  ['1.2e3', dec(12, 2, 'DecimalExponent')],
  ['1.3E+6', dec(13, 5, 'DecimalExponent')],
  ['1.40e9', dec(14, 8, 'DecimalExponent')],
  ['1.53E12', dec(153, 10, 'DecimalExponent')],
  ['1.6e15', dec(16, 14, 'DecimalExponent')],
  ['1.7E18', dec(17, 17, 'DecimalExponent')],
  ['9.01', dec(901, -2, 'DecimalSI')],
  ['8.1k', dec(81, 2, 'DecimalSI')],
  ['7.123456M', dec(7123456, 0, 'DecimalSI')],
  ['6.987654321G', dec(6987654321, 0, 'DecimalSI')],
  ['5.444T', dec(5444, 9, 'DecimalSI')],
  ['40.1T', dec(401, 11, 'DecimalSI')],
  ['300.2T', dec(3002, 11, 'DecimalSI')],
  ['2.5P', dec(25, 14, 'DecimalSI')],
  ['1.01E', dec(101, 16, 'DecimalSI')],
  // Things that saturate/round
  ['3.001n', dec(4, -9, 'DecimalSI')],
  ['1.1E-9', dec(2, -9, 'DecimalExponent')],
  ['0.0000000001', dec(1, -9, 'DecimalSI')],
  ['0.0000000005', dec(1, -9, 'DecimalSI')],
  ['0.00000000050', dec(1, -9, 'DecimalSI')],
  ['0.5e-9', dec(1, -9, 'DecimalExponent')],
  ['0.9n', dec(1, -9, 'DecimalSI')],
  ['0.00000012345', dec(124, -9, 'DecimalSI')],
  ['0.00000012354', dec(124, -9, 'DecimalSI')],
  ['9Ei', dec(MAX_INT64, 0, 'BinarySI')],
  ['9223372036854775807Ki', dec(MAX_INT64, 0, 'BinarySI')],
  ['12E', dec(12, 18, 'DecimalSI')],
  // We'll accept fractional binary stuff, too.
  ['100.035Ki', dec(10243584, -2, 'BinarySI')],
  ['0.5Mi', dec(0.5 * 1024 * 1024, 0, 'BinarySI')],
  ['0.05Gi', dec(536870912, -1, 'BinarySI')],
  ['0.025Ti', dec(274877906944, -1, 'BinarySI')],
  // Things written by trolls
  ['0.000000000001Ki', dec(2, -9, 'DecimalSI')], // rounds up, changes format
  ['.001', dec(1, -3, 'DecimalSI')],
  ['.0001k', dec(100, -3, 'DecimalSI')],
  ['1.', dec(1, 0, 'DecimalSI')],
  ['1.G', dec(1, 9, 'DecimalSI')],
];

const negate = (q: Quantity): Quantity => new Quantity(-q.unscaled, q.exp, q.format);

describe('parseQuantity (TestQuantityParse)', () => {
  it('rejects the empty string', () => {
    expect(() => parseQuantity('')).toThrow(ERR_FORMAT_WRONG);
  });

  it.each(parseTable)('%s', (input, expected) => {
    const got = parseQuantity(input);
    expect(got.cmp(expected)).toBe(0);
    expect(got.format).toBe(expected.format);
  });

  it.each(parseTable)('-%s is the negation', (input, expected) => {
    const got = parseQuantity(`-${input}`);
    expect(got.cmp(negate(expected))).toBe(0);
    expect(got.format).toBe(expected.format);
  });

  it.each(parseTable)('+%s is the same', (input, expected) => {
    const got = parseQuantity(`+${input}`);
    expect(got.cmp(expected)).toBe(0);
    expect(got.format).toBe(expected.format);
  });

  const invalid: Array<[string, string]> = [
    ['1.1.M', ERR_FORMAT_WRONG],
    ['1+1.0M', ERR_FORMAT_WRONG],
    ['0.1mi', ERR_SUFFIX],
    ['0.1am', ERR_FORMAT_WRONG],
    ['aoeu', ERR_FORMAT_WRONG],
    ['.5i', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['-3.01i', ERR_SUFFIX],
    ['-3.01e-', ERR_SUFFIX],
    // an exponent outside the int32 scale is rejected rather than truncated
    ['1e4294967297', ERR_SUFFIX],
    // surrounding whitespace is forbidden by ParseQuantity
    [' 1', ERR_FORMAT_WRONG],
    ['1 ', ERR_FORMAT_WRONG],
    // 19 digits that overflow int64 on the fast path
    ['9999999999999999999', ERR_NUMERIC],
    ['abc', ERR_FORMAT_WRONG],
  ];
  it.each(invalid)('rejects %j with its upstream message', (input, message) => {
    let error: unknown;
    try {
      parseQuantity(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(QuantityError);
    expect((error as QuantityError).message).toBe(message);
    expect((error as QuantityError).input).toBe(input);
  });

  it('words the format error with the regular expression', () => {
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  // TestParseQuantityString: "." and "-." are zero.
  it('reads a lone point as zero', () => {
    expect(parseQuantity('.').isZero()).toBe(true);
    expect(parseQuantity('-.').isZero()).toBe(true);
  });
});

describe('Quantity.toString (TestQuantityString, TestQuantityParseEmit)', () => {
  const table: Array<[Quantity, string, string]> = [
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5, 0, 'BinarySI'), '5', '5000m'],
    [dec(500, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1, 9, 'DecimalSI'), '1G', '1000M'],
    [dec(1000, 6, 'DecimalSI'), '1G', '0.001T'],
    [dec(1000000, 3, 'DecimalSI'), '1G', ''],
    [dec(1000000000, 0, 'DecimalSI'), '1G', ''],
    [dec(1, -3, 'DecimalSI'), '1m', '1000u'],
    [dec(80, -3, 'DecimalSI'), '80m', ''],
    [dec(1080, -3, 'DecimalSI'), '1080m', '1.08'],
    [dec(108, -2, 'DecimalSI'), '1080m', '1080000000n'],
    [dec(10800, -4, 'DecimalSI'), '1080m', ''],
    [dec(300, 6, 'DecimalSI'), '300M', ''],
    [dec(1, 12, 'DecimalSI'), '1T', ''],
    [dec(1, 18, 'DecimalSI'), '1E', ''],
    [dec(1, 21, 'DecimalSI'), '1e21', '1000E'],
    [dec(1234567, 6, 'DecimalSI'), '1234567M', ''],
    [dec(1234567, -3, 'BinarySI'), '1234567m', ''],
    [dec(3, 3, 'DecimalSI'), '3k', ''],
    [dec(1025, 0, 'BinarySI'), '1025', ''],
    [dec(0, 0, 'DecimalSI'), '0', ''],
    [dec(0, 0, 'BinarySI'), '0', ''],
    [dec(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3, 3, 'DecimalExponent'), '3e3', ''],
    [dec(0, 0, 'DecimalExponent'), '0', '00'],
    [dec(1, -9, 'DecimalSI'), '1n', ''],
    [dec(80, -9, 'DecimalSI'), '80n', ''],
    [dec(1080, -9, 'DecimalSI'), '1080n', ''],
    [dec(108, -8, 'DecimalSI'), '1080n', ''],
    [dec(10800, -10, 'DecimalSI'), '1080n', ''],
    [dec(1, -6, 'DecimalSI'), '1u', ''],
    [dec(80, -6, 'DecimalSI'), '80u', ''],
    [dec(1080, -6, 'DecimalSI'), '1080u', ''],
  ];
  it.each(table)('%s prints as %s (alternate %s)', (q, canonical, alternate) => {
    expect(q.toString()).toBe(canonical);
    expect(parseQuantity(canonical).toString()).toBe(canonical);
    if (alternate !== '') expect(parseQuantity(alternate).toString()).toBe(canonical);
    if (!q.isZero()) expect(negate(q).toString()).toBe(`-${canonical}`);
  });

  const emit: Array<[string, string]> = [
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ];
  it.each(emit)('%s re-emits as %s', (input, out) => {
    expect(parseQuantity(input).toString()).toBe(out);
    expect(parseQuantity(`-${input}`).toString()).toBe(`-${out}`);
  });

  // TestNewScaledSet
  it.each([
    [1, -9, '1n'],
    [1000, -9, '1u'],
    [1, -6, '1u'],
    [1000, -6, '1m'],
    [1, -3, '1m'],
    [1000, -3, '1'],
    [1, 0, '1'],
    [0, -9, '0'],
    [0, 0, '0'],
  ])('newScaledQuantity(%d, %d) prints %s and scales back', (v, scale, out) => {
    const q = newScaledQuantity(v, scale);
    expect(q.toString()).toBe(out);
    expect(parseQuantity(q.toString()).scaledValue(scale)).toBe(v);
  });
});

describe('scaled values', () => {
  // TestScaledValue
  it.each([
    [-9, -9, 1],
    [-9, -6, 1],
    [-9, -3, 1],
    [-9, 0, 1],
    [-6, -9, 1000],
    [-6, -6, 1],
    [-6, -3, 1],
    [-6, 0, 1],
    [-3, -9, 1000 * 1000],
    [-3, -6, 1000],
    [-3, -3, 1],
    [-3, 0, 1],
    [0, -9, 1000 * 1000 * 1000],
    [0, -6, 1000 * 1000],
    [0, -3, 1000],
    [0, 0, 1],
    [2, -2, 100 * 100],
  ])('1e%d scaled to 1e%d is %d', (from, to, expected) => {
    expect(newScaledQuantity(1, from).scaledValue(to)).toBe(expected);
  });

  // TestNegativeValueRoundsAwayFromZero
  it.each([
    ['-.484785E-7466', -1, -1],
    ['.484785E-7466', 1, 1],
    ['-.484785E-1', -1, -49],
    ['.484785E-1', 1, 49],
    ['-0.0005', -1, -1],
    ['0.0005', 1, 1],
    ['-1500m', -2, -1500],
    ['1500m', 2, 1500],
    ['-9.5000000001Gi', -10200547329, -10200547328108],
    ['9.5000000001Gi', 10200547329, 10200547328108],
    ['-1', -1, -1000],
    ['1', 1, 1000],
    ['0', 0, 0],
  ])('%s: value %d, milli %d', (input, v, milli) => {
    const q = parseQuantity(input);
    expect(q.value()).toBe(v);
    expect(q.milliValue()).toBe(milli);
  });

  it('reads the common manifest forms', () => {
    expect(milliValue('500m')).toBe(500);
    expect(milliValue('1')).toBe(1000);
    expect(milliValue('1.5')).toBe(1500);
    expect(milliValue('0.1')).toBe(100);
    expect(milliValue('2e3')).toBe(2_000_000);
    expect(milliValue('100u')).toBe(1); // rounds up
    expect(value('1.5Gi')).toBe(1610612736);
    expect(value('1Ki')).toBe(1024);
    expect(value('500m')).toBe(1); // rounds up
    expect(value('2e3')).toBe(2000);
    expect(value('128974848')).toBe(128974848);
    expect(value('129e6')).toBe(129000000);
    expect(value('123Mi')).toBe(128974848);
    expect(value('1k')).toBe(1000);
  });

  it('reads JSON numbers from their decimal text', () => {
    expect(milliValue(2)).toBe(2000);
    expect(milliValue(0.5)).toBe(500);
    expect(milliValue(0.1)).toBe(100);
    expect(value(1e-7)).toBe(1);
    expect(value(1e3)).toBe(1000);
    expect(() => value(Number.NaN)).toThrow(QuantityError);
    expect(() => value(Number.POSITIVE_INFINITY)).toThrow(QuantityError);
  });

  // TestJSONWhitespace: UnmarshalJSON trims surrounding white space.
  it.each([
    [' 1', '1'],
    ['1 ', '1'],
    ['10', '10'],
    ['-1', '-1'],
    [' -1', '-1'],
  ])('quantityFromText(%j) is %s', (input, out) => {
    expect(quantityFromText(input).toString()).toBe(out);
  });

  it('throws a clear error beyond 2^53 - 1', () => {
    expect(value('7Pi')).toBe(7 * 2 ** 50);
    expect(value(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => value('8Pi')).toThrow(/too large/); // 2^53
    expect(() => milliValue('10T')).toThrow(QuantityError); // 1e16 millicores
    expect(() => value('1e400')).toThrow(/too large/);
    expect(() => value('9Ei')).toThrow(/too large/);
    expect(() => value('1e2147483647')).toThrow(/too large/);
  });

  it('keeps tiny values exact down to the nano unit', () => {
    expect(value('1e-2147483647')).toBe(1);
    expect(parseQuantity('1e-2147483647').nanoValue()).toBe(1n);
    expect(parseQuantity('1.5Gi').nanoValue()).toBe(1610612736n * 1_000_000_000n);
  });
});

describe('Quantity.cmp (TestQuantityCmp)', () => {
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['1Ki', '1024', 0],
    ['-1', '1m', -1],
    ['1e2147483647', '1e2147483646', 1],
    ['-1e2147483647', '-1e2147483646', -1],
  ])('%s vs %s is %d', (x, y, expected) => {
    expect(parseQuantity(x).cmp(parseQuantity(y))).toBe(expected);
    expect(parseQuantity(y).cmp(parseQuantity(x))).toBe(expected === 0 ? 0 : -expected);
  });

  it('is consistent with the exact nano values (property)', () => {
    const arb = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: -9, max: 6 }));
    fc.assert(
      fc.property(arb, arb, ([a, ea], [b, eb]) => {
        const qa = new Quantity(a, ea, 'DecimalSI');
        const qb = new Quantity(b, eb, 'DecimalSI');
        const na = qa.nanoValue();
        const nb = qb.nanoValue();
        return qa.cmp(qb) === (na === nb ? 0 : na > nb ? 1 : -1);
      }),
    );
  });

  it('round-trips through its canonical string (property)', () => {
    const arb = fc.tuple(
      fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
      fc.integer({ min: -9, max: 9 }),
      fc.constantFrom<QuantityFormat>('DecimalSI', 'BinarySI', 'DecimalExponent'),
    );
    fc.assert(
      fc.property(arb, ([u, e, f]) => {
        const q = new Quantity(u, e, f);
        return parseQuantity(q.toString()).cmp(q) === 0;
      }),
    );
  });
});

describe('canonicalQuantity', () => {
  it('gives millicores for cpu and base units otherwise', () => {
    expect(canonicalQuantity('cpu', '250m')).toBe(250);
    expect(canonicalQuantity('cpu', 4)).toBe(4000);
    expect(canonicalQuantity('memory', '1Gi')).toBe(1024 ** 3);
    expect(canonicalQuantity('nvidia.com/gpu', '2')).toBe(2);
    expect(canonicalQuantity('pods', 110)).toBe(110);
    expect(canonicalQuantity('ephemeral-storage', '500m')).toBe(1);
  });
});

describe('parseQuantityString (TestParseQuantityString)', () => {
  it.each([
    ['0.025Ti', true, '0.025', '0', '025', 'Ti'],
    ['1.025Ti', true, '1.025', '1', '025', 'Ti'],
    ['-1.025Ti', false, '-1.025', '1', '025', 'Ti'],
    ['.', true, '.', '0', '', ''],
    ['-.', false, '-.', '0', '', ''],
    ['1E-3', true, '1', '1', '', 'E-3'],
  ])('%s', (input, positive, v, num, denom, suffix) => {
    expect(parseQuantityString(input)).toEqual({ positive, value: v, num, denom, suffix });
  });

  it('reports malformed strings as undefined', () => {
    expect(parseQuantityString('1.1.M')).toBeUndefined();
    expect(parseQuantityString('aoeu')).toBeUndefined();
  });
});

describe('Quantity.roundUp (TestQuantityRoundUp)', () => {
  // [input, scale, expected value, ok (no precision lost)]
  const cases: Array<[string, number, string, boolean]> = [
    ['9.01', -3, '9.01', true],
    ['9.01', -2, '9.01', true],
    ['9.01', -1, '9.1', false],
    ['9.01', 0, '10', false],
    ['9.01', 1, '10', false],
    ['9.01', 2, '100', false],
    ['-9.01', -3, '-9.01', true],
    ['-9.01', -2, '-9.01', true],
    ['-9.01', -1, '-9.1', false],
    ['-9.01', 0, '-10', false],
    ['-9.01', 1, '-10', false],
    ['-9.01', 2, '-100', false],
  ];
  it.each(cases)('%s at scale %i', (input, scale, expected, ok) => {
    const q = parseQuantity(input);
    const r = q.roundUp(scale);
    expect(r.cmp(parseQuantity(expected))).toBe(0);
    expect(r.cmp(q) === 0).toBe(ok);
  });

  it('rounds nano values up to milli (SetDefaults_ResourceList)', () => {
    expect(parseQuantity('100n').roundUp(-3).toString()).toBe('1m');
    expect(parseQuantity('1.5Gi').roundUp(-3).toString()).toBe('1536Mi');
  });
});
