/**
 * kubesim's library API. The engine comes first; the scheduler, the cluster
 * and the reports join it as they land.
 */
export * from './engine/index.js';
export { runEngineDemo, ENGINE_DEMO_DEFAULTS, type EngineDemoOptions, type EngineDemoResult } from './workloads/engineDemo.js';
