import { chromium, expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blockedMicrophone, toneMicrophone } from '../harness/fake-mic';
import { MediaPeer } from '../harness/media-peer';
import { startOrgEndpoints, type OrgEndpoints } from '../harness/org-endpoints';
import { captureCalls, hearsTone } from '../harness/page-audio';
import { socketFromRoute, TwilioGateway } from '../harness/twilio-gateway';
import { connectWs, importDemoPatients, spawnHost, type RunningHost, type WsClient } from '../support/host';

/**
 * The real app (browser host) in Twilio mode: the unmodified @twilio/voice-sdk in Chromium, its signaling
 * routed to the fake gateway (test/harness/twilio-gateway.ts), its tokens, hold and transfer from the fake
 * organisation backend (test/harness/org-endpoints.ts), configured through settings as an administrator would.
 */

const shots = path.join('test-results', 'screenshots');

/** The caller's tone (played by the far end), and the agent's fake microphone (a file Chromium loops). */
const FAR_END_HZ = 440;
const AGENT_MIC_HZ = 660;
/** Levels at AGENT_MIC_HZ, as MediaPeer.receivedLevel reports them: clearly heard, and silent. */
const HEARD = 0.02;
const SILENT = 0.005;
const AGENT_NUMBER = '+15555550100';

test.use({ launchOptions: toneMicrophone(AGENT_MIC_HZ) });

let host: RunningHost;
let dataDir: string;
let org: OrgEndpoints;
let ws: WsClient;
/** A cached patient with a phone number of their own: the caller. */
let caller: { id: string; name: string; phone: string };
/** Requests the page made to anywhere but the app itself (WebSockets excluded), and for sound files. */
let stray: string[] = [];
let sounds: string[] = [];
let onTransfer: ((body: { callSid: string; mode: string }) => void) | null = null;

const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });
const status = (page: Page) => softphone(page).getByRole('status').first();

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-twilio-'));
  importDemoPatients(dataDir, { seed: 11, patients: 4 });
  host = await spawnHost(dataDir);
  org = await startOrgEndpoints({ onTransfer: (body) => onTransfer?.(body) });
  ws = await connectWs(host);
  const set = await ws.request('settings.set', { telephony: { tokenEndpoint: org.tokenUrl, holdEndpoint: org.holdUrl, transferEndpoint: org.transferUrl } });
  expect(set).toMatchObject({ ok: true });
  const found = (await ws.request('patients.search', { text: 'a', limit: 10 })) as { ok: boolean; value: { id: string; name: string; phone: string | null }[] };
  const withPhone = found.value.filter((p) => p.phone);
  const unique = withPhone.find((p) => withPhone.filter((q) => q.phone === p.phone).length === 1);
  expect(unique, 'a patient with a number of their own').toBeTruthy();
  caller = { id: unique!.id, name: unique!.name, phone: unique!.phone! };
});

// Whatever a test set on the shared organisation backend, the next one starts from its defaults.
test.afterEach(() => {
  org.nextTokens = [];
  org.ttlSeconds = 300;
  onTransfer = null;
});

test.afterAll(async () => {
  ws?.close();
  await host?.stop();
  await org?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Routes the SDK's signaling socket (wss://voice-js.roaming.twilio.com/signal) to `gateway`, opens the app, waits for registration. */
async function openRegistered(page: Page, gateway: TwilioGateway): Promise<void> {
  stray = [];
  sounds = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(host.origin)) stray.push(r.url());
    else if (new URL(r.url()).pathname.startsWith('/sounds/')) sounds.push(new URL(r.url()).pathname);
  });
  await page.routeWebSocket(/\/signal$/, (route) => gateway.attach(socketFromRoute(route)));
  await watchForTrainingBadge(page);
  await page.goto(host.url);
  await expect(softphone(page).getByText(`Telephony: ${new URL(org.base).host}`)).toBeVisible();
  await gateway.waitFor('register');
  await expect(status(page)).toHaveText('Available');
  // A desk set up for live calls never passes through training mode on its way up.
  expect(await page.evaluate(() => (window as unknown as { __sawTraining: boolean }).__sawTraining)).toBe(false);
}

/** Remembers whether the TRAINING badge was ever on screen, from the first paint on. */
async function watchForTrainingBadge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __sawTraining: boolean };
    w.__sawTraining = false;
    new MutationObserver(() => {
      if (document.querySelector('.training-badge')) w.__sawTraining = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

/** The other side of a call: the fake gateway (checking tokens with the org's key) and a media peer playing FAR_END_HZ. */
function farEnd(): { peer: MediaPeer; gateway: TwilioGateway } {
  const peer = new MediaPeer({ toneHz: FAR_END_HZ });
  return { peer, gateway: new TwilioGateway({ signingSecret: org.apiKeySecret, answerSdp: peer.answerSdp }) };
}

/** Rings the desk from the caller's number with the peer's offer, answers, and waits until audio flows. */
async function answeredIncoming(page: Page, gateway: TwilioGateway, peer: MediaPeer): Promise<string> {
  const callSid = gateway.ringIncoming({ from: caller.phone, to: AGENT_NUMBER, sdpOffer: await peer.createOffer() });
  await expect(status(page)).toContainText('Ringing');
  const from = gateway.messages.length;
  await softphone(page).getByRole('button', { name: 'Answer' }).click();
  await peer.acceptAnswer(String((await gateway.waitFor('answer', { from })).payload.sdp));
  await peer.waitForMedia(15_000);
  await expect(status(page)).toContainText('On call');
  return callSid;
}

interface SavedContact {
  call: { callSid: string; direction: string; endReason: string | null } | null;
  notes: string;
  disposition: string | null;
}
async function recentCalls(patientId: string): Promise<SavedContact[]> {
  const reply = (await ws.request('contacts.recent', { patientId, limit: 10 })) as { ok: boolean; value: SavedContact[] };
  expect(reply.ok).toBe(true);
  return reply.value;
}

test('an incoming call: screen-pop before answer, audio both ways, mute, keypad, hold, caller hangs up, wrap-up saved with the call SID', async ({ page }) => {
  const { peer, gateway } = farEnd();
  try {
    await captureCalls(page);
    await openRegistered(page, gateway);
    expect(gateway.identity).toBe('ambassador-e2e');

    const callSid = gateway.ringIncoming({ from: caller.phone, to: AGENT_NUMBER, sdpOffer: await peer.createOffer() });
    await expect(status(page)).toContainText('Ringing');
    await expect(status(page)).toContainText(caller.phone);
    // The right patient is on screen before anyone answers.
    await expect(page.getByRole('region', { name: 'Caller' }).locator('.caller-name')).toHaveText(caller.name);
    await page.screenshot({ path: path.join(shots, 'twilio-ringing.png'), fullPage: true });

    await softphone(page).getByRole('button', { name: 'Answer' }).click();
    await peer.acceptAnswer(String((await gateway.waitFor('answer')).payload.sdp));
    await peer.waitForMedia(15_000);
    await expect(status(page)).toContainText('On call');

    // The agent hears the caller's tone; the caller hears the agent's microphone.
    await expect.poll(() => hearsTone(page, FAR_END_HZ), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => peer.receivedLevel(500, AGENT_MIC_HZ).atHz ?? 0, { timeout: 10_000 }).toBeGreaterThan(HEARD);

    await softphone(page).getByRole('button', { name: 'Mute' }).click();
    await expect(softphone(page).getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => peer.receivedLevel(500, AGENT_MIC_HZ).atHz ?? 1, { timeout: 5000 }).toBeLessThan(SILENT);
    await softphone(page).getByRole('button', { name: 'Unmute' }).click();
    await expect.poll(() => peer.receivedLevel(500, AGENT_MIC_HZ).atHz ?? 0, { timeout: 5000 }).toBeGreaterThan(HEARD);

    await softphone(page).getByRole('button', { name: 'Keypad' }).click();
    const keypad = softphone(page).getByRole('group', { name: 'Keypad' });
    for (const key of ['1', '2', '#']) await keypad.getByRole('button', { name: key, exact: true }).click();
    // Typed on the keyboard while the pad has focus, too; Escape closes it.
    await page.keyboard.press('9');
    await expect.poll(() => peer.digits.join(''), { timeout: 5000 }).toBe('12#9');
    await page.keyboard.press('Escape');
    await expect(keypad).toBeHidden();
    await expect(softphone(page).getByRole('button', { name: 'Keypad' })).toBeFocused();
    expect(gateway.types()).not.toContain('dtmf'); // in-band (RFC 4733), not signaling

    const holdFrom = org.requests.length;
    await softphone(page).getByRole('button', { name: 'Hold' }).click();
    expect((await org.waitFor('/hold', { from: holdFrom })).body).toEqual({ callSid, hold: true });
    await expect(status(page)).toContainText('On hold');
    await softphone(page).getByRole('button', { name: 'Resume' }).click();
    expect((await org.waitFor('/hold', { from: holdFrom + 1 })).body).toEqual({ callSid, hold: false });
    await expect(status(page)).toContainText('On call');
    await page.screenshot({ path: path.join(shots, 'twilio-on-call.png'), fullPage: true });

    gateway.hangup(callSid);
    await expect(status(page)).toContainText('Wrap-up');
    await expect(softphone(page).getByText('Call ended.')).toBeVisible();
    const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
    await wrapUp.getByLabel('Disposition').selectOption('question-answered');
    await wrapUp.getByLabel('Notes').fill('Real SDK, fake gateway: answered.');
    await expect(wrapUp.getByText('Saved to the contact')).toBeVisible();
    await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).click();
    await expect(status(page)).toHaveText('Available');

    const saved = await recentCalls(caller.id);
    expect(saved).toContainEqual(
      expect.objectContaining({
        call: expect.objectContaining({ callSid, direction: 'inbound', endReason: 'completed' }),
        notes: 'Real SDK, fake gateway: answered.',
        disposition: 'question-answered',
      }),
    );
    // Nothing left the machine: the ringtone and keypad tones are the app's own files, signaling went to the fake gateway.
    expect(stray).toEqual([]);
    expect(sounds).toEqual(expect.arrayContaining(['/sounds/incoming.wav', '/sounds/dtmf1.wav', '/sounds/dtmfh.wav']));
  } finally {
    gateway.dispose();
    await peer.close();
  }
});

test('transfers call the backend with the directory number: warm keeps the agent on the call, cold takes the call away', async ({ page }) => {
  const { peer, gateway } = farEnd();
  // As Twilio does once the backend has moved the caller elsewhere: the agent's leg hangs up (cold only).
  onTransfer = (body) => {
    if (body.mode === 'cold') setTimeout(() => gateway.hangup(body.callSid), 50);
  };
  try {
    await openRegistered(page, gateway);
    const callSid = await answeredIncoming(page, gateway, peer);
    const warmFrom = org.requests.length;
    await softphone(page).getByRole('button', { name: 'More…' }).click();
    await softphone(page).getByLabel('Transfer to…').selectOption({ label: 'Nurse line (example)' });
    await softphone(page).getByRole('button', { name: 'Warm transfer' }).click();
    expect((await org.waitFor('/transfer', { from: warmFrom })).body).toEqual({ callSid, to: '+15555550101', mode: 'warm' });
    await expect(status(page)).toContainText('On call');

    const from = org.requests.length;
    await softphone(page).getByRole('button', { name: 'Cold transfer' }).click();
    const sent = await org.waitFor('/transfer', { from });
    expect(sent.body).toEqual({ callSid, to: '+15555550101', mode: 'cold' });
    await expect(status(page)).toContainText('Wrap-up');
    await expect(softphone(page).getByText('Call transferred.')).toBeVisible();
  } finally {
    onTransfer = null;
    gateway.dispose();
    await peer.close();
  }
});

test('a token refreshed during a call: the app fetches a new one before the old expires and the call goes on', async ({ page }) => {
  // tokenWillExpire fires 30 s before expiry (the provider's tokenRefreshMs): a 40 s token is renewed after ~10 s.
  org.ttlSeconds = 40;
  const { peer, gateway } = farEnd();
  try {
    await openRegistered(page, gateway);
    const tokensBefore = org.tokens.length;
    const listensBefore = gateway.types().filter((t) => t === 'listen').length;
    const callSid = await answeredIncoming(page, gateway, peer);
    await expect.poll(() => org.tokens.length, { timeout: 30_000 }).toBeGreaterThan(tokensBefore);
    const fresh = org.tokens.at(-1);
    await expect.poll(() => gateway.messages.filter((m) => m.type === 'listen').map((m) => m.payload.token), { timeout: 5000 }).toContain(fresh);
    expect(gateway.types().filter((t) => t === 'listen').length).toBeGreaterThan(listensBefore);
    await expect(status(page)).toContainText('On call');
    await expect.poll(() => peer.receivedLevel(500, AGENT_MIC_HZ).atHz ?? 0, { timeout: 5000 }).toBeGreaterThan(HEARD);
    gateway.hangup(callSid);
    await expect(status(page)).toContainText('Wrap-up');
  } finally {
    org.ttlSeconds = 300;
    gateway.dispose();
    await peer.close();
  }
});

test('signaling drops mid-call: the screen says Reconnecting…, then the call is back, with audio', async ({ page }) => {
  const { peer, gateway } = farEnd();
  let refuse = false;
  try {
    await page.routeWebSocket(/\/signal$/, async (route) => {
      if (refuse) await route.close({ code: 4000, reason: 'edge unreachable' });
      else gateway.attach(socketFromRoute(route));
    });
    await page.goto(host.url);
    await gateway.waitFor('register');
    await expect(status(page)).toHaveText('Available');
    const callSid = await answeredIncoming(page, gateway, peer);
    const before = gateway.messages.length;
    refuse = true;
    gateway.drop();
    await expect(status(page)).toContainText('Reconnecting');
    await page.screenshot({ path: path.join(shots, 'twilio-reconnecting.png'), fullPage: true });
    refuse = false;
    const reinvite = await gateway.waitFor('invite', { from: before, timeoutMs: 30_000 });
    expect(typeof reinvite.payload.reconnect).toBe('string');
    await expect(status(page)).toContainText('On call', { timeout: 15_000 });
    await expect.poll(() => peer.receivedLevel(500, AGENT_MIC_HZ).atHz ?? 0, { timeout: 5000 }).toBeGreaterThan(HEARD);
    gateway.hangup(callSid);
    await expect(status(page)).toContainText('Wrap-up');
  } finally {
    gateway.dispose();
    await peer.close();
  }
});

test('the caller gives up before the agent answers: a missed call, recorded on the caller’s contact with its call SID', async ({ page }) => {
  const gateway = new TwilioGateway({ signingSecret: org.apiKeySecret });
  // Main's reply that starts the call's contact is held back until the caller has gone: the call's facts must wait
  // for the contact, not be dropped.
  let holding = true;
  const held: (string | Buffer)[] = [];
  let toPage: ((m: string | Buffer) => void) | null = null;
  await page.routeWebSocket(/\/ws\?k=/, (ws) => {
    const server = ws.connectToServer();
    const startIds = new Set<number>();
    toPage = (m) => ws.send(m);
    ws.onMessage((m) => {
      const request = JSON.parse(String(m)) as { id: number; channel: string };
      if (request.channel === 'contacts.start') startIds.add(request.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const reply = JSON.parse(String(m)) as { type?: string; id?: number };
      if (holding && reply.type === 'reply' && startIds.has(reply.id ?? -1)) held.push(m);
      else ws.send(m);
    });
  });
  await openRegistered(page, gateway);
  const callSid = gateway.ringIncoming({ from: caller.phone, to: AGENT_NUMBER });
  await expect(page.getByRole('region', { name: 'Caller' }).locator('.caller-name')).toHaveText(caller.name);
  await expect.poll(() => held.length).toBe(1);
  gateway.cancel(callSid);
  await expect(status(page)).toContainText('Wrap-up');
  await expect(softphone(page).getByText('Missed call.')).toBeVisible();
  holding = false;
  for (const m of held.splice(0)) toPage!(m);
  await expect(page.getByRole('region', { name: 'Wrap-up' }).getByText('Saved to the contact')).toBeVisible();
  expect((await recentCalls(caller.id)).map((c) => c.call)).toContainEqual(expect.objectContaining({ callSid, endReason: 'missed' }));
  gateway.dispose();
});

test('an outbound call from the patient header: the number reaches the gateway, audio both ways, the agent hangs up', async ({ page }) => {
  const { peer, gateway } = farEnd();
  try {
    await captureCalls(page);
    await openRegistered(page, gateway);
    await page.getByLabel('Find a patient').fill(caller.name);
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: new RegExp(caller.name) })
      .first()
      .click();
    await page
      .getByRole('region', { name: 'Patient' })
      .getByRole('button', { name: `Call ${caller.phone}` })
      .click();
    const invite = await gateway.waitFor('invite');
    expect(new URLSearchParams(String((invite.payload.twilio as { params?: string }).params)).get('To')).toBe(caller.phone);
    await peer.waitForMedia(15_000);
    await expect(status(page)).toContainText('On call');
    await expect(status(page)).toContainText(caller.phone);
    await expect.poll(() => hearsTone(page, FAR_END_HZ), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => peer.receivedLevel(500, AGENT_MIC_HZ).atHz ?? 0, { timeout: 10_000 }).toBeGreaterThan(HEARD);
    const callSid = gateway.callSidFor(String(invite.payload.callsid));
    await softphone(page).getByRole('button', { name: 'Hang up' }).click();
    await gateway.waitFor('hangup');
    await expect(status(page)).toContainText('Wrap-up');
    await expect(page.getByRole('region', { name: 'Wrap-up' }).getByText('Saved to the contact')).toBeVisible();
    expect((await recentCalls(caller.id)).map((c) => c.call)).toContainEqual(expect.objectContaining({ callSid, direction: 'outbound' }));
  } finally {
    gateway.dispose();
    await peer.close();
  }
});

test('tokens the desk cannot use are plain errors: not a JWT, signed with the wrong key, token service down', async ({ page }) => {
  // Not a JWT: refused by the app before the SDK sees it.
  org.nextTokens = ['not-a-jwt'];
  const gateway = new TwilioGateway({ signingSecret: org.apiKeySecret });
  await page.routeWebSocket(/\/signal$/, (route) => gateway.attach(socketFromRoute(route)));
  await page.goto(host.url);
  await expect(softphone(page).getByRole('alert')).toContainText('sent a token that is not a well-formed JWT');
  await expect(status(page)).toHaveText('Not signed in for calls');
  expect(gateway.types()).not.toContain('listen');

  // Signed with a key the service does not know: the SDK's 20101, in plain words.
  org.nextTokens = ['wrong-key'];
  await page.reload();
  await expect(softphone(page).getByRole('alert')).toContainText('The call service did not accept the sign-in for calls');
  await expect(status(page)).toHaveText('Not signed in for calls');

  // The token service is down: its status, and that calls wait for it.
  org.nextTokens = ['unavailable'];
  await page.reload();
  await expect(softphone(page).getByRole('alert')).toContainText('answered HTTP 503');
  await expect(softphone(page).getByRole('alert')).toContainText('The softphone cannot connect until this is fixed.');
  await expect(status(page)).toHaveText('Not signed in for calls');
  await page.screenshot({ path: path.join(shots, 'twilio-token-service-down.png'), fullPage: true });
  gateway.dispose();
});

test('a token the call service says has expired (its clock is ahead) is a plain error, and the app fetches a new one without hammering the endpoint', async ({
  page,
}) => {
  const gateway = new TwilioGateway({ signingSecret: org.apiKeySecret, now: () => Date.now() + 2 * 3600_000 });
  const before = org.tokens.length;
  await page.routeWebSocket(/\/signal$/, (route) => gateway.attach(socketFromRoute(route)));
  await page.goto(host.url);
  await expect(softphone(page).getByRole('alert')).toContainText('The sign-in for calls expired');
  await expect(status(page)).toHaveText('Not signed in for calls');
  // A fresh token ten seconds later (the first retry), and then nothing for a while (the next waits 20 s): the window
  // leaves room for a slow start, and ends well before a third fetch could come.
  await expect.poll(() => org.tokens.length - before, { timeout: 25_000 }).toBe(2);
  await page.waitForTimeout(3000);
  expect(org.tokens.length - before).toBe(2);
  expect(await softphone(page).getByRole('alert').count()).toBe(1);
  gateway.dispose();
});

test('a blocked microphone is a plain error saying what to do', async () => {
  // The shared browser's fake media UI grants every request; this one refuses, as a browser does when the agent
  // (or policy) blocked the microphone.
  const denying = await chromium.launch(blockedMicrophone());
  try {
    const page = await denying.newPage();
    const gateway = new TwilioGateway({ signingSecret: org.apiKeySecret });
    await openRegistered(page, gateway);
    gateway.ringIncoming({ from: caller.phone, to: AGENT_NUMBER });
    await expect(status(page)).toContainText('Ringing');
    await softphone(page).getByRole('button', { name: 'Answer' }).click();
    await expect(softphone(page).getByRole('alert')).toContainText('The microphone is blocked. Allow the microphone for Ambassador Desk');
    await page.screenshot({ path: path.join(shots, 'twilio-microphone-blocked.png'), fullPage: true });
    gateway.dispose();
  } finally {
    await denying.close();
  }
});

test('the page’s CSP lets the SDK reach Twilio’s signaling edge and nothing else', async ({ page }) => {
  // No WebSocket routing here (Playwright's routing replaces WebSocket inside the page, out of the CSP's reach).
  await page.goto(host.url);
  await page.evaluate(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.blockedURI));
    // The allowed one first: its violation, were there one, would be reported before the refused one's.
    for (const url of ['wss://voice-js.roaming.twilio.com/signal', 'wss://chunder.example.org/signal']) {
      try {
        new WebSocket(url).close();
      } catch {
        w.__violations.push(`threw for ${url}`);
      }
    }
  });
  const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  await expect.poll(violations).toContain('wss://chunder.example.org/signal');
  expect(await violations()).toEqual(['wss://chunder.example.org/signal']);
});
