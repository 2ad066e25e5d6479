import { describe, expect, it } from 'vitest';
import { fieldErrorToString } from '../../../src/api/validation/field.js';
import { validateService } from '../../../src/api/validation/service.js';

// Cases after TestValidateServiceCreate in pkg/apis/core/validation/validation_test.go.

const svc = (spec: Record<string, unknown>, name = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });
const errs = (s: unknown): string[] => validateService(s).map(fieldErrorToString);

describe('validateService', () => {
  it('accepts a typical service', () => {
    expect(errs(svc({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }))).toEqual([]);
    expect(errs(svc({ selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, protocol: 'TCP' }] }))).toEqual([]);
  });

  it('needs ports unless headless or ExternalName', () => {
    expect(errs(svc({ selector: { app: 'web' } }))).toEqual(['spec.ports: Required value']);
    expect(errs(svc({ clusterIP: 'None', selector: { app: 'web' } }))).toEqual([]);
    expect(errs(svc({ type: 'ExternalName', externalName: 'db.example.com' }))).toEqual([]);
    expect(errs(svc({ type: 'ExternalName' }))).toEqual(['spec.externalName: Required value']);
  });

  it('names every port when there are several, and rejects duplicates', () => {
    expect(errs(svc({ ports: [{ port: 80 }, { port: 80 }] }))).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('checks port numbers, protocols, target ports and node ports', () => {
    expect(errs(svc({ ports: [{ port: 0, protocol: 'ICMP', targetPort: 'HTTP_PORT', nodePort: 30000 }] }))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain at least one letter (a-z)',
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it('checks the name (a DNS-1035 label), the selector and the type', () => {
    const e = errs(svc({ type: 'Internal', selector: { 'bad key': 'x' }, ports: [{ port: 80 }] }, '1web'));
    expect(e[0]).toMatch(/^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of/);
    expect(e[1]).toMatch(/^spec\.selector: Invalid value: "bad key": name part must consist of/);
    expect(e[2]).toBe('spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
  });
});
