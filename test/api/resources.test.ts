import { describe, expect, it } from 'vitest';
import { QuantityError } from '../../src/api/quantity.js';
import {
  isAttachableVolumeResourceName,
  isExtendedResourceName,
  isHugePageResourceName,
  isNativeResource,
  isPrefixedNativeResource,
  isScalarResourceName,
  isStandardContainerResourceName,
  parseResourceList,
  ResourceListError,
} from '../../src/api/resources.js';

describe('resource name classification', () => {
  // TestIsNativeResource (pkg/apis/core/v1/helper/helpers_test.go)
  it.each([
    ['pod.alpha.kubernetes.io/opaque-int-resource-foo', true],
    ['kubernetes.io/resource-foo', true],
    ['foo', true],
    ['a/b', false],
    ['', true],
  ])('isNativeResource(%j) is %s', (name, expected) => {
    expect(isNativeResource(name)).toBe(expected);
  });

  it.each([
    ['nvidia.com/gpu', true],
    ['example.com/dongle', true],
    ['cpu', false],
    ['kubernetes.io/foo', false], // prefixed native
    ['requests.example.com/foo', false], // quota prefix
    ['example.com/with space', false], // not a qualified name once prefixed
    ['a/b/c', false],
  ])('isExtendedResourceName(%j) is %s', (name, expected) => {
    expect(isExtendedResourceName(name)).toBe(expected);
  });

  it('classifies hugepages, attachable volumes and prefixed native names', () => {
    expect(isHugePageResourceName('hugepages-2Mi')).toBe(true);
    expect(isHugePageResourceName('memory')).toBe(false);
    expect(isAttachableVolumeResourceName('attachable-volumes-aws-ebs')).toBe(true);
    expect(isPrefixedNativeResource('kubernetes.io/foo')).toBe(true);
    expect(isPrefixedNativeResource('example.com/foo')).toBe(false);
  });

  // The scheduler's IsScalarResourceName: extended, hugepages, prefixed native, attachable volumes.
  it.each([
    ['nvidia.com/gpu', true],
    ['hugepages-1Gi', true],
    ['kubernetes.io/foo', true],
    ['attachable-volumes-csi-x', true],
    ['cpu', false],
    ['memory', false],
    ['ephemeral-storage', false],
    ['pods', false],
    ['foo', false],
  ])('isScalarResourceName(%j) is %s', (name, expected) => {
    expect(isScalarResourceName(name)).toBe(expected);
  });

  it('knows the standard container resources', () => {
    for (const n of ['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi']) expect(isStandardContainerResourceName(n)).toBe(true);
    for (const n of ['pods', 'storage', 'nvidia.com/gpu']) expect(isStandardContainerResourceName(n)).toBe(false);
  });
});

describe('parseResourceList', () => {
  it('gives canonical units in the list order', () => {
    const m = parseResourceList({ cpu: '3500m', memory: '16Gi', pods: 110, 'nvidia.com/gpu': '4', 'ephemeral-storage': '100G' });
    expect([...m]).toEqual([
      ['cpu', 3500],
      ['memory', 16 * 1024 ** 3],
      ['pods', 110],
      ['nvidia.com/gpu', 4],
      ['ephemeral-storage', 100e9],
    ]);
  });

  it('is empty for a missing list', () => {
    expect(parseResourceList(undefined).size).toBe(0);
    expect(parseResourceList(null).size).toBe(0);
  });

  it('names the resource whose quantity is broken', () => {
    let error: unknown;
    try {
      parseResourceList({ cpu: '1', memory: 'abc' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ResourceListError);
    expect(error).toBeInstanceOf(QuantityError);
    expect((error as ResourceListError).resourceName).toBe('memory');
    expect((error as ResourceListError).message).toMatch(/^memory: quantities must match the regular expression/);
  });
});
