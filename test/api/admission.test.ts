import { describe, expect, it } from 'vitest';
import {
  AdmissionError,
  admitPod,
  admitPodDefaultTolerationSeconds,
  admitPodPriority,
  defaultPriorityClass,
  priorityClassLister,
  SYSTEM_CRITICAL_PRIORITY,
} from '../../src/api/admission.js';
import type { Pod, PriorityClass, Toleration } from '../../src/api/types.js';

const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  preemptionPolicy: 'PreemptLowerPriority',
  ...extra,
});
const pod = (spec: Partial<Pod['spec']> = {}, namespace = 'default'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace },
  spec: { containers: [{ name: 'c' }], ...spec },
});

// After TestPodAdmission in plugin/pkg/admission/priority/admission_test.go.
describe('Priority admission (TestPodAdmission)', () => {
  const defaultClass1 = pc('default1', 1000, { globalDefault: true });
  const defaultClass2 = pc('default2', 2000, { globalDefault: true });
  const nondefaultClass1 = pc('nondefault1', 2000, { description: 'Just a test priority class' });
  const neverClass = pc('nopreemption', 2000, { preemptionPolicy: 'Never' });

  const cases: Array<[string, PriorityClass[], Pod, number, string | undefined]> = [
    ['Pod with no priority class', [], pod(), 0, undefined],
    ['Pod with priority class', [defaultClass1, nondefaultClass1], pod({ priorityClassName: 'nondefault1' }), 2000, undefined],
    ['pod without priority class, with a default class', [defaultClass1, nondefaultClass1], pod(), 1000, undefined],
    ['pod without priority class, several default classes (lowest wins)', [defaultClass2, defaultClass1], pod(), 1000, undefined],
    ['pod with a non-existing priority class', [defaultClass1], pod({ priorityClassName: 'non-existing' }), 0, 'pods "p" is forbidden: no PriorityClass with name non-existing was found'],
    ['pod with system critical priority in non-system namespace', [], pod({ priorityClassName: 'system-cluster-critical' }, 'non-system-namespace'), SYSTEM_CRITICAL_PRIORITY, undefined],
    ['pod with system node critical priority', [], pod({ priorityClassName: 'system-node-critical' }), SYSTEM_CRITICAL_PRIORITY + 1000, undefined],
    ['pod with the same priority as its class', [nondefaultClass1], pod({ priorityClassName: 'nondefault1', priority: 2000 }), 2000, undefined],
    [
      'pod with a priority that differs from its class',
      [nondefaultClass1],
      pod({ priorityClassName: 'nondefault1', priority: 1 }),
      0,
      'pods "p" is forbidden: the integer value of priority (1) must not be provided in pod spec; priority admission controller computed 2000 from the given PriorityClass name',
    ],
    [
      'pod with a priority and no class (computed 0)',
      [],
      pod({ priority: 7 }),
      0,
      'pods "p" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    ],
  ];
  it.each(cases)('%s', (_name, classes, p, expected, error) => {
    const lister = priorityClassLister(classes);
    if (error !== undefined) {
      expect(() => admitPodPriority(p, lister)).toThrow(error);
      return;
    }
    admitPodPriority(p, lister);
    expect(p.spec.priority).toBe(expected);
  });

  it('records the default class name and its preemption policy', () => {
    const p = pod();
    admitPodPriority(p, priorityClassLister([pc('d', 5, { globalDefault: true, preemptionPolicy: 'Never' })]));
    expect(p.spec).toMatchObject({ priorityClassName: 'd', priority: 5, preemptionPolicy: 'Never' });
  });

  it('gives PreemptLowerPriority when no default class exists, and no class name', () => {
    const p = pod();
    admitPodPriority(p, priorityClassLister([]));
    expect(p.spec.priorityClassName).toBeUndefined();
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('takes the class preemption policy (pod with nopreemption class)', () => {
    const p = pod({ priorityClassName: 'nopreemption' });
    admitPodPriority(p, priorityClassLister([neverClass]));
    expect(p.spec.preemptionPolicy).toBe('Never');
  });

  it('refuses a pod whose preemption policy differs from its class', () => {
    const p = pod({ preemptionPolicy: 'Never' });
    expect(() => admitPodPriority(p, priorityClassLister([]))).toThrow(
      'pods "p" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
    const e = (() => {
      try {
        admitPodPriority(pod({ priorityClassName: 'x' }), priorityClassLister([]));
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(AdmissionError);
    expect((e as AdmissionError).reason).toBe('no PriorityClass with name x was found');
  });

  it('finds the global default with the lowest value', () => {
    expect(defaultPriorityClass(priorityClassLister([defaultClass2, nondefaultClass1, defaultClass1]))?.metadata.name).toBe('default1');
    expect(defaultPriorityClass(priorityClassLister([nondefaultClass1]))).toBeUndefined();
  });
});

// After TestForgivenessAdmission in plugin/pkg/admission/defaulttolerationseconds/admission_test.go.
describe('DefaultTolerationSeconds admission (TestForgivenessAdmission)', () => {
  const notReady: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  const unreachable: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

  const cases: Array<[string, Toleration[] | undefined, Toleration[]]> = [
    ['pod has no tolerations, expect add tolerations for not-ready and unreachable', undefined, [notReady, unreachable]],
    [
      'pod has tolerations, but none is for taint not-ready or unreachable',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule', tolerationSeconds: 700 }],
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule', tolerationSeconds: 700 }, notReady, unreachable],
    ],
    [
      'pod specified a toleration for taint not-ready, expect add toleration for unreachable',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }, unreachable],
    ],
    [
      'pod specified a toleration for taint unreachable, expect add toleration for not-ready',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 }, notReady],
    ],
    [
      'pod specified tolerations for both taints, expect no change',
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
      ],
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 700 },
      ],
    ],
    [
      'pod specified toleration for taint unreachable with NoSchedule effect, expect both added',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 700 }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 700 }, notReady, unreachable],
    ],
    [
      'pod tolerates all taints (empty key, Exists), expect no change',
      [{ operator: 'Exists' }],
      [{ operator: 'Exists' }],
    ],
    [
      'pod tolerates all NoExecute taints (empty key), expect no change',
      [{ operator: 'Exists', effect: 'NoExecute' }],
      [{ operator: 'Exists', effect: 'NoExecute' }],
    ],
    [
      'pod tolerates not-ready with any effect, expect only unreachable added',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, unreachable],
    ],
  ];
  it.each(cases)('%s', (_name, tolerations, expected) => {
    const p = pod(tolerations === undefined ? {} : { tolerations });
    admitPodDefaultTolerationSeconds(p);
    expect(p.spec.tolerations).toEqual(expected);
  });

  it('takes configured seconds', () => {
    const p = pod();
    admitPodDefaultTolerationSeconds(p, { notReady: 60, unreachable: 120 });
    expect(p.spec.tolerations?.map((t) => t.tolerationSeconds)).toEqual([60, 120]);
  });
});

describe('admitPod', () => {
  it('runs both plugins, and can skip the tolerations', () => {
    const p = pod();
    admitPod(p, priorityClassLister([]));
    expect(p.spec.priority).toBe(0);
    expect(p.spec.tolerations).toHaveLength(2);
    const q = pod();
    admitPod(q, priorityClassLister([]), { skipDefaultTolerationSeconds: true });
    expect(q.spec.tolerations).toBeUndefined();
  });
});
