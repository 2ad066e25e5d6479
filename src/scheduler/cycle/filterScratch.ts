/**
 * Scratch buffers for the filter scan and scoring, reused from cycle to cycle:
 * scheduling runs one cycle at a time and never re-enters, and a cycle's
 * typed arrays would otherwise be most of its garbage.
 */
export class Scratch {
  rows = new Int32Array(256);
  codes = new Uint8Array(256);
  sub = new Uint8Array(256);
  /** `sub` seen four codes at a time, to find out quickly whether a plugin rejected anything. */
  sub32 = new Uint32Array(this.sub.buffer);
  failedBy = new Int16Array(256);
  /** The rows still passing, and their places in the chunk. */
  liveRows = new Int32Array(256);
  livePos = new Int32Array(256);
  /** The places in the chunk of the rows the plugins ran on (their verdicts go to the memo). */
  ranPos = new Int32Array(256);

  ensure(n: number): void {
    if (n <= this.rows.length) return;
    let size = this.rows.length;
    while (size < n) size *= 2;
    this.rows = new Int32Array(size);
    this.codes = new Uint8Array(size);
    this.sub = new Uint8Array(size);
    this.sub32 = new Uint32Array(this.sub.buffer);
    this.failedBy = new Int16Array(size);
    this.liveRows = new Int32Array(size);
    this.livePos = new Int32Array(size);
    this.ranPos = new Int32Array(size);
  }
}

/** True when any of the first `size` codes is not 0 (the codes past `size` are 0). */
export function anyRejected(sub32: Uint32Array, size: number): boolean {
  const words = (size + 3) >> 2;
  for (let w = 0; w < words; w++) if (sub32[w] !== 0) return true;
  return false;
}

/** The one scratch set: scheduling runs one cycle at a time. */
export const scratch = new Scratch();
