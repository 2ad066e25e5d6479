import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

describe('kubesim usage errors', () => {
  it.each([
    ['an unknown command', ['frobnicate']],
    ['an unknown flag', ['--frobnicate']],
    ['an unknown flag of a command', ['bench', '--frobnicate']],
    ['an unknown benchmark suite', ['bench', 'no-such-suite']],
    ['a bad flag value', ['demo', '--nodes', 'many']],
    ['no command at all', []],
  ])('prints usage and exits 2 for %s, without a stack trace', (_, args) => {
    const r = kubesim(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: kubesim|kubesim --help/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.stdout).toBe('');
  });

  it('prints help and the version with exit code 0', () => {
    const help = kubesim('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*bench[\s\S]*demo/);
    const version = kubesim('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
