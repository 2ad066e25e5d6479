/**
 * One scheduling cycle's algorithm (schedule_one.go): findNodesThatFitPod,
 * prioritizeNodes, selectHost, and the FitError message. The pieces live in
 * cycle/, one concept each.
 */
export type { CycleContext, Diagnosis } from './cycle/CycleContext.js';
export { fitErrorMessage } from './cycle/fitError.js';
export { findNodesThatFitPod, runFilterWithNominatedPods, type FitResult } from './cycle/findNodesThatFitPod.js';
export { prioritizeNodes, type PluginScores, type ScoreResult } from './cycle/prioritizeNodes.js';
export { selectHost } from './cycle/selectHost.js';
