import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The path of a file of the repository's `workloads/` folder, found from
 * bench/ in the source tree (tests) or dist/bench/ when built.
 */
export function workloadPath(name: string): string {
  for (const up of ['../workloads/', '../../workloads/']) {
    const path = fileURLToPath(new URL(`${up}${name}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`workloads/${name} not found next to kubesim's bench/ folder`);
}
