import { describe, expect, it } from 'vitest';
import { contract, type AppInfo } from '../../preload/contract';
import { createRegistry } from '../../main/handlers';
import { buildRegistry, dispatch, handlersFor, UserFacingError } from '../../main/handlers/registry';
import { noopDesktopShell } from '../../main/services/desktop/status';
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
    contacts: { start: async () => Promise.reject(new Error('not used here')), recordScript: async () => null, get: async () => null, update: async () => null, recent: async () => [] },
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
        throw new UserFacingError('The cache is being rebuilt; try again in a minute');
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

  it('applies defaults and returns the validated reply', async () => {
    let seen: unknown;
    const registry = registryWith({ search: async (text, limit) => ((seen = { text, limit }), []) });
    expect(await dispatch(registry, 'patients.search', { text: ' ana ' }, () => {})).toEqual({ ok: true, value: [] });
    expect(seen).toEqual({ text: 'ana', limit: 25 });
    expect(await dispatch(registry, 'settings.set', { theme: 'dark' }, () => {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(await dispatch(registry, 'settings.get', {}, () => {})).toMatchObject({ ok: true, value: { theme: 'dark', language: 'en' } });
  });
});
