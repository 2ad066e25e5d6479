/**
 * Loading a workload file: YAML → parameters (defaults, then `--set name=v`)
 * → `${name}` substitution → `--set path=v` → the checked, defaulted
 * {@link Workload}. The first problem found is thrown as a ManifestError
 * `file:line: field.path: message` (a SetError for a `--set`).
 */
import { dirname } from 'node:path';
import { loadManifests, ManifestError } from '../../api/manifests.js';
import { invalid, notSupported } from '../../api/validation/field.js';
import type { JsonObject } from '../../api/validation/shape.js';
import { DEFAULT_CLOCK_ORIGIN_MS } from '../../cluster/clock.js';
import { readArrival } from './arrivals.js';
import { readCluster } from './cluster.js';
import { readEmbedded, WORKLOAD_KINDS } from './embedded.js';
import { readImages } from './images.js';
import { readOperations } from './operations.js';
import { readParameters, substituteParameters } from './parameters.js';
import { declare } from './references.js';
import { applyAssignment, type Assignment, parameterTarget, parseAssignment, setParameter } from './set.js';
import { indexPath, type Override, SpecReader } from './SpecReader.js';
import { readTraceSection } from './trace.js';
import { readTraffic } from './traffic.js';
import { type ControlPlaneName, WORKLOAD_API_VERSION, WORKLOAD_KIND, type Workload } from './types.js';

/** The top-level fields of a workload file. */
export const WORKLOAD_FIELDS: readonly string[] = [
  'apiVersion',
  'kind',
  'metadata',
  'parameters',
  'duration',
  'controlPlane',
  'clock',
  'cluster',
  'images',
  'objects',
  'arrivals',
  'operations',
  'traffic',
  'trace',
];

/** The control-plane profiles. */
export const CONTROL_PLANES: readonly ControlPlaneName[] = ['ideal', 'realistic'];

/** The default clock origin, as a workload writes it. */
export const DEFAULT_CLOCK_ORIGIN = new Date(DEFAULT_CLOCK_ORIGIN_MS).toISOString().replace('.000Z', 'Z');

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function readClock(r: SpecReader, value: unknown): Workload['clock'] {
  const o = r.object(value, 'clock', ['origin']) ?? {};
  const origin = r.string(o['origin'], 'clock.origin') ?? DEFAULT_CLOCK_ORIGIN;
  const originMs = RFC3339.test(origin) ? Date.parse(origin) : Number.NaN;
  if (Number.isNaN(originMs)) {
    r.failWith(invalid('clock.origin', origin, 'must be an RFC 3339 timestamp such as "2026-01-01T00:00:00Z"'));
  }
  return { origin, originMs };
}

function readMetadata(r: SpecReader, value: unknown): Workload['metadata'] {
  const o = r.required(r.object(value, 'metadata', ['name', 'labels', 'annotations']), 'metadata');
  return {
    name: r.requiredString(o['name'], 'metadata.name'),
    labels: r.stringMap(o['labels'], 'metadata.labels') ?? {},
    annotations: r.stringMap(o['annotations'], 'metadata.annotations') ?? {},
  };
}

function constant(r: SpecReader, value: unknown, path: string, expected: string): void {
  const s = r.requiredString(value, path);
  if (s !== expected) r.failWith(notSupported(path, s, [expected]));
}

/**
 * Loads a workload file.
 * @param text the file's contents
 * @param file its name, for errors
 * @param sets `--set` assignments, in the order given (a later one wins)
 * @throws ManifestError (or its SetError) at the first problem
 */
export function loadWorkload(text: string, file: string, sets: readonly string[] = []): Workload {
  const docs = loadManifests(text, file, { expandLists: false });
  const doc = docs[0];
  if (doc === undefined) throw new ManifestError(file, 1, '', 'the file holds no workload');
  if (docs[1] !== undefined) throw new ManifestError(file, docs[1].line, '', 'a workload file holds one document');
  const root = doc.object as unknown as JsonObject;

  const plain = new SpecReader(file, doc.lineOf);
  const assignments = sets.map(parseAssignment);
  const params = readParameters(plain, root['parameters']);
  const fieldSets: Assignment[] = [];
  const setParameters = new Set<string>();
  for (const a of assignments) {
    const name = parameterTarget(a, params);
    if (name === undefined) fieldSets.push(a);
    else {
      setParameter(params, name, a);
      setParameters.add(name);
    }
  }
  const traceDirFromCommandLine = mentionsAny(root['trace'], setParameters);
  substituteParameters(plain, root, '', params, ['parameters']);
  const settable = WORKLOAD_FIELDS.filter((f) => f !== 'parameters');
  const overrides: Override[] = fieldSets.map((a) => applyAssignment(root, a, settable, params));

  const r = new SpecReader(file, doc.lineOf, overrides);
  r.object(root, '', WORKLOAD_FIELDS);
  constant(r, root['apiVersion'], 'apiVersion', WORKLOAD_API_VERSION);
  constant(r, root['kind'], 'kind', WORKLOAD_KIND);
  const metadata = readMetadata(r, root['metadata']);
  const trace = readTraceSection(r, root, {
    workloadDir: dirname(file),
    cwd: process.cwd(),
    dirFromCommandLine: traceDirFromCommandLine || overrides.some((o) => isPrefixOf(o.segments, ['trace', 'dir'])),
  });
  // A placement study has no time axis: no duration to give.
  const untimed = trace?.mode === 'placement';
  const duration = untimed ? (r.positiveDuration(root['duration'], 'duration') ?? 0) : r.required(r.positiveDuration(root['duration'], 'duration'), 'duration');
  const controlPlane = r.enumValue(root['controlPlane'], 'controlPlane', CONTROL_PLANES) ?? 'ideal';
  const clock = readClock(r, root['clock']);
  const cluster = readCluster(r, root['cluster']);
  const images = readImages(r, root['images']);
  const objects = (r.list(root['objects'], 'objects') ?? []).map((v, i) => readEmbedded(r, v, indexPath('objects', i), i, WORKLOAD_KINDS));
  const arrivals = (r.list(root['arrivals'], 'arrivals') ?? []).map((v, i) => readArrival(r, v, indexPath('arrivals', i), i));
  const declared = declare(r, cluster, objects, arrivals);
  const operations = readOperations(r, root['operations'], declared);
  const traffic = readTraffic(r, root['traffic'], declared);
  return {
    file,
    metadata,
    parameters: Object.fromEntries(params),
    duration,
    controlPlane,
    clock,
    cluster,
    images,
    objects,
    arrivals,
    operations,
    traffic,
    ...(trace === undefined ? {} : { trace }),
  };
}

/** True when `trace.dir` as written refers to one of `names` (`${traceDir}`). */
function mentionsAny(trace: unknown, names: ReadonlySet<string>): boolean {
  if (typeof trace !== 'object' || trace === null) return false;
  const dir = (trace as JsonObject)['dir'];
  if (typeof dir !== 'string') return false;
  for (const name of names) if (dir.includes(`\${${name}}`)) return true;
  return false;
}

function isPrefixOf(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length <= of.length && prefix.every((s, i) => of[i] === s);
}
