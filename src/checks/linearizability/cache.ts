import { Prng } from '../../raft/prng';

const NIL = -1;
const INITIAL_RECORDS = 1024;
/**
 * Past this many bytes the cache stops growing and simply forgets new configurations. That is
 * still correct (the cache only saves repeated work) and the search's deadline bounds the time;
 * without a cap a long single-key history can exhaust memory (each record holds a whole bitset).
 */
const MAX_POOL_BYTES = 256 * 1024 * 1024;

/**
 * The configurations the search has already explored: (set of linearized operations, state).
 * Two paths that linearize the same operations and reach the same state have the same futures, so
 * the second need not be explored (Lowe 2017, "Testing for linearizability"; Porcupine's
 * cache). Sets are bitsets; records live in one flat pool, each [state, ...bitset words], chained
 * per hash bucket, so the cache costs no per-entry objects.
 */
export class ConfigCache {
  private pool: Uint32Array;
  private chain: Int32Array;
  private count = 0;
  private readonly buckets = new Map<number, number>();
  private readonly recordSize: number;

  constructor(private readonly words: number) {
    this.recordSize = words + 1;
    this.pool = new Uint32Array(INITIAL_RECORDS * this.recordSize);
    this.chain = new Int32Array(INITIAL_RECORDS);
  }

  get size(): number {
    return this.count;
  }

  /** Records the configuration; false if it was already there. `setHash` is `zobristHash(bits)`. */
  add(bits: Uint32Array, setHash: number, state: number): boolean {
    const bucket = (setHash ^ Math.imul(state + 1, 0x9e3779b1)) | 0;
    const first = this.buckets.get(bucket) ?? NIL;
    for (let record = first; record !== NIL; record = this.chain[record]!) {
      if (this.matches(record, bits, state)) return false;
    }
    if (this.count === this.chain.length && !this.grow()) return true;
    const record = this.count++;
    const offset = record * this.recordSize;
    this.pool[offset] = state;
    this.pool.set(bits, offset + 1);
    this.chain[record] = first;
    this.buckets.set(bucket, record);
    return true;
  }

  private matches(record: number, bits: Uint32Array, state: number): boolean {
    const offset = record * this.recordSize;
    if (this.pool[offset] !== state) return false;
    for (let word = 0; word < this.words; word++) {
      if (this.pool[offset + 1 + word] !== bits[word]) return false;
    }
    return true;
  }

  /** Doubles the capacity; false once that would pass MAX_POOL_BYTES. */
  private grow(): boolean {
    if (this.pool.byteLength * 2 > MAX_POOL_BYTES) return false;
    const pool = new Uint32Array(this.pool.length * 2);
    pool.set(this.pool);
    this.pool = pool;
    const chain = new Int32Array(this.chain.length * 2);
    chain.set(this.chain);
    this.chain = chain;
    return true;
  }
}

/**
 * Zobrist hashing: each operation gets a random 32-bit key and a set hashes to the XOR of its
 * members' keys, so adding or removing one operation updates the hash in O(1). Seeded, so runs
 * repeat exactly.
 */
export function zobristKeys(count: number): Int32Array {
  const prng = new Prng(0x5eed);
  return Int32Array.from({ length: count }, () => prng.nextUint32() | 0);
}
