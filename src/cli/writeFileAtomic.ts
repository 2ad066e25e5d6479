import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Writes `contents` to `path` through a temporary file in the same directory
 * and a rename, so that an interrupted run never leaves a half-written file
 * that looks whole. Creates the directory if needed.
 */
export function writeFileAtomic(path: string, contents: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
