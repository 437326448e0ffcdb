/** A RIFF WAVE file (PCM, mono, 16-bit) of `samples` in -1..1 at `rate` Hz (default 8000). */
export function wav(samples: ArrayLike<number>, rate?: number): Buffer;
