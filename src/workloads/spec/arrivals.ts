/**
 * The `arrivals` section: a manifest, the process that decides when copies
 * of it are created, and how its pods' containers behave (written onto the
 * pod template as `sim.kubesim.io/*` annotations).
 */
import { forbidden, invalid, required } from '../../api/validation/field.js';
import { isObject, type JsonObject } from '../../api/validation/shape.js';
import {
  ANNOTATION_EXIT_CODE,
  ANNOTATION_FAILURE_AFTER,
  ANNOTATION_FAILURES,
  ANNOTATION_READY_AFTER,
  ANNOTATION_RUN_DURATION,
  ANNOTATION_USAGE_RATIO,
} from '../../cluster/simAnnotations.js';
import { MICROS_PER_HOUR } from '../../engine/time.js';
import { readEmbedded, WORKLOAD_KINDS } from './embedded.js';
import type { SpecReader } from './SpecReader.js';
import type { Arrival, ArrivalProcess, BurstProcess, DiurnalProcess, PoissonProcess } from './types.js';

const PROCESS_FIELDS = ['at', 'poisson', 'burst', 'diurnal'] as const;

const ARRIVAL_FIELDS = [
  'manifest',
  ...PROCESS_FIELDS,
  'runDuration',
  'exitCode',
  'failures',
  'failureAfter',
  'readyAfter',
  'usageRatio',
];

/** Diurnal defaults: a day's period, peaking at noon, ±50 %. */
export const DIURNAL_DEFAULTS = { amplitude: 0.5, period: 24 * MICROS_PER_HOUR, peakAt: 12 * MICROS_PER_HOUR } as const;

function checkWindow(r: SpecReader, path: string, start: number, end: number | undefined, raw: unknown): void {
  if (end !== undefined && end < start) r.failWith(invalid(`${path}.end`, raw, 'must not be before start'));
}

function readPoisson(r: SpecReader, value: unknown, path: string): PoissonProcess {
  const o = r.required(r.object(value, path, ['rate', 'start', 'end', 'count']), path);
  const ratePerSecond = r.required(r.rate(o['rate'], `${path}.rate`), `${path}.rate`);
  const start = r.duration(o['start'], `${path}.start`) ?? 0;
  const end = r.duration(o['end'], `${path}.end`);
  const count = r.int(o['count'], `${path}.count`, { min: 0 });
  checkWindow(r, path, start, end, o['end']);
  return { type: 'poisson', ratePerSecond, start, ...(end === undefined ? {} : { end }), ...(count === undefined ? {} : { count }) };
}

function readBurst(r: SpecReader, value: unknown, path: string): BurstProcess {
  const o = r.required(r.object(value, path, ['at', 'count', 'every', 'times']), path);
  const at = r.duration(o['at'], `${path}.at`) ?? 0;
  const count = r.required(r.int(o['count'], `${path}.count`, { min: 1 }), `${path}.count`);
  const every = r.positiveDuration(o['every'], `${path}.every`);
  const times = r.int(o['times'], `${path}.times`, { min: 1 });
  if (every === undefined && times !== undefined && times > 1) r.failWith(required(`${path}.every`, 'needed when times is more than 1'));
  return {
    type: 'burst',
    at,
    count,
    ...(every === undefined ? {} : { every }),
    ...(times === undefined ? (every === undefined ? { times: 1 } : {}) : { times }),
  };
}

function readDiurnal(r: SpecReader, value: unknown, path: string): DiurnalProcess {
  const o = r.required(r.object(value, path, ['meanRate', 'amplitude', 'period', 'peakAt', 'start', 'end', 'count']), path);
  const meanRatePerSecond = r.required(r.rate(o['meanRate'], `${path}.meanRate`), `${path}.meanRate`);
  const amplitude = r.number(o['amplitude'], `${path}.amplitude`, { min: 0, max: 1 }) ?? DIURNAL_DEFAULTS.amplitude;
  const period = r.positiveDuration(o['period'], `${path}.period`) ?? DIURNAL_DEFAULTS.period;
  const peakAt = r.duration(o['peakAt'], `${path}.peakAt`) ?? DIURNAL_DEFAULTS.peakAt;
  const start = r.duration(o['start'], `${path}.start`) ?? 0;
  const end = r.duration(o['end'], `${path}.end`);
  const count = r.int(o['count'], `${path}.count`, { min: 0 });
  checkWindow(r, path, start, end, o['end']);
  return {
    type: 'diurnal',
    meanRatePerSecond,
    amplitude,
    period,
    peakAt,
    start,
    ...(end === undefined ? {} : { end }),
    ...(count === undefined ? {} : { count }),
  };
}

function readProcess(r: SpecReader, o: JsonObject, path: string): ArrivalProcess {
  const given = PROCESS_FIELDS.filter((f) => o[f] !== undefined && o[f] !== null);
  if (given.length > 1) {
    const detail = `may not be given with ${given[0]!}: an arrival has one of at, poisson, burst or diurnal`;
    r.failWith(forbidden(`${path}.${given[1]!}`, detail));
  }
  switch (given[0]) {
    case 'poisson':
      return readPoisson(r, o['poisson'], `${path}.poisson`);
    case 'burst':
      return readBurst(r, o['burst'], `${path}.burst`);
    case 'diurnal':
      return readDiurnal(r, o['diurnal'], `${path}.diurnal`);
    default:
      return { type: 'once', at: r.duration(o['at'], `${path}.at`) ?? 0 };
  }
}

/** The object whose metadata the pods get: the Pod itself or `spec.template`, created as needed. */
function podMetadata(manifest: JsonObject, kind: string): JsonObject | undefined {
  const pods = WORKLOAD_KINDS[kind]?.pods;
  if (pods === 'self') return manifest['metadata'] as JsonObject;
  if (pods !== 'template') return undefined;
  const spec = isObject(manifest['spec']) ? manifest['spec'] : (manifest['spec'] = {});
  const template = isObject(spec['template']) ? spec['template'] : (spec['template'] = {});
  return isObject(template['metadata']) ? template['metadata'] : (template['metadata'] = {});
}

/** Reads one arrival, writing its runtime fields onto the manifest's pod template. */
export function readArrival(r: SpecReader, value: unknown, path: string, index: number): Arrival {
  const o = r.required(r.object(value, path, ARRIVAL_FIELDS), path);
  const manifest = readEmbedded(r, r.required(o['manifest'] ?? undefined, `${path}.manifest`), `${path}.manifest`, index, WORKLOAD_KINDS);
  const process = readProcess(r, o, path);
  const runDuration = r.distribution(o['runDuration'], `${path}.runDuration`);
  const exitCode = r.int(o['exitCode'], `${path}.exitCode`, { min: 0, max: 255 });
  const failures = r.int(o['failures'], `${path}.failures`, { min: 0 });
  const failureAfter = r.distribution(o['failureAfter'], `${path}.failureAfter`);
  const readyAfter = r.distribution(o['readyAfter'], `${path}.readyAfter`);
  const usageRatio = r.number(o['usageRatio'], `${path}.usageRatio`, { min: 0 });
  const runtime: [string, string | number | undefined, string][] = [
    ['runDuration', runDuration, ANNOTATION_RUN_DURATION],
    ['exitCode', exitCode, ANNOTATION_EXIT_CODE],
    ['failures', failures, ANNOTATION_FAILURES],
    ['failureAfter', failureAfter, ANNOTATION_FAILURE_AFTER],
    ['readyAfter', readyAfter, ANNOTATION_READY_AFTER],
    ['usageRatio', usageRatio, ANNOTATION_USAGE_RATIO],
  ];
  const kind = manifest.object.kind ?? '';
  for (const [field, v, annotation] of runtime) {
    if (v === undefined) continue;
    const meta = podMetadata(manifest.object as unknown as JsonObject, kind);
    if (meta === undefined) r.failWith(forbidden(`${path}.${field}`, `a ${kind} has no pods`));
    const annotations = isObject(meta['annotations']) ? meta['annotations'] : (meta['annotations'] = {});
    annotations[annotation] = String(v);
  }
  return {
    manifest,
    process,
    ...(runDuration === undefined ? {} : { runDuration }),
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(failures === undefined ? {} : { failures }),
    ...(failureAfter === undefined ? {} : { failureAfter }),
    ...(readyAfter === undefined ? {} : { readyAfter }),
    ...(usageRatio === undefined ? {} : { usageRatio }),
  };
}
