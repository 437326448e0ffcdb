/** murmur3's 32-bit finalizer: a bijection on uint32 that spreads every input bit over the output. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of three integers (seed, index, stream). */
export function hash3(a: number, b: number, c: number): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(b | 0, 0x85ebca77) ^ 0x27d4eb2f);
  return mix32(h + Math.imul(c | 0, 0xc2b2ae3d));
}

/** Element i of a list the caller knows is long enough. */
export function at<T>(list: readonly T[], i: number): T {
  return list[i] as T;
}

/** mulberry32: tiny, fast and good enough for synthetic data. The only randomness in this generator. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(list: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < list.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  }

  /** Roughly normal (Irwin-Hall of 4 uniforms): avoids Math.log/cos so results never depend on the libm. */
  normal(mean: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mean + s * sd * 1.7320508075688772;
  }
}
