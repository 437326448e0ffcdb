// Writes the softphone's sound files to renderer/public/sounds/ (Vite copies renderer/public to the root of the built
// renderer, so they are served as /sounds/<name>.wav by the Electron app:// handler and by the browser host).
//
// The Twilio Voice SDK plays 15 sounds and, unless given its own through the Device `sounds` option, fetches them from
// Twilio's CDN: offline that hangs (and delays the incoming-call event), and a strict CSP forbids it anyway. These files
// are the app's own: plain sine tones, generated deterministically so anyone can rebuild them and get the same bytes.
// The .wav files are outputs kept in the repository; after changing this script, run it and commit what it wrote:
//
//   node scripts/make-sounds.mjs           writes the files
//   node scripts/make-sounds.mjs --check   exits 1 when a file on disk differs from what the script would write
//
// Format: RIFF WAVE, PCM, 8 kHz, mono, 16-bit little-endian (Chromium decodes it both for <audio> and AudioContext).
// The names match the keys of the SDK's `sounds` option (Device.SoundName): incoming, outgoing, disconnect,
// dtmf0…dtmf9, dtmfs (star), dtmfh (hash).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'renderer', 'public', 'sounds');

const RATE = 8000;
/** Each of the two tones of a pair at this fraction of full scale, so a pair peaks at 0.6. */
const LEVEL = 0.3;
/** Fade in and out (5 ms) so tones start and stop without a click. */
const FADE = Math.round(RATE * 0.005);

/** Samples of a tone made of the given frequencies, lasting ms milliseconds. */
function tone(freqs, ms) {
  const n = Math.round((RATE * ms) / 1000);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const f of freqs) v += LEVEL * Math.sin((2 * Math.PI * f * i) / RATE);
    const edge = Math.min(1, i / FADE, (n - 1 - i) / FADE);
    out[i] = v * edge;
  }
  return out;
}

const silence = (ms) => new Float64Array(Math.round((RATE * ms) / 1000));

function concat(parts) {
  const out = new Float64Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A RIFF WAVE file (PCM, mono, 16-bit) of `samples` in -1..1 at `rate` Hz. Also used by the test harness. */
export function wav(samples, rate = RATE) {
  const data = samples.length * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16); // fmt chunk size
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28); // byte rate
  b.writeUInt16LE(2, 32); // block align
  b.writeUInt16LE(16, 34); // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(data, 40);
  for (let i = 0; i < samples.length; i++) {
    b.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32767))), 44 + i * 2);
  }
  return b;
}

// Standard DTMF pairs (row, column frequency in Hz), 160 ms each like the tones the SDK sends in-band.
const dtmf = {
  1: [697, 1209],
  2: [697, 1336],
  3: [697, 1477],
  4: [770, 1209],
  5: [770, 1336],
  6: [770, 1477],
  7: [852, 1209],
  8: [852, 1336],
  9: [852, 1477],
  s: [941, 1209],
  0: [941, 1336],
  h: [941, 1477],
};

export const sounds = {
  // North American ringing: 440 + 480 Hz, 2 s on, 4 s off. The SDK loops this file while a call rings.
  incoming: concat([tone([440, 480], 2000), silence(4000)]),
  // The SDK plays this once when an outbound call connects (it caps it at 3 s): a short burst of ring-back tone.
  outgoing: concat([tone([440, 480], 300), silence(100)]),
  // Call ended: three short beeps of 480 + 620 Hz (the busy/reorder pair).
  disconnect: concat([tone([480, 620], 200), silence(100), tone([480, 620], 200), silence(100), tone([480, 620], 200)]),
  ...Object.fromEntries(Object.entries(dtmf).map(([key, pair]) => [`dtmf${key}`, tone(pair, 160)])),
};

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  if (!check) fs.mkdirSync(outDir, { recursive: true });
  for (const [name, samples] of Object.entries(sounds)) {
    const file = path.join(outDir, `${name}.wav`);
    const bytes = wav(samples);
    if (check) {
      if (!fs.existsSync(file) || !fs.readFileSync(file).equals(bytes)) stale.push(path.relative(root, file));
    } else {
      fs.writeFileSync(file, bytes);
    }
  }
  if (check && stale.length > 0) {
    process.stderr.write(`These sound files differ from what scripts/make-sounds.mjs writes; run it:\n  ${stale.join('\n  ')}\n`);
    process.exit(1);
  }
  process.stdout.write(`${check ? 'checked' : 'wrote'} ${Object.keys(sounds).length} sound files in ${path.relative(root, outDir)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
