// A user's own scheduler plugin, as a kubesim policy module.
//
//   kubesim explain --cluster cluster.yaml --pod pod.yaml --config examples/policies/prefer-label.mjs
//
// PreferLabel is a Score plugin: nodes carrying a label (default
// `kubesim.io/preferred=true`) score 100, others 0. The module's `config`
// adds it to the default profile with weight 5, so it outweighs the
// resource-balancing scores but not the affinity rules.

/** The plugin: a name plus the extension points it implements (here PreScore and Score). */
class PreferLabelPlugin {
  constructor(args, handle) {
    this.name = 'PreferLabel';
    this.key = args.key;
    this.value = args.value;
    this.table = handle.snapshot.table; // for the whole-table fast path
  }

  /** Score: an integer in [0, 100] for one node (NodeInfo: node, labels, pods, requested, allocatable, ...). */
  score(_state, _pod, node) {
    return node.labels[this.key] === this.value ? 100 : 0;
  }

  /** Optional fast path: score many nodes (NodeTable rows) in one call, with results identical to score(). */
  scoreNodes(_state, _pod, rows, count, out) {
    for (let k = 0; k < count; k++) out[k] = this.table.infos[rows[k]].labels[this.key] === this.value ? 100 : 0;
  }
}

/** The plugin module: upstream-style args defaulting and validation, and the factory. */
export const PreferLabel = {
  name: 'PreferLabel',
  argsKind: 'PreferLabelArgs',
  defaultArgs(args) {
    return { key: args?.key ?? 'kubesim.io/preferred', value: args?.value ?? 'true' };
  },
  validateArgs(args) {
    return typeof args.key === 'string' && args.key !== '' ? [] : [{ path: 'key', message: 'Required value' }];
  },
  factory(args, handle) {
    return new PreferLabelPlugin(args, handle);
  },
};

export const plugins = [PreferLabel];

/** A KubeSchedulerConfiguration: the default profile plus PreferLabel's Score with weight 5. */
export const config = `
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      enabled:
      - name: PreferLabel
        weight: 5
  pluginConfig:
  - name: PreferLabel
    args:
      key: kubesim.io/preferred
      value: "true"
`;
