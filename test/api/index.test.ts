import { describe, expect, it } from 'vitest';
import * as api from '../../src/api/index.js';

describe('api index', () => {
  it('exports the public surface', () => {
    expect(api.milliValue('250m')).toBe(250);
    expect(api.value('1Ki')).toBe(1024);
    expect(api.canonicalQuantity('cpu', 1)).toBe(1000);
    expect(typeof api.podRequests).toBe('function');
    expect(typeof api.calculateResource).toBe('function');
    expect(typeof api.labelSelectorAsSelector).toBe('function');
    expect(typeof api.RequiredNodeAffinity.fromPod).toBe('function');
    expect(typeof api.PreferredSchedulingTerms.create).toBe('function');
    expect(typeof api.tolerates).toBe('function');
    expect(typeof api.findMatchingUntoleratedTaint).toBe('function');
    expect(typeof api.loadManifests).toBe('function');
    expect(typeof api.validateObject).toBe('function');
    expect(typeof api.validation.validatePod).toBe('function');
    expect(new api.ManifestError('f', 1, 'a', 'b').toString()).toBe('f:1: a: b');
    expect(typeof api.setObjectDefaults).toBe('function');
    expect(typeof api.withDefaults).toBe('function');
    expect(typeof api.admitPod).toBe('function');
    expect(api.defaultImagePullPolicy('nginx')).toBe('Always');
    expect(typeof api.validation.validatePriorityClass).toBe('function');
  });

  it('loads, defaults, admits and validates a pod as the API server would', () => {
    const text = [
      'apiVersion: scheduling.k8s.io/v1',
      'kind: PriorityClass',
      'metadata: {name: high}',
      'value: 1000',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p, namespace: default}',
      'spec:',
      '  priorityClassName: high',
      '  containers:',
      '  - name: c',
      '    image: nginx',
      '    resources: {limits: {cpu: "2", memory: 1Gi}}',
      '',
    ].join('\n');
    const [pcObj, podObj] = api.loadManifests(text, 'all.yaml');
    const classes = [api.withDefaults(pcObj?.object as api.PriorityClass)];
    const pod = api.withDefaults(podObj?.object as api.Pod);
    api.admitPod(pod, api.priorityClassLister(classes));
    expect(api.validateFields(pod)).toEqual([]);
    expect(pod.spec.priority).toBe(1000);
    expect(pod.spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(pod.spec.tolerations).toHaveLength(2);
    expect(api.podRequests(pod)).toEqual(
      new Map([
        ['cpu', 2000],
        ['memory', 1073741824],
      ]),
    );
  });

  it('loads and validates a manifest end to end', () => {
    const objs = api.loadManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    resources: {requests: {cpu: 1500m}}\n', 'p.yaml');
    expect(objs.flatMap((o) => api.validateObject(o))).toEqual([]);
    const pod = objs[0]?.object as api.Pod;
    expect(api.podRequests(pod).get('cpu')).toBe(1500);
  });
});
