/**
 * The memory layout of {@link EventQueue}'s heap.
 *
 * A heap entry is a time (a double) and a 64-bit word packing the entry's
 * ticket (high 32 bits) with its payload (low 32 bits). Tickets stay below
 * 2^30, so the word, read as a double, is never a NaN and can be moved with a
 * single `Float64Array` copy without any risk of its bits being changed.
 *
 * Two layouts, by capacity:
 * - separate (small and mid-sized heaps): all times first, then all words.
 *   Sift-down's comparison chain reads only times, 8 bytes per entry, so it
 *   stays in L2 up to ~10^5 entries; the words it moves are off that chain.
 * - interleaved (large heaps): time and word of an entry side by side, 16
 *   bytes per entry. The two children of an entry are then 32 adjacent bytes
 *   in one cache line, times and words both, so each level of a sift-down
 *   beyond the caches costs one cache miss instead of two.
 */

/** Capacity (entries) from which the heap is interleaved: the separate times alone then fill a 1 MiB L2. */
export const INTERLEAVE_FROM = 2 ** 17;

/** Index of a word's ticket half among the Int32 cells of the word (high 32 bits). */
export const TICKET_HALF = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** Index of a word's payload half (low 32 bits). */
export const PAYLOAD_HALF = 1 - TICKET_HALF;

/** Bytes of a WebAssembly memory page. */
const WASM_PAGE_BYTES = 65536;
/** Pages a WebAssembly memory can have (4 GiB). */
const WASM_MAX_PAGES = 65536;
/** `WebAssembly.Memory`, when the runtime has it (the ES library types do not declare it). */
const wasmMemory = (globalThis as { WebAssembly?: { Memory: new (size: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer } } })
  .WebAssembly?.Memory;

/**
 * Zeroed bytes starting on a page boundary, for the interleaved heap: there
 * every entry pair (2i, 2i + 1) is 32 bytes within one 64-byte cache line.
 * An `ArrayBuffer`'s alignment is the allocator's (glibc puts large ones 16
 * bytes past a page, small ones anywhere 16-aligned), and a misaligned heap
 * spends a second cache line on half its pairs; a WebAssembly memory is always
 * page-aligned.
 */
function pageAlignedBuffer(bytes: number): ArrayBufferLike {
  const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
  if (wasmMemory !== undefined && pages <= WASM_MAX_PAGES) {
    try {
      return new wasmMemory({ initial: pages, maximum: pages }).buffer;
    } catch {
      // No address space for another memory (V8 reserves guard regions around each): any buffer will do.
    }
  }
  return new ArrayBuffer(bytes);
}

/**
 * Doubles between the times and the words of a separate heap: entry i's time
 * and word would otherwise sit at the same offset within a 4 KiB page, in the
 * same L1 cache set; half a page (plus a line) apart they never collide.
 */
const SEPARATE_GAP = (2048 + 64) / 8;

/**
 * A heap's storage. Entry i (1-based) has its time at
 * `heap[timeStride * i]` and its word at `heap[wordBase + wordStride * i]`;
 * the word's ticket is `cells[2 * wordIndex + TICKET_HALF]`.
 */
export interface HeapLayout {
  /** Entries the storage holds, index 0 (unused) included. */
  readonly capacity: number;
  /** True for the interleaved layout. */
  readonly interleaved: boolean;
  /** Times and words, as doubles. Every time past the heap's last entry is Infinity. */
  readonly heap: Float64Array;
  /** The same bytes as 32-bit cells, to read and write tickets and payloads. */
  readonly cells: Int32Array;
  /** 2 when interleaved, else 1. */
  readonly timeStride: number;
  /** Index in `heap` of entry 0's word. */
  readonly wordBase: number;
  /** 2 when interleaved, else 1. */
  readonly wordStride: number;
}

/** Storage for `capacity` entries (index 0 included), every time Infinity. */
export function heapLayout(capacity: number): HeapLayout {
  if (capacity >= INTERLEAVE_FROM) {
    const buffer = pageAlignedBuffer(16 * capacity);
    const heap = new Float64Array(buffer, 0, 2 * capacity).fill(Infinity);
    const cells = new Int32Array(buffer, 0, 4 * capacity);
    return { capacity, interleaved: true, heap, cells, timeStride: 2, wordBase: 1, wordStride: 2 };
  }
  const wordBase = capacity + SEPARATE_GAP;
  const heap = new Float64Array(wordBase + capacity).fill(Infinity);
  const cells = new Int32Array(heap.buffer);
  return { capacity, interleaved: false, heap, cells, timeStride: 1, wordBase, wordStride: 1 };
}

/** Copies entries 1..n from one layout to another. */
export function copyEntries(from: HeapLayout, to: HeapLayout, n: number): void {
  for (let i = 1; i <= n; i++) {
    to.heap[to.timeStride * i] = from.heap[from.timeStride * i]!;
    to.heap[to.wordBase + to.wordStride * i] = from.heap[from.wordBase + from.wordStride * i]!;
  }
}
