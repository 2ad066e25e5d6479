import { newScaledQuantity, quantityFromText, type QuantityFormat } from '../../api/quantity.js';
import type { Event, KubeObject, QuantityText, Taint, Toleration } from '../../api/types.js';
import { since } from '../humanDuration.js';
import { compareStrings } from '../listing.js';
import { eventTimes } from '../printEvent.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './PrefixWriter.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * time.RFC1123Z of an RFC 3339 time, in UTC (kubectl uses the terminal's
 * zone; UTC keeps the output deterministic): `Mon, 02 Jan 2006 15:04:05 +0000`.
 * A missing time prints Go's zero time.
 */
export function rfc1123z(timestamp: string | undefined): string {
  const t = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()] ?? ''}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Quantity.String() of a quantity as written (`"0.5"` → `500m`, `"1024Mi"` → `1Gi`). */
export function quantityString(q: QuantityText): string {
  try {
    return quantityFromText(q).toString();
  } catch {
    return String(q);
  }
}

/** The format a quantity was written in (DecimalSI when it does not parse). */
export function quantityFormat(q: QuantityText | undefined): QuantityFormat {
  if (q === undefined) return 'DecimalSI';
  try {
    return quantityFromText(q).format;
  } catch {
    return 'DecimalSI';
  }
}

/** Quantity.String() of an amount in canonical units (millicores for cpu, base units otherwise). */
export function amountString(resource: string, amount: number, format: QuantityFormat): string {
  return resource === 'cpu' ? newScaledQuantity(amount, -3, 'DecimalSI').toString() : newScaledQuantity(amount, 0, format).toString();
}

/** printLabelsMultiline: `Title:\tk=v` then one `\tk=v` line per further label, sorted; `<none>` when empty. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

/** describe's maxAnnotationLen: longer annotations print on their own lines, shortened. */
const MAX_ANNOTATION_LEN = 140;
/** Annotations describe never shows. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, maxLength: number): string {
  return s.length > maxLength ? `${s.slice(0, maxLength)}...` : s;
}

/** printAnnotationsMultiline: sorted `key: value` lines, long or multi-line values below their key. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:effect`, `key:effect`, or `key=value` without an effect. */
function taintString(t: Taint): string {
  const kv = (t.value ?? '') === '' ? t.key : `${t.key}=${t.value ?? ''}`;
  return ((t.effect as string | undefined) ?? '') === '' ? kv : `${kv}:${t.effect}`;
}

/** printNodeTaintsMultiline: taints sorted by `effect,key`, one per line; `<none>` when none. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.sort((a, b) => compareStrings(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** printPodTolerationsMultiline: `key=value:effect op=Exists for 300s` lines sorted by key; `<none>` when none. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.sort((a, b) => compareStrings(a.key ?? '', b.key ?? ''));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let s = t.key ?? '';
    if ((t.value ?? '') !== '') s += `=${t.value ?? ''}`;
    if ((t.effect ?? '') !== '') s += `:${t.effect ?? ''}`;
    // An Exists toleration without a value; a bare `operator: Exists` tolerates everything.
    if (t.operator === 'Exists' && (t.value ?? '') === '') s += s.length > 0 ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** searchEvents: the events about an object (same name and namespace, and uid when both carry one). */
export function eventsAbout(events: readonly Event[], kind: string, object: KubeObject): Event[] {
  const meta = object.metadata;
  return events.filter((e) => {
    const io = e.involvedObject;
    if (io.name !== (meta.name ?? '')) return false;
    if (kind === 'Node') return io.kind === 'Node';
    if ((io.namespace ?? e.metadata.namespace) !== meta.namespace) return false;
    return io.uid === undefined || meta.uid === undefined || io.uid === meta.uid;
  });
}

/** DescribeEvents: the Events table, oldest last-seen first; `Events:\t<none>` when there are none. */
export function describeEvents(w: PrefixWriter, events: readonly Event[], nowMillis: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // SortableEvents: by lastTimestamp (stable, so equal times keep list order).
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp ?? '') - Date.parse(b.lastTimestamp ?? '') || 0);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const { firstSeen, lastSeen, count } = eventTimes(e, nowMillis);
    const series = (e as { series?: unknown }).series !== undefined;
    const interval = series || (e.count ?? 0) > 1 ? `${series ? lastSeen : since(e.lastTimestamp, nowMillis)} (x${count} over ${firstSeen})` : firstSeen;
    const component = e.source?.component ?? '';
    const source = component !== '' ? component : ((e as { reportingController?: string }).reportingController ?? '');
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${e.message.trim()}\n`);
  }
}
