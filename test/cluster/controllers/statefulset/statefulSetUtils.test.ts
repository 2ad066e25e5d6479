import { describe, expect, it } from 'vitest';
import type { Pod, StatefulSet } from '../../../../src/api/types.js';
import { getOrdinal, isHealthy, newStatefulSetPod, revisionName } from '../../../../src/cluster/controllers/statefulset/statefulSetUtils.js';

const set: StatefulSet = {
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'u' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
};

function named(name: string): Pod {
  return { metadata: { name }, spec: { containers: [] } };
}

describe('statefulset utils', () => {
  it('getOrdinal reads `<parent>-<ordinal>` and rejects anything else (getParentNameAndOrdinal)', () => {
    expect(getOrdinal(named('web-0'), 'web')).toBe(0);
    expect(getOrdinal(named('web-12'), 'web')).toBe(12);
    expect(getOrdinal(named('web-a'), 'web')).toBe(-1);
    expect(getOrdinal(named('other-1'), 'web')).toBe(-1);
    expect(getOrdinal(named('web-01'), 'web')).toBe(-1);
    expect(getOrdinal(named('web-foo-1'), 'web')).toBe(-1);
  });

  it('newStatefulSetPod: a fixed name, identity labels and the revision', () => {
    const rev = revisionName(set, set.spec.template);
    expect(rev).toMatch(/^web-[456789bcdf]+$/);
    const pod = newStatefulSetPod(set, set.spec.template!, 3, rev);
    expect(pod.metadata.name).toBe('web-3');
    expect(pod.metadata.generateName).toBeUndefined();
    expect(pod.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-3', 'apps.kubernetes.io/pod-index': '3', 'controller-revision-hash': rev });
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', uid: 'u', controller: true });
  });

  it('the revision changes with the template', () => {
    const changed = { ...set.spec.template!, spec: { containers: [{ name: 'c', image: 'y' }] } };
    expect(revisionName(set, changed)).not.toBe(revisionName(set, set.spec.template));
    expect(revisionName(set, set.spec.template)).toBe(revisionName(set, structuredClone(set.spec.template)));
  });

  it('isHealthy: Running, Ready and not terminating', () => {
    const ready: Pod = { metadata: {}, spec: { containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(isHealthy(ready)).toBe(true);
    expect(isHealthy({ ...ready, metadata: { deletionTimestamp: 'x' } })).toBe(false);
    expect(isHealthy({ ...ready, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'True' }] } })).toBe(false);
  });
});
