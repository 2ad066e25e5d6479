import { describe, expect, it } from 'vitest';
import {
  aggregateMessage,
  child,
  duplicate,
  fieldErrorToString,
  forbidden,
  goQuote,
  goStringSlice,
  index,
  invalid,
  key,
  notSupported,
  required,
  tooLong,
  tooMany,
} from '../../../src/api/validation/field.js';

describe('field paths (field.Path.String)', () => {
  it('joins children with dots and indexes and keys with brackets', () => {
    expect(key(child(index(child('spec', 'containers'), 0), 'resources', 'requests'), 'cpu')).toBe('spec.containers[0].resources.requests[cpu]');
    expect(child(index('', 0), 'matchFields')).toBe('[0].matchFields');
    expect(child('', 'key')).toBe('key');
  });
});

describe('field.Error printing (ErrorBody)', () => {
  it.each([
    [invalid('spec.replicas', -1, 'must be greater than or equal to 0'), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [invalid('metadata.name', 'A', 'bad'), 'metadata.name: Invalid value: "A": bad'],
    [required('spec.containers'), 'spec.containers: Required value'],
    [required('spec.ports[0].name', 'must be set'), 'spec.ports[0].name: Required value: must be set'],
    [notSupported('x.operator', 'Foo', ['Equal', 'Exists']), 'x.operator: Unsupported value: "Foo": supported values: "Equal", "Exists"'],
    [duplicate('spec.containers[1].name', 'c'), 'spec.containers[1].name: Duplicate value: "c"'],
    [forbidden('spec.nodeName', 'cannot be set'), 'spec.nodeName: Forbidden: cannot be set'],
    [tooLong('metadata.annotations', 262144), 'metadata.annotations: Too long: may not be more than 262144 bytes'],
    [tooMany('spec.x', 3, 2), 'spec.x: Too many: 3: must have at most 2 items'],
    [invalid('v', goStringSlice(['a', 'b']), 'x'), 'v: Invalid value: []string{"a", "b"}: x'],
    [invalid('v', goStringSlice(undefined), 'x'), 'v: Invalid value: []string(nil): x'],
    [invalid('v', null, 'x'), 'v: Invalid value: null: x'],
    [invalid('v', true, 'x'), 'v: Invalid value: true: x'],
  ])('%#', (err, text) => {
    expect(fieldErrorToString(err)).toBe(text);
  });

  it('quotes strings as Go does', () => {
    expect(goQuote('a"b\\c\nd\te\x01')).toBe('"a\\"b\\\\c\\nd\\te\\x01"');
    expect(goQuote('rā')).toBe('"rā"');
  });

  it('aggregates like errors.NewAggregate', () => {
    const a = required('a');
    const b = required('b');
    expect(aggregateMessage([a])).toBe('a: Required value');
    expect(aggregateMessage([a, b])).toBe('[a: Required value, b: Required value]');
  });
});
