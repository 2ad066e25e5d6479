import { readFileSync } from 'node:fs';
import { InputError } from '../api/InputError.js';
import { loadManifests, type LoadedObject } from '../api/manifests.js';

/** Reads a manifest file (YAML/JSON, multi-document or `kind: List`); a missing or unreadable file is an InputError. */
export function readManifestFile(path: string): LoadedObject[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read file${code === 'ENOENT' ? ': no such file' : code === undefined ? '' : ` (${code})`}`);
  }
  return loadManifests(text, path);
}
