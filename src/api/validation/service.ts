/**
 * Service validation, ported from pkg/apis/core/validation (ValidateService,
 * validateServicePort), v1.34, limited to what kubesim reads: ports, type,
 * selector. Defaulted fields (type ClusterIP, protocol TCP, sessionAffinity,
 * traffic policies) are accepted when missing.
 */
import { child, duplicate, type FieldError, forbidden, GoLiteral, goQuote, index, invalid, notSupported, required } from './field.js';
import { isDNS1123Label, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from './identifiers.js';
import { validateLabels, validateObjectMeta } from './meta.js';
import { isObject, type JsonObject, Reader } from './shape.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** ValidatePortNumOrName: a port number 1..65535 or an IANA service name. */
function validatePortNumOrName(r: Reader, value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'number' && Number.isInteger(value)) {
    for (const msg of isValidPortNum(value)) r.add(invalid(path, value, msg));
  } else if (typeof value === 'string') {
    for (const msg of isValidPortName(value)) r.add(invalid(path, value, msg));
  } else {
    r.add(invalid(path, String(value), 'must be an integer or a string'));
  }
}

/**
 * ValidateService (create): name a DNS-1035 label; ports required unless
 * headless or ExternalName; each port valid and unique by (protocol, port);
 * the selector's labels valid; the type supported.
 */
export function validateService(svc: unknown): FieldError[] {
  const s = isObject(svc) ? svc : {};
  const r = new Reader();
  r.add(...validateObjectMeta(s['metadata'], { namespaced: true, nameFn: nameIsDNS1035Label }));
  const spec: JsonObject = r.object(s['spec'], 'spec') ?? {};
  const type = r.optString(spec['type'], 'spec.type') ?? 'ClusterIP';
  const clusterIP = r.string(spec['clusterIP'], 'spec.clusterIP');
  const headless = clusterIP === 'None';
  const ports = r.array(spec['ports'], 'spec.ports') ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') r.add(required('spec.ports'));
  if (type === 'ExternalName') {
    const cname = r.string(spec['externalName'], 'spec.externalName').replace(/\.$/, '');
    if (cname.length > 0) for (const msg of nameIsDNSSubdomain(cname, false)) r.add(invalid('spec.externalName', cname, msg));
    else r.add(required('spec.externalName'));
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((v, i) => {
    const p = index('spec.ports', i);
    const port: JsonObject = r.object(v, p) ?? {};
    const name = r.string(port['name'], child(p, 'name'));
    const num = r.int32(port['port'], child(p, 'port')) ?? 0;
    const protocol = r.optString(port['protocol'], child(p, 'protocol')) ?? 'TCP';
    const nodePort = r.int32(port['nodePort'], child(p, 'nodePort')) ?? 0;
    if (ports.length > 1 && name.length === 0) {
      r.add(required(child(p, 'name')));
    } else if (name.length > 0) {
      for (const msg of isDNS1123Label(name)) r.add(invalid(child(p, 'name'), name, msg));
      if (names.has(name)) r.add(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    for (const msg of isValidPortNum(num)) r.add(invalid(child(p, 'port'), num, msg));
    if (protocol.length === 0) r.add(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) r.add(notSupported(child(p, 'protocol'), protocol, PROTOCOLS));
    validatePortNumOrName(r, port['targetPort'], child(p, 'targetPort'));
    if (type === 'ClusterIP' && nodePort !== 0) r.add(forbidden(child(p, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    const k = `${protocol}/${num}`;
    if (seen.has(k)) {
      const repr = `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${num}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
      r.add(duplicate(p, new GoLiteral(repr)));
    }
    seen.add(k);
  });
  const selector = r.stringMap(spec['selector'], 'spec.selector');
  if (selector !== undefined) r.add(...validateLabels(selector, 'spec.selector'));
  if (!SERVICE_TYPES.includes(type)) r.add(type === '' ? required('spec.type') : notSupported('spec.type', type, SERVICE_TYPES));
  return r.errors;
}
