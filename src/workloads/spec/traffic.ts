/**
 * The `traffic` section: requests sent to a Service at a rate, routed by
 * kube-proxy to its ready endpoints.
 */
import { invalid, notFound } from '../../api/validation/field.js';
import type { Declared } from './references.js';
import { indexPath, type SpecReader } from './SpecReader.js';
import type { Routing, TrafficSpec } from './types.js';

/** kube-proxy's backend choices: random as iptables mode picks, or round robin as IPVS `rr`. */
export const ROUTINGS: readonly Routing[] = ['random', 'round-robin'];

function readOne(r: SpecReader, value: unknown, path: string, declared: Declared): TrafficSpec {
  const o = r.required(r.object(value, path, ['service', 'namespace', 'rate', 'routing', 'start', 'end']), path);
  const service = r.requiredString(o['service'], `${path}.service`);
  const namespace = r.string(o['namespace'], `${path}.namespace`) || 'default';
  if (declared.find('Service', namespace, service) === undefined) {
    const detail = `no Service in namespace ${JSON.stringify(namespace)} among objects or arrivals`;
    r.failWith({ ...notFound(`${path}.service`, service), detail });
  }
  const ratePerSecond = r.required(r.rate(o['rate'], `${path}.rate`), `${path}.rate`);
  const routing = r.enumValue(o['routing'], `${path}.routing`, ROUTINGS) ?? 'random';
  const start = r.duration(o['start'], `${path}.start`) ?? 0;
  const end = r.duration(o['end'], `${path}.end`);
  if (end !== undefined && end < start) r.failWith(invalid(`${path}.end`, o['end'], 'must not be before start'));
  return { service, namespace, ratePerSecond, routing, start, ...(end === undefined ? {} : { end }) };
}

/** Reads `traffic`, checking that each Service exists. */
export function readTraffic(r: SpecReader, value: unknown, declared: Declared): TrafficSpec[] {
  return (r.list(value, 'traffic') ?? []).map((v, i) => readOne(r, v, indexPath('traffic', i), declared));
}
