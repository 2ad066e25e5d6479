import { AdmissionError, admitPod, priorityClassLister } from '../api/admission.js';
import { deepCopy } from '../api/deepCopy.js';
import { setObjectDefaults, setPodDefaults } from '../api/defaults.js';
import type { KubeObject, Pod, PodSpec, PriorityClass } from '../api/types.js';
import type { Cluster } from './Cluster.js';
import { ApiError } from './store/ApiError.js';

/**
 * Installs the API server's create path: defaulting of every kind kubesim
 * knows, then the mutating admission plugins that matter to scheduling for
 * pods (Priority, DefaultTolerationSeconds). The admission plugins read
 * PriorityClasses through an informer, so a class created a moment ago may
 * not be known yet, as in Kubernetes.
 *
 * Pods made by a controller share their template's spec object; the admitted
 * spec is remembered per input spec, so thousands of replicas cost one
 * defaulting and one admission.
 */
export function installAdmission(cluster: Cluster): void {
  const classes = cluster.informers.for<PriorityClass>('PriorityClass');
  let admitted = new WeakMap<PodSpec, PodSpec>();
  classes.addHandler({ add: () => (admitted = new WeakMap()), update: () => (admitted = new WeakMap()), delete: () => (admitted = new WeakMap()) });
  cluster.apiServer.admission = (object: KubeObject): KubeObject => {
    if (object.kind !== 'Pod') {
      const copy = deepCopy(object);
      if (copy.apiVersion === undefined) copy.apiVersion = object.kind === 'Deployment' || object.kind === 'ReplicaSet' || object.kind === 'DaemonSet' || object.kind === 'StatefulSet' ? 'apps/v1' : object.kind === 'Job' ? 'batch/v1' : 'v1';
      setObjectDefaults(copy);
      return copy;
    }
    const pod = object as Pod;
    const cached = admitted.get(pod.spec);
    if (cached !== undefined) return { ...pod, spec: cached } as Pod;
    const copy: Pod = { ...pod, spec: deepCopy(pod.spec) };
    setPodDefaults(copy);
    try {
      admitPod(copy, priorityClassLister(classes.list()));
    } catch (error) {
      if (error instanceof AdmissionError) throw new ApiError('Invalid', error.message);
      throw error;
    }
    admitted.set(pod.spec, copy.spec);
    return copy;
  };
}
