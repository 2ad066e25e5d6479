/**
 * The feature gates that change scheduling behaviour, with their Kubernetes
 * v1.34 defaults, settable as kube-scheduler's `--feature-gates` flag.
 */
export const FEATURE_GATE_DEFAULTS = {
  /** Beta, on: PodTopologySpread honours matchLabelKeys. */
  MatchLabelKeysInPodTopologySpread: true,
  /** GA (locked on in upstream; settable here for studies): nodeAffinityPolicy / nodeTaintsPolicy. */
  NodeInclusionPolicyInPodTopologySpread: true,
  /** Beta, on: pod-level resource requests replace the container aggregate. */
  PodLevelResources: true,
  /** GA: plugins' queueing hints decide re-queueing. */
  SchedulerQueueingHints: true,
  /** Beta, on: Pop takes from backoffQ when activeQ is empty. */
  SchedulerPopFromBackoffQ: true,
  /** Beta, on: sidecar containers (restartable init containers). */
  SidecarContainers: true,
} as const;

export type FeatureGateName = keyof typeof FEATURE_GATE_DEFAULTS;

/** A set of gate values: the defaults overridden by the user's. */
export class FeatureGates {
  private readonly values: Record<FeatureGateName, boolean>;

  constructor(overrides: Partial<Record<FeatureGateName, boolean>> = {}) {
    this.values = { ...FEATURE_GATE_DEFAULTS, ...overrides };
  }

  enabled(name: FeatureGateName): boolean {
    return this.values[name];
  }

  /** Every gate and its value, in name order. */
  entries(): [FeatureGateName, boolean][] {
    return (Object.keys(this.values) as FeatureGateName[]).sort().map((k) => [k, this.values[k]]);
  }

  /**
   * Parses kube-scheduler's flag syntax, `Name=true,Other=false`. Throws an
   * Error naming the bad entry for an unknown gate or a value other than true/false.
   */
  static parse(flag: string): FeatureGates {
    const overrides: Partial<Record<FeatureGateName, boolean>> = {};
    for (const raw of flag.split(',')) {
      const entry = raw.trim();
      if (entry === '') continue;
      const eq = entry.indexOf('=');
      if (eq < 0) throw new Error(`missing bool value for ${entry}`);
      const name = entry.slice(0, eq).trim();
      const value = entry.slice(eq + 1).trim();
      if (!(name in FEATURE_GATE_DEFAULTS)) {
        throw new Error(`unrecognized feature gate: ${name} (known: ${Object.keys(FEATURE_GATE_DEFAULTS).sort().join(', ')})`);
      }
      if (value !== 'true' && value !== 'false') throw new Error(`invalid value of ${name}=${value}, err: expected true or false`);
      overrides[name as FeatureGateName] = value === 'true';
    }
    return new FeatureGates(overrides);
  }
}
