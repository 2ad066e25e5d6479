import { readFileSync } from 'node:fs';
import { InputError } from '../api/InputError.js';
import { loadWorkload } from '../workloads/spec/loadWorkload.js';
import type { Workload } from '../workloads/spec/types.js';

/** Reads and loads a workload file with `--set` overrides; a missing file or a bad field is an InputError. */
export function readWorkloadFile(path: string, sets: readonly string[] = []): Workload {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read workload file${code === 'ENOENT' ? ': no such file' : code === undefined ? '' : ` (${code})`}`);
  }
  return loadWorkload(text, path, [...sets]);
}
