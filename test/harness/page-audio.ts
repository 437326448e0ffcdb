import type { Page } from '@playwright/test';

/**
 * What the agent hears, measured inside a page that makes calls with the unmodified SDK: every RTCPeerConnection
 * the page creates is remembered (an init script, before the app's code runs), and the audio arriving on them is
 * analysed with an AnalyserNode — the level, and the loudest frequency.
 */

interface Probe {
  pcs: RTCPeerConnection[];
}

declare global {
  interface Window {
    __deskAudioProbe?: Probe;
  }
}

/** Call before page.goto. */
export async function captureCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe: Probe = { pcs: [] };
    window.__deskAudioProbe = probe;
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        probe.pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

export interface HeardAudio {
  /** RMS of the received samples, 0..1 (silence ≈ 0). */
  rms: number;
  /** Frequency (Hz) of the strongest FFT bin, or null when silent. */
  peakHz: number | null;
  /** Live audio tracks received on the page's connections. */
  tracks: number;
}

/** Listens to the audio received on the page's newest connection for `ms`: its level and loudest frequency. */
export function measureHeard(page: Page, ms = 600): Promise<HeardAudio> {
  return page.evaluate(async (windowMs) => {
    const pcs = window.__deskAudioProbe?.pcs ?? [];
    const pc = pcs.at(-1);
    const tracks = pc
      ? pc
          .getReceivers()
          .map((r) => r.track)
          .filter((t) => t.kind === 'audio' && t.readyState === 'live')
      : [];
    if (tracks.length === 0) return { rms: 0, peakHz: null, tracks: 0 };
    const ctx = new AudioContext();
    await ctx.resume();
    const source = ctx.createMediaStreamSource(new MediaStream(tracks));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const spectrum = new Float32Array(analyser.frequencyBinCount);
    let sumSquares = 0;
    let count = 0;
    const strength = new Float64Array(analyser.frequencyBinCount);
    const end = performance.now() + windowMs;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      analyser.getFloatTimeDomainData(samples);
      for (const v of samples) sumSquares += v * v;
      count += samples.length;
      analyser.getFloatFrequencyData(spectrum);
      for (let i = 0; i < spectrum.length; i++) strength[i]! += Math.pow(10, spectrum[i]! / 20);
    }
    await ctx.close();
    const rms = Math.sqrt(sumSquares / Math.max(1, count));
    let best = 1;
    for (let i = 2; i < strength.length; i++) if (strength[i]! > strength[best]!) best = i;
    return { rms, peakHz: rms > 0.001 ? (best * ctx.sampleRate) / analyser.fftSize : null, tracks: tracks.length };
  }, ms);
}

/** True when the page hears a tone at `hz` (± toleranceHz) as its loudest frequency, above `minRms`. */
export async function hearsTone(page: Page, hz: number, options: { ms?: number; minRms?: number; toleranceHz?: number } = {}): Promise<boolean> {
  const heard = await measureHeard(page, options.ms ?? 600);
  return heard.rms > (options.minRms ?? 0.05) && heard.peakHz !== null && Math.abs(heard.peakHz - hz) < (options.toleranceHz ?? 15);
}
