import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate/gate.js';
import { readGateInput } from '../../src/gate/readGateInput.js';
import { DEFAULT_RULES } from '../../src/gate/rules.js';

describe('readGateInput', () => {
  it('tells a bench CSV from a summary.csv and a compare.csv by the header', () => {
    expect(readGateInput('suite,case,metric,value,unit\nengine,a,x,1,ops/s\n', 'a.csv').kind).toBe('bench');
    expect(readGateInput('workload,policy,seed,nodes\nt,d,1,6\n', 's.csv').kind).toBe('summary');
    expect(readGateInput('workload,policy,metric,mean,ci95_low,ci95_high,n,delta_pct\n', 'c.csv').kind).toBe('compare');
  });

  it('reads samples in order, machine rows as text, suites in order of appearance', () => {
    const input = readGateInput(
      [
        'suite,case,metric,value,unit',
        'machine,host,cpu_model,"Intel(R) Xeon(R), 2.2GHz",text',
        'machine,host,cpus,2,count',
        'scheduler,b,pods_per_s,10,pods/s',
        'engine,a,events_per_s,3,events/s',
        'scheduler,b,pods_per_s,11,pods/s',
        '',
        'engine,a,events_per_s,4,events/s',
      ].join('\n'),
      'a.csv',
    );
    if (input.kind !== 'bench') throw new Error('not bench');
    expect(input.bench.suites).toEqual(['scheduler', 'engine']);
    expect([...input.bench.series.values()].map((s) => [s.suite, s.case, s.metric, s.unit, s.values, s.line])).toEqual([
      ['scheduler', 'b', 'pods_per_s', 'pods/s', [10, 11], 4],
      ['engine', 'a', 'events_per_s', 'events/s', [3, 4], 5],
    ]);
    expect(input.bench.machine.get('cpu_model')).toBe('Intel(R) Xeon(R), 2.2GHz');
  });

  it.each([
    ['suite,case,metric,value\nengine,a,x,1\n', 'x.csv: missing column unit (a bench CSV has columns suite,case,metric,value,unit)'],
    ['case,metric,value\n', 'x.csv: missing columns suite, unit (a bench CSV has columns suite,case,metric,value,unit)'],
    ['suite,case,metric,value,unit\nengine,a,x,1,ops/s\nengine,a,x,2,ops/ms\n', 'x.csv:3: engine/a/x: unit "ops/ms" where its earlier samples have "ops/s"'],
    ['suite,case,metric,value,unit\nengine,a,x,,ops/s\n', 'x.csv:2: column "value": "" is not a number'],
    ['suite,case,metric,value,unit\nengine,a,x\n', 'x.csv:2: column "value": missing (the line has 3 fields)'],
    ['suite,case,metric,value,unit\nengine,a,x,"1\n', 'x.csv:2: malformed CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
    ['workload,seed\nt,1\n', 'x.csv: missing column policy (a kubesim summary.csv has columns workload,policy,seed)'],
    ['a,b\n1,2\n', 'x.csv:1: neither a bench CSV (suite,case,metric,value,unit) nor a kubesim summary.csv or compare.csv; the header is "a,b"'],
    ['', 'x.csv:1: empty file, expected a header line'],
  ])('rejects %j', (text, message) => {
    expect(() => readGateInput(text, 'x.csv')).toThrow(message);
  });

  it('files of different kinds are bad input', () => {
    expect(() =>
      runGate({ text: 'suite,case,metric,value,unit\n', file: 'bench.csv' }, { text: 'workload,policy,seed\n', file: 'summary.csv' }, DEFAULT_RULES),
    ).toThrow('the files are of different kinds: baseline bench.csv is a bench CSV (suite,case,metric,value,unit), current summary.csv is a kubesim summary.csv');
  });
});
