import { milliseconds, type Micros } from '../engine/time.js';

/**
 * How long the control plane's plumbing takes. `ideal` makes every API call
 * and watch delivery instantaneous, for pure placement studies; `realistic`
 * takes the reference's figures (kubernetes-behaviour.md §4: etcd commit
 * 1–5 ms, a mutating API call 5–50 ms, watch fan-out under 100 ms). The
 * behaviours themselves (heartbeats, grace periods, backoffs) are Kubernetes'
 * defaults under both.
 */
export interface ControlPlaneProfile {
  readonly name: 'ideal' | 'realistic';
  /** From an API request to its commit in etcd. */
  readonly requestLatency: Micros;
  /** From a commit to its delivery to every watcher. */
  readonly watchLatency: Micros;
}

/** The profiles by name. */
export const CONTROL_PLANE_PROFILES: Readonly<Record<'ideal' | 'realistic', ControlPlaneProfile>> = {
  ideal: { name: 'ideal', requestLatency: 0, watchLatency: 0 },
  realistic: { name: 'realistic', requestLatency: milliseconds(15), watchLatency: milliseconds(25) },
};
