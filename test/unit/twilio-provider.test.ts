import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TelephonyConfig } from '../../preload/contract';
import type { Transport } from '../../renderer/app/transport';
import { knownTwilioCodes, plainTwilioError } from '../../renderer/features/softphone/voice/twilio-errors';
import {
  createTwilioProvider,
  dtmfPlayMs,
  sdkWarningToQuality,
  soundNames,
  type AudioLike,
  type CallLike,
  type DeviceLike,
  type TwilioProviderDeps,
} from '../../renderer/features/softphone/voice/twilio-provider';
import type { CallInfo, VoiceEvent, VoiceProvider } from '../../renderer/features/softphone/voice/types';

const root = path.resolve(import.meta.dirname, '../..');
const sdkSource = (file: string) => fs.readFileSync(path.join(root, 'node_modules/@twilio/voice-sdk/lib/twilio', file), 'utf8');

const SID_IN = 'CA0123456789abcdef0123456789abcdef';
const SID_OUT = 'CAfedcba9876543210fedcba9876543210';
const BASE = 'app://desk/sounds';

/** A Call as the SDK's: an EventEmitter with the methods the provider uses; reject/disconnect emit like the real one. */
class FakeCall extends EventEmitter implements CallLike {
  state: string;
  accepted = 0;
  disconnects = 0;
  mutes: boolean[] = [];
  digits: string[] = [];
  constructor(
    public parameters: Record<string, string>,
    state = 'pending',
  ) {
    super();
    this.state = state;
  }
  accept() {
    this.accepted++;
    this.state = 'connecting';
  }
  reject() {
    this.state = 'closed';
    this.emit('reject');
  }
  disconnect() {
    this.disconnects++;
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.emit('disconnect', this);
  }
  mute(shouldMute: boolean) {
    this.mutes.push(shouldMute);
  }
  sendDigits(digits: string) {
    this.digits.push(digits);
  }
  status() {
    return this.state;
  }
  /** The far end or the network ends the call. */
  remoteClose(error?: { code: number; message: string }) {
    if (error) this.emit('error', error);
    this.state = 'closed';
    this.emit('disconnect', this);
  }
}

function fakeAudio() {
  return {
    availableInputDevices: new Map([
      ['default', { deviceId: 'default', label: '' }],
      ['mic-2', { deviceId: 'mic-2', label: 'USB headset' }],
    ]),
    availableOutputDevices: new Map([['spk-1', { deviceId: 'spk-1', label: 'Speakers' }]]),
    isOutputSelectionSupported: true as boolean,
    setInputDevice: vi.fn(async (_id: string) => {}),
    speakerDevices: { set: vi.fn(async (_ids: string | string[]) => {}) },
    ringtoneDevices: { set: vi.fn(async (_ids: string | string[]) => {}) },
  } satisfies AudioLike;
}

class FakeDevice extends EventEmitter implements DeviceLike {
  state = 'unregistered';
  audio: ReturnType<typeof fakeAudio> | null = fakeAudio();
  tokens: string[];
  destroyed = false;
  connects: { params: Record<string, string> }[] = [];
  nextCall = new FakeCall({}, 'connecting');
  /** What register() does: by default the gateway says 'ready'. */
  onRegister: () => Promise<void> = async () => {
    this.state = 'registered';
    this.emit('registered');
  };
  registers = 0;
  unregisters = 0;
  constructor(
    token: string,
    public options: Record<string, unknown>,
  ) {
    super();
    this.tokens = [token];
  }
  register() {
    this.registers++;
    return this.onRegister();
  }
  async unregister() {
    this.unregisters++;
    this.state = 'unregistered';
    this.emit('unregistered');
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  async connect(options: { params: Record<string, string> }) {
    this.connects.push(options);
    return this.nextCall;
  }
  destroy() {
    this.destroyed = true;
    this.state = 'destroyed';
  }
}

const config: TelephonyConfig = {
  mode: 'twilio',
  holdAvailable: true,
  transferAvailable: true,
  holdReason: null,
  transferReason: null,
  directory: [{ id: 'nurse', label: 'Nurse line', number: '+15555550111' }],
};

type Handler = (input: unknown) => unknown;

function setup(options: { handlers?: Record<string, Handler>; deps?: Partial<TwilioProviderDeps>; device?: (d: FakeDevice) => void } = {}) {
  let tokenCount = 0;
  const handlers: Record<string, Handler> = {
    'telephony.config': () => config,
    'telephony.token': () => ({ token: `token-${++tokenCount}-${'x'.repeat(20)}`, identity: 'agent-7', expiresAt: '2099-01-01T00:00:00Z' }),
    'telephony.hold': () => ({ ok: true }),
    'telephony.transfer': () => ({ ok: true }),
    ...options.handlers,
  };
  const invoked: [string, unknown][] = [];
  const transport = {
    invoke: (async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      const h = handlers[channel];
      if (!h) throw new Error(`no handler for ${channel}`);
      return h(input);
    }) as Transport['invoke'],
  };
  const devices: FakeDevice[] = [];
  const provider = createTwilioProvider({
    transport,
    soundsBaseUrl: BASE,
    createDevice: (token, opts) => {
      const d = new FakeDevice(token, opts as Record<string, unknown>);
      options.device?.(d);
      devices.push(d);
      return d;
    },
    ...options.deps,
  });
  const events: VoiceEvent[] = [];
  // As the Redux store does with what it holds: events (and the call info inside them) become read-only.
  provider.on((e) => events.push(deepFreeze(e)));
  const device = () => {
    const d = devices.at(-1);
    if (!d) throw new Error('no device was created');
    return d;
  };
  return { provider, events, invoked, devices, device, handlers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
const token = (n: number) => `token-${n}-${'x'.repeat(20)}`;

async function ringing(s: ReturnType<typeof setup>, parameters: Record<string, string> = { CallSid: SID_IN, From: '+15555550123', To: 'client:agent-7' }) {
  await s.provider.start();
  const call = new FakeCall(parameters);
  s.device().emit('incoming', call);
  const incoming = s.events.find((e): e is Extract<VoiceEvent, { type: 'incoming' }> => e.type === 'incoming');
  if (!incoming) throw new Error('no incoming event');
  s.events.length = 0;
  return { call, info: incoming.call };
}

async function dialled(s: ReturnType<typeof setup>, to = '+15555550199') {
  await s.provider.start();
  const call = new FakeCall({}, 'connecting');
  s.device().nextCall = call;
  const info = await s.provider.dial(to);
  s.events.length = 0;
  return { call, info };
}

describe('Twilio provider: start and the Device options', () => {
  it('gets the telephony config and a token through main, builds the Device with the token and registers', async () => {
    const s = setup();
    await s.provider.start();
    expect(s.invoked.map(([c]) => c)).toEqual(['telephony.config', 'telephony.token']);
    expect(s.invoked[1]![1]).toEqual({});
    expect(s.devices).toHaveLength(1);
    expect(s.device().tokens).toEqual([token(1)]);
    expect(s.device().registers).toBe(1);
    expect(s.events).toEqual([{ type: 'registered' }]);
  });

  it('passes our 15 sounds, close protection, Opus then PCMU, a 30 s token margin and no Insights publishing', async () => {
    const s = setup({ deps: { deviceOptions: { chunderw: '127.0.0.1:8443' } } });
    await s.provider.start();
    const o = s.device().options;
    const sounds = o.sounds as Record<string, string>;
    expect(Object.keys(sounds).sort()).toEqual(
      ['incoming', 'outgoing', 'disconnect', 'dtmf0', 'dtmf1', 'dtmf2', 'dtmf3', 'dtmf4', 'dtmf5', 'dtmf6', 'dtmf7', 'dtmf8', 'dtmf9', 'dtmfs', 'dtmfh'].sort(),
    );
    for (const [name, url] of Object.entries(sounds)) expect(url).toBe(`${BASE}/${name}.wav`);
    expect(o.publishEvents).toBe(false);
    expect(o.closeProtection).toBe(true);
    expect(o.codecPreferences).toEqual(['opus', 'pcmu']);
    expect(o.tokenRefreshMs).toBe(30_000);
    expect(o.chunderw).toBe('127.0.0.1:8443');
  });

  it('publishes Insights events only when asked to', async () => {
    const s = setup({ deps: { publishEvents: true } });
    await s.provider.start();
    expect(s.device().options.publishEvents).toBe(true);
  });

  it('names every sound the installed SDK plays, and each file exists and is what scripts/make-sounds.mjs writes', () => {
    const soundEnum = /export enum SoundName \{([^}]*)\}/.exec(sdkSource('device.ts'))?.[1] ?? '';
    const sdkNames = [...soundEnum.matchAll(/= '(\w+)'/g)].map((m) => m[1]);
    expect(sdkNames).toHaveLength(15);
    expect([...soundNames].sort()).toEqual([...sdkNames].sort());
    for (const name of soundNames) {
      const file = path.join(root, 'renderer/public/sounds', `${name}.wav`);
      const head = fs.readFileSync(file).subarray(0, 44);
      expect(head.toString('ascii', 0, 4) + head.toString('ascii', 8, 12), name).toBe('RIFFWAVE');
      expect(head.readUInt32LE(24), `${name} sample rate`).toBe(8000);
      expect(fs.statSync(file).size, `${name} size`).toBeLessThan(100_000);
    }
    // Throws (exit 1) when a committed file differs from the generator's output.
    execFileSync(process.execPath, ['scripts/make-sounds.mjs', '--check'], { cwd: root, stdio: 'pipe' });
  });

  it('rejects start in plain words when main cannot give a token, without building a Device', async () => {
    const s = setup({
      handlers: {
        'telephony.token': () => {
          throw new Error('token endpoint unreachable');
        },
      },
    });
    await expect(s.provider.start()).rejects.toThrow(
      'The app could not get its sign-in for calls. Token endpoint unreachable. The desk keeps trying; if this goes on, tell your supervisor.',
    );
    expect(s.devices).toHaveLength(0);
  });

  it('rejects start with the plain message when the gateway refuses the token, and releases the Device', async () => {
    const s = setup({
      device: (d) => {
        d.onRegister = () => {
          queueMicrotask(() => d.emit('error', { code: 31204, message: 'AccessTokenInvalid (20101): bad' }));
          return new Promise(() => {});
        };
      },
    });
    const failure = s.provider.start();
    await expect(failure).rejects.toMatchObject({ code: 31204, message: expect.stringMatching(/\(Twilio 31204\)$/) });
    expect(s.device().destroyed).toBe(true);
    expect(s.events).toEqual([]);
  });

  it('keeps trying to sign in after a failed start, quietly while the problem stays the same, and registers when it passes', async () => {
    let attempts = 0;
    const s = setup({
      deps: { tokenRetryMs: 10 },
      handlers: {
        'telephony.token': () => {
          attempts += 1;
          if (attempts <= 3) throw new Error('token endpoint unreachable');
          if (attempts === 4) throw new Error('token endpoint answered 503');
          return { token: token(attempts), identity: 'agent-7', expiresAt: new Date(Date.now() + 3600_000).toISOString() };
        },
      },
    });
    await expect(s.provider.start()).rejects.toThrow(/Token endpoint unreachable/);
    await vi.waitFor(() => expect(s.events).toContainEqual({ type: 'registered' }), { timeout: 2000 });
    expect(attempts).toBe(5);
    expect(s.devices).toHaveLength(1);
    // The first failure was start's own rejection; retries report only the new problem, once.
    expect(s.events.filter((e) => e.type === 'error').map((e) => (e as { error: { message: string } }).error.message)).toEqual([
      expect.stringMatching(/Token endpoint answered 503\. The desk keeps trying/),
    ]);
  });

  it('stops trying to sign in when stopped, and never retries a browser that cannot make calls', async () => {
    let attempts = 0;
    const s = setup({
      deps: { tokenRetryMs: 10 },
      handlers: {
        'telephony.token': () => {
          attempts += 1;
          throw new Error('token endpoint unreachable');
        },
      },
    });
    // Fake time: "never" is ten retry periods that certainly passed, not a sleep a busy machine may stretch.
    vi.useFakeTimers();
    try {
      await expect(s.provider.start()).rejects.toThrow();
      await s.provider.stop();
      await vi.advanceTimersByTimeAsync(10 * 10);
      expect(attempts).toBe(1);

      let built = 0;
      const noWebRtc = setup({
        deps: {
          tokenRetryMs: 10,
          createDevice: () => {
            built += 1;
            throw Object.assign(new Error('no WebRTC'), { name: 'NotSupportedError' });
          },
        },
      });
      await expect(noWebRtc.provider.start()).rejects.toThrow(/cannot make calls/);
      await vi.advanceTimersByTimeAsync(10 * 10);
      expect(built).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries to sign in again after 10 s, then waits twice as long each time, up to a minute', async () => {
    const tries: number[] = [];
    vi.useFakeTimers();
    try {
      const started = Date.now();
      const s = setup({
        handlers: {
          'telephony.token': () => {
            tries.push(Date.now() - started);
            throw new Error('token endpoint unreachable');
          },
        },
      });
      await expect(s.provider.start()).rejects.toThrow(/Token endpoint unreachable/);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(tries).toEqual([0]);
      await vi.advanceTimersByTimeAsync(1 + 20_000 + 40_000 + 60_000 + 60_000);
      expect(tries).toEqual([0, 10_000, 30_000, 70_000, 130_000, 190_000]);
      await s.provider.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects start in plain words when the Device cannot be built (no WebRTC)', async () => {
    const s = setup({
      deps: {
        createDevice: () => {
          throw Object.assign(new Error('Microsoft Edge Legacy…'), { name: 'NotSupportedError' });
        },
      },
    });
    await expect(s.provider.start()).rejects.toMatchObject({ code: 0, message: expect.stringMatching(/^This browser cannot make calls/) });
    await expect(s.provider.dial('+15555550199')).rejects.toThrow(/not connected yet/);
  });

  it('rejects start when the gateway answers the registration with offline', async () => {
    const s = setup({ device: (d) => (d.onRegister = () => Promise.reject(undefined)) });
    await expect(s.provider.start()).rejects.toThrow(/did not sign this desk in for calls/);
  });

  it('builds one Device when stopped and started again while the first start is still waiting (React StrictMode)', async () => {
    const s = setup();
    const first = s.provider.start();
    await s.provider.stop();
    const second = s.provider.start();
    await Promise.all([first, second]);
    expect(s.devices).toHaveLength(1);
    expect(s.device().destroyed).toBe(false);
  });

  for (const waitingFor of ['telephony.config', 'telephony.token'] as const) {
    it(`builds no Device when stopped while start waits for ${waitingFor}`, async () => {
      let answer: (() => void) | undefined;
      const s = setup();
      const original = s.handlers[waitingFor]!;
      s.handlers[waitingFor] = (input) => new Promise((resolve) => (answer = () => resolve(original(input))));
      const started = s.provider.start();
      await vi.waitFor(() => expect(answer).toBeDefined());
      await s.provider.stop();
      answer!();
      await started;
      expect(s.devices).toHaveLength(0);
      expect(s.events).toEqual([]);
    });
  }

  it('ends a start still waiting for registration when stopped, releasing the Device', { timeout: 2000 }, async () => {
    const s = setup({ device: (d) => (d.onRegister = () => new Promise(() => {})) });
    const started = s.provider.start();
    await vi.waitFor(() => expect(s.devices).toHaveLength(1));
    await s.provider.stop();
    await started;
    expect(s.device().destroyed).toBe(true);
    expect(s.events).toEqual([{ type: 'unregistered' }]);
  });
});

describe('Twilio provider: tokens', () => {
  it('on tokenWillExpire gets a new token through main and gives it to the Device', async () => {
    const s = setup();
    await s.provider.start();
    s.device().emit('tokenWillExpire', s.device());
    await settle();
    expect(s.invoked.filter(([c]) => c === 'telephony.token')).toHaveLength(2);
    expect(s.device().tokens).toEqual([token(1), token(2)]);
  });

  it('reports a failed refresh once and tries again until main answers', async () => {
    let fail = 2;
    let n = 0;
    const s = setup({
      deps: { tokenRetryMs: 1 },
      handlers: {
        'telephony.token': () => {
          n++;
          if (n > 1 && fail-- > 0) throw new Error('main is busy');
          return { token: token(n), identity: 'agent-7', expiresAt: '2099-01-01T00:00:00Z' };
        },
      },
    });
    await s.provider.start();
    s.device().emit('tokenWillExpire', s.device());
    await vi.waitFor(() => expect(s.device().tokens).toEqual([token(1), token(4)]));
    expect(s.events.filter((e) => e.type === 'error')).toEqual([{ type: 'error', error: { code: 0, message: expect.stringMatching(/Main is busy/) } }]);
  });

  it('treats a token that main hands over already expired as an expired sign-in', async () => {
    const s = setup({
      deps: { now: () => Date.parse('2030-01-01T00:00:00Z') },
      handlers: { 'telephony.token': () => ({ token: token(1), identity: 'a', expiresAt: '2029-12-31T23:59:00Z' }) },
    });
    await expect(s.provider.start()).rejects.toMatchObject({ code: 20104 });
  });

  it('after an expired-token error tells the agent, gets a new token and registers again', async () => {
    const s = setup();
    await s.provider.start();
    s.events.length = 0;
    s.device().emit('error', { code: 20104, message: 'AccessTokenExpired (20104): expired' });
    await vi.waitFor(() => expect(s.device().registers).toBe(2));
    expect(s.device().tokens).toEqual([token(1), token(2)]);
    expect(s.device().unregisters).toBe(1);
    expect(s.events[0]).toEqual({ type: 'error', error: { code: 20104, message: expect.stringMatching(/expired; the app is getting a new one/) } });
    expect(s.events.slice(1)).toEqual([{ type: 'unregistered' }, { type: 'registered' }]);
  });
});

describe('Twilio provider: incoming calls', () => {
  it('announces an incoming call with From, To and CallSid from the call parameters', async () => {
    const s = setup();
    await s.provider.start();
    s.device().emit('incoming', new FakeCall({ CallSid: SID_IN, From: '+15555550123', To: 'client:agent-7' }));
    expect(s.events.at(-1)).toEqual({
      type: 'incoming',
      call: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), direction: 'inbound', from: '+15555550123', to: 'client:agent-7', callSid: SID_IN },
    });
  });

  it('accept() accepts the SDK call; its accept event becomes accepted with the call SID', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    await s.provider.accept(info.id);
    expect(call.accepted).toBe(1);
    expect(s.events).toEqual([]);
    call.state = 'open';
    call.emit('accept', call);
    expect(s.events).toEqual([{ type: 'accepted', callId: info.id, callSid: SID_IN }]);
  });

  type Case = { name: string; act: (call: FakeCall, provider: VoiceProvider, info: CallInfo) => void; expected: (id: string) => VoiceEvent[] };
  const cases: Case[] = [
    { name: 'cancel → cancelled', act: (c) => c.emit('cancel'), expected: (id) => [{ type: 'cancelled', callId: id }] },
    { name: 'reject() → rejected', act: (_c, p, i) => p.reject(i.id), expected: (id) => [{ type: 'rejected', callId: id }] },
    { name: 'hangUp() while ringing rejects', act: (_c, p, i) => p.hangUp(i.id), expected: (id) => [{ type: 'rejected', callId: id }] },
    {
      name: 'disconnect from the far end → disconnected by remote',
      act: (c) => ((c.state = 'open'), c.remoteClose()),
      expected: (id) => [{ type: 'disconnected', callId: id, by: 'remote' }],
    },
    {
      name: 'hangUp() → disconnected by local',
      act: (c, p, i) => ((c.state = 'open'), p.hangUp(i.id)),
      expected: (id) => [{ type: 'disconnected', callId: id, by: 'local' }],
    },
    {
      name: 'reconnecting → reconnecting with the plain error',
      act: (c) => c.emit('reconnecting', { code: 53405, message: 'ConnectionError (53405): Media connection failed' }),
      expected: (id) => [{ type: 'reconnecting', callId: id, error: plainTwilioError({ code: 53405 }) }],
    },
    { name: 'reconnected → reconnected', act: (c) => c.emit('reconnected'), expected: (id) => [{ type: 'reconnected', callId: id }] },
    {
      name: 'an error that ends the call (hangup with an error) → failed, no disconnected',
      act: (c) => ((c.state = 'open'), c.remoteClose({ code: 31486, message: 'BusyHere (31486): busy' })),
      expected: (id) => [{ type: 'failed', callId: id, error: plainTwilioError({ code: 31486 }) }],
    },
    {
      name: 'disconnect then error in the same turn (microphone refused) → failed',
      act: (c) => {
        c.state = 'closed';
        c.emit('disconnect', c);
        c.emit('error', { code: 31401, message: 'PermissionDeniedError (31401): denied' });
      },
      expected: (id) => [{ type: 'failed', callId: id, error: plainTwilioError({ code: 31401 }) }],
    },
    {
      name: 'an error on a call that lives on → error, not failed',
      act: (c) => ((c.state = 'open'), c.emit('error', { code: 31005, message: 'ConnectionError (31005): Could not send DTMF' })),
      expected: () => [{ type: 'error', error: plainTwilioError({ code: 31005 }) }],
    },
    {
      name: 'the signaling socket closes and takes the call with it (no disconnect event) → failed',
      act: (c) => ((c.state = 'closed'), c.emit('transportClose')),
      expected: (id) => [{ type: 'failed', callId: id, error: plainTwilioError({ code: 53001 }) }],
    },
    {
      name: 'the signaling socket closes but the call can reconnect → nothing yet',
      act: (c) => ((c.state = 'reconnecting'), c.emit('transportClose')),
      expected: () => [],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const s = setup();
      const { call, info } = await ringing(s);
      c.act(call, s.provider, info);
      await settle();
      expect(s.events).toEqual(c.expected(info.id));
    });
  }

  it('forgets a call once it ended: a second hang-up is refused', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    call.state = 'open';
    call.remoteClose();
    await settle();
    expect(() => s.provider.hangUp(info.id)).toThrow(/no such call/);
  });

  it('keeps a call whose error was not fatal: it can still be hung up', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    call.state = 'open';
    call.emit('error', { code: 31005, message: 'x' });
    await settle();
    s.provider.hangUp(info.id);
    await settle();
    expect(call.disconnects).toBe(1);
    expect(s.events.at(-1)).toEqual({ type: 'disconnected', callId: info.id, by: 'local' });
  });

  it('a device error naming the call is handled as that call’s error', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    call.state = 'closed';
    s.device().emit('error', { code: 31480, message: 'TemporarilyUnavailable (31480): away' }, call);
    await settle();
    expect(s.events).toEqual([{ type: 'failed', callId: info.id, error: plainTwilioError({ code: 31480 }) }]);
  });
});

describe('Twilio provider: call quality', () => {
  it('maps only warning names the SDK can emit (the mapping itself is checked by the events below)', () => {
    // The names are built in call.ts from a prefix (high-/low-/constant-) and a name table, or written out whole.
    const callTs = sdkSource('call.ts');
    for (const name of Object.keys(sdkWarningToQuality)) {
      const whole = callTs.includes(`'${name}'`) || (callTs.includes(`constant-audio-\${direction}-level`) && name === 'constant-audio-input-level');
      const built = /^(high|low)-/.test(name) && callTs.includes(`'${name.replace(/^(high|low)-/, '')}'`);
      expect(whole || built, name).toBe(true);
    }
  });

  it('reports the current set of warnings on every change, and all clear at the end', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    const quality = () => s.events.filter((e) => e.type === 'quality').map((e) => (e as Extract<VoiceEvent, { type: 'quality' }>).warnings);
    call.emit('warning', 'high-rtt', {});
    call.emit('warning', 'high-packet-loss', {});
    call.emit('warning', 'high-packets-lost-fraction', {});
    call.emit('warning', 'constant-audio-output-level', {});
    call.emit('warning-cleared', 'high-packet-loss');
    call.emit('warning', 'high-jitter', {});
    call.emit('warning', 'low-mos', {});
    call.emit('warning', 'low-bytes-sent', {});
    call.emit('warning', 'constant-audio-input-level', {});
    call.emit('warning-cleared', 'high-packets-lost-fraction');
    call.emit('warning-cleared', 'high-rtt');
    for (const w of ['high-jitter', 'low-mos', 'low-bytes-sent', 'constant-audio-input-level']) call.emit('warning-cleared', w);
    expect(quality()).toEqual([
      ['high-rtt'],
      ['high-rtt', 'packet-loss'],
      ['high-rtt', 'packet-loss', 'jitter'],
      ['high-rtt', 'packet-loss', 'jitter', 'low-mos'],
      ['high-rtt', 'packet-loss', 'jitter', 'low-mos', 'low-audio-input'],
      ['high-rtt', 'packet-loss', 'jitter', 'low-mos', 'low-audio-input', 'constant-audio-input'],
      ['high-rtt', 'jitter', 'low-mos', 'low-audio-input', 'constant-audio-input'],
      ['jitter', 'low-mos', 'low-audio-input', 'constant-audio-input'],
      ['low-mos', 'low-audio-input', 'constant-audio-input'],
      ['low-audio-input', 'constant-audio-input'],
      ['constant-audio-input'],
      [],
    ]);
    expect(s.events.every((e) => e.type !== 'quality' || e.callId === info.id)).toBe(true);
  });
});

describe('Twilio provider: outbound calls', () => {
  it('dials with To, returns the call without a SID, and fills the SID in when the call is answered', async () => {
    const s = setup();
    await s.provider.start();
    const call = new FakeCall({}, 'connecting');
    s.device().nextCall = call;
    const info = deepFreeze(await s.provider.dial('+15555550199'));
    expect(s.device().connects).toEqual([{ params: { To: '+15555550199' } }]);
    expect(info).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), direction: 'outbound', from: 'agent-7', to: '+15555550199', callSid: null });
    call.emit('ringing', false);
    call.parameters.CallSid = SID_OUT;
    call.state = 'open';
    call.emit('accept', call);
    expect(s.events.slice(-2)).toEqual([
      { type: 'ringing', callId: info.id },
      { type: 'accepted', callId: info.id, callSid: SID_OUT },
    ]);
  });

  it('refuses to dial while a call is in progress, and before start', async () => {
    const s = setup();
    await expect(s.provider.dial('+15555550199')).rejects.toThrow(/not connected yet/);
    await dialled(s);
    await expect(s.provider.dial('+15555550100')).rejects.toThrow(/already in progress/);
    expect(s.device().connects).toHaveLength(1);
  });

  it('turns a refused connect into a plain error', async () => {
    const s = setup();
    await s.provider.start();
    s.device().connect = async () => Promise.reject(Object.assign(new Error('ConnectionError (31005): boom'), { code: 31005 }));
    await expect(s.provider.dial('+15555550199')).rejects.toMatchObject({ code: 31005, message: plainTwilioError({ code: 31005 }).message });
  });
});

describe('Twilio provider: hold, transfer, mute and digits', () => {
  it('holds and resumes through main with the call SID', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    call.state = 'open';
    call.emit('accept', call);
    await s.provider.hold(info.id, true);
    await s.provider.hold(info.id, false);
    expect(s.invoked.filter(([c]) => c === 'telephony.hold')).toEqual([
      ['telephony.hold', { callSid: SID_IN, hold: true }],
      ['telephony.hold', { callSid: SID_IN, hold: false }],
    ]);
  });

  it('transfers through main with the call SID, target id and mode', async () => {
    const s = setup();
    const { call, info } = await dialled(s);
    call.parameters.CallSid = SID_OUT;
    call.emit('accept', call);
    await s.provider.transfer(info.id, config.directory[0]!, 'cold');
    await s.provider.transfer(info.id, config.directory[0]!, 'warm');
    expect(s.invoked.filter(([c]) => c === 'telephony.transfer')).toEqual([
      ['telephony.transfer', { callSid: SID_OUT, targetId: 'nurse', mode: 'cold' }],
      ['telephony.transfer', { callSid: SID_OUT, targetId: 'nurse', mode: 'warm' }],
    ]);
  });

  it('refuses hold before the call has a SID', async () => {
    const s = setup();
    const { info } = await dialled(s);
    await expect(s.provider.hold(info.id, true)).rejects.toThrow(/not connected yet/);
    expect(s.invoked.some(([c]) => c === 'telephony.hold')).toBe(false);
  });

  it('says why hold and transfer are unavailable, from the config cached at start, and does not call main', async () => {
    const off: TelephonyConfig = {
      ...config,
      holdAvailable: false,
      holdReason: 'Hold needs the conference service.',
      transferAvailable: false,
      transferReason: null,
    };
    const s = setup({ handlers: { 'telephony.config': () => off } });
    expect(s.provider.holdAvailability()).toEqual({ available: false, reason: expect.stringMatching(/until calls are connected/) });
    const { info } = await ringing(s);
    expect(s.provider.holdAvailability()).toEqual({ available: false, reason: 'Hold needs the conference service.' });
    expect(s.provider.transferAvailability()).toEqual({ available: false, reason: 'Transfer is turned off for this desk.' });
    await expect(s.provider.hold(info.id, true)).rejects.toThrow('Hold needs the conference service.');
    await expect(s.provider.transfer(info.id, config.directory[0]!, 'cold')).rejects.toThrow('Transfer is turned off for this desk.');
    expect(s.invoked.filter(([c]) => c === 'telephony.config')).toHaveLength(1);
    expect(s.invoked.some(([c]) => c === 'telephony.hold' || c === 'telephony.transfer')).toBe(false);
  });

  it('says hold is unavailable when the config could not be loaded', async () => {
    const s = setup({
      handlers: {
        'telephony.config': () => {
          throw new Error('settings locked');
        },
      },
    });
    await s.provider.start();
    expect(s.provider.holdAvailability()).toEqual({ available: false, reason: expect.stringMatching(/could not be loaded \(settings locked\)/) });
    expect(s.provider.transferAvailability().available).toBe(false);
  });

  it('reports hold and transfer available when the config says so', async () => {
    const s = setup();
    await s.provider.start();
    expect(s.provider.holdAvailability()).toEqual({ available: true });
    expect(s.provider.transferAvailability()).toEqual({ available: true });
  });

  it('forwards mute and digits to the SDK call, and refuses characters the SDK would throw on', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    s.provider.setMuted(info.id, true);
    s.provider.setMuted(info.id, false);
    s.provider.sendDigits(info.id, '12#*0');
    expect(call.mutes).toEqual([true, false]);
    expect(call.digits).toEqual(['12#*0']);
    expect(() => s.provider.sendDigits(info.id, '12a')).toThrow(/Only the digits/);
    expect(call.digits).toEqual(['12#*0']);
    expect(() => s.provider.setMuted('no-such-call', true)).toThrow(/no such call/);
  });

  it('keeps keypad digits pressed faster than they play, and sends them in order once the SDK has played the first', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      const { call, info } = await ringing(s);
      s.provider.sendDigits(info.id, '1');
      s.provider.sendDigits(info.id, '2');
      s.provider.sendDigits(info.id, '#');
      expect(call.digits).toEqual(['1']);
      vi.advanceTimersByTime(dtmfPlayMs('1') - 1);
      expect(call.digits).toEqual(['1']);
      vi.advanceTimersByTime(1);
      expect(call.digits).toEqual(['1', '2#']);
      vi.advanceTimersByTime(dtmfPlayMs('2#'));
      s.provider.sendDigits(info.id, '0');
      expect(call.digits).toEqual(['1', '2#', '0']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Twilio provider: audio devices and stop', () => {
  it('lists inputs and outputs from device.audio, naming unlabelled ones', async () => {
    const s = setup();
    await s.provider.start();
    expect(await s.provider.listDevices()).toEqual({
      inputs: [
        { id: 'default', label: 'System default' },
        { id: 'mic-2', label: 'USB headset' },
      ],
      outputs: [{ id: 'spk-1', label: 'Speakers' }],
      outputSelectable: true,
    });
  });

  it('sets the microphone, speaker and ringtone devices', async () => {
    const s = setup();
    await s.provider.start();
    await s.provider.setDevices({ input: 'mic-2', output: 'spk-1', ringtone: 'spk-1' });
    const audio = s.device().audio!;
    expect(audio.setInputDevice).toHaveBeenCalledWith('mic-2');
    expect(audio.speakerDevices.set).toHaveBeenCalledWith('spk-1');
    expect(audio.ringtoneDevices.set).toHaveBeenCalledWith('spk-1');
  });

  it('refuses an output choice where the browser cannot choose one, and explains a blocked microphone', async () => {
    const s = setup();
    await s.provider.start();
    const audio = s.device().audio!;
    audio.isOutputSelectionSupported = false;
    await expect(s.provider.setDevices({ output: 'spk-1' })).rejects.toThrow(/cannot choose the speaker/);
    expect(audio.speakerDevices.set).not.toHaveBeenCalled();
    audio.setInputDevice.mockRejectedValueOnce(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    await expect(s.provider.setDevices({ input: 'mic-2' })).rejects.toThrow(/Allow the microphone/);
  });

  it('stop hangs up the live call, reports it, then unregisters and releases the Device', async () => {
    const s = setup();
    const { call, info } = await ringing(s);
    call.state = 'open';
    call.emit('accept', call);
    s.events.length = 0;
    await s.provider.stop();
    expect(s.device().destroyed).toBe(true);
    expect(s.events).toEqual([{ type: 'disconnected', callId: info.id, by: 'local' }, { type: 'unregistered' }]);
    // Events from the old Device are ignored.
    s.device().emit('registered');
    s.device().emit('incoming', new FakeCall({ CallSid: SID_IN, From: '+1', To: '+2' }));
    expect(s.events).toHaveLength(2);
  });
});

describe('plain Twilio errors', () => {
  const table: [number[], RegExp][] = [
    [[20000, 20101], /did not accept the sign-in for calls\. Restart the app/],
    [[20104, 31205], /^The sign-in for calls expired; the app is getting a new one\./],
    [[20151, 31201], /could not confirm the sign-in for calls/],
    [[31204], /sign-in for calls is not valid/],
    [[31202], /signature is wrong.*tell your supervisor/i],
    [[31206], /too many requests.*Wait a minute/],
    [[31207], /longer than the call service allows/],
    [[31000], /Something went wrong with the call service/],
    [[31005], /connection to the call service failed\. Check the network connection/],
    [[31009], /no connection to the call service\. Check the network connection/],
    [[31208, 31401], /^The microphone is blocked\. Allow the microphone for Ambassador Desk in the browser or system settings/],
    [[31402], /microphone could not be started\. Check that one is plugged in/],
    [[31486], /^The line is busy\. Try again/],
    [[31480], /not available right now\. Try again later/],
    [[31003], /could not connect in time\. Check the network connection \(a firewall/],
    [[53405], /audio connection failed, often because of the network or a firewall/],
    [[31002], /declined or not answered/],
    [[53000], /connection to the call service failed.*keeps trying to reconnect/],
    [[53001], /connection to the call service dropped.*keeps trying to reconnect/],
    [[31603], /declined the call/],
    [[31404], /was not found\. Check the number/],
  ];
  for (const [codes, pattern] of table) {
    for (const code of codes) {
      it(`${code}: says what happened and what to do, with the code`, () => {
        const e = plainTwilioError({ code, message: `Whatever (${code}): SDK words`, name: 'Whatever' });
        expect(e.code).toBe(code);
        expect(e.message).toMatch(pattern);
        expect(e.message.endsWith(`. (Twilio ${code})`)).toBe(true);
        expect(e.message).not.toContain('SDK words');
        // One or two short sentences.
        expect(e.message.replace(/ \(Twilio \d+\)$/, '').split(/[.;] /).length).toBeLessThanOrEqual(3);
      });
    }
  }

  it('has its own words for every error code the installed SDK defines', () => {
    const generated = sdkSource('errors/generated.ts');
    const sdkCodes = [...generated.matchAll(/^\s+\[ (\d+), \w+\.\w+ \],?$/gm)].map((m) => Number(m[1]));
    expect(sdkCodes.length).toBeGreaterThan(30);
    expect(sdkCodes.filter((c) => !knownTwilioCodes.includes(c))).toEqual([]);
    for (const code of sdkCodes) expect(plainTwilioError({ code }).message, String(code)).not.toMatch(/^Call service error/);
  });

  it('falls back to the code and the SDK’s own words for an unknown code', () => {
    expect(plainTwilioError({ code: 45678, message: 'SomethingNew (45678): The gateway is grumpy.' })).toEqual({
      code: 45678,
      message: 'Call service error (code 45678): The gateway is grumpy. (Twilio 45678)',
    });
    expect(plainTwilioError({ code: 45678 }).message).toBe('Call service error (code 45678): no details were given. (Twilio 45678)');
  });

  it('handles errors without a code: browser media errors by name, anything else generically', () => {
    expect(plainTwilioError({ name: 'NotAllowedError', message: 'Permission denied' })).toEqual({
      code: 0,
      message: expect.stringMatching(/^The microphone is blocked/),
    });
    expect(plainTwilioError({ name: 'NotReadableError' }).message).toMatch(/could not be started/);
    expect(plainTwilioError({ name: 'NotSupportedError', message: 'no WebRTC' }).message).toMatch(/^This browser cannot make calls/);
    expect(plainTwilioError({ name: 'InvalidStateError', message: 'A Call is already active' })).toEqual({
      code: 0,
      message: 'Call service error: A Call is already active.',
    });
  });
});
