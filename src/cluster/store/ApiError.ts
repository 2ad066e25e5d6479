/** The lower-case plural resource name of a kind, as the API server names it in messages (`pods`, `deployments.apps`). */
export function resourceOf(kind: string): string {
  const plural = kind === 'EndpointSlice' ? 'endpointslices' : kind.endsWith('s') ? `${kind.toLowerCase()}es` : `${kind.toLowerCase()}s`;
  const group = GROUPS[kind];
  return group === undefined ? plural : `${plural}.${group}`;
}

const GROUPS: Record<string, string> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  DaemonSet: 'apps',
  StatefulSet: 'apps',
  Job: 'batch',
  EndpointSlice: 'discovery.k8s.io',
  Lease: 'coordination.k8s.io',
  PriorityClass: 'scheduling.k8s.io',
  PodDisruptionBudget: 'policy',
};

/** A failed API call, with the status reason and message the API server returns. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'TooManyRequests',
    message: string,
  ) {
    super(message);
  }

  static notFound(kind: string, name: string): ApiError {
    return new ApiError('NotFound', `${resourceOf(kind)} "${name}" not found`);
  }

  static alreadyExists(kind: string, name: string): ApiError {
    return new ApiError('AlreadyExists', `${resourceOf(kind)} "${name}" already exists`);
  }

  static conflict(kind: string, name: string, why: string): ApiError {
    return new ApiError('Conflict', `Operation cannot be fulfilled on ${resourceOf(kind)} "${name}": ${why}`);
  }

  static invalid(kind: string, name: string, detail: string): ApiError {
    return new ApiError('Invalid', kind === '' ? detail : `${kind} "${name}" is invalid: ${detail}`);
  }
}
