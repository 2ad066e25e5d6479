/**
 * The two mutating admission plugins of a default API server that decide
 * scheduling-relevant pod fields on create (v1.34):
 *
 * - Priority (plugin/pkg/admission/priority): `spec.priority` and
 *   `spec.preemptionPolicy` from the pod's PriorityClass, or from the global
 *   default class, or 0 / PreemptLowerPriority when there is none;
 * - DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds):
 *   NoExecute tolerations of the not-ready and unreachable taints for 300 s
 *   unless the pod already tolerates them.
 *
 * The built-in classes `system-cluster-critical` and `system-node-critical`
 * exist on every cluster (the API server creates them).
 */
import { InputError } from './InputError.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './taints.js';
import type { Pod, PriorityClass } from './types.js';

/** scheduling.SystemClusterCritical. */
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';
/** scheduling.SystemNodeCritical. */
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';
/** scheduling.SystemCriticalPriority: 2 000 000 000. */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
/** scheduling.HighestUserDefinablePriority: 1 000 000 000. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;
/** The admission plugin's default `--default-not-ready-toleration-seconds` / `--default-unreachable-toleration-seconds`. */
export const DEFAULT_TOLERATION_SECONDS = 300;

function systemClass(name: string, value: number): PriorityClass {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    globalDefault: false,
    preemptionPolicy: 'PreemptLowerPriority',
    description: 'Used for system critical pods that must not be moved from their current node.',
  };
}

/** scheduling.SystemPriorityClasses(): the classes the API server bootstraps. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = Object.freeze([
  systemClass(SYSTEM_NODE_CRITICAL, SYSTEM_CRITICAL_PRIORITY + 1000),
  systemClass(SYSTEM_CLUSTER_CRITICAL, SYSTEM_CRITICAL_PRIORITY),
]);

/** A pod refused by an admission plugin: `pods "NAME" is forbidden: REASON`. */
export class AdmissionError extends InputError {
  override readonly name: string = 'AdmissionError';
  /**
   * @param podName the pod's name
   * @param reason the plugin's reason
   */
  constructor(
    readonly podName: string,
    readonly reason: string,
  ) {
    super(`pods "${podName}" is forbidden: ${reason}`);
  }
}

/** Where the Priority plugin looks classes up. */
export interface PriorityClassLister {
  /** The class of that name, or undefined. */
  get(name: string): PriorityClass | undefined;
  /** Every class (to find the global default). */
  list(): Iterable<PriorityClass>;
}

/** A lister over the given classes plus the two system classes (a given class of the same name wins). */
export function priorityClassLister(classes: Iterable<PriorityClass>): PriorityClassLister {
  const byName = new Map<string, PriorityClass>();
  for (const pc of SYSTEM_PRIORITY_CLASSES) byName.set(pc.metadata.name ?? '', pc);
  for (const pc of classes) byName.set(pc.metadata.name ?? '', pc);
  return { get: (name) => byName.get(name), list: () => byName.values() };
}

/** getDefaultPriorityClass: the global default class with the lowest value (several may exist after a race). */
export function defaultPriorityClass(lister: PriorityClassLister): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const pc of lister.list()) if (pc.globalDefault === true && (best === undefined || best.value > pc.value)) best = pc;
  return best;
}

/**
 * The Priority plugin on pod create, in place: resolves the pod's
 * PriorityClass (or the global default, whose name it records), sets
 * `spec.priority` and, when the class has one, `spec.preemptionPolicy`.
 * @throws AdmissionError with upstream's reason when the class does not
 * exist or the pod already carries a different priority or preemption policy
 */
export function admitPodPriority(pod: Pod, lister: PriorityClassLister): void {
  const podName = pod.metadata?.name ?? pod.metadata?.generateName ?? '';
  const className = pod.spec.priorityClassName ?? '';
  let name: string;
  let priority: number;
  let policy: PriorityClass['preemptionPolicy'];
  if (className === '') {
    const dpc = defaultPriorityClass(lister);
    name = dpc?.metadata.name ?? '';
    priority = dpc?.value ?? DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS;
    policy = dpc === undefined ? 'PreemptLowerPriority' : dpc.preemptionPolicy;
  } else {
    const pc = lister.get(className);
    if (pc === undefined) throw new AdmissionError(podName, `no PriorityClass with name ${className} was found`);
    name = className;
    priority = pc.value;
    policy = pc.preemptionPolicy;
  }
  if (name !== '') pod.spec.priorityClassName = name;
  if (pod.spec.priority !== undefined && pod.spec.priority !== null && pod.spec.priority !== priority) {
    throw new AdmissionError(
      podName,
      `the integer value of priority (${pod.spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  pod.spec.priority = priority;
  if (policy !== undefined) {
    if (pod.spec.preemptionPolicy !== undefined && pod.spec.preemptionPolicy !== policy) {
      throw new AdmissionError(
        podName,
        `the string value of PreemptionPolicy (${pod.spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    }
    pod.spec.preemptionPolicy = policy;
  }
}

/** Toleration seconds the DefaultTolerationSeconds plugin adds. */
export interface DefaultTolerationSecondsOptions {
  /** `--default-not-ready-toleration-seconds` (300). */
  notReady?: number;
  /** `--default-unreachable-toleration-seconds` (300). */
  unreachable?: number;
}

/**
 * The DefaultTolerationSeconds plugin, in place: unless a toleration with
 * key `node.kubernetes.io/not-ready` (resp. `unreachable`) or an empty key,
 * and effect NoExecute or empty, exists, adds `{key, operator: Exists,
 * effect: NoExecute, tolerationSeconds: 300}`.
 */
export function admitPodDefaultTolerationSeconds(pod: Pod, options: DefaultTolerationSecondsOptions = {}): void {
  const tolerations = pod.spec.tolerations ?? [];
  let notReady = false;
  let unreachable = false;
  for (const t of tolerations) {
    const key = t.key ?? '';
    const anyEffect = t.effect === undefined || t.effect === '' || t.effect === 'NoExecute';
    if (anyEffect && (key === TAINT_NODE_NOT_READY || key === '')) notReady = true;
    if (anyEffect && (key === TAINT_NODE_UNREACHABLE || key === '')) unreachable = true;
  }
  if (notReady && unreachable) return;
  const added = [...tolerations];
  if (!notReady) {
    added.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: options.notReady ?? DEFAULT_TOLERATION_SECONDS });
  }
  if (!unreachable) {
    added.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: options.unreachable ?? DEFAULT_TOLERATION_SECONDS });
  }
  pod.spec.tolerations = added;
}

/** Options of {@link admitPod}. */
export interface AdmitPodOptions extends DefaultTolerationSecondsOptions {
  /** Skip the DefaultTolerationSeconds plugin. */
  skipDefaultTolerationSeconds?: boolean;
}

/**
 * Pod create admission as a default API server runs the mutating plugins
 * that matter to scheduling: Priority, then DefaultTolerationSeconds.
 * @throws AdmissionError when the Priority plugin refuses the pod
 */
export function admitPod(pod: Pod, lister: PriorityClassLister, options: AdmitPodOptions = {}): void {
  admitPodPriority(pod, lister);
  if (options.skipDefaultTolerationSeconds !== true) admitPodDefaultTolerationSeconds(pod, options);
}
