import { describe, expect, it } from 'vitest';
import { formatTable, KUBECTL_DESCRIBE_TABWRITER, KUBECTL_GET_TABWRITER, tabwrite } from '../../src/kubectl/tabwriter.js';

describe('tabwrite (Go text/tabwriter)', () => {
  it('pads every column but the last to its widest cell plus 3, at least 6 (kubectl get)', () => {
    expect(formatTable(['NAME', 'READY', 'AGE'], [['a', '1/1', '5m'], ['longer-name', '0/1', '10s']])).toBe(
      'NAME          READY   AGE\n' + 'a             1/1     5m\n' + 'longer-name   0/1     10s\n',
    );
  });

  it('applies minwidth 6 to short columns', () => {
    expect(tabwrite('A\tB\tC', KUBECTL_GET_TABWRITER)).toBe('A     B     C');
  });

  it('pads a tab-terminated last cell, leaving trailing spaces (as kubectl top does)', () => {
    expect(tabwrite('NAME\tCPU\t\nn1\t250m\t', KUBECTL_GET_TABWRITER)).toBe('NAME   CPU    \nn1     250m   ');
  });

  it('aligns column blocks independently: a line without tabs ends the block (kubectl describe)', () => {
    const text = 'Name:\tweb\nNamespace:\tdefault\nContainers:\n  app:\n    Image:\tnginx\n    Port:\t<none>';
    expect(tabwrite(text, KUBECTL_DESCRIBE_TABWRITER)).toBe(
      'Name:       web\nNamespace:  default\nContainers:\n  app:\n    Image:  nginx\n    Port:   <none>',
    );
  });

  it('nests blocks: an inner column spans only the lines that have it', () => {
    // Lines 1-2 share column 0; only line 2 has column 1.
    const text = 'a\tb\nccc\tdd\te\nf';
    expect(tabwrite(text, { minwidth: 0, padding: 1, padchar: '.' })).toBe('a...b\nccc.dd.e\nf');
  });

  it('counts runes, not UTF-16 units', () => {
    expect(tabwrite('é\tx\nab\ty', { minwidth: 0, padding: 1, padchar: ' ' })).toBe('é  x\nab y');
  });
});
