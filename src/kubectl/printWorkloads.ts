import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../api/types.js';
import { since } from './humanDuration.js';
import { formatLabels, type TablePrinter } from './listing.js';
import { formatLabelSelector, layoutContainerCells, selectorString } from './selectors.js';

const CONTAINER_COLUMNS = ['CONTAINERS', 'IMAGES'] as const;

/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE; wide adds CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: TablePrinter<Deployment> = {
  kind: 'Deployment',
  namespaced: true,
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideColumns: [...CONTAINER_COLUMNS, 'SELECTOR'],
  row(d, now, wide) {
    const s = d.status ?? {};
    // spec.replicas is defaulted to 1 by the API server.
    const cells = [d.metadata.name ?? '', `${s.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), since(d.metadata.creationTimestamp, now)];
    if (wide) cells.push(...layoutContainerCells(d.spec.template.spec.containers), selectorString(d.spec.selector));
    return cells;
  },
};

/** `kubectl get replicasets`: NAME DESIRED CURRENT READY AGE; wide adds CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: TablePrinter<ReplicaSet> = {
  kind: 'ReplicaSet',
  namespaced: true,
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideColumns: [...CONTAINER_COLUMNS, 'SELECTOR'],
  row(rs, now, wide) {
    const s = rs.status ?? {};
    const cells = [rs.metadata.name ?? '', String(rs.spec.replicas ?? 1), String(s.replicas ?? 0), String(s.readyReplicas ?? 0), since(rs.metadata.creationTimestamp, now)];
    if (wide) cells.push(...layoutContainerCells(rs.spec.template?.spec.containers), formatLabelSelector(rs.spec.selector));
    return cells;
  },
};

/** `kubectl get daemonsets`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE; wide adds CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: TablePrinter<DaemonSet> = {
  kind: 'DaemonSet',
  namespaced: true,
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideColumns: [...CONTAINER_COLUMNS, 'SELECTOR'],
  row(ds, now, wide) {
    const s = ds.status ?? {};
    const cells = [
      ds.metadata.name ?? '',
      String(s.desiredNumberScheduled ?? 0),
      String(s.currentNumberScheduled ?? 0),
      String(s.numberReady ?? 0),
      String(s.updatedNumberScheduled ?? 0),
      String(s.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec.nodeSelector),
      since(ds.metadata.creationTimestamp, now),
    ];
    if (wide) cells.push(...layoutContainerCells(ds.spec.template.spec.containers), formatLabelSelector(ds.spec.selector));
    return cells;
  },
};

/** `kubectl get statefulsets`: NAME READY AGE; wide adds CONTAINERS IMAGES. */
export const statefulSetPrinter: TablePrinter<StatefulSet> = {
  kind: 'StatefulSet',
  namespaced: true,
  columns: ['NAME', 'READY', 'AGE'],
  wideColumns: [...CONTAINER_COLUMNS],
  row(sts, now, wide) {
    const cells = [sts.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 1}`, since(sts.metadata.creationTimestamp, now)];
    if (wide) cells.push(...layoutContainerCells(sts.spec.template?.spec.containers));
    return cells;
  },
};
