/**
 * DefaultBinder (pkg/scheduler/framework/plugins/defaultbinder, v1.34.1):
 * binds the pod to the chosen node. Upstream writes a Binding through the API
 * server; here the scheduler itself applies the binding to its cache and the
 * cluster, so Bind succeeds and records nothing.
 */
import type { CycleState } from '../framework/CycleState.js';
import type { BindPlugin } from '../framework/interfaces.js';
import type { PodInfo } from '../framework/PodInfo.js';
import type { Result } from '../framework/Status.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.DefaultBinder). */
export const NAME = 'DefaultBinder';

/** The default Bind plugin. */
export class DefaultBinderPlugin implements BindPlugin {
  readonly name = NAME;

  /** Success: the scheduler applies the binding. */
  bind(_state: CycleState, _pod: PodInfo, _nodeName: string): Result {
    return null;
  }
}

/** DefaultBinder's registry entry (no args). */
export const DefaultBinder: PluginModule<undefined> = {
  name: NAME,
  factory() {
    return new DefaultBinderPlugin();
  },
};
