import type { Fingerprint } from './hash';

/**
 * The visited set of BFS: each distinct state gets an id (0, 1, …) in discovery order, with its
 * 64-bit fingerprint and its parent's id, all in typed arrays — 16 bytes per state plus an
 * open-addressing table of ids kept at most half full (4–8 bytes more per state). The parent ids
 * rebuild the shortest trace (DSLabs hands back the shortest trace the same way).
 */
export class VisitedSet {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private parents = new Int32Array(1024);
  /** Slot → id + 1; 0 is empty. */
  private table = new Uint32Array(2048);
  size = 0;

  /** The new state's id, or -1 if the fingerprint was already there. */
  add(fp: Fingerprint, parent: number): number {
    if ((this.size + 1) * 2 > this.table.length) this.growTable();
    const mask = this.table.length - 1;
    for (let slot = fp.lo & mask; ; slot = (slot + 1) & mask) {
      const held = this.table[slot]!;
      if (held === 0) {
        const id = this.push(fp, parent);
        this.table[slot] = id + 1;
        return id;
      }
      if (this.hi[held - 1] === fp.hi && this.lo[held - 1] === fp.lo) return -1;
    }
  }

  has(fp: Fingerprint): boolean {
    const mask = this.table.length - 1;
    for (let slot = fp.lo & mask; ; slot = (slot + 1) & mask) {
      const held = this.table[slot]!;
      if (held === 0) return false;
      if (this.hi[held - 1] === fp.hi && this.lo[held - 1] === fp.lo) return true;
    }
  }

  fingerprintOf(id: number): Fingerprint {
    return { hi: this.hi[id]!, lo: this.lo[id]! };
  }

  parentOf(id: number): number {
    return this.parents[id]!;
  }

  /** Ids from the initial state to `id`. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at >= 0; at = this.parents[at]!) path.push(at);
    return path.reverse();
  }

  /** Bytes held by the typed arrays (capacity, not just what is used). */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.parents.byteLength + this.table.byteLength;
  }

  private push(fp: Fingerprint, parent: number): number {
    const id = this.size++;
    if (id === this.hi.length) {
      this.hi = grow(this.hi, new Uint32Array(id * 2));
      this.lo = grow(this.lo, new Uint32Array(id * 2));
      this.parents = grow(this.parents, new Int32Array(id * 2));
    }
    this.hi[id] = fp.hi;
    this.lo[id] = fp.lo;
    this.parents[id] = parent;
    return id;
  }

  private growTable(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.lo[id]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }
}

function grow<T extends Uint32Array | Int32Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
