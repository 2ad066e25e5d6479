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
      "Every feasible node ties: all of the default profile's Score (and PreScore) plugins are disabled and kubesim's EqualScore gives every node the same score, with percentageOfNodesToScore 100 so that every node is filtered; selectHost then picks uniformly at random among all feasible nodes from the run's seeded stream. (A profile with no Score plugin at all would not do: kube-scheduler then stops at the first feasible node of its round-robin scan.) GPU-aware as the FGD paper's Random: the GpuShare filter (GPU fit and model), and a sharing pod's GPU drawn uniformly among those with room.",
    yaml: `${HEADER}profiles:
- schedulerName: default-scheduler
  percentageOfNodesToScore: 100
  plugins:
    filter:
      enabled:
      - name: GpuShare
    reserve:
      enabled:
      - name: GpuShare
    preScore:
      disabled:
      - name: '*'
    score:
      disabled:
      - name: '*'
      enabled:
      - name: EqualScore
  pluginConfig:
  - name: GpuShare
    args:
      gpuSelection: Random
`,
  },
  gpuPolicy(
    'dot-product',
    'DotProductScore',
    false,
    "The FGD paper's DotProd baseline: the node whose free (CPU, GPU) vector, normalised by 128 vCPU and 8 GPUs, has the smallest dot product with the pod's request wins (it prefers fuller nodes); sharing pods take the best-fit GPU.",
  ),
  gpuPolicy(
    'gpu-clustering',
    'GpuClusteringScore',
    false,
    "The FGD paper's GpuClustering baseline: GPU pods go where GPU pods of the same kind (sharing, or k whole GPUs) already run, then to idle nodes; CPU-only pods tie everywhere; sharing pods take the best-fit GPU.",
  ),
  gpuPolicy(
    'gpu-packing',
    'GpuPackingScore',
    false,
    "The FGD paper's GpuPacking baseline: GPU pods fill already-shared GPUs first, then free GPUs of used nodes, then the smallest empty nodes; CPU-only pods tie everywhere; sharing pods take the best-fit GPU.",
  ),
  gpuPolicy(
    'best-fit',
    'BestFitScore',
    false,
    "The FGD paper's BestFit baseline: the node left with the least free CPU and GPU (0.5 each, normalised by 128 vCPU and 8 GPUs) wins, scores min-max normalised; sharing pods take the best-fit GPU.",
  ),
  gpuPolicy(
    'fgd',
    'FGDScore',
    true,
    "The FGD paper's Fragmentation Gradient Descent: the node (and, for a sharing pod, the GPU) whose GPU fragmentation against the target workload grows least wins. The target workload is FGDScore's targetWorkload argument (typical pods with weights); a run that knows its trace fills it in, and without it every node scores 50.",
  ),
];

/**
 * A GPU-sharing policy as the FGD paper's simulator runs it: the default
 * profile's filters plus GpuShare, no PostFilter (a pod that does not fit is
 * dropped by the paper's method; its pods all have one priority, so
 * preemption could never find a victim anyway), every default Score and
 * PreScore plugin disabled, one GPU score plugin at weight 1000, percentageOfNodesToScore
 * 100, and ties broken by a seeded node permutation fixed for the run.
 * (Listed per extension point: `score.disabled: '*'` turns off multiPoint
 * expansion at Score, as upstream.)
 */
function gpuPolicy(name: string, plugin: string, reserves: boolean, description: string): BuiltinPolicy {
  const reserve = reserves ? `\n      - name: ${plugin}` : '';
  return {
    name,
    description: `${description} Filters: the default profile's plus GpuShare; no preemption; ${plugin} at weight 1000 is the only score; ties go to the first node of a seeded permutation fixed for the run (kubesim.io/TieBreak permutation).`,
    yaml: `${HEADER}profiles:
- schedulerName: default-scheduler
  percentageOfNodesToScore: 100
  plugins:
    filter:
      enabled:
      - name: GpuShare
    reserve:
      enabled:
      - name: GpuShare${reserve}
    postFilter:
      disabled:
      - name: '*'
    preScore:
      disabled:
      - name: '*'
    score:
      disabled:
      - name: '*'
      enabled:
      - name: ${plugin}
        weight: 1000
  pluginConfig:
  - name: kubesim.io/TieBreak
    args:
      type: permutation
`,
  };
}

/** The built-in policy called `name`, or undefined. */
export function builtinPolicy(name: string): BuiltinPolicy | undefined {
  return BUILTIN_POLICIES.find((p) => p.name === name);
}

/** The built-in names, in their listed order. */
export function builtinPolicyNames(): string[] {
  return BUILTIN_POLICIES.map((p) => p.name);
}
