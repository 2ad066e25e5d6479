import type { RandomStream } from '../../engine/RandomStreams.js';

/** apimachinery's util/rand alphabet: no vowels, no confusable characters (27 characters). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** generateName keeps the base to 58 characters so that base + 5 stays within 63. */
const MAX_GENERATED_BASE = 58;

/** generateName's result: the base (truncated to 58 characters) and 5 random characters of {@link NAME_ALPHABET}. */
export function generateName(base: string, random: RandomStream): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[random.int(NAME_ALPHABET.length)];
  return base.slice(0, MAX_GENERATED_BASE) + suffix;
}

/**
 * rand.SafeEncodeString: each character c becomes alphanums[c % 27], so a
 * decimal number's digits map 0→4, 1→5, …, 9→f and hashes use only `456789bcdf`.
 */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += NAME_ALPHABET[text.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text` (and optional extra bytes). */
export function fnv32a(text: string, extra?: Uint8Array): number {
  let hash = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) hash = Math.imul(hash ^ b, 0x01000193) >>> 0;
  if (extra !== undefined) for (const b of extra) hash = Math.imul(hash ^ b, 0x01000193) >>> 0;
  return hash >>> 0;
}

/**
 * controller.ComputeHash: the pod-template-hash label of a ReplicaSet or a
 * ControllerRevision. Upstream hashes a spew dump of the template; kubesim
 * hashes a canonical JSON form (keys sorted), which is as stable, then adds
 * the collision count as 4 little-endian bytes and encodes the decimal value.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let extra: Uint8Array | undefined;
  if (collisionCount !== undefined && collisionCount !== 0) {
    extra = new Uint8Array(4);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
  }
  return safeEncodeString(String(fnv32a(canonicalJson(template), extra)));
}

/** JSON with object keys in sorted order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
