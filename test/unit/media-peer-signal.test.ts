import { describe, expect, it } from 'vitest';
import { goertzel, linearToMulaw, mulawToLinear, toneWav } from '../harness/media-peer';

describe('the media peer’s signal helpers (test harness)', () => {
  it('μ-law round-trips within G.711’s step size, keeping sign and silence', () => {
    for (const v of [0, 1, -1, 100, -100, 1000, -1000, 8000, -8000, 32000, -32000]) {
      const back = mulawToLinear(linearToMulaw(v));
      expect(Math.sign(back) === Math.sign(v) || Math.abs(v) < 8).toBe(true);
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.max(8, Math.abs(v) / 16));
    }
    expect(linearToMulaw(0)).toBe(0xff); // G.711's silence byte
  });

  it('Goertzel gives a sine’s amplitude at its frequency and almost nothing elsewhere', () => {
    const rate = 8000;
    const sine = Array.from({ length: 4000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate));
    expect(goertzel(sine, rate, 440)).toBeCloseTo(0.3, 2);
    expect(goertzel(sine, rate, 660)).toBeLessThan(0.005);
    expect(goertzel([], rate, 440)).toBe(0);
  });

  it('writes a WAV Chromium can loop: PCM mono 16-bit header, the tone at half scale', () => {
    const wav = toneWav(660, 0.5, 48000);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(48000);
    expect(wav.readUInt32LE(40)).toBe(24000 * 2);
    const samples = Array.from({ length: 24000 }, (_, i) => wav.readInt16LE(44 + 2 * i) / 32767);
    expect(goertzel(samples, 48000, 660)).toBeCloseTo(0.5, 2);
  });
});
