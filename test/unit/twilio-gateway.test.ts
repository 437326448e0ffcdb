import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTwilioToken } from '../harness/jwt';
import { checkToken, echoAnswerSdp, minimalOfferSdp, TwilioGateway, type SocketLike, type TwilioGatewayOptions } from '../harness/twilio-gateway';

/** An in-memory socket: `client(type, payload)` plays the SDK, `out` holds what the gateway sent. */
class FakeSocket implements SocketLike {
  readonly raw: string[] = [];
  closedWith: number | undefined | null = null;
  private messageCb: ((text: string) => void) | null = null;
  private closeCb: (() => void) | null = null;
  send(text: string): void {
    this.raw.push(text);
  }
  close(code?: number): void {
    this.closedWith = code;
    this.closeCb?.();
  }
  onMessage(cb: (text: string) => void): void {
    this.messageCb = cb;
  }
  onClose(cb: () => void): void {
    this.closeCb = cb;
  }
  client(type: string, payload: Record<string, unknown>): void {
    this.messageCb?.(JSON.stringify({ payload, type, version: '1.6' }));
  }
  text(t: string): void {
    this.messageCb?.(t);
  }
  get out(): { type: string; payload: Record<string, unknown> }[] {
    return this.raw.filter((t) => t !== '\n').map((t) => JSON.parse(t) as { type: string; payload: Record<string, unknown> });
  }
}

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const OFFER = minimalOfferSdp().replace('a=setup:actpass', 'a=setup:actpass\r\na=candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host');
const flush = () => new Promise((r) => setImmediate(r));

let gw: TwilioGateway | null = null;
function make(options: TwilioGatewayOptions = {}): { gateway: TwilioGateway; socket: FakeSocket } {
  const gateway = new TwilioGateway({ heartbeatMs: 0, now: () => NOW, ...options });
  const socket = new FakeSocket();
  gateway.attach(socket);
  gw = gateway;
  return { gateway, socket };
}

afterEach(() => {
  gw?.dispose();
  gw = null;
  vi.useRealTimers();
});

describe('token check', () => {
  it('derives identity and ttl from a Twilio-shaped JWT', () => {
    const token = makeTwilioToken({ identity: 'agent-7', ttlSeconds: 600, nowMs: NOW });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, string>;
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256', cty: 'twilio-fpa;v=1' });
    expect(checkToken(token, NOW)).toEqual({ ok: true, identity: 'agent-7', ttl: 600 });
    expect(checkToken(token, NOW + 100_500)).toEqual({ ok: true, identity: 'agent-7', ttl: 499 });
  });

  it('expired → 31205; malformed → 31204', () => {
    expect(checkToken(makeTwilioToken({ identity: 'a', ttlSeconds: -1, nowMs: NOW }), NOW)).toMatchObject({ ok: false, code: 31205 });
    for (const bad of [undefined, '', 'abc', 'a.b', 'a.b.c', '!!.??.x', makeTwilioToken({ identity: '', nowMs: NOW })]) {
      expect(checkToken(bad, NOW), String(bad)).toMatchObject({ ok: false, code: 31204 });
    }
  });
});

describe('TwilioGateway', () => {
  it('listen → connected with identity and ttl from the token', async () => {
    const { gateway, socket } = make({ now: () => NOW + 10_000 });
    socket.client('listen', { token: makeTwilioToken({ identity: 'agent-42', ttlSeconds: 3600, nowMs: NOW }), reconnectTimeout: 0, browserinfo: {} });
    await flush();
    expect(socket.out).toEqual([{ type: 'connected', payload: { region: 'gll', edge: 'roaming', home: 'gll', token: { identity: 'agent-42', ttl: 3590 } } }]);
    expect(gateway.identity).toBe('agent-42');
  });

  it('expired and malformed tokens, and injected listen failures, get `error`', async () => {
    const { socket, gateway } = make();
    socket.client('listen', { token: makeTwilioToken({ identity: 'a', ttlSeconds: -5, nowMs: NOW }) });
    socket.client('listen', { token: 'not-a-jwt' });
    gateway.failNextListen(31205);
    socket.client('listen', { token: makeTwilioToken({ identity: 'a', nowMs: NOW }) });
    socket.client('listen', { token: makeTwilioToken({ identity: 'a', nowMs: NOW }) });
    await flush();
    expect(socket.out.map((m) => [m.type, (m.payload.error as { code?: number } | undefined)?.code])).toEqual([
      ['error', 31205],
      ['error', 31204],
      ['error', 31205],
      ['connected', undefined],
    ]);
  });

  it('register → ready, or offline for media.audio false', async () => {
    const { socket } = make();
    socket.client('register', { media: { audio: true } });
    socket.client('register', { media: { audio: false } });
    await flush();
    expect(socket.out).toEqual([
      { type: 'ready', payload: {} },
      { type: 'offline', payload: {} },
    ]);
  });

  it('outgoing invite → ringing → answer with a CA sid, an SDP answer and a reconnect token', async () => {
    const { gateway, socket } = make();
    socket.client('invite', { callsid: 'TJSabc', sdp: OFFER, twilio: { params: 'To=%2B1555' } });
    await flush();
    const [ringing, answer] = socket.out;
    expect(ringing).toEqual({ type: 'ringing', payload: { callsid: 'TJSabc' } });
    expect(answer?.type).toBe('answer');
    expect(answer?.payload.callsid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(answer?.payload.reconnect).toEqual(expect.any(String));
    expect(gateway.callSidFor('TJSabc')).toBe(answer?.payload.callsid);
    const sdp = String(answer?.payload.sdp);
    expect(sdp).toContain('a=setup:active');
    expect(sdp).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 0 101');
    expect(sdp).not.toContain('a=candidate');
    expect(sdp).not.toContain('a=ssrc');
  });

  it('SDP answering is pluggable', async () => {
    const answerSdp = vi.fn((offer: string) => Promise.resolve(`answer-to:${offer.length}`));
    const { socket } = make({ answerSdp, ringing: false });
    socket.client('invite', { callsid: 'TJS1', sdp: 'v=0', twilio: {} });
    await flush();
    expect(answerSdp).toHaveBeenCalledWith('v=0');
    expect(socket.out.map((m) => [m.type, m.payload.sdp])).toEqual([['answer', 'answer-to:3']]);
  });

  it('manual answer holds the invite after ringing', async () => {
    const { gateway, socket } = make({ manualAnswer: true });
    socket.client('invite', { callsid: 'TJS1', sdp: OFFER, twilio: {} });
    await flush();
    expect(socket.out.map((m) => m.type)).toEqual(['ringing']);
    const sid = await gateway.answerPending();
    expect(socket.out.map((m) => [m.type, m.payload.callsid])).toEqual([
      ['ringing', 'TJS1'],
      ['answer', sid],
    ]);
  });

  it('failNextInvite(31486) → hangup with Busy, once', async () => {
    const { gateway, socket } = make({ ringing: false });
    gateway.failNextInvite(31486);
    socket.client('invite', { callsid: 'TJS1', sdp: OFFER, twilio: {} });
    socket.client('invite', { callsid: 'TJS2', sdp: OFFER, twilio: {} });
    await flush();
    expect(socket.out[0]).toEqual({ type: 'hangup', payload: { callsid: 'TJS1', error: { code: 31486, message: 'Busy' } } });
    expect(socket.out[1]?.type).toBe('answer');
  });

  it('reconnect invites and reinvites are answered; unknown reconnect tokens are hung up', async () => {
    const { gateway, socket } = make({ ringing: false });
    const callsid = gateway.ringIncoming({ from: '+1555', to: 'client:a' });
    const token = String(socket.out[0]?.payload.reconnect);
    socket.client('invite', { callsid, sdp: OFFER, reconnect: token, twilio: {} });
    socket.client('reinvite', { callsid, sdp: OFFER });
    socket.client('invite', { callsid: 'CAx', sdp: OFFER, reconnect: 'nope', twilio: {} });
    await flush();
    // Replies keep the order of the messages they answer.
    const [, reconnectAnswer, reinviteAnswer, refused] = socket.out;
    expect(reconnectAnswer).toMatchObject({ type: 'answer', payload: { callsid, reconnect: token } });
    expect(reinviteAnswer).toMatchObject({ type: 'answer', payload: { callsid, reconnect: token } });
    expect(refused).toMatchObject({ type: 'hangup', payload: { callsid: 'CAx', error: { code: 31404 } } });
  });

  it('incoming invite, cancel, hangup and server errors on command', () => {
    const { gateway, socket } = make();
    const sid = gateway.ringIncoming({ from: '+15557654321', to: 'client:a', params: { q: 'x y' } });
    gateway.cancel(sid);
    gateway.hangup(sid, { code: 31603 });
    gateway.hangup();
    gateway.error(31204);
    const [invite, ...rest] = socket.out;
    expect(invite?.type).toBe('invite');
    expect(invite?.payload.parameters).toEqual({ CallSid: sid, From: '+15557654321', To: 'client:a', Params: 'q=x+y' });
    expect(String(invite?.payload.sdp)).toContain('a=setup:actpass');
    expect(rest).toEqual([
      { type: 'cancel', payload: { callsid: sid } },
      { type: 'hangup', payload: { callsid: sid, error: { code: 31603, message: 'Decline' } } },
      { type: 'hangup', payload: {} },
      { type: 'error', payload: { error: { code: 31204, message: 'JWT token is invalid' } } },
    ]);
  });

  it('records every client message, answers `message` with `ack`, and waitFor resolves past and future messages', async () => {
    const { gateway, socket } = make();
    socket.client('hangup', { callsid: 'CA1' });
    await expect(gateway.waitFor('hangup')).resolves.toEqual({ type: 'hangup', payload: { callsid: 'CA1' } });
    const later = gateway.waitFor('dtmf');
    const notYet = gateway.waitFor('hangup', { from: 1, timeoutMs: 50 });
    socket.client('reject', { callsid: 'CA2' });
    socket.client('dtmf', { callsid: 'CA1', dtmf: '12#' });
    socket.client('message', { callsid: 'CA1', content: '{}', contenttype: 'application/json', messagetype: 'user-defined-message', voiceeventsid: 'KX1' });
    await expect(later).resolves.toMatchObject({ payload: { dtmf: '12#' } });
    await expect(notYet).rejects.toThrow(/no 'hangup'/);
    expect(gateway.types()).toEqual(['hangup', 'reject', 'dtmf', 'message']);
    expect(socket.out).toEqual([{ type: 'ack', payload: { acktype: 'message', callsid: 'CA1', voiceeventsid: 'KX1' } }]);
  });

  it('flags protocol violations: non-JSON frames, bad envelopes, other versions', () => {
    const { gateway, socket } = make();
    socket.text('hello');
    socket.text(JSON.stringify({ type: 'listen' }));
    socket.text(JSON.stringify({ type: 'register', version: '1.7', payload: { media: { audio: true } } }));
    expect(gateway.violations).toHaveLength(3);
    expect(gateway.types()).toEqual(['register']);
  });

  it('sends the bare heartbeat every N ms and counts echoes', () => {
    vi.useFakeTimers();
    const gateway = new TwilioGateway({ heartbeatMs: 1000 });
    gw = gateway;
    const socket = new FakeSocket();
    gateway.attach(socket);
    vi.advanceTimersByTime(999);
    expect(socket.raw).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(socket.raw).toEqual(['\n']);
    vi.advanceTimersByTime(2000);
    expect(socket.raw).toEqual(['\n', '\n', '\n']);
    socket.text('\n');
    expect(gateway.heartbeatEchoes).toBe(1);
    expect(gateway.messages).toEqual([]);
  });

  it('drop() closes without a `close` message and stops the heartbeat; a new socket is served', () => {
    vi.useFakeTimers();
    const gateway = new TwilioGateway({ heartbeatMs: 1000 });
    gw = gateway;
    const first = new FakeSocket();
    gateway.attach(first);
    gateway.drop();
    expect(first.closedWith).toBe(4000);
    expect(first.raw).toEqual([]);
    expect(gateway.connected).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(first.raw).toEqual([]);
    expect(() => gateway.cancel('CA1')).toThrow(/no client connected/);
    first.client('listen', { token: 'late' });
    expect(gateway.messages).toEqual([]);

    const second = new FakeSocket();
    gateway.attach(second);
    expect(gateway.connections).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(second.raw).toEqual(['\n']);
  });

  it('closeStream() sends `close` then closes', () => {
    const { socket } = make();
    const gateway = gw!;
    gateway.closeStream();
    expect(socket.out).toEqual([{ type: 'close', payload: {} }]);
    expect(socket.closedWith).toBe(1000);
  });

  it('echoAnswerSdp mirrors directions and replaces ICE credentials', () => {
    const answer = echoAnswerSdp(OFFER.replace('a=sendrecv', 'a=recvonly'));
    expect(answer).toContain('a=sendonly');
    expect(answer).toContain('a=ice-ufrag:gwAn');
    expect(answer).not.toContain('gwOf');
    expect(answer.endsWith('\r\n')).toBe(true);
  });
});
