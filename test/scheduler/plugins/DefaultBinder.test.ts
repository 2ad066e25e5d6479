/**
 * DefaultBinder: Bind succeeds (the scheduler applies the binding itself) and
 * keeps upstream's name.
 */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { DefaultBinder, DefaultBinderPlugin } from '../../../src/scheduler/plugins/DefaultBinder.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { pod } from './noderesourcesTestUtil.js';

describe('DefaultBinder', () => {
  it('binds with Success under upstream\'s name', () => {
    const p = DefaultBinder.factory(undefined, makeHandle(makeCache([]))) as DefaultBinderPlugin;
    expect(p.name).toBe('DefaultBinder');
    expect(DefaultBinder.name).toBe('DefaultBinder');
    expect(p.bind(new CycleState(), new PodInfo(pod([])), 'node1')).toBeNull();
  });
});
