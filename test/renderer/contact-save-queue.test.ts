import { describe, expect, test } from 'vitest';
import { createContactSaveQueue, type SaveStatus } from '../../renderer/features/softphone/contactSaveQueue';
import type { ContactPatch } from '../../preload/contract';

function harness() {
  const sent: { contactId: string; patch: ContactPatch; settle: (ok: boolean) => void }[] = [];
  const statuses: SaveStatus['status'][] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const queue = createContactSaveQueue({
    send: (contactId, patch) =>
      new Promise((resolve, reject) => sent.push({ contactId, patch, settle: (ok) => (ok ? resolve(undefined) : reject(new Error('The cache is busy'))) })),
    onStatus: (s) => statuses.push(s.status),
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { queue, sent, statuses, timers, tick };
}

describe('the contact-save queue', () => {
  test('sends one request at a time and merges what is typed meanwhile, later fields winning', async () => {
    const { queue, sent, tick } = harness();
    queue.save('c1', { notes: 'first' });
    queue.save('c1', { notes: 'second', disposition: 'resolved' });
    queue.save('c1', { notes: 'third' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.patch).toEqual({ notes: 'first' });
    sent[0]!.settle(true);
    await tick();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.patch).toEqual({ notes: 'third', disposition: 'resolved' });
  });

  test('a failed save is retried after 1 s, 2 s, 4 s… up to 10 s, with newer changes on top of the failed ones', async () => {
    const { queue, sent, timers, statuses, tick } = harness();
    queue.save('c1', { notes: 'a', disposition: 'resolved' });
    sent[0]!.settle(false);
    await tick();
    expect(statuses.at(-1)).toBe('failed');
    queue.save('c1', { notes: 'ab' });
    expect(sent).toHaveLength(1); // waits for the pause, does not hammer the cache
    const pauses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const timer = timers.shift()!;
      pauses.push(timer.ms);
      timer.fn();
      await tick();
      expect(sent.at(-1)!.patch).toEqual({ notes: 'ab', disposition: 'resolved' });
      sent.at(-1)!.settle(false);
      await tick();
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 10_000]);
    timers.shift()!.fn();
    await tick();
    sent.at(-1)!.settle(true);
    await tick();
    expect(statuses.at(-1)).toBe('saved');
    expect(queue.pending().size).toBe(0);
  });

  test('changes made before the call has a contact wait for it, and go to that contact', async () => {
    const { queue, sent, tick } = harness();
    queue.save(null, { identity: { outcome: 'verified', identifiers: ['name', 'birthDate'] } });
    await tick();
    expect(sent).toHaveLength(0);
    queue.assign('c7');
    expect(sent[0]).toMatchObject({ contactId: 'c7', patch: { identity: { outcome: 'verified' } } });
  });

  test("an earlier call's unsent changes are dropped at the next call, not sent to its contact", async () => {
    const { queue, sent } = harness();
    queue.save(null, { notes: 'from a call whose contact never started' });
    queue.dropUnassigned();
    queue.assign('c8');
    expect(sent).toHaveLength(0);
  });

  test('changes for two contacts are both kept: a pending save of the last call survives the next one', async () => {
    const { queue, sent, tick } = harness();
    queue.save('c1', { notes: 'call one' });
    queue.save('c1', { disposition: 'resolved' }); // waits behind the first request
    queue.save('c2', { notes: 'call two' });
    sent[0]!.settle(true);
    await tick();
    sent[1]!.settle(true);
    await tick();
    expect(sent.map((s) => [s.contactId, s.patch])).toEqual([
      ['c1', { notes: 'call one' }],
      ['c1', { disposition: 'resolved' }],
      ['c2', { notes: 'call two' }],
    ]);
  });
});
