import { expect, test, type Page } from '@playwright/test';
import { makeTwilioToken } from '../harness/jwt';
import { openSdkPage, type SdkPage } from '../harness/sdk-page';
import { TwilioGateway, type TwilioGatewayOptions } from '../harness/twilio-gateway';

/**
 * Contract test for the private Twilio Voice signaling protocol (PStream "1.6") as spoken by the pinned
 * @twilio/voice-sdk (2.18.5): the real, unmodified browser bundle in Chromium, its `wss://gateway.test/signal`
 * routed to the fake gateway by page.routeWebSocket. If an SDK upgrade changes what it sends, the pinned
 * sequences below fail: re-read the SDK source before updating them (and the gateway, if it must change).
 */

/** Client → server message types, in order, and the payload keys of each: pinned. */
const PINNED = {
  outgoingRemoteHangup: ['listen', 'register', 'invite'],
  incomingLocalHangup: ['listen', 'register', 'answer', 'hangup'],
  payloadKeys: {
    listen: ['browserinfo', 'reconnectTimeout', 'token'],
    register: ['media'],
    invite: ['callsid', 'sdp', 'twilio'],
    answer: ['callsid', 'sdp'],
    hangup: ['callsid'],
  } as Record<string, string[]>,
};

let gateway: TwilioGateway;
let harness: SdkPage;

interface SetupOptions {
  ttlSeconds?: number;
  gateway?: TwilioGatewayOptions;
  device?: Record<string, unknown>;
}

async function setup(page: Page, options: SetupOptions = {}): Promise<void> {
  gateway = new TwilioGateway({ heartbeatMs: 1000, ...options.gateway });
  harness = await openSdkPage(page, gateway);
  const token = makeTwilioToken({ identity: 'agent-42', ttlSeconds: options.ttlSeconds ?? 3600 });
  await page.evaluate(([t, o]) => window.sdk.createDevice(t, o), [token, options.device ?? {}] as const);
}

const events = () => harness.events();
const payloadKeys = () => gateway.messages.map((m) => [m.type, Object.keys(m.payload).sort()] as const);
const expectPinnedKeys = () => {
  for (const [type, keys] of payloadKeys()) expect(keys, `payload keys of '${type}'`).toEqual(PINNED.payloadKeys[type]);
};

test.afterEach(async ({ page }) => {
  await page.evaluate(() => window.sdk?.destroy()).catch(() => undefined);
  gateway.dispose();
  expect(gateway.violations).toEqual([]);
  expect(harness.strayRequests).toEqual([]);
});

test('(a) register → outgoing call → remote hangup: pinned sequence and SDK events', async ({ page }) => {
  await setup(page);
  expect(await page.evaluate(() => window.sdk.register())).toBe('registered');
  expect(await page.evaluate(() => window.sdk.identity())).toBe('agent-42');
  await page.evaluate(() => window.sdk.connect({ To: '+15551230000', Purpose: 'callback' }));
  await expect.poll(events).toContain('call:accept');

  const invite = gateway.messages.find((m) => m.type === 'invite')!;
  expect(String(invite.payload.callsid)).toMatch(/^TJS/);
  expect(String(invite.payload.sdp)).toContain('m=audio');
  expect(invite.payload.twilio).toEqual({ params: 'To=%2B15551230000&Purpose=callback' });
  const answer = gateway.sent.find((m) => m.type === 'answer')!;
  expect(typeof answer.payload.reconnect).toBe('string');
  const callsid = String(answer.payload.callsid);
  expect(callsid).toMatch(/^CA[0-9a-f]{32}$/);
  expect(await page.evaluate(() => window.sdk.callSid())).toBe(callsid);

  gateway.hangup(callsid);
  await expect.poll(events).toContain('call:disconnect');
  // A remote hangup is not echoed back.
  expect(gateway.types()).toEqual(PINNED.outgoingRemoteHangup);
  expectPinnedKeys();
  expect(gateway.messages[0]!.payload.token).toEqual(expect.stringMatching(/^ey/));
  expect(gateway.messages[1]!.payload.media).toEqual({ audio: true });
  expect(gateway.sent.map((m) => m.type)).toEqual(['connected', 'ready', 'ringing', 'answer', 'hangup']);
  expect(await events()).toEqual(['device:registered', 'call:ringing', 'call:accept', 'call:disconnect']);
  expect(harness.soundRequests).toHaveLength(15);
});

test('(b) incoming call → accept → local hangup: pinned sequence and SDK events', async ({ page }) => {
  await setup(page);
  await page.evaluate(() => window.sdk.register());
  const callsid = gateway.ringIncoming({ from: '+15557654321', to: 'client:agent-42', params: { queue: 'billing' } });
  await expect.poll(events).toContain('device:incoming');
  expect(await page.evaluate(() => window.sdk.incomingParameters())).toEqual({
    CallSid: callsid,
    From: '+15557654321',
    To: 'client:agent-42',
    Params: 'queue=billing',
  });
  await page.evaluate(() => window.sdk.acceptIncoming());
  await expect.poll(events).toContain('call:accept');
  const answer = await gateway.waitFor('answer');
  expect(answer.payload.callsid).toBe(callsid);
  expect(String(answer.payload.sdp)).toContain('a=setup:active');

  await page.evaluate(() => window.sdk.hangup());
  const hangup = await gateway.waitFor('hangup');
  expect(hangup.payload).toEqual({ callsid });
  await expect.poll(events).toContain('call:disconnect');
  expect(gateway.types()).toEqual(PINNED.incomingLocalHangup);
  expectPinnedKeys();
  expect(await events()).toEqual(['device:registered', 'device:incoming', 'call:accept', 'call:disconnect']);
});

test('(c) the caller cancels before the agent answers', async ({ page }) => {
  await setup(page);
  await page.evaluate(() => window.sdk.register());
  const callsid = gateway.ringIncoming({ from: '+15557654321', to: 'client:agent-42' });
  await expect.poll(events).toContain('device:incoming');
  gateway.cancel(callsid);
  await expect.poll(events).toContain('call:cancel');
  expect(await events()).toEqual(['device:registered', 'device:incoming', 'call:cancel']);
  expect(gateway.types()).toEqual(['listen', 'register']);
});

test('(d) an expired token: the gateway says 31205, the SDK raises AccessTokenExpired (20104), never registered', async ({ page }) => {
  await setup(page, { ttlSeconds: -60 });
  // register() waits for `connected`, which never comes after an `error`: its promise stays pending.
  await page.evaluate(() => {
    void window.sdk.register().catch(() => undefined);
  });
  await expect.poll(events).toContain('device:error:20104(31205)');
  expect(gateway.sent[0]).toEqual({ type: 'error', payload: { error: { code: 31205, message: 'JWT token expired' } } });
  expect(gateway.types()).toEqual(['listen']);
  expect(await events()).toEqual(['device:error:20104(31205)']);
});

test('(d′) a malformed token: the gateway says 31204, the SDK raises AccessTokenInvalid (20101)', async ({ page }) => {
  gateway = new TwilioGateway({ heartbeatMs: 1000 });
  harness = await openSdkPage(page, gateway);
  await page.evaluate(() => {
    window.sdk.createDevice('not.a.token');
    void window.sdk.register().catch(() => undefined);
  });
  await expect.poll(events).toContain('device:error:20101(31204)');
  expect(gateway.sent.map((m) => m.type)).toEqual(['error']);
});

test('(e) busy: 31486 on invite surfaces as a call error (with improved signaling error precision), then disconnect', async ({ page }) => {
  await setup(page, { device: { enableImprovedSignalingErrorPrecision: true } });
  await page.evaluate(() => window.sdk.register());
  gateway.failNextInvite(31486);
  await page.evaluate(() => window.sdk.connect({ To: '+15551230000' }));
  await expect.poll(events).toContain('call:disconnect');
  const hangup = gateway.sent.find((m) => m.type === 'hangup')!;
  expect(hangup.payload).toEqual({ callsid: expect.stringMatching(/^TJS/), error: { code: 31486, message: 'Busy' } });
  expect(await events()).toEqual(['device:registered', 'call:error:31486', 'call:disconnect']);
  expect(gateway.types()).toEqual(['listen', 'register', 'invite']);
});

test('(e′) busy with default options: the SDK folds 31486 into 31005 (ConnectionError)', async ({ page }) => {
  await setup(page);
  await page.evaluate(() => window.sdk.register());
  gateway.failNextInvite(31486);
  await page.evaluate(() => window.sdk.connect({ To: '+15551230000' }));
  await expect.poll(events).toContain('call:disconnect');
  expect(await events()).toEqual(['device:registered', 'call:error:31005(31486)', 'call:disconnect']);
});

test('heartbeat is echoed; a dropped socket reconnects and the live call is re-invited with its reconnect token', async ({ page }) => {
  await setup(page, { gateway: { heartbeatMs: 200 } });
  await page.evaluate(() => window.sdk.register());
  await page.evaluate(() => window.sdk.connect({ To: '+15551230000' }));
  await expect.poll(events).toContain('call:accept');
  await expect.poll(() => gateway.heartbeatEchoes).toBeGreaterThanOrEqual(2);
  const token = String(gateway.sent.find((m) => m.type === 'answer')!.payload.reconnect);

  const before = gateway.messages.length;
  gateway.drop();
  const reinvite = await gateway.waitFor('invite', { from: before });
  expect(reinvite.payload.reconnect).toBe(token);
  expect(gateway.connections).toBe(2);
  await expect.poll(() => page.evaluate(() => window.sdk.deviceState())).toBe('registered');
  await expect.poll(events).toContain('call:reconnected');
  expect(await page.evaluate(() => window.sdk.callStatus())).toBe('open');
  // Pinned: after the socket comes back, listen, the reconnect invite (on `connected`), then re-register.
  expect(gateway.types().slice(before)).toEqual(['listen', 'invite', 'register']);
  expect(await events()).toEqual([
    'device:registered',
    'call:ringing',
    'call:accept',
    'call:reconnecting:53001',
    'device:unregistered',
    'call:reconnected',
    'device:registered',
  ]);
});
