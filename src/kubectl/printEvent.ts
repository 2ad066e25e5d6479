import type { Event } from '../api/types.js';
import { since } from './humanDuration.js';
import type { TablePrinter } from './listing.js';

/** The events.k8s.io fields a core Event may also carry, read when present. */
interface EventExtras {
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  reportingComponent?: string;
  reportingController?: string;
  reportingInstance?: string;
}

/** formatEventSource: `component, host`, falling back to the reporting controller and instance. */
export function formatEventSource(e: Event): string {
  const x = e as Event & EventExtras;
  const component = (e.source?.component ?? '') !== '' ? (e.source?.component ?? '') : (x.reportingController ?? '');
  const instance = (e.source?.host ?? '') !== '' ? (e.source?.host ?? '') : (x.reportingInstance ?? '');
  if (component === '' && instance === '') return '';
  return instance === '' ? component : `${component}, ${instance}`;
}

/** printEvent's FIRST SEEN and LAST SEEN ages and COUNT. */
export function eventTimes(e: Event, nowMillis: number): { firstSeen: string; lastSeen: string; count: number } {
  const x = e as Event & EventExtras;
  const firstSeen = (e.firstTimestamp ?? '') === '' ? since(x.eventTime, nowMillis) : since(e.firstTimestamp, nowMillis);
  let lastSeen = (e.lastTimestamp ?? '') === '' ? firstSeen : since(e.lastTimestamp, nowMillis);
  let count = e.count ?? 0;
  if (x.series !== undefined) {
    lastSeen = since(x.series.lastObservedTime, nowMillis);
    count = x.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events of the new API carry no count
  }
  return { firstSeen, lastSeen, count };
}

/** `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE; wide: LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME. */
export const eventPrinter: TablePrinter<Event> = {
  kind: 'Event',
  namespaced: true,
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideColumns: [],
  wideHeader: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
  row(e, now, wide) {
    const { firstSeen, lastSeen, count } = eventTimes(e, now);
    const kind = e.involvedObject.kind.toLowerCase();
    const target = e.involvedObject.name.length > 0 ? `${kind}/${e.involvedObject.name}` : kind;
    const message = e.message.trim();
    if (wide) return [lastSeen, e.type, e.reason, target, e.involvedObject.fieldPath ?? '', formatEventSource(e), message, firstSeen, String(count), e.metadata.name ?? ''];
    return [lastSeen, e.type, e.reason, target, message];
  },
};
