/**
 * The remote party of a phone call, with real audio: a werift RTCPeerConnection in the test process that
 * answers (or makes) the SDK's offer, plays a continuous PCMU tone from the moment it connects, records what
 * it receives (decoded μ-law) and decodes RFC 4733 DTMF. Pair it with TwilioGateway (`answerSdp`, or
 * `createOffer`/`acceptAnswer` for incoming calls). Facts: /work/shared/TWILIO-SIGNALING.md.
 */

import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, usePCMU } from 'werift';
import { wav } from '../../scripts/make-sounds.mjs';

export interface MediaPeerOptions {
  /** Frequency of the tone the peer plays, Hz. Default 440. */
  toneHz?: number;
  /** Amplitude of the tone, 0..1 of full scale. Default 0.3. */
  toneAmplitude?: number;
}

const RATE = 8000;
const PACKET_MS = 20;
const SAMPLES_PER_PACKET = (RATE * PACKET_MS) / 1000;
/** Received audio kept for `receivedLevel`, ms. */
const KEEP_MS = 10_000;
/** After a stall, send at most this many late packets at once; skip the rest (a real phone would too). */
const MAX_CATCH_UP = 5;
const DTMF_EVENTS = '0123456789*#ABCD';

// ---- G.711 μ-law ----

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** 16-bit linear sample → μ-law byte (G.711). */
export function linearToMulaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s = Math.min(s, MULAW_CLIP) + MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** μ-law byte → 16-bit linear sample (G.711). */
export function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + MULAW_BIAS) << ((u >> 4) & 0x07)) - MULAW_BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

// ---- signal helpers ----

/**
 * Magnitude of `samples` at `hz` (Goertzel), normalised so that a sine of amplitude A at exactly `hz` gives ≈ A
 * (samples in -1..1).
 */
export function goertzel(samples: Float32Array | number[], sampleRate: number, hz: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  const w = (2 * Math.PI * hz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / n;
}

/** A 16-bit mono PCM WAV of a continuous sine (amplitude 0.5), e.g. for `--use-file-for-fake-audio-capture`. */
export function toneWav(hz: number, seconds: number, sampleRate = 48000): Buffer {
  const samples = new Float64Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return wav(samples, sampleRate);
}

// ---- SDP helpers ----

interface IceIdentity {
  ufrag: string | null;
  pwd: string | null;
  fingerprint: string | null;
}

function iceIdentity(sdp: string): IceIdentity {
  const attr = (name: string) => new RegExp(`^a=${name}:(.+)$`, 'm').exec(sdp)?.[1]?.trim() ?? null;
  return { ufrag: attr('ice-ufrag'), pwd: attr('ice-pwd'), fingerprint: attr('fingerprint') };
}

/** payload type → lower-case codec name, from the a=rtpmap lines (PCMU's static 0 may have none). */
function payloadTypes(sdp: string): Map<number, string> {
  const map = new Map<number, string>([[0, 'pcmu']]);
  for (const m of sdp.matchAll(/^a=rtpmap:(\d+) ([^/\s]+)/gm)) map.set(Number(m[1]), m[2]!.toLowerCase());
  return map;
}

interface ReceivedPacket {
  at: number;
  samples: Float32Array;
}

/** The remote party of one call at a time (a new offer from another session replaces the current one). */
export class MediaPeer {
  /** Digits decoded from RFC 4733 telephone-event packets, one per event, in order. */
  readonly digits: string[] = [];
  /** RTP packets sent / received (audio and telephone-event), for diagnostics. */
  rtpSent = 0;
  rtpReceived = 0;
  /** SDP offers answered by kind, for tests of reconnects and ICE restarts. */
  readonly answered = { fresh: 0, reconnect: 0, iceRestart: 0 };

  private readonly toneHz: number;
  private readonly toneAmplitude: number;
  private pc: RTCPeerConnection | null = null;
  private track: MediaStreamTrack | null = null;
  private remote: IceIdentity | null = null;
  private remotePayloadTypes = new Map<number, string>();
  private received: ReceivedPacket[] = [];
  private lastEventTimestamp: number | null = null;
  private toneTimer: ReturnType<typeof setInterval> | null = null;
  private toneStopped = false;
  private closed = false;
  private seq = Math.floor(Math.random() * 0xffff);
  private rtpTimestamp = Math.floor(Math.random() * 0xffffffff);
  private sampleIndex = 0;

  constructor(options: MediaPeerOptions = {}) {
    this.toneHz = options.toneHz ?? 440;
    this.toneAmplitude = options.toneAmplitude ?? 0.3;
  }

  /** ICE and peer-connection states, for messages. */
  get state(): string {
    return this.pc ? `ice=${this.pc.iceConnectionState} connection=${this.pc.connectionState}` : 'no session';
  }

  /**
   * For TwilioGateway's `answerSdp`: answers an SDK offer (outgoing call). A later offer with the same ICE
   * credentials (the SDK's reconnect invite after a signaling drop: it resends its current description) gets
   * the current local description back, media untouched. An offer with the same DTLS fingerprint but new ICE
   * credentials (an ICE-restart reinvite) restarts ICE on the live session. Anything else starts a new session.
   */
  answerSdp = async (offer: string): Promise<string> => {
    const id = iceIdentity(offer);
    const pc = this.pc;
    if (pc && this.remote && pc.localDescription && pc.connectionState !== 'closed') {
      if (id.ufrag === this.remote.ufrag && id.pwd === this.remote.pwd) {
        this.answered.reconnect += 1;
        return pc.localDescription.sdp;
      }
      if (id.fingerprint === this.remote.fingerprint) {
        this.answered.iceRestart += 1;
        const sdp = await this.answerOn(pc, offer, id);
        // werift 0.24.4 resets its ICE agent on the new remote credentials but does not run it again while
        // DTLS is up (RTCPeerConnection.connect returns early): no pair is nominated, so it keeps receiving
        // but silently stops sending. Start the agent ourselves.
        for (const t of pc.iceTransports) void t.start().catch(() => undefined);
        return sdp;
      }
    }
    await this.closeSession();
    this.answered.fresh += 1;
    return this.answerOn(this.newSession(), offer, id);
  };

  /** For an incoming call: an offer (PCMU + telephone-event, all candidates) for `gateway.ringIncoming`. */
  async createOffer(): Promise<string> {
    await this.closeSession();
    const pc = this.newSession();
    await pc.setLocalDescription(await pc.createOffer());
    return this.completeLocalSdp(pc);
  }

  /** The SDK's answer to `createOffer()`'s offer (from the client's `answer` message). */
  async acceptAnswer(sdp: string): Promise<void> {
    const pc = this.pc;
    if (!pc) throw new Error('MediaPeer: acceptAnswer without createOffer');
    this.noteRemote(sdp);
    await pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** Resolves once ICE/DTLS is connected and RTP has arrived; rejects after `timeoutMs` saying how far it got. */
  async waitForMedia(timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(this.pc?.connectionState === 'connected' && this.received.length > 0)) {
      if (this.closed) throw new Error('MediaPeer: closed while waiting for media');
      if (Date.now() > end) {
        throw new Error(`MediaPeer: no media within ${timeoutMs} ms (${this.state}, rtp sent ${this.rtpSent}, received ${this.rtpReceived})`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops the tone for good (the peer goes on receiving). */
  stopTone(): void {
    this.toneStopped = true;
    this.stopTimer();
  }

  /**
   * The audio received over the last `windowMs` (by arrival time): rms (0..1), the Goertzel magnitude at `hz`
   * (≈ the amplitude of a sine at that frequency, 0..1) or null without `hz`, and the number of audio packets.
   */
  receivedLevel(windowMs: number, hz?: number): { rms: number; atHz: number | null; packets: number } {
    const since = performance.now() - windowMs;
    const packets = this.received.filter((p) => p.at >= since);
    const all = new Float32Array(packets.reduce((n, p) => n + p.samples.length, 0));
    let offset = 0;
    for (const p of packets) {
      all.set(p.samples, offset);
      offset += p.samples.length;
    }
    let sum = 0;
    for (const v of all) sum += v * v;
    return {
      rms: all.length ? Math.sqrt(sum / all.length) : 0,
      atHz: hz === undefined ? null : goertzel(all, RATE, hz),
      packets: packets.length,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.closeSession();
  }

  private newSession(): RTCPeerConnection {
    // werift assigns payload types into the codec objects given: fresh ones per connection. No STUN server
    // (offline; the default is Google's), IPv4 host candidates only.
    const pc = new RTCPeerConnection({
      codecs: {
        audio: [usePCMU(), new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, payloadType: 101, parameters: '0-16' })],
      },
      iceServers: [],
      iceUseIpv6: false,
    });
    this.pc = pc;
    this.received = [];
    this.lastEventTimestamp = null;
    this.track = new MediaStreamTrack({ kind: 'audio' });
    pc.addTransceiver(this.track, { direction: 'sendrecv' });
    // werift fires onTrack again for the same track on every remote offer (an ICE-restart reinvite too).
    const listening = new Set<MediaStreamTrack>();
    pc.onTrack.subscribe((track) => {
      if (listening.has(track)) return;
      listening.add(track);
      track.onReceiveRtp.subscribe((rtp) => this.onRtp(rtp));
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.startTone();
    });
    return pc;
  }

  private async answerOn(pc: RTCPeerConnection, offer: string, id: IceIdentity): Promise<string> {
    this.noteRemote(offer, id);
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await pc.setLocalDescription(await pc.createAnswer());
    return this.completeLocalSdp(pc);
  }

  private noteRemote(sdp: string, id = iceIdentity(sdp)): void {
    this.remote = id;
    this.remotePayloadTypes = payloadTypes(sdp);
  }

  /** The SDK does not trickle: the local SDP must carry every candidate, so wait for gathering to finish. */
  private async completeLocalSdp(pc: RTCPeerConnection): Promise<string> {
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const { unSubscribe } = pc.iceGatheringStateChange.subscribe((s) => {
          if (s === 'complete') {
            unSubscribe();
            resolve();
          }
        });
      });
    }
    const sdp = pc.localDescription?.sdp;
    if (!sdp || !/^a=candidate:/m.test(sdp)) throw new Error(`MediaPeer: no local candidates in ${sdp ?? 'no SDP'}`);
    return sdp;
  }

  private onRtp(rtp: RtpPacket): void {
    this.rtpReceived += 1;
    const codec = this.remotePayloadTypes.get(rtp.header.payloadType);
    if (codec === 'telephone-event') this.onTelephoneEvent(rtp);
    else if (codec === 'pcmu') {
      const samples = new Float32Array(rtp.payload.length);
      for (let i = 0; i < samples.length; i++) samples[i] = mulawToLinear(rtp.payload[i]!) / 32768;
      const now = performance.now();
      this.received.push({ at: now, samples });
      if (this.received[0]!.at < now - KEEP_MS) this.received = this.received.filter((p) => p.at >= now - KEEP_MS);
    }
  }

  /** RFC 4733: all packets of one event share its RTP timestamp (the end packet is sent three times). */
  private onTelephoneEvent(rtp: RtpPacket): void {
    if (rtp.payload.length < 4 || rtp.header.timestamp === this.lastEventTimestamp) return;
    this.lastEventTimestamp = rtp.header.timestamp;
    const digit = DTMF_EVENTS[rtp.payload[0]!];
    if (digit) this.digits.push(digit);
  }

  private startTone(): void {
    if (this.toneTimer || this.toneStopped || this.closed) return;
    const start = performance.now();
    let sent = 0;
    this.toneTimer = setInterval(() => {
      const due = Math.floor((performance.now() - start) / PACKET_MS) + 1;
      if (due - sent > MAX_CATCH_UP) {
        this.advance(due - sent - MAX_CATCH_UP);
        sent = due - MAX_CATCH_UP;
      }
      for (; sent < due; sent++) this.sendTonePacket(sent === 0);
    }, PACKET_MS / 2);
  }

  /** Skips `packets` packets of time (sequence numbers stay contiguous, timestamps jump). */
  private advance(packets: number): void {
    this.sampleIndex += packets * SAMPLES_PER_PACKET;
    this.rtpTimestamp = (this.rtpTimestamp + packets * SAMPLES_PER_PACKET) >>> 0;
  }

  private sendTonePacket(first: boolean): void {
    const payload = Buffer.alloc(SAMPLES_PER_PACKET);
    const step = (2 * Math.PI * this.toneHz) / RATE;
    for (let i = 0; i < SAMPLES_PER_PACKET; i++) {
      payload[i] = linearToMulaw(this.toneAmplitude * 32767 * Math.sin(step * (this.sampleIndex + i)));
    }
    // werift's sender rewrites ssrc and payload type (to the first negotiated codec: PCMU).
    const header = new RtpHeader({ payloadType: 0, sequenceNumber: this.seq, timestamp: this.rtpTimestamp, marker: first });
    this.track?.writeRtp(new RtpPacket(header, payload));
    this.rtpSent += 1;
    this.seq = (this.seq + 1) & 0xffff;
    this.advance(1);
  }

  private async closeSession(): Promise<void> {
    this.stopTimer();
    const pc = this.pc;
    this.pc = null;
    this.remote = null;
    this.track?.stop();
    this.track = null;
    if (pc) await pc.close();
  }

  private stopTimer(): void {
    if (this.toneTimer) clearInterval(this.toneTimer);
    this.toneTimer = null;
  }
}
