/**
 * A 64-bit fingerprint as two independent 32-bit string hashes: FNV-1a, and a multiply–xorshift
 * hash with MurmurHash2's multiplier. TLC keeps 64-bit fingerprints of states too; at a million
 * states the chance that any two collide is about 2^-24.
 */
export interface Fingerprint {
  readonly hi: number;
  readonly lo: number;
}

export function fingerprint(text: string): Fingerprint {
  let fnv = 0x811c9dc5;
  let mix = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ c, 0x01000193);
    mix = Math.imul(mix ^ c, 0x5bd1e995);
    mix ^= mix >>> 15;
  }
  mix = Math.imul(mix ^ (mix >>> 13), 0x5bd1e995);
  return { hi: (fnv ^ (fnv >>> 16)) >>> 0, lo: (mix ^ (mix >>> 15)) >>> 0 };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.hi === b.hi && a.lo === b.lo;
}

export function showFingerprint(f: Fingerprint): string {
  return f.hi.toString(16).padStart(8, '0') + f.lo.toString(16).padStart(8, '0');
}

/**
 * Folds 32-bit words into a running fingerprint: the state's fingerprint is built from the cached
 * fingerprints of its parts (nodes, messages, history), so a successor re-hashes only what changed.
 */
export class FingerprintBuilder {
  private fnv = 0x811c9dc5;
  private mix = 0x9747b28c;

  /** Start again from the empty fingerprint. */
  reset(): this {
    this.fnv = 0x811c9dc5;
    this.mix = 0x9747b28c;
    return this;
  }

  word(value: number): this {
    this.fnv = Math.imul(this.fnv ^ (value & 0xffff), 0x01000193);
    this.fnv = Math.imul(this.fnv ^ (value >>> 16), 0x01000193);
    this.mix = Math.imul(this.mix ^ value, 0x5bd1e995);
    this.mix ^= this.mix >>> 15;
    return this;
  }

  part(f: Fingerprint): this {
    return this.word(f.hi).word(f.lo);
  }

  done(): Fingerprint {
    const mix = Math.imul(this.mix ^ (this.mix >>> 13), 0x5bd1e995);
    return { hi: (this.fnv ^ (this.fnv >>> 16)) >>> 0, lo: (mix ^ (mix >>> 15)) >>> 0 };
  }
}
