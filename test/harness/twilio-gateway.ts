/**
 * A fake Twilio Voice signaling gateway ("chunder", PStream protocol 1.6) for driving the real,
 * unmodified @twilio/voice-sdk in tests. Transport-independent: give it a socket-like object, from a
 * `ws` server connection or from Playwright's `page.routeWebSocket(/\/signal$/, …)` (see `socketFromRoute`).
 *
 * Facts about the protocol: /work/shared/TWILIO-SIGNALING.md. Media is not handled here: the default SDP
 * answers/offers are made up, good enough for the SDK to reach `accept`, not for audio to flow; give
 * `answerSdp` a real peer (media-peer.ts) for that.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the gateway needs from a connection. */
export interface SocketLike {
  send(text: string): void;
  close(code?: number): void;
  onMessage(cb: (text: string) => void): void;
  onClose(cb: () => void): void;
}

/** The subset of Playwright's WebSocketRoute used by `socketFromRoute` (kept structural: no import). */
export interface WebSocketRouteLike {
  send(message: string | Buffer): void;
  close(options?: { code?: number; reason?: string }): Promise<void>;
  onMessage(handler: (message: string | Buffer) => unknown): void;
  onClose(handler: (code: number | undefined, reason: string | undefined) => unknown): void;
}

/** Adapts a Playwright WebSocketRoute (no `connectToServer`: the test process is the server). */
export function socketFromRoute(route: WebSocketRouteLike): SocketLike {
  return {
    send: (text) => route.send(text),
    close: (code) => void route.close(code === undefined ? {} : { code }).catch(() => undefined),
    onMessage: (cb) => route.onMessage((m) => cb(typeof m === 'string' ? m : m.toString('utf8'))),
    onClose: (cb) => route.onClose(() => cb()),
  };
}

export interface ClientMessage {
  type: string;
  payload: Record<string, unknown>;
}

export type ErrorCode = 31204 | 31205 | 31486 | number;

export interface TwilioGatewayOptions {
  /** Interval of the bare "\n" heartbeat, ms; 0 disables it. Default 5000 (the SDK drops after 15 s of silence). */
  heartbeatMs?: number;
  /** Produces the SDP answer to an outgoing invite, reconnect invite or reinvite. Default: `echoAnswerSdp`. */
  answerSdp?: (offer: string) => Promise<string> | string;
  /** Send `ringing` before `answer` on outgoing invites. Default true. */
  ringing?: boolean;
  /** Delay between `ringing` and `answer`, ms. Default 0. */
  answerDelayMs?: number;
  /** Do not answer outgoing invites automatically (call `answerPending()`). Default false. */
  manualAnswer?: boolean;
  region?: string;
  edge?: string;
  home?: string;
  /** Current time in ms, for ttl. Default Date.now. */
  now?: () => number;
  /** Check each token's HS256 signature with this secret (the organisation's API key secret). Default: shape only. */
  signingSecret?: string;
}

export interface IncomingCall {
  from: string;
  to: string;
  callSid?: string;
  sdpOffer?: string;
  /** Custom parameters, sent as `Params` (`k=v&…`). */
  params?: Record<string, string>;
  /** Give the call a reconnect token (so it survives a signaling drop). Default true. */
  reconnect?: boolean;
}

interface Waiter {
  type: string;
  from: number;
  resolve: (m: ClientMessage) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface PendingInvite {
  callsid: string;
  sdp: string;
}

export const PSTREAM_VERSION = '1.6';

/** Error messages as the real gateway words them (close enough for the SDK, which keys on code). */
const ERROR_MESSAGES: Record<number, string> = {
  31204: 'JWT token is invalid',
  31205: 'JWT token expired',
  31486: 'Busy',
  31480: 'Temporarily Unavailable',
  31603: 'Decline',
};

let sidCounter = 0;
/** A Twilio-shaped SID: two letters and 32 hex digits. */
export function makeSid(prefix: string): string {
  sidCounter += 1;
  const rnd = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  return prefix + (rnd + sidCounter.toString(16).padStart(8, '0')).padEnd(32, '0').slice(0, 32);
}

export type TokenCheck = { ok: true; identity: string; ttl: number } | { ok: false; code: 31204 | 31205; message: string };

function decodeBase64Url(part: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error('not base64url');
  return Buffer.from(part, 'base64url').toString('utf8');
}

/**
 * Shape check of a Twilio access token and identity/ttl from it; with `signingSecret`, the HS256 signature is
 * checked too (a token signed with another key is refused as 31204, as Twilio refuses it).
 */
export function checkToken(token: unknown, nowMs: number, signingSecret?: string): TokenCheck {
  const malformed = (why: string): TokenCheck => ({ ok: false, code: 31204, message: `${ERROR_MESSAGES[31204]}: ${why}` });
  if (typeof token !== 'string') return malformed('no token');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return malformed('not a JWT');
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(decodeBase64Url(parts[0]));
    payload = JSON.parse(decodeBase64Url(parts[1]));
  } catch {
    return malformed('undecodable');
  }
  if (typeof header !== 'object' || header === null || (header as { alg?: unknown }).alg !== 'HS256') return malformed('alg');
  if (signingSecret !== undefined) {
    const expected = createHmac('sha256', signingSecret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return malformed('signature');
  }
  if (typeof payload !== 'object' || payload === null) return malformed('payload');
  const p = payload as { exp?: unknown; grants?: { identity?: unknown } };
  if (typeof p.exp !== 'number') return malformed('exp');
  const identity = p.grants?.identity;
  if (typeof identity !== 'string' || identity === '') return malformed('grants.identity');
  const ttl = Math.floor(p.exp - nowMs / 1000);
  if (ttl <= 0) return { ok: false, code: 31205, message: ERROR_MESSAGES[31205]! };
  return { ok: true, identity, ttl };
}

const CRLF = '\r\n';

function fakeFingerprint(): string {
  const bytes: string[] = [];
  for (let i = 0; i < 32; i++) bytes.push(((i * 37 + 11) & 0xff).toString(16).padStart(2, '0').toUpperCase());
  return `sha-256 ${bytes.join(':')}`;
}

/**
 * A made-up answer to `offer`: same m-sections and codecs, our own ICE credentials and fingerprint, DTLS
 * role active, directions mirrored, no candidates/ssrc/msid. Chromium accepts it (the SDK reaches `accept`);
 * ICE never connects, so no media flows.
 */
export function echoAnswerSdp(offer: string): string {
  const out: string[] = [];
  for (const raw of offer.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('o=')) out.push(`o=- ${Date.now()} 1 IN IP4 127.0.0.1`);
    else if (/^a=(candidate|end-of-candidates|ssrc|ssrc-group|msid:|ice-ufrag|ice-pwd|fingerprint|setup)/.test(line)) {
      if (line.startsWith('a=ice-ufrag')) out.push('a=ice-ufrag:gwAn');
      else if (line.startsWith('a=ice-pwd')) out.push('a=ice-pwd:gatewayanswerpassword0000');
      else if (line.startsWith('a=fingerprint')) out.push(`a=fingerprint:${fakeFingerprint()}`);
      else if (line.startsWith('a=setup')) out.push('a=setup:active');
    } else if (line === 'a=recvonly') out.push('a=sendonly');
    else if (line === 'a=sendonly') out.push('a=recvonly');
    else out.push(line);
  }
  return out.join(CRLF) + CRLF;
}

/** A minimal audio offer (PCMU + telephone-event) for incoming calls; no candidates, so no media. */
export function minimalOfferSdp(): string {
  return (
    [
      'v=0',
      `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
      's=-',
      't=0 0',
      'a=group:BUNDLE 0',
      'a=msid-semantic: WMS gateway',
      'm=audio 9 UDP/TLS/RTP/SAVPF 0 101',
      'c=IN IP4 0.0.0.0',
      'a=rtcp:9 IN IP4 0.0.0.0',
      'a=ice-ufrag:gwOf',
      'a=ice-pwd:gatewayofferpassword00000',
      `a=fingerprint:${fakeFingerprint()}`,
      'a=setup:actpass',
      'a=mid:0',
      'a=sendrecv',
      'a=msid:gateway gateway-audio',
      'a=rtcp-mux',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ssrc:1001 cname:gateway',
    ].join(CRLF) + CRLF
  );
}

/** One gateway = one fake Twilio edge; it may serve successive sockets (reconnects) via `attach`. */
export class TwilioGateway {
  /** Every client message, in order, across sockets (heartbeat echoes excluded). */
  readonly messages: ClientMessage[] = [];
  /** Every server message sent, in order. */
  readonly sent: ClientMessage[] = [];
  /** Heartbeat echoes received from the client. */
  heartbeatEchoes = 0;
  /** Sockets attached so far (1 + reconnects). */
  connections = 0;
  /** The identity from the last accepted token. */
  identity: string | null = null;
  /** Non-JSON, non-heartbeat frames and other protocol violations seen from the client. */
  readonly violations: string[] = [];

  private readonly opts: Required<Omit<TwilioGatewayOptions, 'answerSdp' | 'signingSecret'>> & {
    answerSdp: (offer: string) => Promise<string> | string;
    signingSecret: string | undefined;
  };
  private socket: SocketLike | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private waiters: Waiter[] = [];
  private listenFailures: number[] = [];
  private inviteFailures: number[] = [];
  private pending: PendingInvite | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly reconnectTokens = new Map<string, string>();
  private readonly tempToCallSid = new Map<string, string>();

  constructor(options: TwilioGatewayOptions = {}) {
    this.opts = {
      heartbeatMs: options.heartbeatMs ?? 5000,
      answerSdp: options.answerSdp ?? echoAnswerSdp,
      ringing: options.ringing ?? true,
      answerDelayMs: options.answerDelayMs ?? 0,
      manualAnswer: options.manualAnswer ?? false,
      region: options.region ?? 'gll',
      edge: options.edge ?? 'roaming',
      home: options.home ?? 'gll',
      now: options.now ?? Date.now,
      signingSecret: options.signingSecret,
    };
  }

  /** Serve a new connection (replaces the previous one, as after a reconnect). */
  attach(socket: SocketLike): void {
    this.stopHeartbeat();
    this.socket = socket;
    this.connections += 1;
    socket.onMessage((text) => this.onText(socket, text));
    socket.onClose(() => {
      if (this.socket === socket) {
        this.socket = null;
        this.stopHeartbeat();
      }
    });
    if (this.opts.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.socket?.send('\n'), this.opts.heartbeatMs);
    }
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  /** Types of client messages so far, in order. */
  types(): string[] {
    return this.messages.map((m) => m.type);
  }

  /** Resolves with the next message of `type` at or after index `from` (default: any already seen counts). */
  waitFor(type: string, options: { timeoutMs?: number; from?: number } = {}): Promise<ClientMessage> {
    const from = options.from ?? 0;
    const seen = this.messages.slice(from).find((m) => m.type === type);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`gateway: no '${type}' within ${options.timeoutMs ?? 10_000} ms; saw [${this.types().join(', ')}]`));
      }, options.timeoutMs ?? 10_000);
      const waiter: Waiter = { type, from, resolve, reject, timer };
      this.waiters.push(waiter);
    });
  }

  /** The next `listen` fails with `error {code}` (31204, 31205, …). */
  failNextListen(code: ErrorCode): void {
    this.listenFailures.push(code);
  }

  /** The next outgoing invite is refused: `hangup {callsid, error:{code, message}}` (31486 Busy, …). */
  failNextInvite(code: ErrorCode): void {
    this.inviteFailures.push(code);
  }

  /** Answer the outgoing invite held back by `manualAnswer` (optionally ringing first). */
  async answerPending(): Promise<string> {
    const p = this.pending;
    if (!p) throw new Error('gateway: no pending outgoing invite');
    this.pending = null;
    return this.answerInvite(p);
  }

  /** Ring the client: server `invite` with parameters {CallSid, From, To[, Params]}. Returns the CallSid. */
  ringIncoming(call: IncomingCall): string {
    const callsid = call.callSid ?? makeSid('CA');
    const parameters: Record<string, string> = { CallSid: callsid, From: call.from, To: call.to };
    if (call.params) parameters.Params = new URLSearchParams(call.params).toString();
    const payload: Record<string, unknown> = { callsid, sdp: call.sdpOffer ?? minimalOfferSdp(), parameters };
    if (call.reconnect ?? true) payload.reconnect = this.reconnectTokenFor(callsid);
    this.send('invite', payload);
    return callsid;
  }

  /** The caller gives up before the agent answers. */
  cancel(callsid: string): void {
    this.send('cancel', { callsid });
  }

  /** Remote hangup, optionally with an error. `callsid` may be the CA… sid or the client's TJS… id. */
  hangup(callsid?: string, error?: { code: number; message?: string }): void {
    const payload: Record<string, unknown> = {};
    if (callsid !== undefined) payload.callsid = callsid;
    if (error) payload.error = { code: error.code, message: error.message ?? ERROR_MESSAGES[error.code] ?? 'Error' };
    this.send('hangup', payload);
  }

  /** Server-side `error` (not tied to listen). */
  error(code: ErrorCode, message?: string, callsid?: string): void {
    const payload: Record<string, unknown> = { error: { code, message: message ?? ERROR_MESSAGES[code] ?? 'Error' } };
    if (callsid !== undefined) payload.callsid = callsid;
    this.send('error', payload);
  }

  /** An in-call user-defined message from the server. */
  message(callsid: string, content: unknown, messagetype = 'user-defined-message'): void {
    this.send('message', { callsid, content, contenttype: 'application/json', messagetype, voiceeventsid: makeSid('KX') });
  }

  /** The CallSid the gateway gave an outgoing call that the client sent as `temp` (TJS…). */
  callSidFor(temp: string): string | undefined {
    return this.tempToCallSid.get(temp);
  }

  /** Drop the socket without a `close` message: the SDK reconnects (backoff from 100 ms). */
  drop(code = 1006): void {
    const s = this.socket;
    this.socket = null;
    this.stopHeartbeat();
    // 1006 may not be sent by an endpoint; use 4000 on the wire for an "abnormal" drop.
    s?.close(code === 1006 ? 4000 : code);
  }

  /** Server `close`: ends the stream; the SDK does not reconnect. */
  closeStream(): void {
    this.send('close', {});
    this.socket?.close(1000);
  }

  /** Stop timers and pending waits. */
  dispose(): void {
    this.stopHeartbeat();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('gateway disposed'));
    }
    this.waiters = [];
  }

  /** Send a raw server message. */
  send(type: string, payload: Record<string, unknown>): void {
    if (!this.socket) throw new Error(`gateway: cannot send '${type}': no client connected`);
    this.sent.push({ type, payload });
    this.socket.send(JSON.stringify({ type, payload }));
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private reconnectTokenFor(callsid: string): string {
    let t = this.reconnectTokens.get(callsid);
    if (!t) {
      t = `rt-${callsid}-${Math.random().toString(36).slice(2, 10)}`;
      this.reconnectTokens.set(callsid, t);
    }
    return t;
  }

  private onText(socket: SocketLike, text: string): void {
    if (socket !== this.socket) return; // a dropped socket still talking
    if (text === '\n') {
      this.heartbeatEchoes += 1;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.violations.push(`non-JSON frame: ${JSON.stringify(text.slice(0, 80))}`);
      return;
    }
    const env = parsed as { type?: unknown; version?: unknown; payload?: unknown };
    if (typeof env.type !== 'string' || typeof env.payload !== 'object' || env.payload === null) {
      this.violations.push(`bad envelope: ${text.slice(0, 120)}`);
      return;
    }
    if (env.version !== PSTREAM_VERSION) this.violations.push(`version ${String(env.version)} on '${env.type}'`);
    const msg: ClientMessage = { type: env.type, payload: env.payload as Record<string, unknown> };
    this.messages.push(msg);
    const index = this.messages.length - 1;
    for (const w of [...this.waiters]) {
      if (w.type === msg.type && index >= w.from) {
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(msg);
      }
    }
    // Injected failures apply to the next message received (not the next handled); replies go out in the
    // order of the messages they answer, even when SDP answering is slow.
    const forced =
      msg.type === 'listen'
        ? this.listenFailures.shift()
        : msg.type === 'invite' && typeof msg.payload.reconnect !== 'string'
          ? this.inviteFailures.shift()
          : undefined;
    this.queue = this.queue
      .then(() => this.handle(msg, forced))
      .catch((e: unknown) => {
        this.violations.push(`handler for '${msg.type}' threw: ${String(e)}`);
      });
  }

  private async handle(msg: ClientMessage, forced: number | undefined): Promise<void> {
    const p = msg.payload;
    switch (msg.type) {
      case 'listen': {
        if (forced !== undefined) {
          this.error(forced);
          return;
        }
        const check = checkToken(p.token, this.opts.now(), this.opts.signingSecret);
        if (!check.ok) {
          this.error(check.code, check.message);
          return;
        }
        this.identity = check.identity;
        this.send('connected', {
          region: this.opts.region,
          edge: this.opts.edge,
          home: this.opts.home,
          token: { identity: check.identity, ttl: check.ttl },
        });
        return;
      }
      case 'register': {
        const media = p.media as { audio?: unknown } | undefined;
        this.send(media?.audio === true ? 'ready' : 'offline', {});
        return;
      }
      case 'invite': {
        const callsid = String(p.callsid ?? '');
        const sdp = String(p.sdp ?? '');
        if (typeof p.reconnect === 'string') {
          // Reconnect of a live call after the socket came back.
          const known = [...this.reconnectTokens.entries()].find(([, t]) => t === p.reconnect);
          if (!known) {
            this.hangup(callsid, { code: 31404, message: 'Reconnect token not recognised' });
            return;
          }
          const answer = await this.opts.answerSdp(sdp);
          this.send('answer', { callsid: known[0], sdp: answer, reconnect: known[1] });
          return;
        }
        if (forced !== undefined) {
          this.hangup(callsid, { code: forced });
          return;
        }
        const pending = { callsid, sdp };
        if (this.opts.manualAnswer) {
          this.pending = pending;
          if (this.opts.ringing) this.send('ringing', { callsid });
          return;
        }
        await this.answerInvite(pending);
        return;
      }
      case 'reinvite': {
        const callsid = String(p.callsid ?? '');
        const answer = await this.opts.answerSdp(String(p.sdp ?? ''));
        this.send('answer', { callsid, sdp: answer, reconnect: this.reconnectTokenFor(callsid) });
        return;
      }
      case 'message': {
        this.send('ack', { acktype: 'message', callsid: p.callsid, voiceeventsid: p.voiceeventsid });
        return;
      }
      // hangup, reject, answer (to our incoming invite), dtmf: recorded only.
      default:
        return;
    }
  }

  private async answerInvite(p: PendingInvite): Promise<string> {
    const callsid = makeSid('CA');
    this.tempToCallSid.set(p.callsid, callsid);
    if (this.opts.ringing && !this.opts.manualAnswer) this.send('ringing', { callsid: p.callsid });
    if (this.opts.answerDelayMs > 0) await new Promise((r) => setTimeout(r, this.opts.answerDelayMs));
    const answer = await this.opts.answerSdp(p.sdp);
    if (!this.socket) return callsid;
    this.send('answer', { callsid, sdp: answer, reconnect: this.reconnectTokenFor(callsid) });
    return callsid;
  }
}
