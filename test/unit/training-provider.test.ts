import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainingCall } from '../../preload/contract';
import { createTrainingProvider } from '../../renderer/features/softphone/voice/training-provider';
import type { VoiceEvent } from '../../renderer/features/softphone/voice/types';

const caller: TrainingCall = { scenario: 'bill', from: '+12105039933', to: '+15555550100', language: 'es', prompt: 'Hola, recibí una nota de mi seguro.' };

function setup(ringTimeoutMs = 30_000) {
  const asked: unknown[] = [];
  const spoken: [string, string][] = [];
  const transport = {
    invoke: async (channel: string, input: unknown) => {
      asked.push({ channel, input });
      return caller;
    },
  } as never;
  const provider = createTrainingProvider({ transport, ringTimeoutMs, delayMs: 100, speak: (text, language) => spoken.push([text, language]) });
  const events: VoiceEvent[] = [];
  provider.on((e) => events.push(e));
  return { provider, events, asked, spoken };
}

describe('training provider', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('rings with the number main picked, speaks the caller’s words in their language once answered', async () => {
    const { provider, events, asked, spoken } = setup();
    const call = await provider.simulateIncoming('bill');
    expect(asked).toEqual([{ channel: 'training.call', input: { scenario: 'bill' } }]);
    expect(events).toEqual([{ type: 'incoming', call }]);
    expect(call).toMatchObject({ direction: 'inbound', from: '+12105039933', scenario: 'bill' });
    expect(call.callSid).toMatch(/^TR[0-9a-f]{32}$/);
    await provider.accept(call.id);
    expect(spoken).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(events.at(-1)).toEqual({ type: 'accepted', callId: call.id, callSid: call.callSid });
    expect(spoken).toEqual([[caller.prompt, 'es']]);
  });

  it('an unanswered call is given up by the caller after the ring timeout (a missed call)', async () => {
    const { provider, events } = setup(5000);
    const call = await provider.simulateIncoming();
    await vi.advanceTimersByTimeAsync(4999);
    expect(events.map((e) => e.type)).toEqual(['incoming']);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.at(-1)).toEqual({ type: 'cancelled', callId: call.id });
    await expect(provider.accept(call.id)).rejects.toThrow(/no such call/);
  });

  it('refuses a second call while one is live; a cold transfer ends the agent’s leg, a warm one does not', async () => {
    const { provider, events } = setup();
    const call = await provider.simulateIncoming();
    await expect(provider.simulateIncoming()).rejects.toThrow(/already in progress/);
    await provider.accept(call.id);
    await vi.advanceTimersByTimeAsync(100);
    const warm = provider.transfer(call.id, { id: 'nurse-line', label: 'Nurse', number: '+15555550101' }, 'warm');
    await vi.advanceTimersByTimeAsync(100);
    await warm;
    expect(events.at(-1)?.type).toBe('accepted');
    const cold = provider.transfer(call.id, { id: 'nurse-line', label: 'Nurse', number: '+15555550101' }, 'cold');
    await vi.advanceTimersByTimeAsync(100);
    await cold;
    expect(events.at(-1)).toEqual({ type: 'disconnected', callId: call.id, by: 'local' });
  });

  it('keeps the digits sent and lets the simulated caller hang up', async () => {
    const { provider, events } = setup();
    const call = await provider.simulateIncoming();
    await provider.accept(call.id);
    await vi.advanceTimersByTimeAsync(100);
    provider.sendDigits(call.id, '1');
    provider.sendDigits(call.id, '#');
    expect(provider.digits).toBe('1#');
    provider.remoteHangUp();
    expect(events.at(-1)).toEqual({ type: 'disconnected', callId: call.id, by: 'remote' });
  });
});
