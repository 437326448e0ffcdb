import { describe, expect, it } from 'vitest';
import { AgentReadableError, contract, type AppInfo } from '../../preload/contract';
import { createRegistry } from '../../main/handlers';
import { buildRegistry, dispatch, handlersFor, logSafe } from '../../main/handlers/registry';
import { noopDesktopShell } from '../../main/services/desktop/desktop-shell';
import type { PatientsService } from '../../main/services/patients/service';
import { createTelephonyService } from '../../main/services/telephony/service';
import { memorySettings } from '../support/settings';

const info: AppInfo = {
  name: 'Ambassador Desk',
  version: '0.0.0',
  mode: 'browser-host',
  dataDir: '/tmp/x',
  notices: [],
  database: { path: '/tmp/x/desk.db', schemaVersion: 1, encrypted: true },
};

function registryWith(patients: Partial<PatientsService>) {
  const settings = memorySettings();
  return createRegistry({
    appInfo: () => info,
    settings,
    patients: { search: async () => [], upsert: async () => 0, matchCaller: async () => ({ e164: null, matches: [] }), count: async () => 0, ...patients },
    timeline: { query: async () => ({ events: [], nextCursor: null, total: 0 }), source: async () => null },
    scripts: { build: async () => Promise.reject(new Error('not used here')) },
    contacts: {
      start: async () => Promise.reject(new Error('not used here')),
      recordScript: async () => null,
      get: async () => null,
      update: async () => null,
      recent: async () => [],
    },
    imports: {
      start: () => 'job',
      cancel: () => false,
      report: () => ({ fileName: 'r.txt', text: '' }),
      status: () => ({ running: null, last: null }),
      idle: async () => {},
    },
    telephony: createTelephonyService({ settings, fetch: () => Promise.reject(new Error('no network in this test')) }),
    training: { call: async () => Promise.reject(new Error('not used here')) },
    pickPaths: undefined,
    desktop: noopDesktopShell,
  });
}

describe('handler registry', () => {
  it('has exactly one handler for every channel of the contract', () => {
    const registry = registryWith({});
    expect([...registry.keys()].sort()).toEqual([
      'app.info',
      'contacts.get',
      'contacts.recent',
      'contacts.recordScript',
      'contacts.start',
      'contacts.update',
      'desktop.callStatus',
      'import.cancel',
      'import.pickPaths',
      'import.report',
      'import.start',
      'import.status',
      'patients.byPhone',
      'patients.search',
      'scripts.build',
      'settings.get',
      'settings.set',
      'telephony.config',
      'telephony.hold',
      'telephony.token',
      'telephony.transfer',
      'timeline.query',
      'timeline.source',
      'training.call',
    ]);
    const app = handlersFor(contract.app, { info: () => info });
    expect(() => buildRegistry(app)).toThrow(/No handler for channel/);
    expect(() => buildRegistry([...app, ...app])).toThrow(/Two handlers registered for app.info/);
  });

  it('never calls a handler with invalid input, and names the field in the error', async () => {
    let calls = 0;
    const registry = registryWith({ search: async () => (calls++, []) });
    const reply = await dispatch(registry, 'patients.search', { text: 42 }, () => {});
    expect(calls).toBe(0);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'text' }] } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/patients\.search.*text/);
  });

  it('answers unknown channels, handler failures and off-contract replies with clear errors', async () => {
    const log: string[] = [];
    const failing = registryWith({
      search: async () => {
        throw new AgentReadableError('The cache is being rebuilt; try again in a minute');
      },
    });
    expect(await dispatch(failing, 'patients.delete', {}, () => {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch(failing, 'patients.search', { text: 'ana' }, (l) => log.push(l))).toEqual({
      ok: false,
      error: { code: 'failed', message: 'The cache is being rebuilt; try again in a minute' },
    });
    expect(log[0]).toMatch(/patients\.search failed/);

    const lying = registryWith({ search: async () => [{ id: 1 }] as never });
    expect(await dispatch(lying, 'patients.search', { text: 'ana' }, () => {})).toMatchObject({ ok: false, error: { code: 'invalid_reply' } });
  });

  it('tells the agent a plain sentence with an error id for an internal failure, and logs the details under that id without patient data (issue 15)', async () => {
    const log: string[] = [];
    const failing = registryWith({
      search: async () => {
        // What a library may say: JSON.parse quotes its input, a database error may name a value.
        throw Object.assign(new SyntaxError('Unexpected token in JSON at position 3, "Renata Quiñones, born 1958-03-14, +1 555 123 0001" is not valid JSON'), {
          code: 'E_PARSE',
        });
      },
    });
    const reply = await dispatch(failing, 'patients.search', { text: 'ana' }, (l) => log.push(l));
    expect(reply.ok).toBe(false);
    const error = reply.ok ? undefined : reply.error;
    expect(error?.code).toBe('failed');
    expect(error?.message).toMatch(/^Something went wrong \(error id [0-9A-F]{8}\)\. Try again; if it happens again, give this id to your support team\.$/);
    const errorId = /error id ([0-9A-F]{8})/.exec(error!.message)![1]!;
    expect(error?.errorId).toBe(errorId);
    // The agent sees nothing of the internal text.
    expect(JSON.stringify(reply)).not.toMatch(/SyntaxError|Unexpected token|Renata|E_PARSE/);
    // The log has the kind, the message and where it happened, under the same id, but no patient data.
    const logged = log.join('\n');
    expect(log[0]).toBe(`patients.search failed (error id ${errorId}): SyntaxError [E_PARSE]: Unexpected token in JSON at position 3, "…" is not valid JSON`);
    expect(log[1]).toMatch(new RegExp(`^error id ${errorId} at: at .*registry\\.test\\.ts`));
    expect(logged).not.toMatch(/Renata|1958|555 123/);

    // Each failure has its own id.
    const again = await dispatch(failing, 'patients.search', { text: 'ana' }, () => {});
    expect(again.ok ? '' : again.error.errorId).not.toBe(errorId);

    // An off-contract reply is ours too: the same plain sentence, the details in the log.
    const lying = registryWith({ search: async () => [{ id: 1 }] as never });
    const bad = await dispatch(lying, 'patients.search', { text: 'ana' }, (l) => log.push(l));
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_reply', message: expect.stringMatching(/^Something went wrong \(error id [0-9A-F]{8}\)/) },
    });
    expect(log.at(-1)).toMatch(/^patients\.search produced an invalid reply \(error id [0-9A-F]{8}\): /);
  });

  it('masks quoted text and long numbers in what it logs, and cuts long texts, in linear time', () => {
    expect(logSafe('The record says this patient has died (2019-03-04), so no script is offered')).toBe(
      'The record says this patient has died (#), so no script is offered',
    );
    expect(logSafe('caller +1 (555) 123-0001 and MRN 84310022 at 127.0.0.1:8080')).toBe('caller # and MRN # at 127.0.0.1:8080');
    expect(logSafe('“María” said "hola"')).toBe('"…" said "…"');
    expect(logSafe('x'.repeat(1000))).toHaveLength(301);
    const started = performance.now();
    logSafe('"'.repeat(2_000_000) + '1-'.repeat(2_000_000));
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('applies defaults and returns the validated reply', async () => {
    let seen: unknown;
    const registry = registryWith({ search: async (text, limit) => ((seen = { text, limit }), []) });
    expect(await dispatch(registry, 'patients.search', { text: ' ana ' }, () => {})).toEqual({ ok: true, value: [] });
    expect(seen).toEqual({ text: 'ana', limit: 25 });
    expect(await dispatch(registry, 'settings.set', { theme: 'dark' }, () => {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(await dispatch(registry, 'settings.get', {}, () => {})).toMatchObject({ ok: true, value: { theme: 'dark', language: 'en' } });
  });
});
