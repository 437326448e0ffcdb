import { expect, test, type Page } from '@playwright/test';
import { makeTwilioToken } from '../harness/jwt';
import { toneMicrophone } from '../harness/fake-mic';
import { MediaPeer } from '../harness/media-peer';
import { captureCalls, measureHeard } from '../harness/page-audio';
import { openSdkPage, type SdkPage } from '../harness/sdk-page';
import { TwilioGateway } from '../harness/twilio-gateway';

/**
 * Audio both ways through the real, unmodified @twilio/voice-sdk in Chromium: the fake gateway carries the
 * signaling, a werift MediaPeer in the test process is the remote party. The agent's fake microphone is a
 * continuous 660 Hz tone (a WAV file); the peer plays 440 Hz.
 */

const AGENT_HZ = 660;
const PEER_HZ = 440;
/** A frequency neither side plays: the Goertzel "silence" reference within the same window. */
const OFF_HZ = 1230;
/**
 * Goertzel magnitudes (≈ sine amplitude, 0..1). The WAV's 0.5 reaches the peer at 0.2–0.6 at first, then
 * Chromium's audio processing (AGC, noise suppression: the SDK's default constraints) settles the steady tone
 * at ≈ 0.05. Silence (muted) measures ≈ 0.0003, a frequency nobody plays ≈ 0.0001.
 */
const TONE_MIN = 0.02;
const SILENCE_MAX = 0.005;

test.use({ launchOptions: toneMicrophone(AGENT_HZ) });

let gateway: TwilioGateway;
let harness: SdkPage;
let peer: MediaPeer;

async function setup(page: Page): Promise<void> {
  peer = new MediaPeer({ toneHz: PEER_HZ });
  gateway = new TwilioGateway({ heartbeatMs: 1000, answerSdp: peer.answerSdp });
  await captureCalls(page);
  harness = await openSdkPage(page, gateway);
  const token = makeTwilioToken({ identity: 'agent-42', ttlSeconds: 3600 });
  await page.evaluate((t) => window.sdk.createDevice(t), token);
  expect(await page.evaluate(() => window.sdk.register())).toBe('registered');
}

async function callOut(page: Page): Promise<void> {
  await page.evaluate(() => window.sdk.connect({ To: '+15551230000' }));
  await expect.poll(() => harness.events()).toContain('call:accept');
  await peer.waitForMedia();
}

/** The agent's tone reaches the peer: strong at 660 Hz, nothing at an unused frequency. */
async function expectPeerHearsAgent(): Promise<void> {
  // A full window (25 packets of 20 ms in 500 ms; some slack for jitter), all of it tone.
  const heard = () => {
    const level = peer.receivedLevel(500, AGENT_HZ);
    return level.packets >= 20 && level.atHz! > TONE_MIN;
  };
  await expect.poll(heard, { timeout: 10_000 }).toBe(true);
  const level = peer.receivedLevel(500, AGENT_HZ);
  const off = peer.receivedLevel(500, OFF_HZ);
  test.info().annotations.push({ type: 'peer hears', description: JSON.stringify({ level, offAtHz: off.atHz }) });
  expect(off.atHz!).toBeLessThan(level.atHz! / 20);
}

/** The peer's tone reaches the agent: the loudest frequency of the call's remote stream is 440 Hz. */
async function expectAgentHearsPeer(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const heard = await measureHeard(page, 1000);
        test.info().annotations.push({ type: 'agent hears', description: JSON.stringify(heard) });
        return heard.rms > 0.05 && heard.peakHz !== null && Math.abs(heard.peakHz - PEER_HZ) < 15;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

const ufragOf = (sdp: unknown) => /^a=ice-ufrag:(\S+)/m.exec(String(sdp))?.[1];

test.afterEach(async ({ page }) => {
  await page.evaluate(() => window.sdk?.destroy()).catch(() => undefined);
  gateway.dispose();
  await peer.close();
  expect(gateway.violations).toEqual([]);
  expect(harness.strayRequests).toEqual([]);
});

test("outgoing call: the peer hears the agent's 660 Hz and the agent hears the peer's 440 Hz", async ({ page }) => {
  await setup(page);
  await callOut(page);
  await expectPeerHearsAgent();
  await expectAgentHearsPeer(page);
  expect(peer.answered).toEqual({ fresh: 1, reconnect: 0, iceRestart: 0 });
});

test('mute silences what the peer hears promptly (at most 3 s, measured), and unmute brings it back', async ({ page }) => {
  await setup(page);
  await callOut(page);
  await expectPeerHearsAgent();

  let since = Date.now();
  await page.evaluate(() => window.sdk.mute(true));
  expect(await page.evaluate(() => window.sdk.isMuted())).toBe(true);
  // About a second when the machine is idle (the latency is kept as an annotation); 3 s allows for a loaded CI box.
  await expect.poll(() => peer.receivedLevel(300, AGENT_HZ).atHz, { timeout: 3000, intervals: [50] }).toBeLessThan(SILENCE_MAX);
  const muted = peer.receivedLevel(300, AGENT_HZ);
  test.info().annotations.push({ type: 'muted', description: JSON.stringify({ ...muted, afterMs: Date.now() - since }) });
  // Still connected: Chromium keeps sending (silent) packets for a disabled track.
  expect(muted.packets).toBeGreaterThan(5);

  since = Date.now();
  await page.evaluate(() => window.sdk.mute(false));
  await expect.poll(() => peer.receivedLevel(300, AGENT_HZ).atHz, { timeout: 3000, intervals: [50] }).toBeGreaterThan(TONE_MIN);
  const unmuted = peer.receivedLevel(300, AGENT_HZ);
  test.info().annotations.push({ type: 'unmuted', description: JSON.stringify({ ...unmuted, afterMs: Date.now() - since }) });
  await expectPeerHearsAgent();
  // No signaling for mute.
  expect(gateway.types()).toEqual(['listen', 'register', 'invite']);
});

test('DTMF goes in-band (RFC 4733): the peer decodes 1 2 3 #, no signaling dtmf', async ({ page }) => {
  await setup(page);
  await callOut(page);
  await page.evaluate(() => window.sdk.sendDigits('123#'));
  await expect.poll(() => [...peer.digits], { timeout: 10_000 }).toEqual(['1', '2', '3', '#']);
  // Give late end-bit retransmissions time to arrive: they must not count as new digits.
  await expect.poll(() => peer.rtpReceived).toBeGreaterThan(peer.rtpReceived + 10);
  expect(peer.digits).toEqual(['1', '2', '3', '#']);
  expect(gateway.types()).not.toContain('dtmf');
});

test("incoming call: the peer's offer is accepted by the agent and audio flows both ways", async ({ page }) => {
  await setup(page);
  const callsid = gateway.ringIncoming({ from: '+15557654321', to: 'client:agent-42', sdpOffer: await peer.createOffer() });
  await expect.poll(() => harness.events()).toContain('device:incoming');
  await page.evaluate(() => window.sdk.acceptIncoming());
  const answer = await gateway.waitFor('answer');
  expect(answer.payload.callsid).toBe(callsid);
  await peer.acceptAnswer(String(answer.payload.sdp));
  await peer.waitForMedia();
  await expectPeerHearsAgent();
  await expectAgentHearsPeer(page);
});

test('a signaling drop: the reconnect invite gets the live answer back, media is untouched', async ({ page }) => {
  await setup(page);
  await callOut(page);
  await expectPeerHearsAgent();
  gateway.drop();
  await expect.poll(() => harness.events()).toContain('call:reconnected');
  expect(peer.answered).toEqual({ fresh: 1, reconnect: 1, iceRestart: 0 });
  await expectPeerHearsAgent();
  await expectAgentHearsPeer(page);
});

test('an ICE restart (reinvite) is answered on the live session and audio keeps flowing', async ({ page }) => {
  await setup(page);
  await callOut(page);
  await expectPeerHearsAgent();
  const before = gateway.messages.length;
  await page.evaluate(() => window.sdk.iceRestart());
  const reinvite = await gateway.waitFor('reinvite', { from: before });
  const answers = () => gateway.sent.filter((m) => m.type === 'answer').map((m) => ufragOf(m.payload.sdp));
  await expect.poll(() => answers().length).toBe(2);
  // New ICE credentials both ways: the peer dropped its old candidate pairs, so media now flows on new ones.
  expect(ufragOf(reinvite.payload.sdp)).not.toBe(ufragOf(gateway.messages.find((m) => m.type === 'invite')!.payload.sdp));
  expect(answers()[1]).not.toBe(answers()[0]);
  const received = peer.rtpReceived;
  await expect.poll(() => peer.rtpReceived).toBeGreaterThan(received + 50);
  await expectPeerHearsAgent();
  await expectAgentHearsPeer(page);
  expect(peer.answered).toEqual({ fresh: 1, reconnect: 0, iceRestart: 1 });
  expect(await harness.events()).not.toContain('call:disconnect');
});
