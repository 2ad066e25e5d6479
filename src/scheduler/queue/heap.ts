/**
 * A keyed binary heap, as kube-scheduler's backend/heap.Heap: items are
 * looked up by key, `addOrUpdate` replaces an item and restores the order.
 *
 * The sift algorithms are Go's container/heap (up, down, Fix, Remove, Pop)
 * line for line, so that items the less function cannot tell apart come out in
 * the same order as upstream for the same sequence of operations.
 */
interface Entry<T> {
  key: string;
  value: T;
  index: number;
}

export class KeyedHeap<T> {
  private readonly entries: Entry<T>[] = [];
  /** Key → entry; an entry knows its own position, so a swap touches no map. */
  private readonly byKey = new Map<string, Entry<T>>();
  private readonly keyOf: (item: T) => string;
  private readonly less: (a: T, b: T) => boolean;

  constructor(keyOf: (item: T) => string, less: (a: T, b: T) => boolean) {
    this.keyOf = keyOf;
    this.less = less;
  }

  get length(): number {
    return this.entries.length;
  }

  /** Adds the item, or replaces the item with the same key and moves it to its new place (heap.Fix). */
  addOrUpdate(item: T): void {
    const key = this.keyOf(item);
    const e = this.byKey.get(key);
    if (e !== undefined) {
      e.value = item;
      if (!this.down(e.index, this.entries.length)) this.up(e.index);
      return;
    }
    const entry: Entry<T> = { key, value: item, index: this.entries.length };
    this.entries.push(entry);
    this.byKey.set(key, entry);
    this.up(entry.index);
  }

  /** Removes the item with the item's key; returns the removed item, if there was one. */
  delete(item: T): T | undefined {
    return this.deleteKey(this.keyOf(item));
  }

  /** Removes the item with `key` (heap.Remove); returns it, if there was one. */
  deleteKey(key: string): T | undefined {
    const e = this.byKey.get(key);
    if (e === undefined) return undefined;
    const i = e.index;
    const n = this.entries.length - 1;
    if (n !== i) {
      this.swap(i, n);
      if (!this.down(i, n)) this.up(i);
    }
    return this.removeLast();
  }

  /** The item with the item's key, if present. */
  get(item: T): T | undefined {
    return this.getKey(this.keyOf(item));
  }

  getKey(key: string): T | undefined {
    return this.byKey.get(key)?.value;
  }

  has(item: T): boolean {
    return this.byKey.has(this.keyOf(item));
  }

  hasKey(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The head (the least item), without removing it. */
  peek(): T | undefined {
    return this.entries[0]?.value;
  }

  /** Removes and returns the head (heap.Pop). */
  pop(): T | undefined {
    const n = this.entries.length - 1;
    if (n < 0) return undefined;
    this.swap(0, n);
    this.down(0, n);
    return this.removeLast();
  }

  /** Every item, in heap-array order (deterministic, not sorted). */
  list(): T[] {
    return this.entries.map((e) => e.value);
  }

  private removeLast(): T {
    const e = this.entries.pop()!;
    this.byKey.delete(e.key);
    return e.value;
  }

  private lessAt(i: number, j: number): boolean {
    return this.less(this.entries[i]!.value, this.entries[j]!.value);
  }

  private swap(i: number, j: number): void {
    const a = this.entries[i]!;
    const b = this.entries[j]!;
    this.entries[i] = b;
    this.entries[j] = a;
    b.index = i;
    a.index = j;
  }

  private up(j0: number): void {
    let j = j0;
    for (;;) {
      const i = Math.trunc((j - 1) / 2); // parent; Go's integer division truncates toward zero
      if (i === j || !this.lessAt(j, i)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(i0: number, n: number): boolean {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n) break;
      let j = j1; // left child
      const j2 = j1 + 1;
      if (j2 < n && this.lessAt(j2, j1)) j = j2; // right child
      if (!this.lessAt(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }
}
