/**
 * A trace's rows as Kubernetes objects: Node objects with the GPUs in their
 * capacity and the model in a label, Pod objects with CPU and memory
 * requests and the GPU ask in annotations (the contract of ../types.ts).
 */
import type { Node, Pod } from '../../api/types.js';
import {
  GPU_COUNT_RESOURCE,
  GPU_MODEL_LABEL,
  POD_GPU_COUNT_ANNOTATION,
  POD_GPU_MILLI_ANNOTATION,
  POD_GPU_MODELS_ANNOTATION,
} from '../types.js';
import type { OpenbNode, OpenbPod } from './types.js';

/**
 * Pods a trace node may hold. The paper's simulator gives every node a pod
 * cap of 1001, which no run reaches (reference §1 "Cluster").
 */
export const TRACE_NODE_MAX_PODS = '1001';
/** The namespace trace pods are created in. */
export const TRACE_NAMESPACE = 'default';
/** The image of a trace pod's only container (the trace has none; image locality is not scored by the paper's policies). */
export const TRACE_POD_IMAGE = 'registry.k8s.io/pause:3.10.1';

/** A trace node as a Ready Node: cpu, memory, pods and (with GPUs) `nvidia.com/gpu` in capacity = allocatable. */
export function traceNode(n: OpenbNode): Node {
  const capacity: Record<string, string> = { cpu: `${n.cpuMilli}m`, memory: `${n.memoryMib}Mi`, pods: TRACE_NODE_MAX_PODS };
  const labels: Record<string, string> = { 'kubernetes.io/hostname': n.name };
  if (n.gpu > 0) {
    capacity[GPU_COUNT_RESOURCE] = String(n.gpu);
    labels[GPU_MODEL_LABEL] = n.model;
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, uid: `node/${n.name}`, labels },
    spec: {},
    status: { capacity, allocatable: { ...capacity }, conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' },
  };
}

/**
 * A trace pod as a pending Pod: one container requesting (and limited to)
 * the pod's cpu and memory; a GPU pod carries `gpu.kubesim.io/count`,
 * `gpu.kubesim.io/milli` and, with a gpu_spec, `gpu.kubesim.io/models`.
 * The uid is the pod's name (trace names are unique, clones included).
 */
export function tracePod(p: OpenbPod): Pod {
  const annotations: Record<string, string> = {};
  if (p.numGpu > 0) {
    annotations[POD_GPU_COUNT_ANNOTATION] = String(p.numGpu);
    annotations[POD_GPU_MILLI_ANNOTATION] = String(p.gpuMilli);
    if (p.models.length > 0) annotations[POD_GPU_MODELS_ANNOTATION] = p.models.join('|');
  }
  const requests = { cpu: `${p.cpuMilli}m`, memory: `${p.memoryMib}Mi` };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: TRACE_NAMESPACE, uid: p.name, annotations },
    spec: { containers: [{ name: 'main', image: TRACE_POD_IMAGE, resources: { requests, limits: requests } }] },
  };
}
