import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deepCopy } from '../../src/api/deepCopy.js';

describe('deepCopy', () => {
  const manifest = parse(`
apiVersion: batch/v1
kind: Job
metadata: {name: train, labels: {app: train}}
spec:
  completions: 3
  template:
    spec:
      restartPolicy: Never
      tolerations: [{key: nvidia.com/gpu, operator: Exists}]
      containers:
        - name: c
          image: busybox
          args: ["-c", "sleep 10"]
          resources: {requests: {cpu: 500m, nvidia.com/gpu: "1"}, limits: null}
`) as Record<string, unknown>;

  it('equals structuredClone on a parsed manifest, key order included', () => {
    const copied = deepCopy(manifest);
    expect(copied).toStrictEqual(structuredClone(manifest));
    expect(JSON.stringify(copied)).toBe(JSON.stringify(manifest));
  });

  it('shares nothing with the original', () => {
    const copied = deepCopy(manifest) as { spec: { template: { spec: { containers: { args: string[] }[] } } } };
    copied.spec.template.spec.containers[0]!.args.push('x');
    expect((manifest as typeof copied).spec.template.spec.containers[0]!.args).toEqual(['-c', 'sleep 10']);
  });

  it('keeps keys whose value is undefined, as structuredClone does', () => {
    const value = { a: 1, b: undefined, c: [undefined, null] };
    expect(deepCopy(value)).toStrictEqual(structuredClone(value));
    expect(Object.keys(deepCopy(value))).toEqual(['a', 'b', 'c']);
  });

  it('leaves a Map, a Date and a class instance to structuredClone', () => {
    class Amount {
      constructor(readonly milli: number) {}
    }
    const value = { when: new Date(0), by: new Map([['a', 1]]), amount: new Amount(5) };
    expect(deepCopy(value)).toStrictEqual(structuredClone(value));
  });

  it('copes with a cycle and with very deep nesting through structuredClone', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic['self'] = cyclic;
    const copied = deepCopy(cyclic);
    expect(copied['self']).toBe(copied);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 500; i++) deep = { next: deep };
    expect(deepCopy(deep)).toStrictEqual(deep);
  });

  it('refuses a function as structuredClone does', () => {
    expect(() => deepCopy({ f: () => 1 })).toThrow();
  });
});
