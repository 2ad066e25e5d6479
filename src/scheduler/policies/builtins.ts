/**
 * kubesim's built-in policies, each a KubeSchedulerConfiguration
 * (kubescheduler.config.k8s.io/v1) that goes through the same loader as a
 * user's file: `kubesim explain --policy most-allocated` and
 * `--config most-allocated.yaml` with this text are the same thing.
 *
 * Every built-in keeps kube-scheduler's default profile (its filters,
 * preemption, queue sort and binder) and changes only how nodes are scored.
 */

/** A built-in policy: its name, what it does, and its configuration text. */
export interface BuiltinPolicy {
  readonly name: string;
  readonly description: string;
  /** The KubeSchedulerConfiguration, as YAML. */
  readonly yaml: string;
}

const HEADER = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
`;

function fitArgs(strategy: string): string {
  return `profiles:
- schedulerName: default-scheduler
  pluginConfig:
  - name: NodeResourcesFit
    args:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: NodeResourcesFitArgs
      scoringStrategy:
${strategy}`;
}

export const BUILTIN_POLICIES: readonly BuiltinPolicy[] = [
  {
    name: 'default',
    description: "kube-scheduler v1.34's default profile, unchanged.",
    yaml: `${HEADER}profiles:
- schedulerName: default-scheduler
`,
  },
  {
    name: 'least-allocated',
    description: 'The default profile with NodeResourcesFit scoring LeastAllocated (cpu, memory, weight 1 each) written out: spreads load.',
    yaml: `${HEADER}${fitArgs(`        type: LeastAllocated
        resources:
        - name: cpu
          weight: 1
        - name: memory
          weight: 1
`)}`,
  },
  {
    name: 'most-allocated',
    description: 'The default profile with NodeResourcesFit scoring MostAllocated (cpu, memory, weight 1 each): packs nodes (bin packing).',
    yaml: `${HEADER}${fitArgs(`        type: MostAllocated
        resources:
        - name: cpu
          weight: 1
        - name: memory
          weight: 1
`)}`,
  },
  {
    name: 'balanced-allocation',
    description:
      'The default profile with NodeResourcesFit scoring off (PreScore and Score disabled; its Filter stays): NodeResourcesBalancedAllocation is the only resource score.',
    yaml: `${HEADER}profiles:
- schedulerName: default-scheduler
  plugins:
    preScore:
      disabled:
      - name: NodeResourcesFit
    score:
      disabled:
      - name: NodeResourcesFit
`,
  },
  {
    name: 'requested-to-capacity-ratio',
    description:
      'The default profile with NodeResourcesFit scoring RequestedToCapacityRatio on cpu and memory (weight 1 each) with the shape {0%: 0, 100%: 10}: the score rises linearly with utilisation after placement, a bin-packing shape as in the Kubernetes "Resource Bin Packing" documentation.',
    yaml: `${HEADER}${fitArgs(`        type: RequestedToCapacityRatio
        resources:
        - name: cpu
          weight: 1
        - name: memory
          weight: 1
        requestedToCapacityRatio:
          shape:
          - utilization: 0
            score: 0
          - utilization: 100
            score: 10
`)}`,
  },
  {
    name: 'random',
    description:
      "Every feasible node ties: all of the default profile's Score (and PreScore) plugins are disabled and kubesim's EqualScore gives every node the same score, with percentageOfNodesToScore 100 so that every node is filtered; selectHost then picks uniformly at random among all feasible nodes from the run's seeded stream. (A profile with no Score plugin at all would not do: kube-scheduler then stops at the first feasible node of its round-robin scan.)",
    yaml: `${HEADER}profiles:
- schedulerName: default-scheduler
  percentageOfNodesToScore: 100
  plugins:
    preScore:
      disabled:
      - name: '*'
    score:
      disabled:
      - name: '*'
      enabled:
      - name: EqualScore
`,
  },
];

/** The built-in policy called `name`, or undefined. */
export function builtinPolicy(name: string): BuiltinPolicy | undefined {
  return BUILTIN_POLICIES.find((p) => p.name === name);
}

/** The built-in names, in their listed order. */
export function builtinPolicyNames(): string[] {
  return BUILTIN_POLICIES.map((p) => p.name);
}
