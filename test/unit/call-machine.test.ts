import { describe, expect, it } from 'vitest';
import {
  describeRefusal,
  durations,
  initialCallState,
  transition,
  type CallCommand,
  type CallPhase,
  type CallState,
  type EndReason,
  type MachineInput,
} from '../../renderer/features/softphone/callMachine';
import type { CallInfo, VoiceError, VoiceEvent } from '../../renderer/features/softphone/voice/types';

const inbound: CallInfo = { id: 'in-1', direction: 'inbound', from: '+15555550123', to: '+15555550100', callSid: null };
const outbound: CallInfo = { id: 'out-1', direction: 'outbound', from: '+15555550100', to: '+15555550199', callSid: null };
const netError: VoiceError = { code: 53001, message: 'The connection to the phone service was lost.' };
const setupError: VoiceError = { code: 31005, message: 'The call could not be connected.' };

const ev = (event: VoiceEvent): MachineInput => ({ kind: 'provider', event });
const cmd = (command: CallCommand): MachineInput => ({ kind: 'agent', command });

/** Applies inputs in order, failing the test on any refusal. */
function run(state: CallState, ...steps: [MachineInput, number][]): CallState {
  let s = state;
  for (const [input, now] of steps) {
    const r = transition(s, input, now);
    if (!r.ok) throw new Error(`unexpected refusal: ${r.error}`);
    s = r.state;
  }
  return s;
}

function refused(state: CallState, input: MachineInput, now = 99_000): string {
  const r = transition(state, input, now);
  expect(r.ok).toBe(false);
  expect(r.state).toBe(state);
  return r.ok ? '' : r.error;
}

// ---- Every phase × every input ----

const ringing = run(initialCallState, [ev({ type: 'incoming', call: inbound }), 1_000]);
const dialing = run(initialCallState, [cmd({ type: 'dial', call: outbound }), 1_000]);
const active = run(ringing, [cmd({ type: 'accept' }), 2_000], [ev({ type: 'accepted', callId: 'in-1', callSid: 'CA1' }), 2_500]);

const fixtures = {
  idle: initialCallState,
  ringing,
  dialing,
  'connecting-in': run(ringing, [cmd({ type: 'accept' }), 2_000]),
  'connecting-out': run(dialing, [ev({ type: 'ringing', callId: 'out-1' }), 1_500]),
  active,
  'on-hold': run(active, [cmd({ type: 'hold' }), 3_000]),
  reconnecting: run(active, [ev({ type: 'reconnecting', callId: 'in-1', error: netError }), 3_000]),
  'wrap-up': run(active, [ev({ type: 'disconnected', callId: 'in-1', by: 'remote' }), 4_000]),
} satisfies Record<string, CallState>;
type Fixture = keyof typeof fixtures;
const columns = Object.keys(fixtures) as Fixture[];

/** Every input kind, aimed at the fixture's own call (so only the phase decides). */
const inputs = {
  registered: () => ev({ type: 'registered' }),
  unregistered: () => ev({ type: 'unregistered' }),
  incoming: () => ev({ type: 'incoming', call: { ...inbound, id: 'in-2' } }),
  cancelled: (id: string) => ev({ type: 'cancelled', callId: id }),
  ringing: (id: string) => ev({ type: 'ringing', callId: id }),
  accepted: (id: string) => ev({ type: 'accepted', callId: id, callSid: 'CA9' }),
  rejected: (id: string) => ev({ type: 'rejected', callId: id }),
  'disconnected local': (id: string) => ev({ type: 'disconnected', callId: id, by: 'local' }),
  'disconnected remote': (id: string) => ev({ type: 'disconnected', callId: id, by: 'remote' }),
  reconnecting: (id: string) => ev({ type: 'reconnecting', callId: id, error: netError }),
  reconnected: (id: string) => ev({ type: 'reconnected', callId: id }),
  failed: (id: string) => ev({ type: 'failed', callId: id, error: setupError }),
  'failed (no call id)': () => ev({ type: 'failed', callId: null, error: setupError }),
  quality: (id: string) => ev({ type: 'quality', callId: id, warnings: ['jitter'] }),
  error: () => ev({ type: 'error', error: netError }),
  accept: () => cmd({ type: 'accept' }),
  reject: () => cmd({ type: 'reject' }),
  dial: () => cmd({ type: 'dial', call: { ...outbound, id: 'out-2' } }),
  hangUp: () => cmd({ type: 'hangUp' }),
  hold: () => cmd({ type: 'hold' }),
  resume: () => cmd({ type: 'resume' }),
  mute: () => cmd({ type: 'mute' }),
  unmute: () => cmd({ type: 'unmute' }),
  transferred: () => cmd({ type: 'transferred', mode: 'cold' }),
  wrapUpDone: () => cmd({ type: 'wrapUpDone' }),
  ringTimeout: () => cmd({ type: 'ringTimeout' }),
} satisfies Record<string, (id: string) => MachineInput>;

/** ✗ refused (same object) · = accepted, same object · a phase · wrap-up:<endReason>. */
type Expect = '✗' | '=' | CallPhase | `wrap-up:${EndReason}`;
const W = (r: EndReason) => `wrap-up:${r}` as const;

// prettier-ignore
const table: Record<keyof typeof inputs, readonly Expect[]> = {
  //                      idle       ringing         dialing         conn-in          conn-out        active           on-hold          reconnecting     wrap-up
  registered:            ['=',       '=',            '=',            '=',             '=',            '=',             '=',             '=',             '='],
  unregistered:          ['=',       '=',            '=',            '=',             '=',            '=',             '=',             '=',             '='],
  incoming:              ['ringing', '✗',            '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
  cancelled:             ['✗',       W('missed'),    '✗',            W('missed'),     '✗',            '✗',             '✗',             '✗',             '='],
  ringing:               ['✗',       '✗',            'connecting',   '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
  accepted:              ['✗',       'active',       'active',       'active',        'active',       '✗',             '✗',             '✗',             '✗'],
  rejected:              ['✗',       W('rejected'),  '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '='],
  'disconnected local':  ['✗',       W('rejected'),  W('completed'), W('completed'),  W('completed'), W('completed'),  W('completed'),  W('dropped'),    '='],
  'disconnected remote': ['✗',       W('missed'),    W('failed'),    W('missed'),     W('failed'),    W('completed'),  W('completed'),  W('dropped'),    '='],
  reconnecting:          ['✗',       '✗',            '✗',            '✗',             '✗',            'reconnecting',  'reconnecting',  'reconnecting',  '✗'],
  reconnected:           ['✗',       '✗',            '✗',            '✗',             '✗',            '✗',             '✗',             'active',        '✗'],
  failed:                ['✗',       W('failed'),    W('failed'),    W('failed'),     W('failed'),    W('dropped'),    W('dropped'),    W('dropped'),    '='],
  'failed (no call id)': ['✗',       W('failed'),    W('failed'),    W('failed'),     W('failed'),    W('dropped'),    W('dropped'),    W('dropped'),    '='],
  quality:               ['✗',       '=',            '=',            '=',             '=',            '=',             '=',             '=',             '='],
  error:                 ['idle',    'ringing',      'dialing',      'connecting',    'connecting',   'active',        'on-hold',       'reconnecting',  'wrap-up'],
  accept:                ['✗',       'connecting',   '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
  reject:                ['✗',       W('rejected'),  '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
  dial:                  ['dialing', '✗',            '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
  hangUp:                ['✗',       '✗',            W('completed'), W('completed'),  W('completed'), W('completed'),  W('completed'),  W('dropped'),    '✗'],
  hold:                  ['✗',       '✗',            '✗',            '✗',             '✗',            'on-hold',       '✗',             '✗',             '✗'],
  resume:                ['✗',       '✗',            '✗',            '✗',             '✗',            '✗',             'active',        '✗',             '✗'],
  mute:                  ['✗',       '✗',            '✗',            '✗',             '✗',            'active',        'on-hold',       'reconnecting',  '✗'],
  unmute:                ['✗',       '✗',            '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
  transferred:           ['✗',       '✗',            '✗',            '✗',             '✗',            W('transferred'), W('transferred'), '✗',           '✗'],
  wrapUpDone:            ['✗',       '✗',            '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             'idle'],
  ringTimeout:           ['✗',       W('missed'),    '✗',            '✗',             '✗',            '✗',             '✗',             '✗',             '✗'],
};

const cases = (Object.keys(table) as (keyof typeof inputs)[]).flatMap((name) =>
  columns.map((fixture, i) => ({ name, fixture, expected: (table[name][i] ?? 'missing') as string })),
);

describe('call machine: every phase × every input', () => {
  it('covers every fixture and input', () => {
    expect(columns).toHaveLength(9);
    for (const name of Object.keys(inputs)) expect(table[name as keyof typeof inputs]).toHaveLength(9);
    expect(new Set(columns.map((f) => fixtures[f].phase))).toEqual(
      new Set(['idle', 'ringing', 'dialing', 'connecting', 'active', 'on-hold', 'reconnecting', 'wrap-up']),
    );
  });

  it.each(cases)('$fixture + $name → $expected', ({ name, fixture, expected }) => {
    const before = fixtures[fixture];
    const snapshot = structuredClone(before);
    const input = inputs[name](before.call?.id ?? 'in-1');
    const r = transition(before, input, 10_000);
    expect(before).toEqual(snapshot); // never mutated, whatever the outcome
    if (expected === '✗') {
      expect(r.ok).toBe(false);
      expect(r.state).toBe(before);
      expect(r.ok ? '' : r.error).toMatch(/\w+ .*\./);
      return;
    }
    expect(r.ok ? '' : r.error).toBe('');
    if (expected === '=') {
      expect(r.state).toBe(before);
      return;
    }
    expect(r.state).not.toBe(before);
    const [phase, reason] = expected.split(':');
    expect(r.state.phase).toBe(phase);
    if (reason) expect(r.state.endReason).toBe(reason);
    else if (phase !== 'idle') expect(r.state.endReason).toBe(before.endReason);
  });

  it('refuses events naming another call in every phase that has a call, returning the same object', () => {
    const callBound = [
      'cancelled',
      'ringing',
      'accepted',
      'rejected',
      'disconnected local',
      'disconnected remote',
      'reconnecting',
      'reconnected',
      'failed',
      'quality',
    ] as const;
    for (const fixture of columns) {
      for (const name of callBound) {
        const error = refused(fixtures[fixture], inputs[name]('someone-else'));
        expect(error).toMatch(fixture === 'idle' ? /no call is in progress/ : /another call \(someone-else\)/);
      }
    }
  });
});

// ---- Scenarios ----

describe('call machine: scenarios', () => {
  it('runs an inbound call from ring to idle with its timers', () => {
    let s = run(initialCallState, [ev({ type: 'incoming', call: inbound }), 1_000]);
    expect(s).toMatchObject({ phase: 'ringing', call: inbound, timers: { ringStartedAt: 1_000 } });
    expect(durations(s, 2_000)).toEqual({ ringMs: 1_000, talkMs: 0, holdMs: 0, wrapUpMs: 0 });

    s = run(s, [cmd({ type: 'accept' }), 3_000]);
    expect(s.phase).toBe('connecting');
    expect(s.timers.answeredAt).toBeNull();

    s = run(s, [ev({ type: 'accepted', callId: 'in-1', callSid: 'CA123' }), 3_500]);
    expect(s).toMatchObject({ phase: 'active', call: { callSid: 'CA123' }, timers: { answeredAt: 3_500 } });
    expect(durations(s, 13_500)).toEqual({ ringMs: 2_500, talkMs: 10_000, holdMs: 0, wrapUpMs: 0 });

    s = run(s, [ev({ type: 'disconnected', callId: 'in-1', by: 'remote' }), 63_500]);
    expect(s).toMatchObject({ phase: 'wrap-up', endReason: 'completed', endedBy: 'remote', timers: { endedAt: 63_500, wrapUpStartedAt: 63_500 } });
    // Talk stops at the hang-up; wrap-up keeps counting.
    expect(durations(s, 73_500)).toEqual({ ringMs: 2_500, talkMs: 60_000, holdMs: 0, wrapUpMs: 10_000 });

    s = run(s, [cmd({ type: 'wrapUpDone' }), 80_000]);
    expect(s).toEqual(initialCallState);
  });

  it('keeps the callSid the call already had when the answer carries none', () => {
    const s = run(
      initialCallState,
      [ev({ type: 'incoming', call: { ...inbound, callSid: 'TR1' } }), 0],
      [ev({ type: 'accepted', callId: 'in-1', callSid: null }), 1],
    );
    expect(s.call?.callSid).toBe('TR1');
  });

  it('runs an outbound call: dialing → connecting (far end ringing) → active → wrap-up', () => {
    let s = run(initialCallState, [cmd({ type: 'dial', call: outbound }), 0]);
    expect(s).toMatchObject({ phase: 'dialing', call: outbound, timers: { ringStartedAt: 0 } });
    s = run(s, [ev({ type: 'ringing', callId: 'out-1' }), 500]);
    expect(s.phase).toBe('connecting');
    s = run(s, [ev({ type: 'accepted', callId: 'out-1', callSid: 'CA777' }), 4_500]);
    expect(s).toMatchObject({ phase: 'active', call: { callSid: 'CA777', direction: 'outbound' }, timers: { answeredAt: 4_500 } });
    s = run(s, [cmd({ type: 'hangUp' }), 34_500]);
    expect(s).toMatchObject({ phase: 'wrap-up', endReason: 'completed', endedBy: 'local' });
    expect(durations(s, 40_000)).toEqual({ ringMs: 4_500, talkMs: 30_000, holdMs: 0, wrapUpMs: 5_500 });
    // The provider's own report of that hang-up arrives afterwards: acknowledged, nothing changes.
    const echo = transition(s, ev({ type: 'disconnected', callId: 'out-1', by: 'local' }), 34_600);
    expect(echo).toEqual({ ok: true, state: s });
    expect(echo.state).toBe(s);
  });

  it('goes straight from dialing to active when the far end answers without a ringing report', () => {
    const s = run(initialCallState, [cmd({ type: 'dial', call: outbound }), 0], [ev({ type: 'accepted', callId: 'out-1', callSid: 'CA1' }), 800]);
    expect(s).toMatchObject({ phase: 'active', timers: { ringStartedAt: 0, answeredAt: 800 } });
  });

  it('dials by number before the provider has an id, adopting the first id an event gives', () => {
    let s = run(initialCallState, [cmd({ type: 'dial', to: '+15555550199' }), 0]);
    expect(s.call).toEqual({ id: '', direction: 'outbound', from: '', to: '+15555550199', callSid: null });
    s = run(s, [ev({ type: 'ringing', callId: 'out-9' }), 100]);
    expect(s).toMatchObject({ phase: 'connecting', call: { id: 'out-9' } });
    expect(refused(s, ev({ type: 'accepted', callId: 'out-8', callSid: null }))).toMatch(/another call \(out-8\)/);
    expect(refused(initialCallState, cmd({ type: 'dial', to: '  ' }))).toMatch(/number to call/);
    const withId = run(initialCallState, [cmd({ type: 'dial', to: '+15555550199', callId: 'out-5', from: '+15555550100' }), 0]);
    expect(withId.call).toMatchObject({ id: 'out-5', from: '+15555550100' });
    expect(refused(withId, ev({ type: 'ringing', callId: 'out-6' }))).toMatch(/another call/);
  });

  it('sums two holds and leaves them out of talk time', () => {
    let s = run(initialCallState, [ev({ type: 'incoming', call: inbound }), 0], [ev({ type: 'accepted', callId: 'in-1', callSid: null }), 0]);
    s = run(s, [cmd({ type: 'hold' }), 10_000]);
    expect(s).toMatchObject({ phase: 'on-hold', timers: { holdStartedAt: 10_000, holdMs: 0 } });
    expect(durations(s, 12_000)).toMatchObject({ holdMs: 2_000, talkMs: 10_000 });
    s = run(s, [cmd({ type: 'resume' }), 25_000]);
    expect(s).toMatchObject({ phase: 'active', timers: { holdStartedAt: null, holdMs: 15_000 } });
    s = run(s, [cmd({ type: 'hold' }), 40_000], [cmd({ type: 'resume' }), 45_000]);
    expect(s.timers.holdMs).toBe(20_000);
    s = run(s, [cmd({ type: 'hangUp' }), 100_000]);
    expect(durations(s, 200_000)).toEqual({ ringMs: 0, talkMs: 80_000, holdMs: 20_000, wrapUpMs: 100_000 });
  });

  it('closes an open hold when the call ends on hold', () => {
    let s = run(
      initialCallState,
      [ev({ type: 'incoming', call: inbound }), 0],
      [ev({ type: 'accepted', callId: 'in-1', callSid: null }), 0],
      [cmd({ type: 'hold' }), 5_000],
    );
    s = run(s, [ev({ type: 'disconnected', callId: 'in-1', by: 'remote' }), 9_000]);
    expect(s.timers).toMatchObject({ holdStartedAt: null, holdMs: 4_000, endedAt: 9_000 });
    expect(durations(s, 50_000)).toMatchObject({ talkMs: 5_000, holdMs: 4_000 });
  });

  it('reconnects back to on-hold, the hold still counting', () => {
    let s = run(fixtures['on-hold'], [ev({ type: 'reconnecting', callId: 'in-1', error: netError }), 4_000]);
    expect(s).toMatchObject({ phase: 'reconnecting', reconnectingFrom: 'on-hold', lastError: netError, timers: { holdStartedAt: 3_000 } });
    s = run(s, [ev({ type: 'reconnected', callId: 'in-1' }), 6_000]);
    expect(s).toMatchObject({ phase: 'on-hold', reconnectingFrom: null, timers: { holdStartedAt: 3_000, holdMs: 0 } });
    expect(durations(s, 8_000).holdMs).toBe(5_000);
    s = run(s, [cmd({ type: 'resume' }), 8_000]);
    expect(s).toMatchObject({ phase: 'active', timers: { holdMs: 5_000 } });
  });

  it('ends as dropped when the call fails while reconnecting', () => {
    const s = run(fixtures.reconnecting, [ev({ type: 'failed', callId: 'in-1', error: setupError }), 5_000]);
    expect(s).toMatchObject({
      phase: 'wrap-up',
      endReason: 'dropped',
      endedBy: null,
      reconnectingFrom: null,
      lastError: setupError,
      timers: { endedAt: 5_000 },
    });
    const viaDisconnect = run(fixtures.reconnecting, [ev({ type: 'disconnected', callId: 'in-1', by: 'remote' }), 5_000]);
    expect(viaDisconnect).toMatchObject({ endReason: 'dropped', endedBy: 'remote' });
  });

  it('takes a repeated reconnecting report in its stride, keeping where it came from', () => {
    const other: VoiceError = { code: 53405, message: 'Media connection lost.' };
    const s = run(fixtures.reconnecting, [ev({ type: 'reconnecting', callId: 'in-1', error: other }), 3_500]);
    expect(s).toMatchObject({ phase: 'reconnecting', reconnectingFrom: 'active', lastError: other });
  });

  it('marks a call the caller gave up on while ringing as missed', () => {
    const s = run(fixtures.ringing, [ev({ type: 'cancelled', callId: 'in-1' }), 21_000]);
    expect(s).toMatchObject({ phase: 'wrap-up', endReason: 'missed', endedBy: 'remote', timers: { answeredAt: null, endedAt: 21_000 } });
    expect(durations(s, 30_000)).toEqual({ ringMs: 20_000, talkMs: 0, holdMs: 0, wrapUpMs: 9_000 });
  });

  it('marks a call that rang out as missed, refusing a ring timer left over from another call', () => {
    expect(run(fixtures.ringing, [cmd({ type: 'ringTimeout' }), 31_000])).toMatchObject({ phase: 'wrap-up', endReason: 'missed', endedBy: 'local' });
    expect(run(fixtures.ringing, [cmd({ type: 'ringTimeout', callId: 'in-1' }), 31_000]).endReason).toBe('missed');
    expect(refused(fixtures.ringing, cmd({ type: 'ringTimeout', callId: 'in-0' }))).toMatch(/another call \(in-0\)/);
    // A timer that fires after the agent answered does nothing.
    expect(refused(fixtures['connecting-in'], cmd({ type: 'ringTimeout' }))).toMatch(/connecting/);
  });

  it('records a declined call as rejected, and the provider’s confirmation changes nothing', () => {
    const s = run(fixtures.ringing, [cmd({ type: 'reject' }), 4_000]);
    expect(s).toMatchObject({ phase: 'wrap-up', endReason: 'rejected', endedBy: 'local', timers: { endedAt: 4_000 } });
    const echo = transition(s, ev({ type: 'rejected', callId: 'in-1' }), 4_010);
    expect(echo.ok).toBe(true);
    expect(echo.state).toBe(s);
  });

  it('records a call that could not connect as failed, with the error', () => {
    const out = run(fixtures.dialing, [ev({ type: 'failed', callId: null, error: setupError }), 2_000]);
    expect(out).toMatchObject({ phase: 'wrap-up', endReason: 'failed', endedBy: null, lastError: setupError });
    const inb = run(fixtures['connecting-in'], [ev({ type: 'failed', callId: 'in-1', error: setupError }), 2_500]);
    expect(inb).toMatchObject({ phase: 'wrap-up', endReason: 'failed', lastError: setupError, timers: { answeredAt: null } });
    // An unanswered outbound call the far end ends (busy, no answer) could not connect either.
    expect(run(fixtures['connecting-out'], [ev({ type: 'disconnected', callId: 'out-1', by: 'remote' }), 9_000]).endReason).toBe('failed');
  });

  it('refuses a stale event from an earlier call once a new call has started', () => {
    const next = run(fixtures['wrap-up'], [cmd({ type: 'wrapUpDone' }), 5_000], [ev({ type: 'incoming', call: { ...inbound, id: 'in-2' } }), 6_000]);
    const error = refused(next, ev({ type: 'disconnected', callId: 'in-1', by: 'remote' }));
    expect(error).toBe('Ignored the call ending for another call (in-1): the current call is in-2.');
    refused(next, ev({ type: 'accepted', callId: 'in-1', callSid: 'CA1' }));
    refused(next, cmd({ type: 'accept', callId: 'in-1' }));
    expect(run(next, [cmd({ type: 'accept', callId: 'in-2' }), 7_000]).phase).toBe('connecting');
  });

  it('refuses a second incoming call while on a call (it keeps ringing elsewhere)', () => {
    const error = refused(fixtures.active, ev({ type: 'incoming', call: { ...inbound, id: 'in-2', from: '+15555550111' } }));
    expect(error).toBe('A new call was not offered because a call is in progress; it keeps ringing for other agents.');
    refused(fixtures['wrap-up'], ev({ type: 'incoming', call: { ...inbound, id: 'in-2' } }));
  });

  it('resets everything when wrap-up is done', () => {
    let s = run(
      fixtures.active,
      [cmd({ type: 'mute' }), 3_000],
      [cmd({ type: 'hold' }), 4_000],
      [ev({ type: 'error', error: netError }), 4_500],
      [cmd({ type: 'resume' }), 6_000],
    );
    s = run(s, [cmd({ type: 'hangUp' }), 9_000]);
    expect(s).toMatchObject({ phase: 'wrap-up', muted: false, lastError: netError, timers: { holdMs: 2_000 } });
    const idle = run(s, [cmd({ type: 'wrapUpDone' }), 20_000]);
    expect(idle).toEqual(initialCallState);
  });

  it('mutes only on a live call, refuses repeats, and un-mutes when the call ends', () => {
    refused(fixtures.ringing, cmd({ type: 'mute' }));
    let s = run(fixtures.active, [cmd({ type: 'mute' }), 3_000]);
    expect(s.muted).toBe(true);
    expect(refused(s, cmd({ type: 'mute' }))).toBe('Muting is not possible while a call is in progress. The microphone is already muted.');
    s = run(s, [ev({ type: 'reconnecting', callId: 'in-1', error: netError }), 3_500]);
    expect(s.muted).toBe(true);
    s = run(s, [cmd({ type: 'unmute' }), 3_600], [cmd({ type: 'mute' }), 3_700]);
    expect(s.muted).toBe(true);
    s = run(s, [ev({ type: 'failed', callId: 'in-1', error: netError }), 4_000]);
    expect(s).toMatchObject({ phase: 'wrap-up', endReason: 'dropped', muted: false });
  });

  it('lets quality reports through unchanged and records device errors without changing phase', () => {
    const q = transition(fixtures.active, ev({ type: 'quality', callId: 'in-1', warnings: ['packet-loss'] }), 3_000);
    expect(q.ok).toBe(true);
    expect(q.state).toBe(fixtures.active);
    const e = transition(fixtures.ringing, ev({ type: 'error', error: netError }), 1_500);
    expect(e.state).toEqual({ ...fixtures.ringing, lastError: netError });
    // A new call starts clean, without an error left from before it.
    const idleError = run(initialCallState, [ev({ type: 'error', error: netError }), 0]);
    expect(idleError.lastError).toEqual(netError);
    expect(run(idleError, [ev({ type: 'incoming', call: inbound }), 1]).lastError).toBeNull();
  });

  it('relabels a call as transferred when the transfer’s own hang-up was reported first', () => {
    const hungUp = run(fixtures.active, [ev({ type: 'disconnected', callId: 'in-1', by: 'local' }), 5_000]);
    const s = run(hungUp, [cmd({ type: 'transferred' }), 5_100]);
    expect(s).toEqual({ ...hungUp, endReason: 'transferred' });
    // Not for a call the caller ended, nor twice.
    refused(fixtures['wrap-up'], cmd({ type: 'transferred' }));
    refused(s, cmd({ type: 'transferred' }));
    // A warm transfer ends the agent's part the same way; from hold, the hold is closed.
    const warm = run(fixtures['on-hold'], [cmd({ type: 'transferred', mode: 'warm' }), 7_000]);
    expect(warm).toMatchObject({ endReason: 'transferred', endedBy: 'local', timers: { holdMs: 4_000, holdStartedAt: null } });
  });

  it('never throws, refusing malformed input and invalid times', () => {
    const garbage = [
      null,
      undefined,
      {},
      { kind: 'provider' },
      { kind: 'agent', command: { type: 'teleport' } },
      { kind: 'provider', event: { type: 'incoming' } },
    ];
    for (const g of garbage) {
      const r = transition(fixtures.active, g as unknown as MachineInput, 1);
      expect(r.ok).toBe(false);
      expect(r.state).toBe(fixtures.active);
    }
    expect(refused(fixtures.active, cmd({ type: 'hold' }), Number.NaN)).toMatch(/not a valid time/);
  });

  it('explains refusals in plain English', () => {
    expect(refused(fixtures.ringing, cmd({ type: 'hold' }))).toBe('Putting the call on hold is not possible while a call is ringing.');
    expect(refused(fixtures.ringing, cmd({ type: 'hangUp' }))).toBe('Hanging up is not possible while a call is ringing. Decline the call instead.');
    expect(refused(fixtures.active, ev({ type: 'ringing', callId: 'in-1' }))).toBe('Ignored the other phone ringing because a call is in progress.');
    expect(refused(initialCallState, ev({ type: 'quality', callId: 'x', warnings: [] }))).toBe('Ignored a call-quality report: no call is in progress.');
    expect(describeRefusal(cmd({ type: 'resume' }), 'reconnecting', 'Wait for the call to reconnect.')).toBe(
      'Taking the call off hold is not possible while the call is reconnecting. Wait for the call to reconnect.',
    );
  });

  it('never reports negative durations when the clock steps back', () => {
    expect(durations(fixtures.active, 0)).toEqual({ ringMs: 1_500, talkMs: 0, holdMs: 0, wrapUpMs: 0 });
    expect(durations(initialCallState, 1_000)).toEqual({ ringMs: 0, talkMs: 0, holdMs: 0, wrapUpMs: 0 });
  });
});
